"""The lifecycle table: who may move a draft from which state to which, and on what condition.

Everything here is pure: it looks at facts about the actor and the draft and answers "allowed" or
a :class:`Refusal`. The services in :mod:`reviewflow.services.lifecycle` apply the effects.
The transition names and meanings are a contract with other systems: add rows, never rename.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# gettext works without an app (it then returns the English source), so this module stays pure.
from flask_babel import gettext as _

from reviewflow.models.drafts import DraftState as S

ALL_STATES = tuple(S)


@dataclass(frozen=True)
class Actor:
    """What the lifecycle needs to know about the person acting."""

    user_id: int
    roles: frozenset[str]
    committee_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DraftFacts:
    """What the lifecycle needs to know about the draft."""

    state: S
    lawyer_id: int | None = None
    committee_id: int | None = None
    undecided_comments: int = 0
    has_position: bool = False


@dataclass(frozen=True)
class Refusal:
    """Why a transition is refused: ``kind`` is forbidden (403), conflict (409) or invalid (422)."""

    kind: str
    message: str


# --- who may fire a transition -------------------------------------------------------------

def lsa_staff(actor: Actor, draft: DraftFacts) -> bool:
    """LSA lawyers and administrators."""
    return bool(actor.roles & {"lawyer", "admin"})


def responsible_lawyer(actor: Actor, draft: DraftFacts) -> bool:
    """The lawyer the draft is assigned to."""
    return "lawyer" in actor.roles and draft.lawyer_id == actor.user_id


def committee_member(actor: Actor, draft: DraftFacts) -> bool:
    """A member of the committee the draft is with."""
    return "committee" in actor.roles and draft.committee_id in actor.committee_ids


def board_member(actor: Actor, draft: DraftFacts) -> bool:
    """A member of LSA's board."""
    return "board" in actor.roles


WHO_TEXT = {
    lsa_staff: "an LSA lawyer or administrator",
    responsible_lawyer: "the responsible lawyer",
    committee_member: "a member of the draft's committee",
    board_member: "a board member",
}


# --- guards: conditions on the draft itself (409 when not met) ------------------------------

def all_comments_decided(draft: DraftFacts) -> str | None:
    """Every comment carries the lawyer's decision, and a position has been written."""
    if draft.undecided_comments:
        return _("%(count)s comment(s) still have no decision.", count=draft.undecided_comments)
    if not draft.has_position:
        return _("The LSA position has not been written yet.")
    return None


