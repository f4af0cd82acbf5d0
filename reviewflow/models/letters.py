"""Response letters: each version of a draft's letter, LSA's outgoing numbers, and Word templates."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow
from reviewflow.models.drafts import _enum


class LetterStatus(enum.StrEnum):
    """Where the background rendering of a letter is."""

    QUEUED = "queued"
    RENDERING = "rendering"
    READY = "ready"
    FAILED = "failed"


class Letter(db.Model):
    """One version of a draft's response letter; regenerating adds a version, keeping the number."""

    __tablename__ = "letter"
    __table_args__ = (UniqueConstraint("draft_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    our_number: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[LetterStatus] = mapped_column(_enum(LetterStatus), default=LetterStatus.QUEUED)
    error: Mapped[str | None] = mapped_column(Text)
    stored_name: Mapped[str | None] = mapped_column(String(80))
    annex_stored_name: Mapped[str | None] = mapped_column(String(80))
    # The PDF LibreOffice made of the DOCX, for reading and signing without Word; its own failure.
    pdf_stored_name: Mapped[str | None] = mapped_column(String(80))
    pdf_error: Mapped[str | None] = mapped_column(Text)
    annex_pages: Mapped[int | None] = mapped_column(Integer)
    # Who signs this version, as written in it (a later change of signatory does not rewrite it).
    signatory_position: Mapped[str | None] = mapped_column(String(120))
    signatory_name: Mapped[str | None] = mapped_column(String(120))
    # The signed file of record (PAdES PDF or ASiC-E container) uploaded after signing, and what its
    # check found: the format, the signer's name and the signing time stated in the signature.
    signed_stored_name: Mapped[str | None] = mapped_column(String(80))
    signed_original_name: Mapped[str | None] = mapped_column(String(255))
    signed_format: Mapped[str | None] = mapped_column(String(16))  # pades | asice
    signer_name: Mapped[str | None] = mapped_column(String(300))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LetterNumberSequence(db.Model):
    """The last outgoing number used in a year; incremented under a row lock, inside the approval."""

    __tablename__ = "letter_number_sequence"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class LetterTemplate(db.Model):
    """A replacement Word template uploaded by an administrator; the newest active one is used."""

    __tablename__ = "letter_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="letter")  # letter or annex
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    active: Mapped[bool] = mapped_column(default=True)
