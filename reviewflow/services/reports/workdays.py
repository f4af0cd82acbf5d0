"""Working days inside SQL: a small temporary calendar table to join, and percentiles over histograms.

A report must not loop over the archive in Python, yet Lithuanian working days come from the
``holidays`` package, not from the database. So the calendar of the dates in question (a few thousand
rows at most, whatever the number of drafts) is written into a temporary table and joined: ``d`` a
date, ``w`` how many working days there are up to and including ``d`` (so ``w(end) - w(start)``
equals :func:`reviewflow.calendar.working_days_between`), ``w_next`` the same for
the day after, and ``utc_hours`` Vilnius's offset from UTC that day (2 or 3). (Time in each stage no
longer reads audit timestamps here: it is stored per draft when a state changes, see ``stage_times``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import Column, Date, Integer, MetaData, Table, func, literal_column, select, text

from reviewflow import calendar
from reviewflow.extensions import db
from reviewflow.services.clock import VILNIUS

# Longest span a calendar covers; a larger one is cut (a report over a century of data is a mistake).
MAX_DAYS = 366 * 40


@lru_cache(maxsize=16)
def calendar_rows(low: date, high: date) -> tuple[tuple, ...]:
    """``(iso date, w, w_next, utc_hours)`` for every day from ``low`` to ``high`` (pure, so kept a while)."""
    high = min(high, low + timedelta(days=MAX_DAYS))
    rows, count, d = [], 0, low
    while d <= high:
        count += calendar.is_working_day(d)
        following = d + timedelta(days=1)
        noon = datetime.combine(d, time(12), tzinfo=UTC).astimezone(VILNIUS)
        rows.append((d.isoformat(), count, count + calendar.is_working_day(following),
                     int(noon.utcoffset().total_seconds() // 3600)))
        d = following
    return tuple(rows)


CALENDAR = Table(
    "report_calendar", MetaData(),  # its own metadata: never part of the schema, made per connection
    Column("d", Date, primary_key=True), Column("w", Integer), Column("w_next", Integer),
    Column("utc_hours", Integer), prefixes=["TEMPORARY"],
)


# A fill covers a little more than asked, so the next report of the same page usually finds its days there.
MARGIN_BEFORE, MARGIN_AFTER = timedelta(days=90), timedelta(days=400)


def calendar_table(low: date, high: date) -> Table:
    """The calendar from ``low`` to ``high`` in a temporary table (``d``, ``w``, ``w_next``, ``utc_hours``).

    A temporary table of the connection, keyed by day, so the joins are index look-ups on both databases
    (a table-valued JSON function is scanned again for every row it is joined to). It holds one row per day
    of the span, whatever the number of drafts. Within one transaction a span already there is reused: only
    differences of ``w`` are ever read, so a wider calendar gives the same answers.
    """
    session = db.session()  # the request's Session itself (the scoped proxy has no get_transaction)
    transaction = session.get_transaction()
    loaded = session.info.get("report_calendar")
    if loaded and loaded[0] is transaction and loaded[1] <= low and high <= loaded[2]:
        return CALENDAR
    low, high = low - MARGIN_BEFORE, high + MARGIN_AFTER
    db.session.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS report_calendar "
                            "(d DATE PRIMARY KEY, w INTEGER, w_next INTEGER, utc_hours INTEGER)"))
    db.session.execute(CALENDAR.delete())
    db.session.execute(CALENDAR.insert(), [
        {"d": date.fromisoformat(d), "w": w, "w_next": w_next, "utc_hours": hours}
        for d, w, w_next, hours in calendar_rows(low, high)
    ])
    session.info["report_calendar"] = (session.get_transaction(), low, high)
    return CALENDAR


def month_key(column):
    """A date column's month as text ``YYYY-MM``: cheaper to group by than two EXTRACTs (strftime on SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        # A literal format, not a bound one: GROUP BY must repeat the SELECT's expression exactly.
        return func.to_char(column, literal_column("'YYYY-MM'"))
    return func.substr(column, 1, 7)  # SQLite keeps a date as text "YYYY-MM-DD"


def month_of_key(key: str) -> date:
    """The 1st of the month a :func:`month_key` names."""
    return date(int(key[:4]), int(key[5:7]), 1)


def w_of_date(column):
    """``w`` of a date column, as a correlated look-up by the calendar's key (one index probe per row).

    A look-up rather than a join: with a join the planner may put the small calendar outside and scan the
    archive once per day of it.
    """
    return select(CALENDAR.c.w).where(CALENDAR.c.d == column).scalar_subquery()


def span(values: Iterable[date | datetime | None]) -> tuple[date, date] | None:
    """The first and last date among ``values`` (timestamps by their UTC date), widened by a day each way."""
    days = [v.astimezone(UTC).date() if isinstance(v, datetime) else v for v in values if v is not None]
    if not days:
        return None
    return min(days) - timedelta(days=1), max(days) + timedelta(days=1)


# --- percentiles over a histogram (value -> how many), so the archive is never listed ---------------

def median(histogram: dict[int, int]) -> float | None:
    """The median of the values the histogram counts (the mean of the middle two for an even count)."""
    total = sum(histogram.values())
    if not total:
        return None
    low, high = _nth(histogram, (total - 1) // 2), _nth(histogram, total // 2)
    return (low + high) / 2


def percentile(histogram: dict[int, int], share: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, -(-int(share * 100) * total // 100))  # ceil(share * total) without float error
    return _nth(histogram, rank - 1)


def _nth(histogram: dict[int, int], index: int) -> int:
    """The value at 0-based ``index`` in the sorted list the histogram stands for."""
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if index < seen:
            return value
    raise IndexError(index)
