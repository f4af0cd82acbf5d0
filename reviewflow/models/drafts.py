"""A draft legal act under review, its files, its structure and the bodies' decisions on it."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow


def _enum(cls: type[enum.Enum], length: int = 32) -> Enum:
    """A portable enum column storing the member values (no native PostgreSQL type to migrate)."""
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class DraftState(enum.StrEnum):
    """The lifecycle states; only :mod:`reviewflow.workflows` assigns them."""

    REGISTERED = "registered"
    ASSIGNED = "assigned"
    CONSULTATION = "consultation"
    CONSOLIDATION = "consolidation"
    COMMITTEE_REVIEW = "committee_review"
    BOARD_REVIEW = "board_review"
    APPROVED = "approved"
    SENT = "sent"
    WITHDRAWN = "withdrawn"


# The states in which a draft still waits for LSA's answer (reminders, workloads, home pages, reports).
OPEN_STATES = tuple(s for s in DraftState if s not in (DraftState.SENT, DraftState.WITHDRAWN))


class DraftKind(enum.StrEnum):
    """What kind of act the draft is."""

    LAW = "law"
    GOVERNMENT_RESOLUTION = "government_resolution"
    MINISTERIAL_ORDER = "ministerial_order"
    OTHER = "other"


class Draft(db.Model):
    """A draft legal act sent to LSA for coordination."""

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    number_raw: Mapped[str] = mapped_column(String(80))
    number: Mapped[str] = mapped_column(String(80), index=True)
    revision: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[DraftKind] = mapped_column(_enum(DraftKind))
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    incoming_letter_number: Mapped[str] = mapped_column(String(80))
    incoming_letter_date: Mapped[date] = mapped_column(Date)
    received_date: Mapped[date] = mapped_column(Date)
    reply_deadline: Mapped[date] = mapped_column(Date, index=True)
    deadline_warning: Mapped[str | None] = mapped_column(Text)
    tais_url: Mapped[str | None] = mapped_column(String(500))
    related_act: Mapped[str | None] = mapped_column(String(300))
    state: Mapped[DraftState] = mapped_column(
        _enum(DraftState), default=DraftState.REGISTERED, index=True
    )
    lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"), index=True)
    comment_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    consultation_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_date: Mapped[date | None] = mapped_column(Date)
    sent_via: Mapped[str | None] = mapped_column(String(32))  # how the letter went out: e_delivery, email, post, …
    # The letter's subject as the lawyer corrected it; None means the one made from the title.
    letter_subject: Mapped[str | None] = mapped_column(Text)
    # An earlier revision of the same draft number (XIVP-3120(2) before XIVP-3120(3)).
    previous_revision_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id"), index=True)
    # "changed": the municipal consultation covers only the provisions changed or added since the previous
    # revision (worked out from the texts when asked, so a text read again is followed); None: all of them.
    consultation_scope: Mapped[str | None] = mapped_column(String(16))
    # Who signs this draft's letter; None means the administrator's default signatory.
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("signatory.id"))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    institution: Mapped[Institution] = relationship()  # noqa: F821
    lawyer: Mapped[User | None] = relationship(foreign_keys=[lawyer_id])  # noqa: F821
    committee: Mapped[Committee | None] = relationship()  # noqa: F821
    signatory: Mapped[Signatory | None] = relationship()  # noqa: F821
    previous_revision: Mapped[Draft | None] = relationship(remote_side=[id])
    files: Mapped[list[DraftFile]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="DraftFile.id"
    )
    provisions: Mapped[list[Provision]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="Provision.position"
    )

    @property
    def is_open(self) -> bool:
        """Whether the draft still needs work."""
        return self.state not in (DraftState.SENT, DraftState.WITHDRAWN)

    def __repr__(self) -> str:
        return f"<Draft {self.id} {self.number_raw} {self.state}>"


class DraftFile(db.Model):
    """A file attached to a draft, stored outside the web root under a generated name."""

    __tablename__ = "draft_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))  # draft_text, explanatory_note, other
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    extracted_text: Mapped[str | None] = mapped_column(Text)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="files")


class Provision(db.Model):
    """An article / part / point / chapter found in the draft's text, offered as an anchor for comments.

    ``scope`` is None for the draft's own provisions. For the new wording an amending provision quotes,
    it names that provision ("1 str."); for a document the draft approves, the document ("Aprašas").
    ``article`` / ``part`` / ``point`` are then the numbers inside that scope. ``label`` is what people
    see ("1 straipsniu keičiamo 5 straipsnio 2 dalis"), ``citation`` what the letter writes after "Dėl"
    ("Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies"), ``short`` the annex's column
    ("1 (5) str. 2 d."), ``depth`` the nesting shown in pickers (0 for the draft's own).
    """

    __tablename__ = "provision"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # document order
    article: Mapped[str | None] = mapped_column(String(16))
    part: Mapped[str | None] = mapped_column(String(16))
    point: Mapped[str | None] = mapped_column(String(16))
    scope: Mapped[str | None] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(String(300))
    citation: Mapped[str | None] = mapped_column(String(400))
    short: Mapped[str | None] = mapped_column(String(120))
    depth: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")

    draft: Mapped[Draft] = relationship(back_populates="provisions")


class Signatory(db.Model):
    """A person who signs LSA's letters (position and name), chosen by an administrator."""

    __tablename__ = "signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CommitteeOpinion(db.Model):
    """A committee's opinion on the consolidated position."""

    __tablename__ = "committee_opinion"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"))
    opinion: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    meeting_date: Mapped[date] = mapped_column(Date)
    given_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BoardDecision(db.Model):
    """The board's approval of the final LSA position."""

    __tablename__ = "board_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    decision_number: Mapped[str] = mapped_column(String(32))
    decision_date: Mapped[date] = mapped_column(Date)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    position_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# Lists sort by received date; the waiting lists and the reminder scan read open drafts by state and
# deadline, a lawyer's by lawyer and state (migration 3e5c0a7b9d21_scale).
Index("ix_draft_received_date", Draft.received_date)
Index("ix_draft_state_reply_deadline", Draft.state, Draft.reply_deadline)
Index("ix_draft_lawyer_state", Draft.lawyer_id, Draft.state)
# The drafts list walks an index in its sort order under its most common filters instead of sorting every
# matching draft: a state with each sort, and an institution with the default sort by deadline (the id breaks
# ties, as the keyset cursor does; migration 6a1d3c5e7f90_list_indexes). Not a lawyer's or a committee's: SQLite,
# without statistics, chose such an index for the open drafts of a lawyer's home and read all of them.
Index("ix_draft_state_received", Draft.state, Draft.received_date, Draft.id)
Index("ix_draft_state_number", Draft.state, Draft.number, Draft.id)
Index("ix_draft_institution_deadline", Draft.institution_id, Draft.reply_deadline, Draft.id)
