"""Draft numbers: split a Seimas revision off the number, keep every other shape as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _

from reviewflow.errors import Invalid

SEIMAS_DRAFT = re.compile(r"^(?P<term>[IVXL]+)P-(?P<no>\d+)(?:\((?P<rev>\d+)\))?$")
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


def parse_draft_number(raw: str | None) -> ParsedNumber:
    """Parse ``XIVP-2435(2)`` into number ``XIVP-2435`` and revision 2; keep other shapes raw."""
    stripped = (raw or "").strip()
    if not stripped:
        raise Invalid(_("Enter the draft number."), errors={"number": _("Enter the draft number.")})
    if len(stripped) > MAX_LENGTH:
        message = _("The draft number is too long (at most %(max)s characters).", max=MAX_LENGTH)
        raise Invalid(message, errors={"number": message})
    match = SEIMAS_DRAFT.match(stripped)
    if match is None:
        # Government and ministry numbers have no agreed shape: store them exactly as typed.
        return ParsedNumber(raw=stripped, number=stripped)
    revision = match.group("rev")
    return ParsedNumber(
        raw=stripped,
        number=f"{match.group('term')}P-{match.group('no')}",
        revision=int(revision) if revision is not None else None,
        term=match.group("term"),
    )
