"""A lawyer's reusable reasons for decisions: their own, and shared ones kept by administrators."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select

from reviewflow.errors import Forbidden, NotFound
from reviewflow.extensions import db
from reviewflow.models import Role, SavedReason, User
from reviewflow.permissions import can_edit_saved_reason, can_keep_saved_reasons
from reviewflow.services.payload import text_field

MAX_LENGTH = 5000


def reasons_for(user: User) -> list[SavedReason]:
    """The reasons ``user`` may insert: their own first, then the shared ones (one query)."""
    if not can_keep_saved_reasons(user):
        return []
    rows = db.session.scalars(
        select(SavedReason).where(or_(SavedReason.owner_id == user.id, SavedReason.owner_id.is_(None)))
        .order_by(SavedReason.owner_id.is_(None), SavedReason.created_at, SavedReason.id)
    ).all()
    return list(rows)


def get_reason_for(reason_id: int, user: User) -> SavedReason:
    """A reason ``user`` may edit; someone else's own reason is not told to exist."""
    reason = db.session.get(SavedReason, reason_id)
    if reason is None or (reason.owner_id is not None and reason.owner_id != user.id):
        raise NotFound(_("No such saved reason."))
    if not can_edit_saved_reason(user, reason):
        raise Forbidden(_("Only administrators change the shared reasons."))
    return reason


def add_saved_reason(user: User, payload: dict) -> SavedReason:
    """Save a reason: the lawyer's own, or a shared one (``shared``: administrators only)."""
    if not can_keep_saved_reasons(user):
        raise Forbidden(_("Only lawyers and administrators keep saved reasons."))
    shared = bool(payload.get("shared")) or not user.has_role(Role.LAWYER)
    if shared and not user.has_role(Role.ADMIN):
        raise Forbidden(_("Only administrators add shared reasons."))
    reason = SavedReason(owner_id=None if shared else user.id,
                         text=text_field(payload, "text", max_length=MAX_LENGTH))
    db.session.add(reason)
    db.session.commit()
    return reason


def edit_saved_reason(reason_id: int, user: User, payload: dict) -> SavedReason:
    """Change a reason's text."""
    reason = get_reason_for(reason_id, user)
    reason.text = text_field(payload, "text", max_length=MAX_LENGTH)
    db.session.commit()
    return reason


def delete_saved_reason(reason_id: int, user: User) -> None:
    """Delete a reason (decisions that used it keep their text: it was copied into them)."""
    reason = get_reason_for(reason_id, user)
    db.session.delete(reason)
    db.session.commit()
