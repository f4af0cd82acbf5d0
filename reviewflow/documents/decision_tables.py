"""The consolidation table as a workbook a lawyer decides in, and the decisions read back from it.

One row per proposal, with the comment's id, which never changes, so a row finds its proposal however the
rows are sorted or filtered. The decision column offers the allowed values as a drop-down. A hidden sheet
keeps each row's values as they were when the file was made: on import, a value changed both in the file
and in the browser since then is a conflict to show, not a value to overwrite.

Pure: bytes in, rows out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from reviewflow.documents.comment_tables import _plain, sniff_table_file
from reviewflow.documents.lt_format import clean_text
from reviewflow.documents.xlsx import SheetHeading, write_heading
from reviewflow.errors import Invalid

SHEET = "Sprendimai"
BASE_SHEET = "Eksportas"
FIELDS = ("decision", "reasons", "lsa_text", "lsa_wording")
# (key, header, width); the decision and what follows it are the lawyer's to fill.
COLUMNS = (
    ("id", "ID", 8), ("provision", "Nuostata", 24), ("proposers", "Savivaldybės", 26), ("text", "Pastaba", 50),
    ("wording", "Siūloma redakcija", 40), ("decision", "Sprendimas", 18), ("reasons", "Argumentai", 45),
    ("lsa_text", "LSA pasiūlymas", 45), ("lsa_wording", "LSA siūloma redakcija", 40),
)
# Header words, folded; "LSA siūloma redakcija" before anything with "redakcija", "id" only as a whole word.
_HEADER_WORDS = (
    ("lsa_wording", ("lsa siuloma", "lsa redakcij", "lsa formuluot")),
    ("lsa_text", ("lsa pasiulym", "lsa tekst")),
    ("decision", ("sprendim", "nuomon")),
    ("reasons", ("argument", "motyv", "priezast")),
)
MAX_ROWS = 5000


@dataclass(frozen=True)
class DecisionRow:
    """One proposal as the workbook shows it; ``decision`` is the label shown ("Pritarti"), or empty."""

    comment_id: int
    provision: str
    proposers: str
    text: str
    wording: str
    decision: str
    reasons: str
    lsa_text: str
    lsa_wording: str


@dataclass
class DecisionSheet:
    """What an edited workbook says: the draft it came from, each row's values, the values at export time."""

    draft_id: int | None
    exported_at: datetime | None
    rows: list[dict] = field(default_factory=list)  # {"where", "comment_id", "decision", "reasons", …}
    base: dict[int, dict] | None = None  # comment id -> the FIELDS at export time; None without the hidden sheet
    without_id: list[str] = field(default_factory=list)  # rows with words but no proposal id (where they stand)


def render_decisions_xlsx(heading: SheetHeading, rows: Sequence[DecisionRow], choices: Sequence[str],
                          draft_id: int, exported_at: datetime) -> bytes:
    """The workbook: heading, header, a row per proposal, the drop-down, and the hidden sheet of export values."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    top = write_heading(ws, heading)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=top, column=col, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    for offset, row in enumerate(rows, start=1):
        for col, (key, _header, _width) in enumerate(COLUMNS, start=1):
            value = getattr(row, "comment_id" if key == "id" else key)
            cell = ws.cell(row=top + offset, column=col, value=value if key == "id" else clean_text(value or ""))
            cell.alignment = wrap
            if key != "id":
                cell.data_type = "s"  # a comment starting with "=" must never become a formula
    last = top + max(len(rows), 1)
    decision_col = next(i for i, (key, *_rest) in enumerate(COLUMNS, start=1) if key == "decision")
    letter = ws.cell(row=top, column=decision_col).column_letter
    listed = ",".join(choices)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="Sprendimas", error=f"Pasirinkite: {', '.join(choices)}.")
    validation.add(f"{letter}{top + 1}:{letter}{last}")
    ws.add_data_validation(validation)
    ws.freeze_panes = f"C{top + 1}"
    ws.auto_filter.ref = f"A{top}:{ws.cell(row=top, column=len(COLUMNS)).column_letter}{last}"
    base = wb.create_sheet(BASE_SHEET)
    base.sheet_state = "hidden"
    base.append(["draft_id", draft_id])
    base.append(["exported_at", exported_at.replace(tzinfo=None)])
    base.append(["id", *FIELDS])
    for row in rows:
        base.append([row.comment_id, *(clean_text(getattr(row, name) or "") for name in FIELDS)])
        for cell in base[base.max_row][1:]:
            cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refuse(message: str) -> Invalid:
    return Invalid(message, errors={"file": message})


def read_decisions_xlsx(data: bytes) -> DecisionSheet:
    """The rows of an edited decisions workbook (found by the header's words) and its export-time values."""
    if sniff_table_file(data) != "xlsx":
        raise _refuse(_("Upload the decisions table as the Excel workbook (.xlsx) exported from this page."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign package
        raise _refuse(_("The Excel workbook could not be read; it may be damaged.")) from exc
    try:
        sheet = DecisionSheet(draft_id=None, exported_at=None)
        if BASE_SHEET in workbook.sheetnames:
            _read_base(workbook[BASE_SHEET], sheet)
        visible = [ws for ws in workbook.worksheets if ws.title != BASE_SHEET]
        if not any(_read_rows(ws, sheet) for ws in visible):
            raise _refuse(_("No decisions table was found: it needs a header row with the columns „ID“ and "
                            "„Sprendimas“, as in the exported file."))
    finally:
        workbook.close()
    return sheet


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return (clean_text(str(value)) or "").strip()


def _as_id(value: object) -> int | None:
    text = _text(value).lstrip("#")
    return int(text) if text.isdigit() and len(text) < 12 else None


def _read_base(ws, sheet: DecisionSheet) -> None:
    """The hidden sheet: the draft, the time of export, and each row's values then."""
    base: dict[int, dict] = {}
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            break
        row = list(row) + [None] * 5
        if row[0] == "draft_id":
            sheet.draft_id = _as_id(row[1])
        elif row[0] == "exported_at" and isinstance(row[1], datetime):
            sheet.exported_at = row[1]
        elif (comment_id := _as_id(row[0])) is not None:
            base[comment_id] = {name: _text(value) for name, value in zip(FIELDS, row[1:5], strict=True)}
    sheet.base = base


def _columns(header: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        words = _plain(_text(value))
        if words in ("id", "nr", "nr.", "pasiulymo id"):
            found.setdefault("id", index)
            continue
        for name, needles in _HEADER_WORDS:
            if any(needle in words for needle in needles):
                found.setdefault(name, index)
                break
    return found


def _read_rows(ws, sheet: DecisionSheet) -> bool:
    """Read one sheet's rows into ``sheet``; False when the sheet has no decisions header."""
    columns: dict[str, int] | None = None
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise _refuse(_("The sheet „%(name)s“ has more than %(rows)s rows: upload only the decisions table.",
                            name=ws.title, rows=MAX_ROWS))
        if columns is None:
            found = _columns(row) if number <= 40 else {}
            if "id" in found and "decision" in found:
                columns = found
            continue

        cells = [_text(value) for value in row]
        comment_id = _as_id(cells[columns["id"]]) if columns["id"] < len(cells) else None
        values = {name: cells[columns[name]] if columns.get(name, len(cells)) < len(cells) else ""
                  for name in FIELDS}
        if comment_id is None:
            if any(values.values()):
                sheet.without_id.append(f"{ws.title}, {number}")
            continue
        sheet.rows.append({"where": f"{ws.title}, {number}", "comment_id": comment_id, **values,
                           "present": {name for name in FIELDS if name in columns}})
    return columns is not None
