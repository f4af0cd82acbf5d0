"""Reports over the API (issue 11): the same figures as the reports page, as JSON, for LSA's annual report."""

from __future__ import annotations

from flask import request

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.models import DraftKind
from reviewflow.services import reports


@bp.get("/reports/<name>")
def get_report(name: str):
    """One report by name, limited by ``from``, ``to``, ``institution``, ``committee``, ``kind``, ``lawyer``.

    The reader is checked first (403 for municipalities and committees), then the name (404), then the
    filters (422), so a refused caller learns nothing about what exists.
    """
    user = api_user()
    reports.check_reader(user)
    reports.check_report_name(name)
    filters = reports.parse_filters(request.args)
    return reports.report_json(reports.build_report(name, filters, user))


def report_paths() -> dict:
    """The OpenAPI description of the reports endpoint (joined to the document in ``openapi.py``)."""
    from reviewflow.api.openapi import DATE, TEXT, _op, _query, enum, ok, ref

    params = [
        {"name": "name", "in": "path", "required": True, "schema": enum(reports.REPORT_NAMES)},
        _query("from", DATE, "the period's first day (received date; sending date for on-time)"),
        _query("to", DATE, "the period's last day"),
        _query("institution", TEXT, "Lithuanian name"), _query("committee", TEXT, "code, e.g. IVPK"),
        _query("kind", enum(DraftKind)), _query("lawyer", TEXT, "e-mail"),
    ]
    return {"/reports/{name}": {"get": _op(
        "A report's figures (LSA staff and the board): received, on-time, stages, participation, proposals, "
        "workload", ok(ref("Report"), "200", "OK", "403", "404", "422"), params=params)}}


def report_schemas() -> dict:
    """The report's JSON shape: the filters used, then its tables as lists of rows."""
    from reviewflow.api.openapi import obj

    rows = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
    return {"Report": obj({
        "report": {"type": "string"}, "title": {"type": "string"},
        "filters": {"type": "object", "additionalProperties": {"type": "string"}},
        "as_of": {"type": "string", "format": "date", "description": "workload only: the day it describes"},
        "rows": {**rows, "description": "The main table; months as YYYY-MM, shares as 0..1, days as numbers"},
        "total": {**rows, "description": "on-time: the whole period"},
        "counties": {**rows, "description": "participation: per county, in Lithuanian order"},
    }, ("report", "filters"))}
