"""The text of a DOCX draft and its article / part / point structure, offered as comment anchors."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from reviewflow.errors import Invalid
from reviewflow.services.files import sniff_document
from reviewflow.text import clean_text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
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
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
    except Invalid:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        message = "The Word document could not be read; it may be damaged."
        raise Invalid(message, errors={"file": message}) from exc
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


def _blocks(document) -> Iterator[tuple[str, bool]]:
    """Every paragraph's text in document order, with whether it sits in a table."""
    numbering = _Numbering(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield numbering.prefix(item) + _paragraph_text(item), False
        else:
            for text in _table_texts(item, numbering):
                yield text, True


def _table_texts(table: Table, numbering: _Numbering) -> Iterator[str]:
    """The paragraphs of a table row by row, each merged cell once, nested tables included."""
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for item in cell.iter_inner_content():
                if isinstance(item, Paragraph):
                    yield numbering.prefix(item) + _paragraph_text(item)
                else:
                    yield from _table_texts(item, numbering)


def _paragraph_text(paragraph: Paragraph) -> str:
    """A paragraph's text, with superscript digits kept as such (Word writes "3¹" as "3" + raised "1")."""
    pieces: list[str] = []
    for item in paragraph.iter_inner_content():
        for run in item.runs if isinstance(item, Hyperlink) else [item]:
            text = run.text
            if run.font.superscript and text.isdigit():
                text = text.translate(_TO_SUPERSCRIPT)
            pieces.append(text)
    return clean_text("".join(pieces)) or ""


class _Numbering:
    """Word's automatic list numbering, replayed so that "1.", "1.1." appear in the text as shown."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            source = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if source is None:
                continue
            levels = {int(lvl.get(qn("w:ilvl"))): _level(lvl) for lvl in source.findall(qn("w:lvl"))}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = int(override.get(qn("w:ilvl")))
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(qn("w:val"))),) + levels[ilvl][1:]
            self._levels[num.get(qn("w:numId"))] = levels

    def prefix(self, paragraph: Paragraph) -> str:
        """The number Word shows before ``paragraph`` followed by a space, or ""."""
        num_id, ilvl = _num_pr(paragraph)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def substitute(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level, levels.get(level, (1,))[0])
            return _format_number(value, levels.get(level, (1, "decimal", ""))[1])

        return re.sub(r"%(\d)", substitute, text) + " "


def _level(lvl) -> tuple[int, str, str]:
    """A list level's start value, number format and text pattern ("%1.%2.")."""

    def value(tag: str, default: str) -> str:
        element = lvl.find(qn(tag))
        return element.get(qn("w:val"), default) if element is not None else default

    return int(value("w:start", "1")), value("w:numFmt", "decimal"), value("w:lvlText", "")


def _num_pr(paragraph: Paragraph) -> tuple[str | None, int]:
    """The list (numId) and level of a paragraph, set directly or through its style chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is not None:
            ilvl = num_pr.find(qn("w:ilvl"))
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            return num_id.get(qn("w:val")), level
    return None, 0


def _format_number(value: int, fmt: str) -> str:
    """A list counter in Word's number format (decimal, letters, roman)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    """Roman numerals for list counters."""
    out = ""
    for number, letters in zip(_ROMAN_VALUES, _ROMAN_LETTERS.split(), strict=True):
        count, value = divmod(value, number)
        out += letters * count
    return out


_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_LETTERS = "M CM D CD C XC L XL X IX V IV I"


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
