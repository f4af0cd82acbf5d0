"""Every transition x every role x every state: allowed, or the exact refusal. No database."""

import pytest

from reviewflow.models.drafts import DraftState as S
from reviewflow.workflows import TRANSITIONS, Actor, DraftFacts, allowed_transitions, check_transition
from reviewflow.workflows.lifecycle import state_name

LAWYER_ID, OTHER_LAWYER_ID, COMMITTEE_ID = 1, 2, 7

ACTORS = {
    "admin": Actor(10, frozenset({"admin"})),
    "responsible_lawyer": Actor(LAWYER_ID, frozenset({"lawyer"})),
    "other_lawyer": Actor(OTHER_LAWYER_ID, frozenset({"lawyer"})),
    "specialist": Actor(20, frozenset({"specialist"})),
    "committee_member": Actor(30, frozenset({"committee"}), frozenset({COMMITTEE_ID})),
    "other_committee_member": Actor(31, frozenset({"committee"}), frozenset({99})),
    "board": Actor(40, frozenset({"board"})),
}

# Who may fire each transition, by actor name (the table in the issue).
WHO = {
    "assign": {"admin", "responsible_lawyer", "other_lawyer"},
    "open_consultation": {"responsible_lawyer"},
    "skip_consultation": {"responsible_lawyer"},
    "close_consultation": {"responsible_lawyer"},
    "send_to_committee": {"responsible_lawyer"},
    "skip_committee": {"responsible_lawyer"},
    "give_opinion": {"committee_member"},
    "approve": {"board"},
    "return_for_revision": {"board"},
    "mark_sent": {"responsible_lawyer"},
    "withdraw": {"admin", "responsible_lawyer", "other_lawyer"},
}
SOURCES = {
    "assign": {S.REGISTERED},
    "open_consultation": {S.ASSIGNED},
    "skip_consultation": {S.ASSIGNED},
    "close_consultation": {S.CONSULTATION},
    "send_to_committee": {S.CONSOLIDATION},
    "skip_committee": {S.CONSOLIDATION},
    "give_opinion": {S.COMMITTEE_REVIEW},
    "approve": {S.BOARD_REVIEW},
    "return_for_revision": {S.BOARD_REVIEW},
    "mark_sent": {S.APPROVED},
    "withdraw": set(S) - {S.SENT, S.WITHDRAWN},
}
TARGETS = {
    "assign": S.ASSIGNED, "open_consultation": S.CONSULTATION, "skip_consultation": S.CONSOLIDATION,
    "close_consultation": S.CONSOLIDATION, "send_to_committee": S.COMMITTEE_REVIEW,
    "skip_committee": S.BOARD_REVIEW, "give_opinion": S.BOARD_REVIEW, "approve": S.APPROVED,
    "return_for_revision": S.CONSOLIDATION, "mark_sent": S.SENT, "withdraw": S.WITHDRAWN,
}


def facts(state, **overrides):
    values = {"state": state, "lawyer_id": LAWYER_ID, "committee_id": COMMITTEE_ID,
              "undecided_comments": 0, "has_position": True}
    values.update(overrides)
    return DraftFacts(**values)


def test_the_table_has_exactly_the_contracted_transitions():
    assert set(TRANSITIONS) == set(WHO)
    assert {name: t.target for name, t in TRANSITIONS.items()} == TARGETS


@pytest.mark.parametrize("state", list(S), ids=lambda s: s.value)
@pytest.mark.parametrize("actor_name", list(ACTORS))
@pytest.mark.parametrize("name", list(WHO))
def test_matrix(name, actor_name, state):
    refusal = check_transition(name, ACTORS[actor_name], facts(state))
    if actor_name not in WHO[name]:
        assert refusal is not None and refusal.kind == "forbidden"
        assert refusal.message.startswith("Only ")
    elif state not in SOURCES[name]:
        assert refusal is not None and refusal.kind == "conflict"
        assert f"state {state_name(state)!r} cannot" in refusal.message  # as people name it, not the value
    else:
        assert refusal is None


@pytest.mark.parametrize("name", ["send_to_committee", "skip_committee"])
def test_consolidation_exit_needs_every_comment_decided_and_a_position(name):
    lawyer = ACTORS["responsible_lawyer"]
    undecided = check_transition(name, lawyer, facts(S.CONSOLIDATION, undecided_comments=2))
    assert undecided.kind == "conflict" and undecided.message == "2 comment(s) still have no decision."
    no_position = check_transition(name, lawyer, facts(S.CONSOLIDATION, has_position=False))
    assert no_position.kind == "conflict" and "position" in no_position.message


def test_unknown_transition_is_invalid():
    refusal = check_transition("publish", ACTORS["admin"], facts(S.REGISTERED))
    assert refusal.kind == "invalid" and "publish" in refusal.message


def test_allowed_transitions_for_the_responsible_lawyer_in_consolidation():
    assert allowed_transitions(ACTORS["responsible_lawyer"], facts(S.CONSOLIDATION)) == [
        "send_to_committee", "skip_committee", "withdraw",
    ]


def test_a_lawyer_without_the_draft_is_not_the_responsible_one():
    refusal = check_transition("mark_sent", ACTORS["other_lawyer"], facts(S.APPROVED))
    assert refusal == check_transition("mark_sent", ACTORS["specialist"], facts(S.APPROVED))
