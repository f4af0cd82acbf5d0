"""The text of a PDF draft from its text layer, as paragraphs the way a law is written.

pdfminer.six gives the text lines of each page with their position and font size. The lines are
put back together into paragraphs: a line that begins a provision ("5 straipsnis.", "1.", "1)", "2.1."),
follows a wider gap, or follows a line that ended short of the right margin starts a new block; the wrapped
lines of one paragraph are joined, and a word hyphenated at the end of a line is made whole again. Running
heads and feet (page numbers, a text repeated on every page) and footnotes are dropped. A digit set smaller
and above the line ("25¹ straipsnis") becomes a Unicode superscript digit, as in
:mod:`reviewflow.documents.docx_text`.

A PDF keeps no tables, only text placed in columns (and, when the table is ruled, the lines drawn around its
cells). The rows of a table inside a provision ("1. | 2 | 5 %") would read as parts, so lines inside ruled cells,
and runs of lines whose pieces stand in the same columns, become blocks marked ``in_table`` as Word tables are.

A PDF with no text at all (a scan) raises :class:`NoTextLayer`; a damaged, incomplete or password-protected
PDF raises :class:`~reviewflow.errors.Invalid`.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTCurve, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS, TextBlock
from reviewflow.errors import Invalid
from reviewflow.text import clean_text

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_NO = rf"\d+[{SUPERSCRIPT_DIGITS}]*"  # a number, perhaps with a raised digit ("3¹")
# Where a provision begins: an article, a part "1." or "3¹.", a point "1)", a sub-point "2.1." or "2.1.1".
_PROVISION = re.compile(
    rf"^(?:{_NO}\s*(?:straipsnis|str\.)|{_NO}[.)]\s|{_NO}(?:\.{_NO})+\.?\s|[IVXLCDM]+\s+SKYRIUS)"
)
# A provision's number standing alone before a tab: "1.", "4¹)", "2.1."
_LABEL = re.compile(rf"^(?:{_NO}[.)]|{_NO}(?:\.{_NO})+\.?)$")
# Lines that stand on their own: chapter and section headings, the approval mark of an annex.
_STANDALONE = re.compile(r"^(?:[IVXLCDM]+\s+SKYRIUS|[IVXLCDM\d]+\s+SKIRSNIS|PATVIRTINTA)\b.*$|^\S+\s+SKIRSNIS$")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*\d{1,4}[-–—\s]*$|^(?:puslapis|psl\.?|page)\s*\d+(?:\s*(?:iš|of|/)\s*\d+)?$"
    r"|^\d+\s*(?:psl\.?|puslapis)$|^\d+\s*(?:iš|of|/)\s*\d+$",
    re.IGNORECASE,
)
_HEAD_ZONE = 0.07  # running heads and feet sit in the top and bottom 7% of a page, inside its margins
_SENTENCE_END = (".", ":", ";", "!", "?")


class NoTextLayer(Invalid):
    """The PDF has no text layer (a scan): its text cannot be read, so comments on it can only be general."""


@dataclass
class _Line:
    """One printed line: its text and where it stands on its page."""

    text: str
    page: int
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    first_word: float  # the width of the line's first word, to tell whether it would have fit on the line above
    bold: bool | None = None  # True when all of it is bold, False when none of it is, None when mixed
    columns: tuple[tuple[float, float], ...] = ()  # (left, right) of each piece set apart by a wide gap
    pieces: int = 1  # pieces set apart by wide gaps, a number before a tab counted too (a table row's cells)
    in_table: bool = False


def pdf_blocks(data: bytes) -> list[TextBlock]:
    """The paragraphs of a PDF's text layer in reading order.

    Raises :class:`NoTextLayer` (a kind of :class:`Invalid`) when no page holds any text, as with a scan,
    and :class:`Invalid` when the PDF is damaged, incomplete or needs a password.
    """
    pages = _read_pages(data)
    lines = _without_footnotes(_without_running_heads(pages))
    blocks = [TextBlock(text, in_table=in_table) for text, in_table in _paragraphs(_with_column_tables(lines))]
    if not any(any(char.isalpha() for char in block.text) for block in blocks):
        message = _(
            "The PDF has no text layer (it looks like a scan): comments on it will be general, not per provision."
        )
        raise NoTextLayer(message, errors={"file": message})
    return blocks


def _read_pages(data: bytes) -> list[tuple[tuple[float, float], list[_Line]]]:
    """Each page's box (bottom, top) and its printed lines, top to bottom."""
    if b"%%EOF" not in data[-2048:]:  # every complete PDF ends so; a cut-off upload does not
        raise _invalid(_("The PDF is incomplete (the file was cut off); upload it again."))
    pages = []
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every oddity of a PDF's syntax
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
            pages.append(((page.y0, page.y1), _page_lines(page, len(pages))))
    except PDFPasswordIncorrect as exc:
        raise _invalid(_("The PDF is protected by a password; upload it without the password.")) from exc
    except PDFEncryptionError as exc:
        raise _invalid(_("The PDF is encrypted in a way that cannot be read; upload it without encryption.")) from exc
    except Exception as exc:  # pdfminer raises many kinds (syntax, type, key, EOF errors) on a damaged file
        raise _invalid(_("The PDF could not be read; it may be damaged.")) from exc
    if not pages:
        raise _invalid(_("The PDF could not be read; it may be damaged."))
    return pages


