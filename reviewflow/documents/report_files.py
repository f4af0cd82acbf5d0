"""A report as an XLSX workbook (typed cells, a header naming the report and its filters) or a CSV for Excel.

Pure: tables of plain values in, bytes out. The caller passes the words (translated) and the tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reviewflow.documents.lt_format import clean_text

BOM = "\ufeff"
# Number formats by column kind: months stay dates (Excel can sort and group them), shares percentages.
FORMATS = {"month": "yyyy-mm", "date": "yyyy-mm-dd", "percent": "0.0%", "float": "0.0", "int": "0"}
# Lithuanian Excel lists with ";" and writes decimals with a comma: a CSV it opens into columns by itself.
CSV_DELIMITER = ";"


@dataclass(frozen=True)
class SheetTable:
    """One table to write: a title, (key, heading, kind) columns and rows of plain values."""

    title: str
    columns: Sequence[tuple[str, str, str]]
    rows: Sequence[dict[str, Any]]


def render_report_xlsx(title: str, header_lines: Sequence[str], tables: Sequence[SheetTable]) -> bytes:
    """One sheet per table; rows 1..n name the report and its filters, then a bold header row and typed cells."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        ws = wb.create_sheet(_sheet_name(table.title, wb.sheetnames))
        ws.cell(row=1, column=1, value=clean_text(title)).font = Font(bold=True, size=13)
        for i, line in enumerate(header_lines, start=2):
            ws.cell(row=i, column=1, value=clean_text(line)).data_type = "s"
        head = len(header_lines) + 3
        ws.cell(row=head - 1, column=1, value=clean_text(table.title)).font = Font(bold=True)
        widths = []
        for col, (_, heading, _kind) in enumerate(table.columns, start=1):
            cell = ws.cell(row=head, column=col, value=clean_text(heading))
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            widths.append(min(max(len(heading) // 2, 8), 30))
        for r, row in enumerate(table.rows, start=head + 1):
            for col, (key, _, kind) in enumerate(table.columns, start=1):
                value = row.get(key)
                cell = ws.cell(row=r, column=col)
                if isinstance(value, str):
                    cell.value = clean_text(value)
                    cell.data_type = "s"  # text beginning with "=" stays text, never a formula
                    widths[col - 1] = min(max(widths[col - 1], len(value) + 2), 60)
                else:
                    cell.value = value
                    if value is not None and kind in FORMATS:
                        cell.number_format = FORMATS[kind]
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = ws.cell(row=head + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_name(title: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, and unique."""
    name = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    return name


def render_report_csv(title: str, header_lines: Sequence[str], tables: Sequence[SheetTable]) -> bytes:
    """UTF-8 with a BOM (so Excel reads Lithuanian letters right), ";"-separated, decimal commas.

    The first lines name the report and its filters; each table follows under its own title, after a blank
    line. A cell beginning with = + - @ is prefixed with an apostrophe so a spreadsheet never runs it.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([title])
    for line in header_lines:
        writer.writerow([_csv_text(line)])
    for table in tables:
        writer.writerow([])
        writer.writerow([_csv_text(table.title)])
        writer.writerow([_csv_text(heading) for _, heading, _ in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(row.get(key), kind) for key, _, kind in table.columns])
    return (BOM + out.getvalue()).encode("utf-8")


def _csv_text(value: str) -> str:
    text = clean_text(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}" if kind == "month" else value.isoformat()
    if isinstance(value, bool):
        return str(int(value))
    if kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return _csv_text(str(value))
