"""A lawyer's reusable reasons and the internal notes LSA people leave on a proposal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow


class SavedReason(db.Model):
    """A reason a lawyer writes again and again ("Nuostata nepriklauso savivaldybių kompetencijai…").

    ``owner_id`` is the lawyer whose own reason it is; None makes it shared by every lawyer (administrators
    edit those).
    """

    __tablename__ = "saved_reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class InternalNote(db.Model):
    """A note on a proposal for LSA staff and the draft's committee; never shown to municipalities."""

    __tablename__ = "internal_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship()  # noqa: F821
