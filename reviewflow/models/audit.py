"""The record of what happened: audit entries, in-app notifications and the outbox of queued work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One step on a draft's record: who did what, when, from which state to which, with what."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int | None] = mapped_column(
        ForeignKey("draft.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()  # noqa: F821


class Notification(db.Model):
    """An in-app notice for one user."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    # The text as first written (in the recipient's language then): what rows from before ``params`` show.
    message: Mapped[str] = mapped_column(Text)
    # What the text is made of (draft number, title, deadline…), so that it is written at read time in the
    # reader's current language (reviewflow.services.notifications.render); ``None`` on older rows.
    params: Mapped[dict | None] = mapped_column(JSON)
    url: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutboxJob(db.Model):
    """Background work recorded in the same transaction as its cause, swept until done."""

    __tablename__ = "outbox_job"
    __table_args__ = (UniqueConstraint("task", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(120))
    key: Mapped[str] = mapped_column(String(200))
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # No copy may run the job before this moment: a scheduled retry, or the lease of the copy running it.
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Retrying cannot help (a bad header, a template error, an address refused); last_error says why.
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


# A draft's record is read in time order; a user's notifications newest first (migration 3e5c0a7b9d21_scale).
Index("ix_audit_entry_draft_created", AuditEntry.draft_id, AuditEntry.created_at)
Index("ix_notification_user_created", Notification.user_id, Notification.created_at)
