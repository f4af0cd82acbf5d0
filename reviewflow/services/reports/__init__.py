"""LSA's reports (issue 11): every figure computed in the database with a fixed number of GROUP BY queries.

Public verbs: :func:`parse_filters`, :func:`build_report`, :func:`build_all`, :func:`report_json`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _

from reviewflow.errors import Forbidden, NotFound
from reviewflow.models import User
from reviewflow.permissions import can_read_reports
from reviewflow.services.clock import vilnius_today
from reviewflow.services.reports.base import DATE, MONTH, Report, month_label
from reviewflow.services.reports.filters import FILTER_KEYS, ReportFilters, parse_filters
from reviewflow.services.reports.flow import on_time_report, received_report, stages_report
from reviewflow.services.reports.people import participation_report, proposals_report, workload_report

REPORT_NAMES = ("received", "on-time", "stages", "participation", "proposals", "workload")

__all__ = ["FILTER_KEYS", "REPORT_NAMES", "Report", "ReportFilters", "build_all", "build_report",
           "check_reader", "check_report_name", "parse_filters", "report_json"]


def check_reader(user: User) -> None:
    """LSA staff and the board read reports; anyone else is refused (403)."""
    if not can_read_reports(user):
        raise Forbidden(_("Reports are for LSA's staff and board."))


def check_report_name(name: str) -> None:
    """404 for a name that is not a report."""
    if name not in REPORT_NAMES:
        raise NotFound(_("There is no report called %(name)s.", name=name[:40]))


def build_report(name: str, filters: ReportFilters, user: User, today: date | None = None) -> Report:
    """One report by its URL name; 403 for a reader who may not, 404 for a name that is not a report."""
    check_reader(user)
    check_report_name(name)
    if name == "received":
        return received_report(filters)
    if name == "on-time":
        return on_time_report(filters)
    if name == "stages":
        return stages_report(filters)
    if name == "participation":
        return participation_report(filters)
    if name == "proposals":
        return proposals_report(filters)
    return workload_report(filters, today or vilnius_today())


def build_all(filters: ReportFilters, user: User, today: date | None = None) -> list[Report]:
    """Every report, for the reports page."""
    return [build_report(name, filters, user, today) for name in REPORT_NAMES]


def _json_value(value: Any, kind: str) -> Any:
    if isinstance(value, date):
        return month_label(value) if kind == MONTH else value.isoformat()
    return value


def report_json(report: Report) -> dict[str, Any]:
    """The report as the API returns it: the filters, then each table's rows (``rows`` is the main one)."""
    body: dict[str, Any] = {"report": report.name, "title": str(report.title),
                            "filters": report.filters.as_query()}
    if report.as_of:
        body["as_of"] = report.as_of.isoformat()
    for table in report.tables:
        kinds = {c.key: c.kind for c in table.columns}
        body[table.key] = [{k: _json_value(v, kinds.get(k, DATE)) for k, v in row.items()} for row in table.rows]
    return body
