"""Read-only look-ups the pages need for choices and for the specialist's own view (no writes)."""

from __future__ import annotations

from sqlalchemy import select
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


def institutions() -> list[Institution]:
    """Active initiating institutions by name."""
    return list(db.session.scalars(
        select(Institution).where(Institution.active.is_(True)).order_by(Institution.name_lt)
    ))


def committees() -> list[Committee]:
    """Active committees by code."""
    return list(db.session.scalars(select(Committee).where(Committee.active.is_(True)).order_by(Committee.code)))


def lawyers() -> list[User]:
    """Active LSA lawyers by name."""
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.LAWYER, User.active.is_(True)).order_by(User.name)
    ))


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


def opinions(draft: Draft) -> list[CommitteeOpinion]:
    """The committee opinions given on ``draft``."""
    return list(db.session.scalars(
        select(CommitteeOpinion).where(CommitteeOpinion.draft_id == draft.id).order_by(CommitteeOpinion.id)
    ))


def decisions(draft: Draft) -> list[BoardDecision]:
    """The board decisions on ``draft``."""
    return list(db.session.scalars(
        select(BoardDecision).where(BoardDecision.draft_id == draft.id).order_by(BoardDecision.id)
    ))
