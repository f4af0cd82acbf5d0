"""The text of a DOCX draft and its article / part / point structure, offered as comment anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS, docx_blocks
from reviewflow.errors import Invalid
from reviewflow.services.files import sniff_document

_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# "3 straipsnis. Savivaldybių funkcijos", "3¹ straipsnis", "12 str. ..."; the dot after "straipsnis"
# is required so that a sentence starting "3 straipsnis taikomas ..." is not taken for a heading.
ARTICLE = re.compile(rf"^(?P<no>\d+[{SUPERSCRIPT_DIGITS}]*)\s*(?:straipsnis\s*(?:[.:]|$)|str\.(?:\s|$))")
PART = re.compile(r"^(?P<no>\d+)\.\s+\S")
LAW_POINT = re.compile(r"^(?P<no>\d+)\)\s+\S")
# "1. ", "1.1. ", "1.1.1." (the last dot is often missing on sub-points); a single number needs it,
# so that "2026 m. sausio 1 d." is not read as point 2026.
RESOLUTION_POINT = re.compile(r"^(?:(?P<one>\d+)\.|(?P<many>\d+(?:\.\d+)+)\.?)\s+\S")


@dataclass(frozen=True)
class ProvisionAnchor:
    """A provision a comment can point at; ``position`` is its character offset in the full text."""

    position: int
    article: str | None
    part: str | None
    point: str | None
    label: str
    text: str


@dataclass(frozen=True)
class ExtractedText:
    """The full text of a document and its provisions in document order."""

    text: str
    anchors: list[ProvisionAnchor] = field(default_factory=list)


def extract_structure(data: bytes) -> ExtractedText:
    """Read a DOCX into its full text and its provisions (articles, parts, points, sub-points)."""
    if sniff_document(data) != "docx":
        message = "Text and structure can be read only from a Word document (DOCX)."
        raise Invalid(message, errors={"file": message})
    blocks = [(block.text, block.in_table) for block in docx_blocks(data)]
    lines: list[str] = []
    offsets: list[int] = []
    offset = 0
    for text, _in_table in blocks:
        lines.append(text)
        offsets.append(offset)
        offset += len(text) + 1
    # Tables in drafts hold data (rates, lists of bodies): their numbered rows are not provisions.
    body = [(offsets[i], text.strip()) for i, (text, in_table) in enumerate(blocks) if not in_table]
    has_articles = any(ARTICLE.match(text) for _, text in body)
    anchors = _law_anchors(body) if has_articles else _resolution_anchors(body)
    return ExtractedText(text="\n".join(lines), anchors=anchors)


def _law_anchors(body: list[tuple[int, str]]) -> list[ProvisionAnchor]:
    """Articles, their parts ("1. ") and points ("1) "), as a law is written."""
    anchors: list[ProvisionAnchor] = []
    article = part = None
    for position, text in body:
        if match := ARTICLE.match(text):
            article, part, point = match.group("no"), None, None
        elif article is None:
            continue  # the title and preamble before the first article
        elif match := PART.match(text):
            part, point = match.group("no"), None
        elif match := LAW_POINT.match(text):
            point = match.group("no")
        else:
            continue
        label = provision_title(article, part, point)
        anchors.append(ProvisionAnchor(position, article, part, point, label, text))
    return anchors


def _resolution_anchors(body: list[tuple[int, str]]) -> list[ProvisionAnchor]:
    """Points and sub-points ("1.", "1.1.", "1.1.1."), as Government resolutions and orders are written."""
    anchors: list[ProvisionAnchor] = []
    for position, text in body:
        if match := RESOLUTION_POINT.match(text):
            point = match.group("one") or match.group("many")
            label = provision_title(None, None, point)
            anchors.append(ProvisionAnchor(position, None, None, point, label, text))
    return anchors


def _clean(value: str | None) -> str | None:
    """A provision number as typed, without spaces and a trailing dot; empty means none."""
    value = (value or "").strip().rstrip(".").strip()
    return value or None


def provision_title(article: str | None, part: str | None, point: str | None) -> str:
    """The provision in the nominative: "3 straipsnio 2 dalies 1 punktas", "5.2 papunktis", "Bendrai"."""
    return _provision_phrase(article, part, point, genitive=False)


def provision_label(article: str | None, part: str | None, point: str | None) -> str:
    """The provision in the genitive, as letters write it ("Dėl Projekto 3 straipsnio 2 dalies")."""
    return _provision_phrase(article, part, point, genitive=True)


def _provision_phrase(article: str | None, part: str | None, point: str | None, genitive: bool) -> str:
    """Build the Lithuanian phrase; every level above the last one is in the genitive."""
    article, part, point = _clean(article), _clean(part), _clean(point)
    words: list[tuple[str, str, str]] = []  # (number, nominative, genitive)
    if article:
        words.append((article, "straipsnis", "straipsnio"))
    if part:
        words.append((part, "dalis", "dalies"))
    if point:
        # A dotted number is a sub-point (papunktis) of a resolution's point.
        words.append((point, "papunktis", "papunkčio") if "." in point else (point, "punktas", "punkto"))
    if not words:
        return "bendrai" if genitive else "Bendrai"
    phrase = [f"{number} {gen}" for number, _nom, gen in words[:-1]]
    number, nominative, gen = words[-1]
    phrase.append(f"{number} {gen if genitive else nominative}")
    return " ".join(phrase)


_NUMBER_PIECE = re.compile(rf"^(\d+)(?:([{SUPERSCRIPT_DIGITS}]+)|\^(\d+)|\((\d+)\))?(.*)$")


def _number_key(value: str | None) -> tuple[tuple[int, int, str], ...]:
    """Sort key of one number: "2" < "10", "3" < "3¹" < "4", "5.2" < "5.10"; None (the whole) first."""
    value = _clean(value)
    if value is None:
        return ()
    key = []
    for piece in value.split("."):
        match = _NUMBER_PIECE.match(piece.strip())
        if match is None:
            key.append((10**9, 0, piece.lower()))  # words after numbers, alphabetically
            continue
        number, sup, caret, paren, rest = match.groups()
        extra = sup.translate(_FROM_SUPERSCRIPT) if sup else caret or paren or "0"
        key.append((int(number), int(extra), rest.strip().lower()))
    return tuple(key)


def provision_sort_key(article: str | None, part: str | None, point: str | None) -> tuple:
    """A key ordering provisions as in the document, general comments first."""
    if not (_clean(article) or _clean(part) or _clean(point)):
        return (0,)
    return (1, _number_key(article), _number_key(part), _number_key(point))
