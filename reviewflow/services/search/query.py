"""What a search means: folding text the same way for documents and queries, parsing the query, highlighting.

Folding is done here, once, for both databases: case and diacritics go (``ĮSTATYMO``, ``įstatymo`` and
``istatymo`` are one word), and every run of letters or digits is a token, anything else a separator
(``XIVP-3120(2)`` is ``xivp 3120 2``). The databases index the folded tokens as they are, so SQLite and
PostgreSQL find the same rows and the excerpt's highlights mark exactly what matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import gettext as _

from reviewflow.errors import Invalid

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# A word this long or longer matches as a prefix ("savivald" finds "savivaldybių"); shorter ones exactly.
MIN_PREFIX = 3
TOKEN = re.compile(r"[^\W_]+")
# Letters that Unicode does not decompose into a base letter and a mark.
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "ı": "i"})
# Quoted phrases: straight quotes and the Lithuanian „…“ (also “…” and «…»).
_PHRASE = re.compile(r"[\"„“”«»]([^\"„“”«»]*)(?:[\"“”«»]|$)")
_NUMBER_PREFIXES = {"nr", "pr"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA)


def fold(text: str) -> str:
    """Lower case without diacritics: ``Įstatymų`` -> ``istatymu``, ``25¹`` -> ``251``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA)


def tokens(text: str | None) -> list[str]:
    """The folded words and numbers of ``text``."""
    return TOKEN.findall(fold(text or ""))


def index_terms(*texts: str | None) -> str:
    """What the databases index for a document: its folded tokens separated by single spaces."""
    return " ".join(token for text in texts for token in tokens(text))


@dataclass(frozen=True)
class Term:
    """Tokens that must stand next to each other; ``prefix``: the last one may go on ("savivald" -> …ybių)."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed search: every term must match the same document."""

    text: str
    terms: tuple[Term, ...]


def _invalid(message: str) -> Invalid:
    return Invalid(message, {"q": message})


def parse_query(text: str | None) -> Query:
    """Parse what a person typed: words (prefixes), "quoted phrases", numbers like ``XIVP-3120(2)``.

    Raises :class:`Invalid` (422) for an empty query, one too long, or one of punctuation only.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise _invalid(_("Enter what to search for."))
    if len(raw) > MAX_QUERY_LENGTH:
        raise _invalid(_("The search is too long (at most %(max)d characters).", max=MAX_QUERY_LENGTH))
    terms: list[Term] = []
    for phrase in _PHRASE.findall(raw):
        found = tuple(tokens(phrase))
        if found:
            terms.append(Term(found))
    words = _PHRASE.sub(" ", raw).split()
    for position, word in enumerate(words):
        found = tuple(tokens(word))
        if not found:
            continue
        following = words[position + 1] if position + 1 < len(words) else ""
        # "Nr. XIVP-3120" as pasted from a letter: the "Nr." is not part of the number.
        if found[0] in _NUMBER_PREFIXES and len(found) == 1 and any(ch.isdigit() for ch in following):
            continue
        last = found[-1]
        prefix = len(found) == 1 and last.isalpha() and len(last) >= MIN_PREFIX
        terms.append(Term(found, prefix))
    unique = tuple(dict.fromkeys(terms))
    if not unique:
        raise _invalid(_("Search for words or numbers, not punctuation alone."))
    if len(unique) > MAX_TERMS:
        raise _invalid(_("Too many words in the search (at most %(max)d).", max=MAX_TERMS))
    return Query(raw, unique)


def fts5_match(query: Query, expansions: dict[str, list[str]] | None = None) -> str:
    """The query in SQLite FTS5 syntax: ``"savivald"* AND "xivp 3120"``.

    ``expansions`` may name, per prefix, the indexed words it stands for: ``("savivaldos" OR
    "savivaldybe")`` streams in rowid order where a bare prefix query first collects every match.
    """
    parts = []
    for term in query.terms:
        words = (expansions or {}).get(term.tokens[0]) if term.prefix else None
        if words:
            parts.append("(" + " OR ".join(f'"{word}"' for word in words) + ")")
        else:
            parts.append(f'"{" ".join(term.tokens)}"' + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def tsquery(query: Query) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax: ``'savivald':* & ('xivp' <-> '3120')``."""
    parts = []
    for term in query.terms:
        words = [f"'{token}'" for token in term.tokens]
        if term.prefix:
            words[-1] += ":*"
        parts.append(words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


# --- highlighting ------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each token of ``text`` with where it stands in the original text (start, end)."""
    pieces = [_fold_char(char) for char in text]
    flat = "".join(pieces)
    if len(flat) == len(text) and all(len(piece) == 1 for piece in pieces):
        return tuple((m.group(), m.start(), m.end()) for m in TOKEN.finditer(flat))
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return tuple((m.group(), origin[m.start()], origin[m.end() - 1] + 1) for m in TOKEN.finditer(flat))


def _matches(term: Term, word: str, position: int) -> bool:
    wanted = term.tokens[position]
    last = position == len(term.tokens) - 1
    return word.startswith(wanted) if (term.prefix and last) else word == wanted


def find_matches(query: Query, text: str) -> list[tuple[int, int]]:
    """Where the query's terms stand in ``text``, as sorted (start, end) offsets of the original text."""
    spans = _spans(text)
    found: set[tuple[int, int]] = set()
    for term in query.terms:
        size, first = len(term.tokens), term.tokens[0]
        if size == 1:
            found.update((s, e) for word, s, e in spans if (word.startswith(first) if term.prefix else word == first))
            continue
        for i in range(len(spans) - size + 1):
            if spans[i][0] == first and all(_matches(term, spans[i + k][0], k) for k in range(1, size)):
                found.add((spans[i][1], spans[i + size - 1][2]))
    return sorted(found)


@dataclass(frozen=True)
class Excerpt:
    """A piece of a text around what matched; ``marks`` are (start, end) offsets into ``text``."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def parts(self) -> list[tuple[str, bool]]:
        """The excerpt as (piece, highlighted) pairs, for a template to escape and wrap in ``<mark>``."""
        result, at = [], 0
        for start, end in self.marks:
            if start > at:
                result.append((self.text[at:start], False))
            result.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            result.append((self.text[at:], False))
        return result


def excerpt(query: Query, texts: list[str | None], width: int = 220) -> Excerpt:
    """The excerpt of the first text with the most matches, about ``width`` characters around the first."""
    candidates = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not candidates:
        return Excerpt("", ())
    scored = [(len(find_matches(query, text)), -i, text) for i, text in enumerate(candidates)]
    _count, _order, text = max(scored)
    marks = find_matches(query, text)
    if len(text) <= width:
        return Excerpt(text, tuple(marks))
    first = marks[0][0] if marks else 0
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space != -1 and space - end < 30 else end
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(prefix) - start
    inside = tuple((s + shift, e + shift) for s, e in marks if s >= start and e <= end)
    return Excerpt(prefix + text[start:end] + suffix, inside)