@dataclass(frozen=True)
class Transition:
    """One row of the lifecycle table."""

    name: str
    sources: tuple[S, ...]
    target: S
    who: Callable[[Actor, DraftFacts], bool]
    needs: tuple[str, ...] = ()
    guards: tuple[Callable[[DraftFacts], str | None], ...] = field(default=())
    title: str = ""


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("assign", (S.REGISTERED,), S.ASSIGNED, lsa_staff,
                   needs=("lawyer", "committee?"), title="Assign"),
        Transition("open_consultation", (S.ASSIGNED,), S.CONSULTATION, responsible_lawyer,
                   needs=("municipalities?", "comment_deadline?"), title="Open municipal consultation"),
        Transition("skip_consultation", (S.ASSIGNED,), S.CONSOLIDATION, responsible_lawyer,
                   needs=("reason",), title="Skip consultation"),
        Transition("close_consultation", (S.CONSULTATION,), S.CONSOLIDATION, responsible_lawyer,
                   needs=("reason?",), title="Close consultation"),
        Transition("send_to_committee", (S.CONSOLIDATION,), S.COMMITTEE_REVIEW, responsible_lawyer,
                   needs=("committee?",), guards=(all_comments_decided,), title="Send to committee"),
        Transition("skip_committee", (S.CONSOLIDATION,), S.BOARD_REVIEW, responsible_lawyer,
                   needs=("reason",), guards=(all_comments_decided,), title="Skip committee"),
        Transition("give_opinion", (S.COMMITTEE_REVIEW,), S.BOARD_REVIEW, committee_member,
                   needs=("opinion", "text", "meeting_date"), title="Give committee opinion"),
        Transition("approve", (S.BOARD_REVIEW,), S.APPROVED, board_member,
                   needs=("decision_number", "decision_date"), title="Approve position"),
        Transition("return_for_revision", (S.BOARD_REVIEW,), S.CONSOLIDATION, board_member,
                   needs=("reason",), title="Return for revision"),
        Transition("mark_sent", (S.APPROVED,), S.SENT, responsible_lawyer,
                   needs=("sent_date", "sent_via?"), title="Mark as sent"),
        Transition("withdraw", tuple(s for s in ALL_STATES if s not in (S.SENT, S.WITHDRAWN)),
                   S.WITHDRAWN, lsa_staff, needs=("reason",), title="Withdraw"),
    )
}


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated when a refusal is made."""
    return message


# Whole sentences per transition, so translators never glue fragments (the English is the
# "Only <who> may <name with spaces>." and "... cannot <name with spaces> ..." of each row).
FORBIDDEN_TEXT = {
    "assign": N_("Only an LSA lawyer or administrator may assign."),
    "open_consultation": N_("Only the responsible lawyer may open consultation."),
    "skip_consultation": N_("Only the responsible lawyer may skip consultation."),
    "close_consultation": N_("Only the responsible lawyer may close consultation."),
    "send_to_committee": N_("Only the responsible lawyer may send to committee."),
    "skip_committee": N_("Only the responsible lawyer may skip committee."),
    "give_opinion": N_("Only a member of the draft's committee may give opinion."),
    "approve": N_("Only a board member may approve."),
    "return_for_revision": N_("Only a board member may return for revision."),
    "mark_sent": N_("Only the responsible lawyer may mark sent."),
    "withdraw": N_("Only an LSA lawyer or administrator may withdraw."),
}
CONFLICT_TEXT = {
    "assign": N_("A draft in state %(state)r cannot assign; it must be %(required)s."),
    "open_consultation": N_("A draft in state %(state)r cannot open consultation; it must be %(required)s."),
    "skip_consultation": N_("A draft in state %(state)r cannot skip consultation; it must be %(required)s."),
    "close_consultation": N_("A draft in state %(state)r cannot close consultation; it must be %(required)s."),
    "send_to_committee": N_("A draft in state %(state)r cannot send to committee; it must be %(required)s."),
    "skip_committee": N_("A draft in state %(state)r cannot skip committee; it must be %(required)s."),
    "give_opinion": N_("A draft in state %(state)r cannot give opinion; it must be %(required)s."),
    "approve": N_("A draft in state %(state)r cannot approve; it must be %(required)s."),
    "return_for_revision": N_("A draft in state %(state)r cannot return for revision; it must be %(required)s."),
    "mark_sent": N_("A draft in state %(state)r cannot mark sent; it must be %(required)s."),
    "withdraw": N_("A draft in state %(state)r cannot withdraw; it must be %(required)s."),
}
# What the page says once a transition is done: a past-tense sentence naming what happened, never the button's
# imperative ("Perduoti komitetui"). Closing a consultation early has a sentence of its own (DONE_EARLY).
DONE_TEXT = {
    "assign": N_("Responsible lawyer assigned."),
    "open_consultation": N_("Municipal consultation opened."),
    "skip_consultation": N_("Consultation skipped: the draft is in consolidation."),
    "close_consultation": N_("Consultation closed."),
    "send_to_committee": N_("Draft sent to the committee."),
    "skip_committee": N_("Committee skipped: the draft went to the board."),
    "give_opinion": N_("Committee opinion given: the draft went to the board."),
    "approve": N_("Position approved: the letter is being made."),
    "return_for_revision": N_("Draft returned to the lawyer for revision."),
    "mark_sent": N_("Letter marked as sent."),
    "withdraw": N_("Draft withdrawn."),
}
DONE_EARLY = N_("Consultation closed before its deadline.")

# The states as people name them (the same msgids as the state labels of the pages): refusals read
# "Išsiųstas", never the stored value "sent".
STATE_TEXT = {
    S.REGISTERED: N_("Registered"), S.ASSIGNED: N_("Assigned"), S.CONSULTATION: N_("Municipal consultation"),
    S.CONSOLIDATION: N_("Consolidation"), S.COMMITTEE_REVIEW: N_("Committee review"),
    S.BOARD_REVIEW: N_("Board review"), S.APPROVED: N_("Approved"), S.SENT: N_("Sent"), S.WITHDRAWN: N_("Withdrawn"),
}


def state_name(state: S) -> str:
    """A state's name in the reader's language."""
    return _(STATE_TEXT[state])


assert set(FORBIDDEN_TEXT) == set(TRANSITIONS) == set(CONFLICT_TEXT), "every transition has its refusals"
assert set(DONE_TEXT) == set(TRANSITIONS), "every transition says what it did"


def done_text(name: str, early: bool = False) -> str:
    """The sentence shown once transition ``name`` is done, in the reader's language."""
    return _(DONE_EARLY) if early and name == "close_consultation" else _(DONE_TEXT[name])
assert all(
    FORBIDDEN_TEXT[t.name] == f"Only {WHO_TEXT[t.who]} may {t.name.replace('_', ' ')}."
    and CONFLICT_TEXT[t.name].startswith(f"A draft in state %(state)r cannot {t.name.replace('_', ' ')}; ")
    for t in TRANSITIONS.values()
), "the refusal sentences follow the table"


def check_transition(name: str, actor: Actor, draft: DraftFacts) -> Refusal | None:
    """``None`` when ``actor`` may fire ``name`` on ``draft`` now, else the refusal.

    The role is checked before the state and the state before the guards, so a caller who may
    never do this learns that first (403 before 409 before 422).
    """
    transition = TRANSITIONS.get(name) if isinstance(name, str) else None
    if transition is None:
        known = ", ".join(TRANSITIONS)
        return Refusal("invalid", _("Unknown transition %(name)r; known transitions: %(known)s.",
                                    name=name, known=known))
    if not transition.who(actor, draft):
        return Refusal("forbidden", _(FORBIDDEN_TEXT[name]))
    if draft.state not in transition.sources:
        required = _(" or ").join(state_name(s) for s in transition.sources)
        return Refusal("conflict", _(CONFLICT_TEXT[name], state=state_name(draft.state), required=required))
    for guard in transition.guards:
        problem = guard(draft)
        if problem:
            return Refusal("conflict", problem)
    return None


def allowed_transitions(actor: Actor, draft: DraftFacts) -> list[str]:
    """The names of the transitions ``actor`` may fire on ``draft`` now."""
    return [name for name in TRANSITIONS if check_transition(name, actor, draft) is None]
