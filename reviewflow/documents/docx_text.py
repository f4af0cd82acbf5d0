"""The text of a Word document as a lawyer sees it: paragraphs in order, numbering as shown."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from reviewflow.errors import Invalid
from reviewflow.text import clean_text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


@dataclass(frozen=True)
class TextBlock:
    """One paragraph's text as shown, and whether it sits in a table."""

    text: str
    in_table: bool = False


def docx_blocks(data: bytes) -> list[TextBlock]:
    """Every paragraph of a DOCX in document order; :class:`Invalid` when the file cannot be read."""
    try:
        document = docx.Document(io.BytesIO(data))
        return [TextBlock(text, in_table) for text, in_table in _blocks(document)]
    except Invalid:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        message = "The Word document could not be read; it may be damaged."
        raise Invalid(message, errors={"file": message}) from exc


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
