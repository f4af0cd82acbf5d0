"""The pages say what happened: comments entered but not submitted are marked so, "no comments" is said as the
answer it is, each lifecycle step ends with a past-tense sentence, and the bulk confirmation warns only about
decisions it would really replace."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from reviewflow.drafts.forms_actions import ACTION_LABELS
from reviewflow.models import DraftState
from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.workflows import TRANSITIONS
from reviewflow.workflows.lifecycle import done_text
from tests.conftest import login
from tests.pages.conftest import draft_in

NOT_SUBMITTED = "dar nepateikta"


def _decide_forms(page: str) -> list[str]:
    return re.findall(r'action="/drafts/\d+/comments/(\d+)/decide"', page)


def test_lsa_sees_which_comments_are_entered_but_not_submitted(client, people, db):
    draft = draft_in(DraftState.CONSULTATION, people)  # Vilnius entered a comment and has not submitted
    comment = draft.comment
    login(client, people["lawyer"].email)
    table = client.get(f"/drafts/{draft.id}/table").get_data(as_text=True)
    assert NOT_SUBMITTED in table
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    row = re.search(r'<tr data-status="pending"[^>]*>\s*<td>Vilniaus miesto savivaldybė</td>.*?</tr>', page, re.S)
    assert row and NOT_SUBMITTED in row.group(0)

    # Even where decisions are made, a comment not submitted has no decision form and cannot be ticked.
    draft.state = DraftState.CONSOLIDATION
    db.session.commit()
    table = client.get(f"/drafts/{draft.id}/table").get_data(as_text=True)
    assert _decide_forms(table) == [] and f'id="pick-{comment.id}"' not in table
    assert "Savivaldybė pastabą įvedė, bet dar nepateikė" in table

    draft.state = DraftState.CONSULTATION
    db.session.commit()
    consultation.submit_answer(draft, people["specialist"])
    draft.state = DraftState.CONSOLIDATION
    db.session.commit()
    table = client.get(f"/drafts/{draft.id}/table").get_data(as_text=True)
    assert _decide_forms(table) == [str(comment.id)] and NOT_SUBMITTED not in table


def test_after_no_comments_the_answer_and_draft_pages_say_so(client, people, db):
    draft = draft_in(DraftState.CONSULTATION, people)
    consultation.answer_no_comments(draft, people["kaunas"])
    login(client, people["kaunas"].email)
    answer = client.get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    assert "Pastabų dar nėra" not in answer
    said = re.search(r'<p id="no-comments-answer">(.*?)</p>', answer, re.S).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} jūsų savivaldybė atsakė, kad pastabų dėl šio projekto neturi\.",
                        said.strip()), said
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "jūsų savivaldybė atsakė, kad pastabų dėl šio projekto neturi." in page


EXPECTED_DONE = {
    "assign": "Paskirtas atsakingas teisininkas.",
    "open_consultation": "Pradėta konsultacija su savivaldybėmis.",
    "skip_consultation": "Konsultacija su savivaldybėmis praleista: projektas apibendrinamas.",
    "close_consultation": "Konsultacija su savivaldybėmis baigta.",
    "send_to_committee": "Projektas perduotas komitetui.",
    "skip_committee": "Komitetas praleistas: projektas perduotas valdybai.",
    "give_opinion": "Komiteto nuomonė pateikta: projektas perduotas valdybai.",
    "approve": "Pozicija patvirtinta: rengiamas raštas.",
    "return_for_revision": "Projektas grąžintas teisininkui taisyti.",
    "mark_sent": "Raštas pažymėtas kaip išsiųstas.",
    "withdraw": "Projektas atšauktas.",
}


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_every_lifecycle_step_ends_with_a_past_tense_sentence(app, name):
    with app.test_request_context():
        with force_locale("lt"):
            said = done_text(name)
            assert said == EXPECTED_DONE[name]
            assert not said.startswith("Atlikta") and said.rstrip(".") != str(ACTION_LABELS[name])
        with force_locale("en"):
            said = done_text(name)
            assert not said.startswith("Done") and said.rstrip(".") != str(ACTION_LABELS[name])


def test_the_step_page_flashes_that_sentence(client, people, db):
    draft = draft_in(DraftState.CONSOLIDATION, people)
    consolidation.decide_comment(draft.comment.id, people["lawyer"], {"decision": "accepted"})
    consolidation.save_position(draft.id, people["lawyer"], {"version": 0, "stance": "supports", "text": "Taip."})
    login(client, people["lawyer"].email)
    page = client.post(f"/drafts/{draft.id}/act/send_to_committee", data={"committee": "IVPK"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Projektas perduotas komitetui." in page and "Atlikta" not in page
    db.session.refresh(draft)
    assert draft.state == DraftState.COMMITTEE_REVIEW


def test_the_bulk_confirmation_warns_only_about_decisions_it_replaces(client, people):
    draft = draft_in(DraftState.CONSULTATION, people)
    other = consultation.add_comment(draft, people["kaunas"], {"article": "1", "text": "Kauno pastaba."})
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."},
                              recent_login=True)
    login(client, people["lawyer"].email)
    ask = {"bulk_comments": [draft.comment.id, other.id], "bulk_decision": "accepted"}
    page = client.post(f"/drafts/{draft.id}/decide", data=ask).get_data(as_text=True)
    assert "Priimti sprendimą „Pritarti“ dėl 2 pasiūlymų?" in page
    assert "jau turi sprendim" not in page and "bus pakeist" not in page

    consolidation.decide_comment(other.id, people["lawyer"], {"decision": "rejected", "reasons": "Ne."})
    page = client.post(f"/drafts/{draft.id}/decide", data=ask).get_data(as_text=True)
    assert "1 iš jų jau turi sprendimą: jis bus pakeistas." in page
