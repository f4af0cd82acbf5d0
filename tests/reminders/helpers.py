"""Arranging drafts on a chosen calendar for the reminder tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from reviewflow.extensions import db
from reviewflow.models import Committee, DraftState, Invitation, Notification
from reviewflow.models.reminders import ReminderClaim
from reviewflow.services import lifecycle


def fire(draft, name, user, **payload):
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


def consultation(cast, draft, *, comments: str, reply: str, municipalities=("LT-57", "LT-15")):
    """Assign the draft to the lawyer (IVPK), open the consultation, then set the scenario's dates."""
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=list(municipalities))
    return set_dates(draft, comments=comments, reply=reply)


def set_dates(draft, *, reply: str, comments: str | None = None):
    """Move a draft's deadlines to fixed days, so the scenarios do not depend on today."""
    draft.reply_deadline = date.fromisoformat(reply)
    if comments:
        draft.comment_deadline = date.fromisoformat(comments)
        db.session.execute(update(Invitation).where(Invitation.draft_id == draft.id)
                           .values(deadline=draft.comment_deadline))
    db.session.commit()
    return draft


def put_in_state(draft, state: DraftState, committee: str | None = None):
    """Arrange a waiting state directly (the lifecycle's own tests walk there)."""
    if committee:
        draft.committee_id = db.session.scalar(select(Committee.id).where(Committee.code == committee))
    draft.state = state
    db.session.commit()
    return draft


def claims(**where) -> list[ReminderClaim]:
    query = select(ReminderClaim).filter_by(**where).order_by(ReminderClaim.id)
    return list(db.session.scalars(query))


def reminder_notices(user) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user.id, Notification.kind.like("reminder_%"))
        .order_by(Notification.id)
    ))
