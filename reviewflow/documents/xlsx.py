"""The full comments table as an XLSX workbook, for LSA's own work; the heading every export carries."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reviewflow.documents.lt_format import clean_text
from reviewflow.services.clock import vilnius_time

MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_TITLE = "Pastabos"


@dataclass(frozen=True)
class SheetHeading:
    """What every export opens with: the draft's number and title, the date it was made, a link back."""

    number: str
    title: str
    made_on: date
    link: str
    subject: str = ""  # what the file is ("Pastabų lentelė"), before the number
    lines: tuple[tuple[str, Any], ...] = ()  # more (label, value) lines: the municipality, a deadline


def write_heading(ws, heading: SheetHeading) -> int:
    """Write the heading at the top of ``ws``; return the first row free for the table (after a blank one).

    The title first, then a label and a value per line: the number, the date, the link and ``lines``. Dates
    are real date cells and the link a real hyperlink, so a spreadsheet sorts, filters and opens them.
    """
    title = f"{heading.subject}: " if heading.subject else ""
    cell = ws.cell(row=1, column=1, value=clean_text(f"{title}{heading.number} {heading.title}"))
    cell.font, cell.data_type = Font(bold=True, size=12), "s"
    lines = (("Projekto Nr.", heading.number), ("Data", heading.made_on), ("Nuoroda", heading.link),
             *heading.lines)
    for row, (label, value) in enumerate(lines, start=2):
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = ws.cell(row=row, column=2, value=value if isinstance(value, date) else clean_text(str(value)))
        cell.alignment = Alignment(horizontal="left")
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.data_type = "s"  # a title or number beginning with "=" stays text
        if label == "Nuoroda":
            cell.hyperlink, cell.style = value, "Hyperlink"
    return len(lines) + 3


def render_comments_xlsx(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    sheet_title: str = SHEET_TITLE,
    heading: SheetHeading | None = None,
) -> bytes:
    """A workbook with a bold, frozen, filterable header row and wrapped, sized columns.

    With a ``heading`` the table starts below it (see :func:`write_heading`); without, on the first row.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    top = write_heading(ws, heading) if heading is not None else 1
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for _, header in columns]
    if heading is not None and widths:
        widths[0] = max(widths[0], len("Projekto Nr."))  # the heading's labels stand in the first column
    for col, (_, header) in enumerate(columns, start=1):
        cell = ws.cell(row=top, column=col, value=clean_text(header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, (key, _) in enumerate(columns, start=1):
            cell = ws.cell(row=top + count, column=col)
            value = _cell_value(row.get(key))
            cell.value = value
            if isinstance(value, str):
                # Text that begins with "=" stays text: a comment must never become a formula.
                cell.data_type = "s"
                longest = max((len(line) for line in value.split("\n")), default=0)
            elif isinstance(value, date | datetime):
                cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
                longest = 16 if isinstance(value, datetime) else 10
            else:
                longest = len(str(value)) if value is not None else 0
            cell.alignment = wrap
            widths[col - 1] = max(widths[col - 1], longest)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = f"A{top + 1}"
    if columns:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{top + count}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_value(value: Any) -> Any:
    """A value openpyxl can store: numbers and dates as they are, lists joined, text cleaned.

    An aware timestamp becomes Vilnius local time (Excel has no zones): 22:30 UTC on 30 November is
    2026-12-01 00:30 in the sheet, the day a person in Lithuania saw it happen.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        return vilnius_time(value).replace(tzinfo=None)
    if value is None or isinstance(value, bool | int | float | date | datetime):
        return value
    if isinstance(value, list | tuple):
        return clean_text("\n".join(str(_cell_value(v)) for v in value))
    return clean_text(value)
