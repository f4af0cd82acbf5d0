"""What every report is made of: tables of typed columns, a chart description, and the filters used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewflow.services.reports.filters import ReportFilters

# Column kinds: how a value is shown and exported (XLSX number formats, CSV text, JSON).
TEXT, INT, FLOAT, PERCENT, MONTH, DATE = "text", "int", "float", "percent", "month", "date"


@dataclass(frozen=True)
class Column:
    """One column of a report table: its key in the rows, its heading and its kind."""

    key: str
    label: Any  # a lazy gettext string: translated when shown
    kind: str = INT


@dataclass
class Table:
    """Rows of figures under typed columns; a month is a ``date`` (the 1st), a share a float 0..1."""

    key: str
    title: Any
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Chart:
    """What the page draws: one label per bar group and one series per dataset, all plain numbers."""

    kind: str  # bar | horizontal-bar
    labels: list[str]
    datasets: list[dict[str, Any]]  # {"label": str, "data": [numbers or None], "stack": str | None}
    axis_label: Any = ""
    stacked: bool = False


@dataclass
class Report:
    """A computed report: its name (as in the URL), title, description, tables (the first is the main one)."""

    name: str
    title: Any
    description: Any
    filters: ReportFilters
    tables: list[Table]
    chart: Chart | None = None
    as_of: date | None = None  # for a snapshot (workload): the day it describes

    @property
    def main(self) -> Table:
        """The table the chart stands for."""
        return self.tables[0]


def month_start(year: int | float, month: int | float) -> date:
    """The 1st of a month from the numbers SQL's EXTRACT gives (numeric on PostgreSQL)."""
    return date(int(year), int(month), 1)


def month_label(d: date) -> str:
    """A month as people and charts read it: ``2026-03``."""
    return f"{d.year:04d}-{d.month:02d}"


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None
