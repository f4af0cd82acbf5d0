"""Notices are written in the reader's current language when read (issue 13, trial 4 B2), and a municipality
without comments is not told to look at LSA's decisions on its comments."""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from reviewflow.models import AnswerStatus, Invitation, Municipality, Notification
from reviewflow.services import notifications
from tests.conftest import login
from tests.services.outcome_world import approved, mark_sent  # noqa: F401

LETTER_SENT_LT = "LSA išsiuntė raštą dėl projekto XIVP-2435(2)"
LETTER_SENT_EN = "LSA sent its letter on draft XIVP-2435(2)"


def notice_of(user) -> Notification:
    return notifications.list_notifications(user.id)[0]


def set_language(db, user, language: str) -> None:
    user.language = language
    db.session.commit()


def notices_page(app, user) -> str:
    client = app.test_client()
    login(client, user.email)
    return client.get("/notifications/").get_data(as_text=True)


def test_a_notice_is_written_in_the_readers_language_of_now(app, cast, approved, db):  # noqa: F811
    lawyer, kaunas, vilnius = cast["lawyer"], cast["kaunas"], cast["vilnius"]
    set_language(db, lawyer, "en")
    set_language(db, kaunas, "en")  # Kaunas read in English when the letter went out, Vilnius in Lithuanian
    with force_locale("en"):  # the lawyer acts in English
        mark_sent(approved, lawyer)
    assert notice_of(kaunas).params == {"number": "XIVP-2435(2)", "title": approved.draft.title}
    set_language(db, kaunas, "lt")
    set_language(db, vilnius, "en")
    kaunas_page, vilnius_page = notices_page(app, kaunas), notices_page(app, vilnius)
    assert LETTER_SENT_LT in kaunas_page and LETTER_SENT_EN not in kaunas_page
    assert LETTER_SENT_EN in vilnius_page and LETTER_SENT_LT not in vilnius_page
    with force_locale("lt"):
        assert notifications.render(notice_of(kaunas)).startswith(LETTER_SENT_LT)
    assert notifications.render(notice_of(kaunas), "en").startswith(LETTER_SENT_EN)


def test_a_notice_without_params_keeps_its_stored_text(app, cast, db):
    old = Notification(user_id=cast["kaunas"].id, kind="approved", message="Valdyba pritarė pozicijai.")
    db.session.add(old)
    db.session.commit()
    assert notifications.render(old, "en") == "Valdyba pritarė pozicijai."
    assert "Valdyba pritarė pozicijai." in notices_page(app, cast["kaunas"])


def test_a_municipality_without_comments_is_pointed_at_the_letter(cast, approved, db, make_user):  # noqa: F811
    klaipeda = db.session.scalar(select(Municipality).where(Municipality.iso_code == "LT-20"))
    specialist = make_user("specialist", municipality="LT-20", language="en")
    deadline = db.session.scalar(select(Invitation.deadline).where(Invitation.draft_id == approved.draft.id))
    db.session.add(Invitation(draft_id=approved.draft.id, municipality_id=klaipeda.id, deadline=deadline,
                              status=AnswerStatus.NO_COMMENTS))
    db.session.commit()
    mark_sent(approved, cast["lawyer"])
    notice = notice_of(specialist)
    assert (notice.kind, notice.url) == ("letter_sent_without_comments", f"/drafts/{approved.draft.id}#letter")
    assert notifications.render(notice, "en") == (
        f"LSA sent its letter on draft XIVP-2435(2) “{approved.draft.title}”. The letter is on the draft's page.")
    assert (notice_of(cast["kaunas"]).kind, notice_of(cast["kaunas"]).url) == (
        "letter_sent", f"/drafts/{approved.draft.id}#outcome")


def test_a_reminder_notice_is_written_in_the_readers_language_too(app):
    notice = Notification(kind="reminder_overdue", message="Vėluojama: …", params={
        "number": "XIVP-1", "title": "Projektas", "deadline": "2026-12-01", "left": 0, "municipalities": ""})
    assert notifications.render(notice, "en") == (
        "Overdue: the reply on draft XIVP-1 “Projektas” was due on 2026-12-01 and has not been sent.")
    with force_locale("lt"):
        assert notifications.render(notice) == (
            "Vėluojama: atsakymo dėl projekto XIVP-1 „Projektas“ terminas buvo 2026-12-01, "
            "o atsakymas dar neišsiųstas.")
