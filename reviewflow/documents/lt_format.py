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


# Pairs people type around a quotation: straight, English, German-low, guillemets (either way round).
_PAIRS = (('"', '"'), ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("”", "”"), ("“", "“"))
_INNER_PAIR = re.compile(r'"([^"\n]*)"|“([^“”„\n]*)”|«([^«»\n]*)»')


def normalise_quotes(text: str) -> str:
    """Quotations inside ``text`` written with "…", “…” or «…» rewritten as „…“."""
    return _INNER_PAIR.sub(lambda m: f"„{next(g for g in m.groups() if g is not None)}“", text)


def _balanced(text: str) -> bool:
    """True when every „ in ``text`` is closed by a later “ and no “ comes before its „."""
    depth = 0
    for char in text:
        if char == "„":
            depth += 1
        elif char == "“":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def unquote(text: str) -> str:
    """``text`` without the quotation marks around the whole of it (however many, in any style),
    so a wording typed as „…“, "…", “…” or «…» is quoted exactly once when the letter quotes it."""
    text = normalise_quotes(text.strip())
    while len(text) >= 2:
        opened = next((pair for pair in _PAIRS if text.startswith(pair[0]) and text.endswith(pair[1])), None)
        if opened is not None and _balanced(text[1:-1]):
            text = text[1:-1].strip()
            continue
        # A wording pasted from a web page may keep only one of its marks.
        if text[0] == "„" and "“" not in text:
            text = text[1:].strip()
        elif text[-1] == "“" and "„" not in text:
            text = text[:-1].strip()
        else:
            break
    return text


def lt_quote(text: str) -> str:
    """Text in one pair of Lithuanian quotation marks, „text“, whatever marks it came with."""
    return f"„{unquote(text)}“"


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
