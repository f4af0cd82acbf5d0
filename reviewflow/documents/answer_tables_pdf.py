"""An initiator's answer table read from a PDF's text layer, into the rows :mod:`answer_tables` reads from DOCX.

A PDF keeps no table, only text placed in columns. Each cell's lines start at its column's left edge, so the
columns are the places where many lines start; a row starts where its number ("1.") stands in the first
column; the header is what lies above the first row. The text is then put into a grid like a Word table's,
and read by the same code, so both formats give the same rows.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextLineHorizontal

from reviewflow.documents.answer_tables import SPLIT_HEADER, AnswerRow, fold, read_grid
from reviewflow.documents.pdf_text import _join  # a hyphenated word made whole, as in a PDF draft's text
from reviewflow.errors import Invalid
from reviewflow.text import clean_text

_ROW_NUMBER = re.compile(r"^\d+\.?$")
_TOLERANCE = 3.0  # points: lines of one column start this close to each other
# Points between the lines of a header cell; the paragraph before a table stands further above it.
_HEADER_LEADING = 16.0


@dataclass(frozen=True)
class _Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str


def read_answer_pdf(data: bytes) -> list[AnswerRow]:
    """The rows of the answer table in a PDF with a text layer; :class:`Invalid` when there is none."""
    lines = _lines(data)
    header_at = next((i for i, line in enumerate(lines) if _opens_header(line.text)), None)
    rows: list[AnswerRow] = []
    if header_at is not None:
        rows = read_grid(_grid(lines[_header_top(lines, header_at):]))
    if not rows:
        message = _("No table of proposals and answers was found in the document.")
        raise Invalid(message, errors={"file": message})
    return rows


def _lines(data: bytes) -> list[_Line]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every oddity of a PDF's syntax
    found: list[_Line] = []
    try:
        # A small char_margin keeps the texts of neighbouring cells apart as separate lines.
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams(char_margin=0.5))):
            stack = [page]
            while stack:
                item = stack.pop()
                if isinstance(item, LTTextLineHorizontal):
                    text = " ".join(clean_text(item.get_text()).split())
                    if text:
                        found.append(_Line(number, round(item.y1, 1), round(item.x0, 1), round(item.x1, 1), text))
                elif hasattr(item, "__iter__") and not isinstance(item, LTChar):
                    stack.extend(item)
    except Exception as exc:  # pdfminer raises many kinds (syntax, type, key, EOF errors) on a damaged file
        message = _("The PDF could not be read; it may be damaged.")
        raise Invalid(message, errors={"file": message}) from exc
    return sorted(found, key=lambda line: (line.page, -line.top, line.x0))


def _opens_header(text: str) -> bool:
    words = fold(text)
    return ("eil" in words and "nr" in words) or "teikej" in words or "institucij" in words


def _header_top(lines: list[_Line], index: int) -> int:
    """The header's first line: the words found may sit on its second line ("Pasiūlymo / teikėjas, data")."""
    top = index
    while top > 0:
        above, here = lines[top - 1], lines[top]
        if above.page != here.page or above.top - here.top > _HEADER_LEADING:
            break
        top -= 1
    return top


def _column_starts(lines: list[_Line]) -> list[float]:
    """Where many lines start: the columns' left edges, left to right."""
    counts = Counter(round(line.x0 / _TOLERANCE) for line in lines)
    starts: list[float] = []
    for key, count in sorted(counts.items()):
        if count >= 2 and not (starts and key * _TOLERANCE - starts[-1] <= _TOLERANCE):
            starts.append(key * _TOLERANCE)
    return starts


def _column(starts: list[float], x0: float) -> int:
    return max((i for i, start in enumerate(starts) if start <= x0 + _TOLERANCE), default=0)


def _grid(lines: list[_Line]) -> list[list[str]]:
    """Header rows and data rows as a grid of cell texts (the table ends at the first column's first non-number)."""
    starts = _column_starts(lines)
    width = len(starts)
    row_starts = [i for i, line in enumerate(lines) if _column(starts, line.x0) == 0 and _ROW_NUMBER.match(line.text)]
    if not row_starts or width < 3:
        return []
    header_cells: list[list[str]] = [[] for _ in range(width)]
    for line in lines[:row_starts[0]]:
        column = _column(starts, line.x0)
        if column == 0 and line.x1 > starts[2]:
            continue  # a section title spanning the table ("Suinteresuotų institucijų pasiūlymai"), no header
        header_cells[column].append(line.text)
    first = [" ".join(t for t in cell if fold(t) not in SPLIT_HEADER) for cell in header_cells]
    split = [" ".join(t for t in cell if fold(t) in SPLIT_HEADER or fold(t) == "d.") for cell in header_cells]
    split = [text if fold(text) in SPLIT_HEADER else "" for text in split]  # "str." above "d." is "str. d."
    grid = [first, [s or f for s, f in zip(split, first, strict=True)]] if any(split) else [first]
    for index, start in enumerate(row_starts):
        end = row_starts[index + 1] if index + 1 < len(row_starts) else len(lines)
        cells = [""] * width
        for line in lines[start:end]:
            column = _column(starts, line.x0)
            if index + 1 == len(row_starts) and column == 0 and line is not lines[start]:
                break  # prose after the table ("Komiteto pirmininkas") starts at the first column's edge
            cells[column] = _joined(cells[column], line.text)
        grid.append(cells)
    return grid


def _joined(text: str, line: str) -> str:
    """A wrapped line added to its cell: a date broken after its hyphen ("2026-10-" / "12") is made whole."""
    if not text:
        return line
    if text.endswith("-") and line[:1].isdigit():
        return text + line
    return _join(text, line)
