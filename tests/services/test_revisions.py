"""Revisions: the chain, the comparison with the previous revision, and the fate of LSA's proposals."""

from __future__ import annotations

import pytest

from reviewflow.errors import Conflict, Forbidden, NotFound
from reviewflow.services import answers, revisions
from tests.services.revisions_world import revised  # noqa: F401

EXPECTED_STATUSES = [
    ("unchanged", "1 straipsnis", "1 straipsnis", False),
    ("unchanged", "1 straipsnio 1 dalis", "1 straipsnio 1 dalis", False),
    ("unchanged", "2 straipsnis", "2 straipsnis", False),
    ("removed", "2 straipsnio 1 dalis", None, False),
    ("unchanged", "2 straipsnio 2 dalis", "2 straipsnio 1 dalis", True),
    ("unchanged", "3 straipsnis", "3 straipsnis", False),
    ("changed", "3 straipsnio 1 dalis", "3 straipsnio 1 dalis", False),
    ("changed", "3 straipsnio 2 dalis", "3 straipsnio 2 dalis", False),
    ("unchanged", "4 straipsnis", "4 straipsnis", False),
    ("unchanged", "4 straipsnio 1 dalis", "4 straipsnio 1 dalis", False),
    ("added", None, "5 straipsnis", False),
    ("added", None, "5 straipsnio 1 dalis", False),
    ("unchanged", "5 straipsnis", "6 straipsnis", True),
    ("unchanged", "5 straipsnio 1 dalis", "6 straipsnio 1 dalis", True),
]


def test_the_later_revision_is_linked_and_the_chain_runs_oldest_first(cast, revised):  # noqa: F811
    assert revised.later.previous_revision_id == revised.earlier.id
    for draft in (revised.earlier, revised.later):
        chain = revisions.revision_chain(draft.id, cast["lawyer"])
        assert [d.number_raw for d in chain] == ["XIVP-3120(2)", "XIVP-3120(3)"]


def test_the_chain_holds_only_the_revisions_the_user_may_see(cast, make_user, revised):  # noqa: F811
    # Vilnius was invited to both; a specialist of Alytus to neither.
    assert [d.id for d in revisions.revision_chain(revised.later.id, cast["vilnius"])] == [
        revised.earlier.id, revised.later.id]
    kaunas = revisions.revision_chain(revised.earlier.id, cast["kaunas"])  # invited to (2) only
    assert [d.id for d in kaunas] == [revised.earlier.id]
    with pytest.raises(NotFound):
        revisions.revision_chain(revised.later.id, cast["kaunas"])


def test_every_provision_gets_its_status_and_the_renumbered_article_is_found(cast, revised):  # noqa: F811
    result = revisions.changes(revised.later.id, cast["lawyer"])
    assert result.previous.id == revised.earlier.id
    assert [(c.status.value, c.old_label, c.new_label, c.renumbered) for c in result.items] == EXPECTED_STATUSES
    assert result.counts == {"added": 2, "removed": 1, "changed": 2, "unchanged": 9}


def test_a_changed_part_carries_its_word_difference(cast, revised):  # noqa: F811
    items = revisions.changes(revised.later.id, cast["lawyer"]).items
    second = next(c for c in items if c.new_label == "3 straipsnio 2 dalis")
    assert [(s.op, s.text) for s in second.diff] == [
        ("equal", "2. Paslaugos teikiamos pagal"), ("insert", " savivaldybės tarybos patvirtintą"),
        ("equal", " planą.")]
    first = next(c for c in items if c.new_label == "3 straipsnio 1 dalis")
    assert [(s.op, s.text) for s in first.diff] == [  # the initiator's double space is no change
        ("equal", "1. Savivaldybė  teikia socialines paslaugas"),
        ("insert", " ir gauna tam valstybės biudžeto lėšų"), ("equal", ".")]


def test_each_proposal_gets_its_fate_next_to_the_initiators_answer(cast, revised):  # noqa: F811
    lawyer = cast["lawyer"]
    answers.record_answer(revised.taken.id, lawyer, {"outcome": "taken"})
    answers.record_answer(revised.ignored.id, lawyer, {"outcome": "not_taken", "arguments": "Nepagrįsta."})
    proposals = revisions.changes(revised.later.id, lawyer).proposals
    assert {p.comment.id: (p.fate.value, p.provision.label, p.new_label, p.outcome) for p in proposals} == {
        revised.taken.id: ("taken", "3 straipsnio 1 dalis", "3 straipsnio 1 dalis", "taken"),
        revised.ignored.id: ("not_taken", "4 straipsnio 1 dalis", "4 straipsnio 1 dalis", "not_taken"),
        revised.changed.id: ("changed", "3 straipsnio 2 dalis", "3 straipsnio 2 dalis", None),
        revised.removed.id: ("removed", "2 straipsnio 1 dalis", None, None),
    }


def test_a_municipality_sees_the_fates_but_not_the_initiators_answers(cast, revised):  # noqa: F811
    answers.record_answer(revised.taken.id, cast["lawyer"], {"outcome": "taken"})
    proposals = revisions.changes(revised.later.id, cast["vilnius"]).proposals
    assert sorted((p.fate.value, p.outcome) for p in proposals) == [
        ("changed", None), ("not_taken", None), ("removed", None), ("taken", None)]


def test_the_first_revision_has_nothing_to_compare(cast, revised):  # noqa: F811
    result = revisions.changes(revised.earlier.id, cast["lawyer"])
    assert (result.previous, result.items, result.proposals) == (None, [], None)


def test_an_uninvited_specialist_is_told_the_draft_does_not_exist(cast, revised):  # noqa: F811
    with pytest.raises(NotFound):
        revisions.changes(revised.later.id, cast["kaunas"])


def test_comments_and_decisions_follow_their_provisions_to_the_new_revision(cast, revised):  # noqa: F811
    carried = revisions.carry_over_comments(revised.later.id, cast["lawyer"])
    assert carried.skipped == 1  # the one on the removed 2 straipsnio 1 dalis
    got = {old.id: (new.draft_id, new.provision.label, new.decision.value, new.reasons, new.lsa_wording,
                    new.initiator_outcome) for new, old in carried.pairs}
    assert got == {
        revised.ignored.id: (revised.later.id, "4 straipsnio 1 dalis", "accepted", None,
                             "Seniūnijų nuostatus tvirtina savivaldybės taryba.", None),
        revised.rejected.id: (revised.later.id, "6 straipsnio 1 dalis", "rejected", "Terminas pakankamas.", None,
                              None),
        revised.taken.id: (revised.later.id, "3 straipsnio 1 dalis", "accepted", None, revised.taken.lsa_wording,
                           None),
        revised.changed.id: (revised.later.id, "3 straipsnio 2 dalis", "accepted", None,
                             revised.changed.lsa_wording, None),
    }
    assert revisions.carried_from(revised.later.id) == {new.id: old.id for new, old in carried.pairs}
    again = revisions.carry_over_comments(revised.later.id, cast["lawyer"])
    assert (again.pairs, again.skipped) == ([], 5)


def test_only_lsa_staff_carry_over_and_only_onto_a_later_revision(cast, revised):  # noqa: F811
    with pytest.raises(Forbidden):
        revisions.carry_over_comments(revised.later.id, cast["vilnius"])
    with pytest.raises(Conflict):
        revisions.carry_over_comments(revised.earlier.id, cast["lawyer"])
