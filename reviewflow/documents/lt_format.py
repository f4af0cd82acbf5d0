"""Lithuanian writing conventions for documents: dates, quotation marks, plurals, clean text."""

from __future__ import annotations

import re
from datetime import date

GENITIVE_MONTHS = (
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
)

# Characters XML 1.0 forbids, plus BEL and friends that docxtpl would turn into paragraph breaks.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Word writes a manual line break as VT; a form feed or a carriage return is a line break too.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")


def lt_date_long(d: date) -> str:
    """The long form with a genitive month: ``2026 m. lapkričio 27 d.``."""
    return f"{d.year} m. {GENITIVE_MONTHS[d.month - 1]} {d.day} d."


def lt_date_iso(d: date) -> str:
    """The short form used in letter numbers and tables: ``2026-11-27``."""
    return d.isoformat()


def lt_quote(text: str) -> str:
    """Text in Lithuanian quotation marks: „text“."""
    return f"„{text}“"


def lt_plural(n: int, one: str, few: str, many: str) -> str:
    """The noun form for ``n``: 1 lapas, 2 lapai, 10 lapų, 21 lapas."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 9 and not 12 <= n % 100 <= 19:
        return few
    return many


def clean_text(text: object) -> str:
    """User text safe for a document: line breaks normalised to ``\\n``, other control characters gone."""
    if text is None:
        return ""
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", str(text)))
