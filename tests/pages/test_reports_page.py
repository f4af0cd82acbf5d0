"""The reports page and its exports, on the fixed archive: who sees it, the filters in the URL, typed files."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import login
from tests.services.reports_world import build_world

FILTERS = "from=2026-01-01&to=2026-12-31&kind=law"


@pytest.fixture
def world(make_user):
    """The fixed archive of the service tests."""
    return build_world(make_user)


def signed_in(app, person):
    """A page client signed in as ``person``."""
    client = app.test_client()
    assert login(client, person.email).status_code == 302
    return client


def test_staff_and_board_see_every_chart_beside_its_table_others_get_403(app, world):
    page = signed_in(app, world.people["lawyer_a"]).get(f"/reports/?{FILTERS}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    charts = re.findall(r'<script type="application/json" id="chart-data-([\w-]+)">(.*?)</script>', html, re.S)
    assert [name for name, _ in charts] == ["received", "on-time", "stages", "participation", "proposals", "workload"]
    on_time = json.loads(dict(charts)["on-time"])
    assert on_time["labels"] == ["2026-03"] and on_time["datasets"][0]["data"] == [2]  # D1 and D6 (laws)
    assert "<script>" not in html and " style=" not in html  # the CSP allows neither
    assert '/reports/received/export?format=xlsx&amp;from=2026-01-01&amp;to=2026-12-31&amp;kind=law' in html
    assert signed_in(app, world.people["board"]).get("/reports/").status_code == 200
    for role in ("specialist", "committee"):
        assert signed_in(app, world.people[role]).get("/reports/").status_code == 403
        assert signed_in(app, world.people[role]).get("/reports/stages/export").status_code == 403


def test_a_bad_period_is_shown_beside_the_form(app, world):
    page = signed_in(app, world.people["admin"]).get("/reports/?from=2026-05-01&to=2026-04-01")
    assert page.status_code == 422
    assert 'id="filter-from-error"' in page.get_data(as_text=True)


def test_xlsx_has_a_header_naming_the_report_and_filters_and_typed_cells(app, world):
    client = signed_in(app, world.people["admin"])
    response = client.get(f"/reports/on-time/export?format=xlsx&{FILTERS}")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    header = [sheet.cell(row=r, column=1).value for r in range(1, 5)]
    assert header[0] in ("Letters sent on time", "Laiku išsiųsti raštai")  # the title, in the reader's language
    assert header[1].endswith(": 2026-01-01 – 2026-12-31")  # the period
    assert header[2].split(": ")[1] in ("Law", "Įstatymas")  # the kind of act
    rows = list(sheet.iter_rows(values_only=True))
    data = rows[[i for i, row in enumerate(rows) if row[1] and row[0] and isinstance(row[1], int)][0]]
    assert data[:4] == (datetime(2026, 3, 1), 2, 2, 0)
    month_cell = next(c for c in sheet["A"] if isinstance(c.value, datetime))
    assert month_cell.number_format == "yyyy-mm"


def test_csv_is_utf8_with_a_bom_for_excel(app, world):
    response = signed_in(app, world.people["admin"]).get("/reports/participation/export?format=csv")
    assert response.status_code == 200 and response.data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    akmene = next(line for line in lines if line and line[0] == "Akmenės rajono savivaldybė")
    assert akmene[1:7] == ["Šiaulių apskritis", "2", "0", "0", "1", "1"]
    assert signed_in(app, world.people["admin"]).get("/reports/stages/export?format=pdf").status_code == 404
