"""Read-only look-ups the pages need for choices and for the specialist's own view (no writes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from flask import g
from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import joinedload

from reviewflow.extensions import db
from reviewflow.models import (
    AnswerStatus,
    BoardDecision,
    Comment,
    Committee,
    CommitteeOpinion,
    Draft,
    DraftState,
    Institution,
    Invitation,
    Municipality,
    Provision,
    Role,
    User,
    UserRole,
)
from reviewflow.services.drafts import invitation_for
from reviewflow.services.reference import lt_sort_key


def institutions() -> list[Institution]:
    """Active initiating institutions by name, in Lithuanian alphabet order."""

    return sorted(db.session.scalars(select(Institution).where(Institution.active.is_(True))),
                  key=lambda i: lt_sort_key(i.name_lt))


def committees() -> list[Committee]:
    """Active committees by code."""
    return list(db.session.scalars(select(Committee).where(Committee.active.is_(True)).order_by(Committee.code)))


def lawyers() -> list[User]:
    """Active LSA lawyers by name."""
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.LAWYER, User.active.is_(True)).order_by(User.name)
    ))


class InstitutionChoice(NamedTuple):
    """An institution as the drafts list's filter offers it."""

    name_lt: str


class LawyerChoice(NamedTuple):
    """A lawyer as the drafts list's filter offers them."""

    email: str
    name: str


@dataclass(frozen=True)
class FilterChoices:
    """The drafts list's filter choices, shaped like the objects ``DraftFilterForm`` reads."""

    institutions: list[InstitutionChoice]
    lawyers: list[LawyerChoice]
    committees: list[Committee]


def filter_choices(with_lawyers: bool) -> FilterChoices:
    """Every filter's choices in one statement (a UNION ALL), instead of one look-up per filter."""
    parts = [
        select(literal("i").label("kind"), Institution.name_lt.label("key"), Institution.name_lt.label("label"))
        .where(Institution.active.is_(True)),
        select(literal("c"), Committee.code, Committee.code).where(Committee.active.is_(True)),
    ]
    if with_lawyers:
        parts.append(select(literal("l"), User.email, User.name).join(UserRole, UserRole.user_id == User.id)
                     .where(UserRole.role == Role.LAWYER, User.active.is_(True)))
    union = union_all(*parts).subquery()
    picked: dict[str, list] = {"i": [], "c": [], "l": []}
    for kind, key, label in db.session.execute(select(union).order_by(union.c.kind, union.c.label, union.c.key)):
        picked[kind].append((key, label))
    return FilterChoices(
        # Lithuanian alphabet order, not the database's (which puts capitals first and Š after V).
        institutions=sorted((InstitutionChoice(key) for key, _ in picked["i"]), key=lambda i: lt_sort_key(i.name_lt)),
        lawyers=[LawyerChoice(key, label) for key, label in picked["l"]],
        # Unsaved Committee objects (never added to the session), so the label stays the model's own.
        committees=[Committee(code=key) for key, _ in picked["c"]],
    )


def municipalities() -> list[Municipality]:
    """All municipalities in Lithuanian alphabetical order."""
    return list(db.session.scalars(select(Municipality).order_by(Municipality.sort_key)))


def own_invitation(draft: Draft, user: User) -> Invitation | None:
    """The invitation of the user's municipality to comment on ``draft``, if any."""
    return invitation_for(draft.id, user.municipality_id)


def own_comments(draft: Draft, municipality_id: int) -> list[Comment]:
    """One municipality's comments on ``draft``, oldest first."""
    return list(db.session.scalars(
        select(Comment).where(Comment.draft_id == draft.id, Comment.municipality_id == municipality_id)
        .options(joinedload(Comment.author)).order_by(Comment.created_at, Comment.id)
    ))


def provisions(draft: Draft) -> list[Provision]:
    """The draft's provisions in document order."""
    return list(db.session.scalars(
        select(Provision).where(Provision.draft_id == draft.id).order_by(Provision.position)
    ))


def past_answers(user: User, limit: int = 20) -> list[tuple[Draft, Invitation]]:
    """The specialist's municipality's answered or closed invitations, newest draft first."""
    if user.municipality_id is None:
        return []
    rows = db.session.execute(
        select(Draft, Invitation).join(Invitation, Invitation.draft_id == Draft.id)
        .where(Invitation.municipality_id == user.municipality_id,
               (Invitation.status != AnswerStatus.PENDING) | (Draft.state != DraftState.CONSULTATION))
        .order_by(Draft.received_date.desc(), Draft.id.desc()).limit(limit)
    ).all()
    return [(d, i) for d, i in rows]


def _opinions_and_decisions(draft: Draft) -> tuple[list[CommitteeOpinion], list[BoardDecision]]:
    """The committee opinions and board decisions on ``draft``, in one statement, kept for the request.

    Both lists are a few rows at most, so one LEFT JOIN of the draft with each (a tiny cross product)
    replaces two look-ups; the draft page asks for both, so the second call reads the request's copy.
    """
    memo = g.setdefault("_opinions_and_decisions", {})
    if draft.id not in memo:
        rows = db.session.execute(
            select(CommitteeOpinion, BoardDecision).select_from(Draft)
            .outerjoin(CommitteeOpinion, CommitteeOpinion.draft_id == Draft.id)
            .outerjoin(BoardDecision, BoardDecision.draft_id == Draft.id)
            .where(Draft.id == draft.id)
        ).all()
        opinions_ = {o.id: o for o, _ in rows if o is not None}
        decisions_ = {d.id: d for _, d in rows if d is not None}
        memo[draft.id] = ([opinions_[k] for k in sorted(opinions_)], [decisions_[k] for k in sorted(decisions_)])
    return memo[draft.id]


def opinions(draft: Draft) -> list[CommitteeOpinion]:
    """The committee opinions given on ``draft``."""
    return _opinions_and_decisions(draft)[0]


def decisions(draft: Draft) -> list[BoardDecision]:
    """The board decisions on ``draft``."""
    return _opinions_and_decisions(draft)[1]
