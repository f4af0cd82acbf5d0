"""Issue 13: a member of a draft's committee who opens it before the committee's stage is told why and when (403),
on the page and in the API, in the reader's language; anyone else who may not see it keeps "no such draft" (404)."""

from __future__ import annotations

from reviewflow.extensions import db
from reviewflow.models import DraftState as S
from reviewflow.services import lifecycle
from tests.api.conftest import stored_token
from tests.pages.conftest import draft_in
from tests.pages.test_forms import signed_in

LT_NOT_YET = ("Šis projektas jūsų komitetui dar nepateiktas: jo etapas – „Savivaldybių konsultacija“. Jūsų komitetas "
              "(LSA IVPK – Informacinės visuomenės plėtros komitetas) jį matys, kai LSA teisininkas apibendrins "
              "savivaldybių pastabas, iki atsakymo termino {deadline}. Savivaldybės pastabas teikia iki {comments}.")
EN_NOT_YET = ("This draft is not before your committee yet: it is at the stage “Municipal consultation”. Your "
              "committee (LSA IVPK – Information Society Development Committee) sees it when LSA's lawyer consolidates "
              "the municipalities' comments, before the reply deadline {deadline}. Municipalities comment until "
              "{comments}.")


def api_get(app, user, url: str, language: str):
    """The API's answer to ``user`` in ``language``."""
    headers = {"Authorization": f"Bearer {stored_token(user)}", "Accept-Language": language}
    return app.test_client().get(url, headers=headers)


def test_the_drafts_committee_is_told_the_stage_and_when_it_sees_the_draft_then_sees_it(app, people, make_user):
    draft = draft_in(S.CONSULTATION, people)  # assigned to IVPK
    said = {"deadline": draft.reply_deadline.isoformat(), "comments": draft.comment_deadline.isoformat()}
    url = f"/drafts/{draft.id}"
    page = signed_in(app, people["committee"]).get(url)
    assert page.status_code == 403
    assert LT_NOT_YET.format(**said).replace("'", "&#39;") in page.get_data(as_text=True)
    api = api_get(app, people["committee"], f"/api/v1{url}", "lt")
    assert api.status_code == 403 and api.get_json()["detail"] == LT_NOT_YET.format(**said)
    board = api_get(app, people["board"], f"/api/v1{url}", "lt")  # the same shape as the board's refusal
    assert board.status_code == 403 and set(api.get_json()) == set(board.get_json())

    english = make_user("committee", committees=["IVPK"], language="en")
    page = signed_in(app, english).get(url)
    assert page.status_code == 403
    assert EN_NOT_YET.format(**said).replace("'", "&#39;") in page.get_data(as_text=True)
    api = api_get(app, english, f"/api/v1{url}", "en")
    assert api.status_code == 403 and api.get_json()["detail"] == EN_NOT_YET.format(**said)

    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."},
                              recent_login=True)
    assert signed_in(app, people["committee"]).get(url).status_code == 200  # consolidation: the committee's now
    assert api_get(app, english, f"/api/v1{url}", "en").status_code == 200


def test_a_member_of_another_committee_and_others_still_get_no_such_draft(app, people, make_user):
    draft = draft_in(S.CONSULTATION, people)  # IVPK's
    url = f"/drafts/{draft.id}"
    for language in ("lt", "en"):
        other = make_user("committee", committees=["APL"], language=language)
        assert signed_in(app, other).get(url).status_code == 404
        assert api_get(app, other, f"/api/v1{url}", language).status_code == 404
    assert signed_in(app, people["kaunas"]).get(f"/drafts/{draft_in(S.ASSIGNED, people).id}").status_code == 404


def test_a_draft_withdrawn_before_or_after_it_reached_the_committee_says_which(app, people):
    early, late = draft_in(S.CONSULTATION, people), draft_in(S.COMMITTEE_REVIEW, people)
    for draft in (early, late):
        lifecycle.fire_transition(draft.id, "withdraw", people["lawyer"], {"reason": "Atsiimta."}, recent_login=True)
    db.session.expire_all()
    committee = signed_in(app, people["committee"])
    page = committee.get(f"/drafts/{early.id}")
    assert page.status_code == 403
    assert ("Šis projektas atšauktas dar prieš pateikiant jį jūsų komitetui "
            "(LSA IVPK – Informacinės visuomenės plėtros komitetas).") in page.get_data(as_text=True)
    page = committee.get(f"/drafts/{late.id}")
    assert page.status_code == 403
    assert "Šis projektas atšauktas etape „Svarsto komitetas“." in page.get_data(as_text=True)