def _invalid(message: str) -> Invalid:
    """An :class:`Invalid` about the uploaded file."""
    return Invalid(message, errors={"file": message})


def _page_lines(page, number: int) -> list[_Line]:
    """The printed lines of a page: pdfminer's lines on one baseline merged, ordered top to bottom."""
    found: list[LTTextLineHorizontal] = []
    stack = [page]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLineHorizontal):
            found.append(item)
        elif hasattr(item, "__iter__") and not isinstance(item, LTChar):
            stack.extend(item)
    found.sort(key=lambda line: -(line.y0 + line.y1) / 2)
    groups: list[list[LTTextLineHorizontal]] = []
    for line in found:
        if groups and _same_baseline(groups[-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    lines = [line for line in (_merge(group, number) for group in groups) if line.text]
    rules = _vertical_rules(page)
    for line in lines:
        line.in_table = _inside_ruled_cells(line, rules)
    return lines


def _vertical_rules(page) -> list[tuple[float, float, float]]:
    """The vertical lines drawn on a page (x, bottom, top): cell borders of ruled tables.

    pdfminer gives drawn lines as LTLine, LTRect (a thin rectangle, or a cell's box) and LTCurve (a path).
    """
    rules = []
    stack = [page]
    while stack:
        item = stack.pop()
        if isinstance(item, LTCurve):  # LTLine and LTRect are kinds of LTCurve
            x0, y0, x1, y1 = item.bbox
            if y1 - y0 < 2:
                continue  # a horizontal line bounds rows; the vertical ones tell the columns
            if x1 - x0 < 3:
                rules.append(((x0 + x1) / 2, y0, y1))
            else:  # a box drawn around a cell: its two sides
                rules += [(x0, y0, y1), (x1, y0, y1)]
        elif hasattr(item, "__iter__") and not isinstance(item, LTChar | LTTextLineHorizontal):
            stack.extend(item)
    return rules


def _inside_ruled_cells(line: _Line, rules: list[tuple[float, float, float]]) -> bool:
    """Whether a line stands between drawn column borders, with at least two columns across it.

    A single framed box (a notice, a page border) is not a table: it has only two sides.
    """
    middle = (line.bottom + line.top) / 2
    across = sorted({round(x) for x, bottom, top in rules if bottom <= middle <= top})
    return len(across) >= 3 and across[0] <= line.x0 + 1 and across[-1] >= line.x1 - 1


def _same_baseline(group: list[LTTextLineHorizontal], line: LTTextLineHorizontal) -> bool:
    """Whether ``line`` stands beside the lines of ``group`` (a tab stop or a raised digit splits a line)."""
    bottom, top = min(item.y0 for item in group), max(item.y1 for item in group)
    overlap = min(top, line.y1) - max(bottom, line.y0)
    return overlap > 0.5 * min(top - bottom, line.y1 - line.y0)


def _merge(group: list[LTTextLineHorizontal], number: int) -> _Line:
    """One printed line from pdfminer's lines on it, with raised digits made superscript."""
    group.sort(key=lambda line: line.x0)
    chars = [char for line in group for char in line if isinstance(char, LTChar)]
    if not chars:
        return _Line("", number, 0, 0, 0, 0, 0, 0)
    size = Counter(round(char.size * 2) / 2 for char in chars).most_common(1)[0][0]
    body = [char for char in chars if abs(char.size - size) < 0.5]
    base = statistics.median(char.y0 for char in body)

    def shown(char) -> str:
        text = char.get_text()
        if isinstance(char, LTChar) and text.isdigit() and char.size < 0.85 * size and char.y0 - base > 0.25 * size:
            return text.translate(_TO_SUPERSCRIPT)
        return text.replace("\n", "") if isinstance(char, LTAnno) else text

    text = ""
    columns: list[list[float]] = []
    pieces = 1
    for index, line in enumerate(group):
        if index and line.x0 - group[index - 1].x1 > 0.2 * size:
            text += " "
        # A piece far from the one before it starts a column (a tab stop or a table cell); word spaces and
        # a raised digit beside its number do not, nor the tab after a provision's number ("1.<tab>Pavesti"),
        # which is how a numbered paragraph is typed, not a table's first column.
        wide = bool(index) and line.x0 - group[index - 1].x1 > size
        pieces += wide
        if not index or (wide and not (index == 1 and _LABEL.match(text.strip()))):
            columns.append([line.x0, line.x1])
        else:
            columns[-1][1] = line.x1
        text += "".join(shown(char) for char in line)
    text = " ".join(clean_text(text).split())
    bottom, top = min(char.y0 for char in body), max(char.y1 for char in body)
    bold = sum("bold" in char.fontname.lower() for char in chars) / len(chars)
    weight = True if bold > 0.9 else False if bold < 0.1 else None
    x1 = max(line.x1 for line in group)
    return _Line(text, number, group[0].x0, x1, bottom, top, size, _first_word(group), weight,
                 tuple((left, right) for left, right in columns), pieces)


def _first_word(group: list[LTTextLineHorizontal]) -> float:
    """How wide the first word of a printed line is (spaces may be glyphs or pdfminer's inferred LTAnno)."""
    start = end = None
    for line in group:
        for item in line:
            blank = item.get_text().isspace()
            if isinstance(item, LTChar) and not blank:
                start = item.x0 if start is None else start
                end = item.x1
            elif blank and start is not None:
                return end - start
        if start is not None:
            return end - start  # the next piece of the line stands apart: the word ended here
    return 0.0


def _without_running_heads(pages: list[tuple[tuple[float, float], list[_Line]]]) -> list[_Line]:
    """All lines but page numbers and the heads and feet that repeat on the pages' margins."""

    def in_margin(line: _Line, box: tuple[float, float]) -> bool:
        zone = _HEAD_ZONE * (box[1] - box[0])
        return line.bottom > box[1] - zone or line.top < box[0] + zone

    def shape(text: str) -> str:  # "2 psl. iš 5" and "3 psl. iš 5" are the same running foot
        return re.sub(r"\d+", "#", text.casefold())

    # on how many pages each margin text stands
    repeated = Counter(
        text for box, lines in pages for text in {shape(line.text) for line in lines if in_margin(line, box)}
    )
    kept = []
    for box, lines in pages:
        for line in lines:
            if in_margin(line, box) and (
                _PAGE_NUMBER.match(line.text) or (len(pages) > 1 and repeated[shape(line.text)] > 1)
            ):
                continue
            kept.append(line)
    return kept


def _without_footnotes(lines: list[_Line]) -> list[_Line]:
    """All lines but the footnotes at the foot of a page: a smaller line that opens with a raised number,
    and the smaller lines after it to the end of that page. Footnotes are not part of the provisions."""
    if not lines:
        return lines
    body = statistics.median(line.size for line in lines)
    kept: list[_Line] = []
    for number in dict.fromkeys(line.page for line in lines):
        page = [line for line in lines if line.page == number]
        cut = len(page)
        for index, line in enumerate(page):
            rest = page[index:]
            if line.text[:1] in SUPERSCRIPT_DIGITS + "*" and all(item.size < 0.85 * body for item in rest):
                cut = index
                break
        kept += page[:cut]
    return kept


_MAX_ROW_GAP = 4  # lines between two rows of one table (wrapped cells)


def _with_column_tables(lines: list[_Line]) -> list[_Line]:
    """The lines, with those of unruled tables marked ``in_table``.

    Two lines near each other on a page whose pieces stand in at least two of the same columns (aligned at
    their left, centre or right: numbers are often centred or set right in their cells) are rows of
    one table, and so is every line between them; a line just after a row that starts in one of the table's
    later columns is the rest of a wrapped cell. One line alone in columns (a signature with the name after a
    tab) is no table.
    """

    def aligned(one: tuple[float, float], other: tuple[float, float]) -> bool:
        return any(abs(a - b) < 2 for a, b in zip((*one, sum(one) / 2), (*other, sum(other) / 2), strict=True))

    def shared(one: _Line, other: _Line) -> int:
        return sum(any(aligned(column, theirs) for theirs in other.columns) for column in one.columns)

    rows = [index for index, line in enumerate(lines) if len(line.columns) >= 2]
    for first, second in zip(rows, rows[1:], strict=False):
        near = second - first <= _MAX_ROW_GAP and lines[first].page == lines[second].page
        if near and shared(lines[first], lines[second]) >= 2:
            for line in lines[first : second + 1]:
                line.in_table = True
    table: tuple[tuple[float, float], ...] = ()
    for before, line in zip(lines, lines[1:], strict=False):
        if before.in_table and len(before.columns) >= 2:
            table = before.columns
        later = bool(table) and line.x0 > table[0][0] + 2 and any(
            aligned((line.x0, line.x1), column) for column in table[1:]
        )
        if before.in_table and not line.in_table and before.page == line.page and later:
            line.in_table = True
    return lines


def _paragraphs(lines: list[_Line]) -> list[tuple[str, bool]]:
    """Lines joined into paragraphs (text, in a table).

    A provision, a gap or a line ended short of the margin starts a new paragraph; in a table each row does.
    """
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    gaps = [
        prev.bottom - line.top
        for prev, line in zip(lines, lines[1:], strict=False)
        if prev.page == line.page and prev.bottom > line.top - 1
    ]
    # the gap between the lines of one paragraph: the narrowest usual one, and never wider than a line is tall
    size = statistics.median(line.size for line in lines)
    leading = min(sorted(gaps)[len(gaps) // 10], size) if gaps else size
    paragraphs = [(lines[0].text, lines[0].in_table)]
    for prev, line in zip(lines, lines[1:], strict=False):
        if prev.in_table != line.in_table:
            new = True  # a table and the text around it are never one paragraph
        elif line.in_table:
            new = line.pieces >= 2  # a row across the columns; a lone piece goes on a wrapped cell
        else:
            new = _starts_block(prev, line, right, leading)
        if new:
            paragraphs.append((line.text, line.in_table))
        else:
            paragraphs[-1] = (_join(paragraphs[-1][0], line.text), line.in_table)
    return paragraphs


def _starts_block(prev: _Line, line: _Line, right: float, leading: float) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing the one ``prev`` belongs to."""
    if _STANDALONE.match(prev.text) or _STANDALONE.match(line.text):
        return True
    if _hyphenated(prev.text):
        return False  # a word broken at the line's end goes on, however short the line looks
    if None not in (prev.bold, line.bold) and prev.bold != line.bold:
        return True  # a bold heading and the plain text beside it are not one paragraph
    if prev.page == line.page and prev.bottom - line.top > leading + 0.3 * line.size:
        return True
    if prev.x1 + 0.3 * line.size + line.first_word < right - 1:
        return True  # the first word would have fit on the line above: that line ended its paragraph
    ended = prev.text.endswith(_SENTENCE_END)
    return ended and (_PROVISION.match(line.text) is not None or line.x0 > prev.x0 + 0.5 * line.size)


def _hyphenated(text: str) -> bool:
    """Whether a line ends in a word broken by a hyphen (a soft one, or "-" right after a letter)."""
    return text.endswith("\u00ad") or (text.endswith("-") and len(text) > 1 and text[-2].isalpha())


def _join(text: str, line: str) -> str:
    """A wrapped line added to its paragraph; a word hyphenated at the line's end is made whole.

    The hyphen goes when the word goes on in lower case ("savi-" + "valdybė"); it stays before a capital
    or a digit, where it is part of the word ("XIVP-" + "3597").
    """
    if text.endswith("\u00ad"):
        return text[:-1] + line
    if _hyphenated(text):
        return (text[:-1] if line[:1].islower() else text) + line
    return f"{text} {line}"
