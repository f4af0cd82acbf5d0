"""The full comments table as an XLSX workbook, for LSA's own work."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reviewflow.documents.lt_format import clean_text
from reviewflow.services.clock import vilnius_time

MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_TITLE = "Pastabos"


def render_comments_xlsx(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    sheet_title: str = SHEET_TITLE,
) -> bytes:
    """A workbook with a bold, frozen, filterable header row and wrapped, sized columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for _, header in columns]
    for col, (_, header) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=clean_text(header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, (key, _) in enumerate(columns, start=1):
            cell = ws.cell(row=count + 1, column=col)
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
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
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
