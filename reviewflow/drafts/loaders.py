"""Read-only look-ups the pages need for choices and for the specialist's own view (no writes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from flask import g
from sqlalchemy import and_, exists, func, literal, select, union_all
from sqlalchemy.orm import aliased, joinedload

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
    PositionVersion,
    Provision,
    Role,
    User,
    UserRole,
)
from reviewflow.services import revision_scope, revisions
from reviewflow.services.consolidation import position_json
from reviewflow.services.drafts import invitation_for
from reviewflow.services.lifecycle import fact_columns
from reviewflow.services.payload import is_db_id
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
    """An institution as the drafts list's filter offers it (the English name for the English interface)."""

    name_lt: str
    name_en: str | None = None


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
        select(literal("i").label("kind"), Institution.name_lt.label("key"), Institution.name_en.label("label"))
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
        institutions=sorted((InstitutionChoice(key, label) for key, label in picked["i"]),
                            key=lambda i: lt_sort_key(i.name_lt)),
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


def provisions_to_validate(draft: Draft, submitted: str | None) -> list[Provision]:
    """The provision choices a posted comment form needs to validate: only the one chosen, when it can be.

    The form accepts a chosen provision when it is among its choices, so the chosen one alone (one look-up)
    validates the post as the whole list would, and none is read for a general or typed comment. A limited
    consultation, or a choice that is not the draft's, takes the whole open list: the form then refuses as
    it always did.
    """
    chosen = (submitted or "").strip()
    if not chosen:
        return []
    if not revision_scope.is_limited(draft) and chosen.isdigit() and is_db_id(int(chosen)):
        provision = db.session.scalar(select(Provision).where(Provision.id == int(chosen),
                                                              Provision.draft_id == draft.id))
        if provision is not None:
            return [provision]
    return revisions.provisions_open_for_comment(draft)


def past_answers(user: User, limit: int = 20) -> list[tuple[Draft, Invitation]]:
    """The specialist's municipality's answered or closed invitations, newest draft first.

    The newest drafts are walked in the order of the draft's received-date index, each tested for an
    answered (or closed) invitation of the municipality through the invitation's (draft, municipality)
    key, and the walk stops at ``limit``: bounded by the page, not by the municipality's whole archive
    (sorting every invitation of the municipality by a joined column grew with the archive).
    """
    if user.municipality_id is None:
        return []
    walked = aliased(Draft)  # its own FROM, not correlated with the outer statement's draft
    answered = exists().where(
        Invitation.draft_id == walked.id, Invitation.municipality_id == user.municipality_id,
        (Invitation.status != AnswerStatus.PENDING) | (walked.state != DraftState.CONSULTATION),
    )
    newest = select(walked.id).where(answered).order_by(walked.received_date.desc(), walked.id.desc()).limit(limit)
    rows = db.session.execute(
        select(Draft, Invitation)
        .join(Invitation, (Invitation.draft_id == Draft.id) & (Invitation.municipality_id == user.municipality_id))
        .where(Draft.id.in_(newest))
        .order_by(Draft.received_date.desc(), Draft.id.desc())
    ).all()
    return [(d, i) for d, i in rows]


@dataclass(frozen=True)
class StaffFacts:
    """What the staff's draft page reads about a draft besides its record, from one statement."""

    counts: tuple[int, int]  # the lifecycle guards' facts, as ``lifecycle.fact_columns`` reads them
    position: dict  # the latest position version, ``consolidation.position_json``
    opinions: list[CommitteeOpinion]
    decisions: list[BoardDecision]


def staff_facts(draft: Draft) -> StaffFacts:
    """The guard counts, the latest position (with its author's name), opinions and decisions in one statement.

    Each of these is one row or a few at most, so LEFT JOINs of the draft with each (a tiny cross product)
    replace four look-ups; kept for the request, as the page may ask more than once.
    """
    memo = g.setdefault("_staff_facts", {})
    if draft.id in memo:
        return memo[draft.id]
    latest = select(func.max(PositionVersion.version)).where(PositionVersion.draft_id == Draft.id) \
        .correlate(Draft).scalar_subquery()
    rows = db.session.execute(
        select(*fact_columns(draft.id), PositionVersion, User.name, CommitteeOpinion, BoardDecision)
        .select_from(Draft)
        .outerjoin(PositionVersion, and_(PositionVersion.draft_id == Draft.id, PositionVersion.version == latest))
        .outerjoin(User, User.id == PositionVersion.author_id)
        .outerjoin(CommitteeOpinion, CommitteeOpinion.draft_id == Draft.id)
        .outerjoin(BoardDecision, BoardDecision.draft_id == Draft.id)
        .where(Draft.id == draft.id)
    ).all()
    undecided, positions, pv, author = rows[0][:4]
    position = position_json(pv, author)
    opinions_ = {row[4].id: row[4] for row in rows if row[4] is not None}
    decisions_ = {row[5].id: row[5] for row in rows if row[5] is not None}
    memo[draft.id] = StaffFacts(
        counts=(undecided or 0, positions or 0), position=position,
        opinions=[opinions_[k] for k in sorted(opinions_)], decisions=[decisions_[k] for k in sorted(decisions_)],
    )
    return memo[draft.id]


def opinions(draft: Draft) -> list[CommitteeOpinion]:
    """The committee opinions given on ``draft``."""
    return staff_facts(draft).opinions


def decisions(draft: Draft) -> list[BoardDecision]:
    """The board decisions on ``draft``."""
    return staff_facts(draft).decisions
