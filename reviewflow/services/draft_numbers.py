"""Draft numbers: split a Seimas revision off the number, keep every other shape as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from reviewflow.errors import Conflict, Invalid
from reviewflow.extensions import db
from reviewflow.models import Draft
from reviewflow.services.payload import is_db_id

SEIMAS_DRAFT = re.compile(r"^(?P<term>[IVXL]+)P\s*[-–‑]\s*(?P<no>\d+)\s*(?:\(\s*(?P<rev>\d+)\s*\))?$")
# What lawyers paste in front of a number: "Nr. ", "NR.", "Pr. ", "nr.", "Projekto Nr." (never part of it).
PREFIX = re.compile(r"^(?:projekto\s+)?(?:nr|pr)(?:\.\s*|\s+|$)", re.IGNORECASE)
MAX_LENGTH = 100


@dataclass(frozen=True)
class ParsedNumber:
    """A draft number as typed, the number without its revision, the revision and the Seimas term."""

    raw: str
    number: str
    revision: int | None = None
    term: str | None = None

    @property
    def is_seimas(self) -> bool:
        """True when the number follows the Seimas pattern (it then has a term)."""
        return self.term is not None


def clean_draft_number(raw: str | None) -> str:
    """The number without a pasted prefix ("Nr. ", "Pr. "), a trailing period or extra spaces."""
    text = " ".join((raw or "").split())
    text = PREFIX.sub("", text).strip()
    return text.rstrip(".,;").strip()


def parse_draft_number(raw: str | None) -> ParsedNumber:
    """Parse ``Nr. XIVP-2435(2).`` into number ``XIVP-2435`` and revision 2; keep other shapes as typed.

    ``raw`` of the result is the cleaned number (for a Seimas draft, written the canonical way).
    """
    stripped = clean_draft_number(raw)
    if not stripped:
        raise Invalid(_("Enter the draft number."), errors={"number": _("Enter the draft number.")})
    if not any(char.isalnum() for char in stripped):
        # "%%%" or "--" names no draft: every real number (XIVP-3120(2), 23-12345, 2026-01234) has a letter or digit.
        message = _("A draft number needs at least one letter or digit, e.g. XIVP-3120(2) or 2026-01234.")
        raise Invalid(message, errors={"number": message})
    if len(stripped) > MAX_LENGTH:
        message = _("The draft number is too long (at most %(max)s characters).", max=MAX_LENGTH)
        raise Invalid(message, errors={"number": message})
    match = SEIMAS_DRAFT.match(stripped.upper())
    if match is None:
        # Government and ministry numbers have no agreed shape: store them as typed (prefix stripped).
        return ParsedNumber(raw=stripped, number=stripped)
    revision = match.group("rev")
    number = f"{match.group('term')}P-{match.group('no')}"
    return ParsedNumber(
        raw=f"{number}({revision})" if revision is not None else number,
        number=number,
        revision=int(revision) if revision is not None else None,
        term=match.group("term"),
    )


class DuplicateDraft(Conflict):
    """The number and revision are registered already; ``existing`` is the draft that holds them."""

    def __init__(self, existing: Draft) -> None:
        message = _("Draft %(number)s is already registered.", number=existing.number_raw)
        super().__init__(message, {"number": message})
        self.existing = existing
        self.problem_extra = {"existing": {"id": existing.id, "number": existing.number_raw,
                                           "title": existing.title}}


class SameIncomingLetter(Conflict):
    """The institution's letter of this number is on another draft already; ``existing`` is that draft.

    A warning the person can pass: one letter may well bring two drafts.
    """

    def __init__(self, existing: Draft) -> None:
        message = _("Letter %(letter)s of this institution is already registered with draft %(number)s.",
                    letter=existing.incoming_letter_number, number=existing.number_raw)
        super().__init__(message, {"incoming_letter_number": message})
        self.existing = existing
        self.problem_extra = {"existing": {"id": existing.id, "number": existing.number_raw,
                                           "title": existing.title}}


def same_incoming_letter(institution_id: int, letter_number: str, number: str) -> Draft | None:
    """The first other draft registered with the institution's letter of this number (case aside).

    Drafts of the same ``number`` do not count: a revision of the same draft, or a second draft of the number
    (which :class:`DuplicateDraft` asks about already), is not another draft.
    """
    wanted = letter_number.lower()
    # The institution's drafts through its index, then the letter number compared whatever its case.
    return db.session.scalar(
        select(Draft).where(Draft.institution_id == institution_id, Draft.number != number,
                            func.lower(Draft.incoming_letter_number) == wanted).order_by(Draft.id).limit(1)
    )


def registered_as(parsed: ParsedNumber) -> Draft | None:
    """The draft already registered with this number and revision (no revision matches no revision)."""
    revision = Draft.revision.is_(None) if parsed.revision is None else Draft.revision == parsed.revision
    return db.session.scalar(
        select(Draft).where(Draft.number == parsed.number, revision).order_by(Draft.id).limit(1)
    )


def earlier_revision(parsed: ParsedNumber) -> Draft | None:
    """The newest registered revision of the same number before this one (one with no revision counts first)."""
    if parsed.revision is None:
        return None
    return db.session.scalar(
        select(Draft).where(Draft.number == parsed.number, func.coalesce(Draft.revision, 0) < parsed.revision)
        .order_by(func.coalesce(Draft.revision, 0).desc(), Draft.id.desc()).limit(1)
    )


def previous_revision_for(parsed: ParsedNumber, revision_of: object = None) -> Draft | None:
    """The draft this one is a later revision of: the one named by ``revision_of``, else the newest earlier.

    ``revision_of`` (a draft id) must name a draft of the same number; the full revision feature is
    separate, here only the link between revisions is kept.
    """
    if revision_of is None:
        return earlier_revision(parsed)
    draft = db.session.get(Draft, revision_of) if is_db_id(revision_of) else None
    if draft is None or draft.number != parsed.number:
        message = _("A new revision must name a registered draft with the same number.")
        raise Invalid(message, {"revision_of": message})
    if parsed.revision is not None and (draft.revision or 0) >= parsed.revision:
        # XIVP-3120(2) "after" (3) would put the chain out of order: the comparison would run backwards.
        message = _("%(number)s is not a later revision of %(previous)s.", number=parsed.raw,
                    previous=draft.number_raw)
        raise Invalid(message, {"revision_of": message})
    return draft
