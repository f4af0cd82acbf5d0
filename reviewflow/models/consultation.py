"""Municipal consultation: invitations, comments with the lawyer's decisions, and the LSA position."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow
from reviewflow.models.drafts import _enum


class AnswerStatus(enum.StrEnum):
    """A municipality's stored answer; "overdue" is derived from the deadline, never stored."""

    PENDING = "pending"
    ANSWERED = "answered"
    NO_COMMENTS = "no_comments"


class Decision(enum.StrEnum):
    """The lawyer's decision on a proposal: Pritarti / Pritarti iš dalies / Nepritarti."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"


class Stance(enum.StrEnum):
    """LSA's overall stance on the draft."""

    SUPPORTS = "supports"
    SUPPORTS_WITH_REMARKS = "supports_with_remarks"
    OBJECTS = "objects"


class Invitation(db.Model):
    """A municipality invited to comment on a draft, with its own deadline and answer."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("draft_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    deadline: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[AnswerStatus] = mapped_column(
        _enum(AnswerStatus), default=AnswerStatus.PENDING, index=True
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    late: Mapped[bool] = mapped_column(default=False)

    municipality: Mapped[Municipality] = relationship()  # noqa: F821


class ProposalOrigin(enum.StrEnum):
    """Who made a proposal: a municipality, or LSA itself (its lawyer or committee)."""

    MUNICIPALITY = "municipality"
    LSA = "lsa"


class Comment(db.Model):
    """A municipality's comment or proposal on one provision of a draft, or a proposal of LSA's own.

    ``text`` / ``proposed_wording`` are the municipality's words; ``lsa_text`` / ``lsa_wording`` are
    LSA's (what LSA proposes and why, in its own voice), which the letter uses. An LSA proposal has
    no municipality and ``origin`` "lsa".
    """

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    origin: Mapped[ProposalOrigin] = mapped_column(
        _enum(ProposalOrigin, 16), default=ProposalOrigin.MUNICIPALITY
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provision.id"), index=True)
    article: Mapped[str | None] = mapped_column(String(16))
    part: Mapped[str | None] = mapped_column(String(16))
    point: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    proposed_wording: Mapped[str | None] = mapped_column(Text)
    lsa_text: Mapped[str | None] = mapped_column(Text)
    lsa_wording: Mapped[str | None] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_stored: Mapped[str | None] = mapped_column(String(80))
    late: Mapped[bool] = mapped_column(default=False)
    decision: Mapped[Decision | None] = mapped_column(_enum(Decision))
    reasons: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # A merged comment points at the one that stands for it; its proposer stays on record.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"), index=True)
    # A comment carried over from the previous revision points at the one it was copied from (kept null
    # if that one is deleted: the copy stands on its own).
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL"), index=True)
    # The initiator's answer to a proposal LSA sent: taken / partly / not_taken, their arguments, and
    # the document it came from (a Seimas committee conclusion, a Government coordination certificate).
    initiator_outcome: Mapped[str | None] = mapped_column(String(16))
    initiator_arguments: Mapped[str | None] = mapped_column(Text)
    initiator_source: Mapped[str | None] = mapped_column(String(300))
    initiator_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    initiator_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality | None] = relationship()  # noqa: F821
    provision: Mapped[Provision | None] = relationship()  # noqa: F821
    author: Mapped[User] = relationship(foreign_keys=[author_id])  # noqa: F821
    merged: Mapped[list[Comment]] = relationship(
        foreign_keys=[merged_into_id], remote_side=[merged_into_id], viewonly=True
    )
    carried_from: Mapped[Comment | None] = relationship(
        foreign_keys=[carried_from_id], remote_side=[id], viewonly=True
    )


class PositionVersion(db.Model):
    """One saved version of the LSA position; a new save must name the version it was based on."""

    __tablename__ = "position_version"
    __table_args__ = (UniqueConstraint("draft_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    stance: Mapped[Stance] = mapped_column(_enum(Stance))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship()  # noqa: F821


# A specialist's waiting list and past answers read the municipality's invitations by status; a draft's
# page counts its comments per municipality (migration 3e5c0a7b9d21_scale).
Index("ix_invitation_municipality_status", Invitation.municipality_id, Invitation.status)
Index("ix_comment_draft_municipality", Comment.draft_id, Comment.municipality_id)
