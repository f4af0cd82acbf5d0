"""The initiator's answer: recorded by hand, imported from a committee conclusion or a derinimo pažyma."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.models import AuditEntry
from reviewflow.services import answers
from tests.documents.answer_docs import committee_conclusion, coordination_certificate
from tests.services.answers_world import sent  # noqa: F401

CONCLUSION = "Komiteto išvada XIVP-2435(2).docx"


def _pairs(preview):
    return [(m.row, m.comment.id if m.comment else None, m.answer.outcome) for m in preview.matches]


def test_a_committee_conclusion_matches_lsas_rows_to_its_proposals_and_lists_the_unmatched_one(
        cast, sent, db):  # noqa: F811
    preview = answers.import_answers(sent.draft.id, cast["lawyer"], CONCLUSION, committee_conclusion())
    assert preview.source == CONCLUSION
    assert _pairs(preview) == [(2, sent.fifth.id, "taken"), (4, sent.tenth.id, "not_taken")]
    assert [m.answer.arguments for m in preview.matches] == [
        "", "Nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui."]
    assert all(m.score >= answers.MATCH_THRESHOLD for m in preview.matches)
    assert [(m.row, m.answer.proposer, m.answer.provision, m.comment) for m in preview.unmatched] == [
        (5, "LSA", "1 (12) str. (4) d. 2 p.", None)]
    assert preview.other_rows == 2  # the ministry and the municipality
    db.session.expire_all()
    assert sent.fifth.initiator_outcome is None  # nothing is saved before the lawyer confirms
    assert db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "import_initiator_answers")).all() == []


def test_a_coordination_certificate_matches_lsas_two_remarks(cast, sent):  # noqa: F811
    preview = answers.import_answers(sent.draft.id, cast["admin"], "Derinimo pažyma.docx",
                                     coordination_certificate())
    assert _pairs(preview) == [(2, sent.fifth.id, "taken"), (3, sent.tenth.id, "not_taken")]
    assert preview.matches[1].answer.arguments == (
        "nes nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui.")
    assert preview.unmatched == [] and preview.other_rows == 2


def test_the_pdf_of_a_committee_conclusion_is_matched_the_same_way(cast, sent):  # noqa: F811
    from reviewflow.documents.pdf import docx_to_pdf

    preview = answers.import_answers(sent.draft.id, cast["lawyer"], "Išvada.PDF", docx_to_pdf(committee_conclusion()))
    assert _pairs(preview) == [(2, sent.fifth.id, "taken"), (4, sent.tenth.id, "not_taken")]
    assert [m.row for m in preview.unmatched] == [5]


def test_confirming_saves_the_corrected_pairs_once_and_the_counts_add_up(cast, sent, db):  # noqa: F811
    lawyer = cast["lawyer"]
    assert answers.answers_for(sent.draft.id, lawyer).counts == {
        "taken": 0, "partly": 0, "not_taken": 0, "unanswered": 3}
    preview = answers.import_answers(sent.draft.id, lawyer, CONCLUSION, committee_conclusion())
    confirmed = [{"row": m.row, "comment_id": m.comment.id, "outcome": m.answer.outcome,
                  "arguments": m.answer.arguments} for m in preview.matches]
    # The lawyer corrects the unmatched row: it answers LSA's own proposal on article 8.
    confirmed.append({"row": 5, "comment_id": sent.own.id, "outcome": "partly",
                      "arguments": preview.unmatched[0].answer.arguments})
    answers.confirm_import(sent.draft.id, lawyer, confirmed, source=CONCLUSION)

    db.session.expire_all()
    assert (sent.fifth.initiator_outcome, sent.fifth.initiator_arguments) == ("taken", None)
    assert sent.fifth.initiator_source == CONCLUSION and sent.fifth.initiator_recorded_by_id == lawyer.id
    assert sent.fifth_kaunas.initiator_outcome == "taken"  # the merged comment follows its proposal
    assert (sent.tenth.initiator_outcome, sent.tenth.initiator_arguments) == (
        "not_taken", "Nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui.")
    assert sent.own.initiator_outcome == "partly"
    assert sent.rejected.initiator_outcome is None
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "import_initiator_answers")).all()
    assert [e.payload for e in entries] == [{"source": CONCLUSION, "answers": [
        {"row": 2, "comment_id": sent.fifth.id, "outcome": "taken"},
        {"row": 4, "comment_id": sent.tenth.id, "outcome": "not_taken"},
        {"row": 5, "comment_id": sent.own.id, "outcome": "partly"}]}]

    result = answers.answers_for(sent.draft.id, lawyer)
    hand_count = {"taken": 1, "partly": 1, "not_taken": 1, "unanswered": 0}
    assert result.counts == hand_count
    assert [c.id for c in result.items] == [sent.fifth.id, sent.own.id, sent.tenth.id]  # by article


def test_a_lawyer_records_an_answer_by_hand(cast, sent, db):  # noqa: F811
    answers.record_answer(sent.own.id, cast["lawyer"], {
        "outcome": "not_taken", "arguments": "  Pereinamasis laikotarpis nereikalingas. ",
        "source": "Vyriausybės raštas Nr. 1-2"})
    db.session.expire_all()
    assert (sent.own.initiator_outcome, sent.own.initiator_arguments, sent.own.initiator_source) == (
        "not_taken", "Pereinamasis laikotarpis nereikalingas.", "Vyriausybės raštas Nr. 1-2")
    assert answers.answers_for(sent.draft.id, cast["admin"]).counts == {
        "taken": 0, "partly": 0, "not_taken": 1, "unanswered": 2}


@pytest.mark.parametrize("who", ["vilnius", "ivpk", "board"])
def test_specialists_committee_and_board_members_cannot_use_any_of_it(cast, sent, who):  # noqa: F811
    user = cast[who]
    with pytest.raises(Forbidden):
        answers.answers_for(sent.draft.id, user)
    with pytest.raises(Forbidden):
        answers.record_answer(sent.fifth.id, user, {"outcome": "taken"})  # Vilnius' own comment
    with pytest.raises(Forbidden):
        answers.import_answers(sent.draft.id, user, CONCLUSION, committee_conclusion())
    with pytest.raises(Forbidden):
        answers.confirm_import(sent.draft.id, user, [{"row": 2, "comment_id": sent.fifth.id, "outcome": "taken"}])


def test_a_specialist_never_learns_of_lsas_own_proposal(cast, sent):  # noqa: F811
    with pytest.raises(NotFound):
        answers.record_answer(sent.own.id, cast["vilnius"], {"outcome": "taken"})


def test_only_proposals_lsa_sent_get_an_answer(cast, sent):  # noqa: F811
    lawyer = cast["lawyer"]
    for comment in (sent.rejected, sent.fifth_kaunas):  # rejected; merged into another
        with pytest.raises(Conflict):
            answers.record_answer(comment.id, lawyer, {"outcome": "taken"})
    with pytest.raises(Invalid) as refused:
        answers.confirm_import(sent.draft.id, lawyer, [{"row": 1, "comment_id": sent.rejected.id,
                                                       "outcome": "taken"}])
    assert list(refused.value.errors) == ["matches[0].comment_id"]


def test_an_answer_is_recorded_only_after_sending(cast, registered):  # noqa: F811
    with pytest.raises(Conflict):
        answers.import_answers(registered.id, cast["lawyer"], CONCLUSION, committee_conclusion())
    assert answers.answers_for(registered.id, cast["lawyer"]).items == []


@pytest.mark.parametrize(("item", "field"), [
    ({"row": 2, "comment_id": "x", "outcome": "taken"}, "matches[0].comment_id"),
    ({"row": 2, "outcome": "taken"}, "matches[0].comment_id"),
    ("not an object", "matches[0]"),
])
def test_confirming_refuses_a_bad_match(cast, sent, item, field):  # noqa: F811
    with pytest.raises(Invalid) as refused:
        answers.confirm_import(sent.draft.id, cast["lawyer"], [item])
    assert list(refused.value.errors) == [field]


def test_confirming_refuses_a_wrong_outcome_and_a_proposal_twice(cast, sent):  # noqa: F811
    lawyer = cast["lawyer"]
    with pytest.raises(Invalid) as wrong:
        answers.confirm_import(sent.draft.id, lawyer, [{"row": 2, "comment_id": sent.fifth.id, "outcome": "yes"}])
    assert list(wrong.value.errors) == ["matches[0].outcome"]
    twice = {"comment_id": sent.fifth.id, "outcome": "taken"}
    with pytest.raises(Invalid) as repeated:
        answers.confirm_import(sent.draft.id, lawyer, [twice, twice])
    assert list(repeated.value.errors) == ["matches[1].comment_id"]
    with pytest.raises(Invalid):
        answers.confirm_import(sent.draft.id, lawyer, [])


def test_only_a_word_file_is_read(cast, sent):  # noqa: F811
    with pytest.raises(Invalid) as refused:
        answers.import_answers(sent.draft.id, cast["lawyer"], "išvada.odt", committee_conclusion())
    assert list(refused.value.errors) == ["file"]
    with pytest.raises(Invalid) as not_pdf:
        answers.import_answers(sent.draft.id, cast["lawyer"], "išvada.pdf", committee_conclusion())
    assert list(not_pdf.value.errors) == ["file"]
