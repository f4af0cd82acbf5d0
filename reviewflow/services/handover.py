"""Handing a lawyer's open drafts to others when the lawyer is deactivated, and finding those left behind."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import OPEN_STATES, Draft, DraftState, Role, User, UserRole
from reviewflow.services import accounts
from reviewflow.services.lifecycle import reassign_draft

CLOSED_STATES = (DraftState.SENT, DraftState.WITHDRAWN)
# The same drafts as "not closed", named so the state index serves them (NOT IN scans every draft ever sent).
assert set(OPEN_STATES) == set(DraftState) - set(CLOSED_STATES)


def open_drafts_of(user_id: int) -> list[Draft]:
    """The open drafts the user is the responsible lawyer of, nearest reply date first."""
    return list(db.session.scalars(
        select(Draft).where(Draft.lawyer_id == user_id, Draft.state.in_(OPEN_STATES))
        .options(selectinload(Draft.committee)).order_by(Draft.reply_deadline, Draft.id)
    ))


def successors_for(user_id: int) -> list[User]:
    """The active lawyers other than ``user_id`` who can take the drafts over, by name."""
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.LAWYER, User.active.is_(True), User.id != user_id).order_by(User.name)
    ))


def orphaned_drafts() -> list[Draft]:
    """Open drafts whose responsible lawyer can no longer sign in (the administrator's home lists them)."""
    return list(db.session.scalars(
        select(Draft).join(User, User.id == Draft.lawyer_id)
        .where(User.active.is_(False), Draft.state.in_(OPEN_STATES))
        .options(selectinload(Draft.lawyer)).order_by(Draft.reply_deadline, Draft.id)
    ))


def deactivate_with_handover(user_id: int, actor: User, successors: dict[int, str]) -> User:
    """Hand each open draft of the user to the lawyer chosen for it (``{draft_id: e-mail}``), then
    deactivate the user. Every draft must have a successor; nothing changes when one is missing or
    not an active lawyer. Each handover is the reassignment service's own step (audited, the new
    lawyer notified); the deactivation comes last, so a refused handover leaves the user active."""
    drafts = open_drafts_of(user_id)
    candidates = {u.email: u for u in successors_for(user_id)}
    missing = [d for d in drafts if successors.get(d.id) not in candidates]
    if missing:
        message = _("Choose an active lawyer for every open draft: %(numbers)s.",
                    numbers=", ".join(d.number_raw for d in missing))
        raise Invalid(message, {f"draft_{d.id}": message for d in missing})
    for draft in drafts:
        reassign_draft(draft.id, actor, {"lawyer": successors[draft.id],
                                         "committee": draft.committee.code if draft.committee else None})
    return accounts.set_user_active(user_id, False, actor=actor)
