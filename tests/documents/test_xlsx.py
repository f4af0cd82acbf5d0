"""The comments table export, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from reviewflow.documents.xlsx import SheetHeading, render_comments_xlsx

COLUMNS = [
    ("municipality", "Savivaldybė"),
    ("provision", "Siūloma keisti"),
    ("comment", "Pasiūlymo turinys"),
    ("submitted", "Data"),
    ("decision", "Sprendimas"),
]
ROWS = [
    {
        "municipality": "Šiaulių rajono savivaldybė",
        "provision": "3 str. 2 d.",
        "comment": "Pirma eilutė\nantra eilutė ąčęėįšųūž ĄČĘĖĮŠŲŪŽ " + "ilgas tekstas " * 20,
        "submitted": date(2026, 11, 24),
        "decision": "Pritarti",
    },
    {
        "municipality": "Kauno miesto savivaldybė",
        "provision": None,
        "comment": '=HYPERLINK("http://example.test")\x07',
        "submitted": None,
        "decision": "Nepritarti",
        "ignored": "not a column",
    },
]


def sheet():
    return load_workbook(io.BytesIO(render_comments_xlsx(ROWS, COLUMNS))).active


def test_header_row_is_bold_frozen_and_filterable():
    ws = sheet()
    assert [c.value for c in ws[1]] == [header for _, header in COLUMNS]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"


def test_values_keep_their_types_and_letters():
    ws = sheet()
    assert ws["A2"].value == "Šiaulių rajono savivaldybė"
    assert "ąčęėįšųūž ĄČĘĖĮŠŲŪŽ" in ws["C2"].value
    assert ws["D2"].value == datetime(2026, 11, 24)
    assert ws["D2"].number_format == "yyyy-mm-dd"
    assert ws["B3"].value is None
    assert ws.max_column == len(COLUMNS)


def test_text_that_looks_like_a_formula_stays_text():
    ws = sheet()
    assert ws["C3"].value == '=HYPERLINK("http://example.test")'
    assert ws["C3"].data_type == "s"


def test_columns_are_sized_and_wrapped():
    ws = sheet()
    assert ws["C2"].alignment.wrap_text
    assert ws.column_dimensions["C"].width == 60  # capped
    assert 10 <= ws.column_dimensions["A"].width < 60


def test_an_empty_table_still_has_its_header():
    ws = load_workbook(io.BytesIO(render_comments_xlsx([], COLUMNS))).active
    assert [c.value for c in ws[1]] == [header for _, header in COLUMNS]
    assert ws.max_row == 1


def test_an_export_opens_with_the_drafts_number_title_date_and_a_link_back():
    heading = SheetHeading(number="XIVP-2435(2)", title="=Įstatymo projektas", made_on=date(2026, 11, 30),
                           link="http://127.0.0.1:5000/drafts/7", subject="Pastabų lentelė")
    ws = load_workbook(io.BytesIO(render_comments_xlsx(ROWS, COLUMNS, heading=heading))).active
    assert ws["A1"].value == "Pastabų lentelė: XIVP-2435(2) =Įstatymo projektas" and ws["A1"].data_type == "s"
    assert (ws["A2"].value, ws["B2"].value) == ("Projekto Nr.", "XIVP-2435(2)")
    assert ws["B3"].value == datetime(2026, 11, 30) and ws["B3"].number_format == "yyyy-mm-dd"  # a real date
    assert ws["B4"].hyperlink.target == "http://127.0.0.1:5000/drafts/7"
    assert [c.value for c in ws[6]] == [header for _, header in COLUMNS]  # the table below a blank row
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == "A6:E8"
