"""The reminder scan: who is reminded of what and when, each reminder exactly once."""

from reviewflow.extensions import db
from reviewflow.models import DraftState
from reviewflow.services import consultation as consultation_service
from reviewflow.services.reminders import scan_reminders
from tests.reminders.conftest import BASE_URL, vilnius
from tests.reminders.helpers import claims, consultation, put_in_state, reminder_notices, set_dates


def test_a_scan_run_twice_sends_each_reminder_once(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20")
    assert scan_reminders(vilnius("2026-12-22", 7, 59)).claimed == 0
    first = scan_reminders(vilnius("2026-12-22", 8, 5))
    second = scan_reminders(vilnius("2026-12-22", 8, 10))
    assert (first.claimed, len(first.sent)) == (3, 3)  # two Vilnius specialists and one in Kaunas
    assert (second.claimed, second.sent) == (0, [])
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(
        cast[k].email for k in ("vilnius", "vilnius2", "kaunas"))
    assert len(set(smtp_sink.message_ids)) == 3
    assert {c.kind for c in claims()} == {"municipal_before"}
    assert all(c.sent_at and c.message_id == f"reminder-{c.id}" for c in claims())


def test_smtp_down_then_up_delivers_every_reminder_exactly_once(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20")
    smtp_sink.stop()
    down = scan_reminders(vilnius("2026-12-22", 8))
    assert (down.claimed, down.sent, len(down.failed)) == (3, [], 3)
    assert all(c.sent_at is None and c.last_error and c.attempts == 1 for c in claims())
    assert scan_reminders(vilnius("2026-12-22", 8, 5)).sent == []  # still down: still unsent
    smtp_sink.start()
    up = scan_reminders(vilnius("2026-12-22", 8, 10))
    again = scan_reminders(vilnius("2026-12-22", 8, 15))
    assert (up.claimed, len(up.sent), again.sent) == (0, 3, [])
    assert len(smtp_sink.messages) == 3
    assert sorted(smtp_sink.message_ids) == sorted(
        f"<reminder-{c.id}@lsa.lt>" for c in claims())
    assert all(c.sent_at and c.last_error is None and c.attempts == 3 for c in claims())


def test_stages_before_and_on_the_day_then_the_lawyer_hears_who_did_not_answer(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20")
    consultation_service.answer_no_comments(registered, cast["kaunas"])
    scan_reminders(vilnius("2026-12-22"))
    scan_reminders(vilnius("2026-12-28"))
    assert [(c.kind, c.user_id) for c in claims()] == [
        ("municipal_before", cast["vilnius"].id), ("municipal_before", cast["vilnius2"].id),
        ("municipal_day", cast["vilnius"].id), ("municipal_day", cast["vilnius2"].id),
    ]
    # The deadline passed on Monday: Tuesday morning the lawyer is told, once.
    assert scan_reminders(vilnius("2026-12-29", 7)).claimed == 0
    scan_reminders(vilnius("2026-12-29", 8))
    scan_reminders(vilnius("2026-12-30", 8))
    (missed,) = claims(kind="missed_answers")
    assert missed.user_id == cast["lawyer"].id
    (mail,) = smtp_sink.to(cast["lawyer"].email)
    body = mail.get_body(("plain",)).get_content()
    assert "Vilniaus miesto savivaldybė" in body and "Kauno" not in body
    assert len(smtp_sink.messages) == 5


def test_a_late_scan_sends_only_the_latest_stage(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    report = scan_reminders(vilnius("2026-12-28", 15))  # the server was down since before Christmas
    assert [c.kind for c in claims()] == ["municipal_day"]
    assert len(report.sent) == 1


def test_mails_are_in_the_recipients_language_with_text_html_and_a_link(cast, registered, smtp_sink, make_user):
    english = make_user("specialist", municipality="LT-15", language="en")
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    scan_reminders(vilnius("2026-12-22"))
    (lt_mail,) = smtp_sink.to(cast["kaunas"].email)
    (en_mail,) = smtp_sink.to(english.email)
    link = f"{BASE_URL}/drafts/{registered.id}"
    assert lt_mail["Subject"] == "Reviewflow priminimas: XIVP-2435(2)"
    assert en_mail["Subject"] == "Reviewflow reminder: XIVP-2435(2)"
    # Lithuanian greets without the name (the nominative "Laba diena, Jonas" is wrong; the vocative unsafe).
    assert lt_mail.get_body(("plain",)).get_content().splitlines()[0] == "Laba diena,"
    assert en_mail.get_body(("plain",)).get_content().splitlines()[0] == f"Hello, {english.name},"
    for mail, words in ((lt_mail, "Laba diena,"), (en_mail, "Hello")):
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert words in text and words in html
        assert link in text and f'href="{link}"' in html
        assert "2026-12-28" in text
    assert "liko darbo dienų: 2" in lt_mail.get_body(("plain",)).get_content()
    assert "2 working day(s) left" in en_mail.get_body(("plain",)).get_content()


def test_each_reminder_is_also_an_in_app_notice_created_once(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    scan_reminders(vilnius("2026-12-22"))
    scan_reminders(vilnius("2026-12-22", 9))
    (notice,) = reminder_notices(cast["kaunas"])
    assert notice.kind == "reminder_municipal_before" and notice.url == f"/drafts/{registered.id}"
    assert "XIVP-2435(2)" in notice.message


def test_digest_users_get_one_mail_a_day_with_all_their_reminders(cast, registered, smtp_sink, draft_payload):
    from reviewflow.services.drafts import register_draft

    lawyer = cast["lawyer"]
    lawyer.digest_mode = True
    db.session.commit()
    second = register_draft({**draft_payload, "number": "XIVP-100"}, lawyer).draft
    for draft in (registered, second):
        consultation(cast, draft, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-15"])
    consultation_service.answer_no_comments(registered, cast["kaunas"])
    consultation_service.answer_no_comments(second, cast["kaunas"])
    scan_reminders(vilnius("2026-12-22", 8))
    scan_reminders(vilnius("2026-12-22", 12))
    (digest,) = smtp_sink.to(lawyer.email)
    assert digest["Subject"] == "Reviewflow: priminimai 2026-12-22 (2)"
    text = digest.get_body(("plain",)).get_content()
    assert "XIVP-2435(2)" in text and "XIVP-100" in text
    assert [c.kind for c in claims(user_id=lawyer.id)] == ["reply_before", "reply_before"]
    assert all(c.sent_at and c.message_id.startswith("reminder-digest-") for c in claims(user_id=lawyer.id))
    assert len(reminder_notices(lawyer)) == 2
    # The next day's reminder goes into the next day's digest.
    scan_reminders(vilnius("2026-12-28", 8))
    assert len(smtp_sink.to(lawyer.email)) == 2


def test_digest_survives_smtp_down(cast, registered, smtp_sink):
    cast["lawyer"].digest_mode = True
    db.session.commit()
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-15"])
    consultation_service.answer_no_comments(registered, cast["kaunas"])
    smtp_sink.stop()
    assert scan_reminders(vilnius("2026-12-22")).failed
    smtp_sink.start()
    scan_reminders(vilnius("2026-12-22", 9))
    scan_reminders(vilnius("2026-12-22", 10))
    assert len(smtp_sink.to(cast["lawyer"].email)) == 1


def test_committee_and_board_members_are_reminded_while_the_draft_waits_for_them(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-15"])
    put_in_state(registered, DraftState.COMMITTEE_REVIEW, committee="IVPK")
    scan_reminders(vilnius("2026-12-22"))
    assert {(c.kind, c.user_id) for c in claims()} == {
        ("reply_before", cast["lawyer"].id), ("committee_before", cast["ivpk"].id)}
    put_in_state(registered, DraftState.BOARD_REVIEW)
    scan_reminders(vilnius("2026-12-28"))
    assert {(c.kind, c.user_id) for c in claims(deadline=registered.reply_deadline)} >= {
        ("reply_day", cast["lawyer"].id), ("board_day", cast["board"].id)}
    assert not claims(user_id=cast["fin"].id)
    assert not claims(kind="committee_day")


def test_an_overdue_draft_escalates_once_to_the_lawyer_and_the_admins(cast, registered, smtp_sink, make_user):
    second_admin = make_user("admin")
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-23", municipalities=["LT-15"])
    consultation_service.answer_no_comments(registered, cast["kaunas"])
    put_in_state(registered, DraftState.APPROVED)
    assert scan_reminders(vilnius("2026-12-24", 9)).claimed == 0  # a holiday: reported on the 28th
    for day in ("2026-12-28", "2026-12-29", "2027-01-05"):
        scan_reminders(vilnius(day, 9))
    overdue = claims(kind="overdue")
    assert sorted(c.user_id for c in overdue) == sorted(
        [cast["lawyer"].id, cast["admin"].id, second_admin.id])
    (mail,) = smtp_sink.to(cast["admin"].email)
    assert mail["Subject"].startswith("Reviewflow: vėluojama")


def test_sent_and_withdrawn_drafts_are_left_alone(cast, registered, smtp_sink):
    set_dates(registered, reply="2026-12-23")
    put_in_state(registered, DraftState.WITHDRAWN)
    assert scan_reminders(vilnius("2026-12-29")).due == 0
    assert smtp_sink.messages == []
