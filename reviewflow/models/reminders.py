"""Reminder claims: one row per reminder (what, for whom, for which deadline), written before sending."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow


class _Delivery:
    """The delivery record shared by single reminders and digests: sent once, retried until then."""

    # pending (to send; retried while last_error says why the last try failed), sent, or cancelled
    # (no longer true when its turn came, e.g. the municipality answered while SMTP was down).
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # A short lease taken before talking to SMTP, so two scans never send the same claim at once.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReminderDigest(_Delivery, db.Model):
    """One user's daily digest mail: at most one per user per Vilnius date."""

    __tablename__ = "reminder_digest"
    __table_args__ = (UniqueConstraint("user_id", "digest_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest_date: Mapped[date] = mapped_column(Date)


class ReminderClaim(_Delivery, db.Model):
    """A reminder claimed for sending; the unique key makes a second copy impossible."""

    __tablename__ = "reminder_claim"
    __table_args__ = (UniqueConstraint("kind", "user_id", "draft_id", "deadline"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # "mail" sends this reminder on its own; "digest" waits for the user's daily digest.
    channel: Mapped[str] = mapped_column(String(10), default="mail")
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminder_digest.id", ondelete="SET NULL"), index=True
    )
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification.id", ondelete="SET NULL")
    )


# The send and digest scans pick claims by channel and status (migration 3e5c0a7b9d21_scale).
Index("ix_reminder_claim_channel_status", ReminderClaim.channel, ReminderClaim.status)
