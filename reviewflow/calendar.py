"""Lithuanian working days: the calendar every deadline in Reviewflow is counted on."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from reviewflow.services.clock import vilnius_date

# The holidays object fills in years lazily on first lookup, which mutates a dict; a lock keeps
# two request threads from populating the same year (or building the same year table) at once.
_LOCK = threading.Lock()
_ONE_DAY = timedelta(days=1)


class _Year:
    """One calendar year's working days, precomputed from the holidays calendar.

    ``upto[i]`` is how many working days fall from 1 January through the i-th day of the year
    (inclusive); ``days`` holds the ordinals of the working days in order. Every question below is
    then an index look-up per year spanned instead of a holiday look-up per day.
    """

    __slots__ = ("first", "upto", "days")

    def __init__(self, first: int, upto: list[int], days: list[int]) -> None:
        self.first, self.upto, self.days = first, upto, days


_YEARS: dict[int, _Year] = {}


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    """The process-wide Lithuanian holiday calendar (language passed so names are stable)."""
    return holidays.country_holidays("LT", language="lt")


def _as_date(d: date) -> date:
    """Accept a datetime too, but count on its calendar date (in Vilnius, for an aware one)."""
    if isinstance(d, datetime):
        # A UTC timestamp after 22:00 (21:00 in summer) is already the next day in Lithuania.
        return vilnius_date(d) if d.tzinfo is not None else d.date()
    return d


def _year(year: int) -> _Year:
    """The working-day table of ``year``, built once per process from the holidays package."""
    table = _YEARS.get(year)
    if table is not None:
        return table
    with _LOCK:
        table = _YEARS.get(year)
        if table is None:
            holidays_of_lt = _calendar()
            first = date(year, 1, 1).toordinal()
            last = date(year, 12, 31).toordinal()
            upto, days, count = [], [], 0
            for ordinal in range(first, last + 1):
                d = date.fromordinal(ordinal)
                if d.weekday() < 5 and d not in holidays_of_lt:
                    count += 1
                    days.append(ordinal)
                upto.append(count)
            table = _YEARS[year] = _Year(first, upto, days)
    return table


def _count_through(d: date, base_year: int) -> int:
    """Working days from 1 January of ``base_year`` through ``d`` inclusive (``d`` in or after that year)."""
    total = sum(len(_year(y).days) for y in range(base_year, d.year))
    table = _year(d.year)
    return total + table.upto[d.toordinal() - table.first]


def is_holiday(d: date) -> bool:
    """True when ``d`` is a Lithuanian public holiday (whatever the weekday)."""
    with _LOCK:
        return _as_date(d) in _calendar()


def holiday_name(d: date) -> str | None:
    """The Lithuanian name of the public holiday on ``d``, or None."""
    with _LOCK:
        return _calendar().get(_as_date(d))


def is_working_day(d: date) -> bool:
    """True for Monday to Friday unless it is a public holiday."""
    d = _as_date(d)
    table = _year(d.year)
    i = d.toordinal() - table.first
    return table.upto[i] - (table.upto[i - 1] if i else 0) == 1


def roll_forward(d: date) -> date:
    """``d`` itself when it is a working day, otherwise the next working day."""
    d = _as_date(d)
    return d if is_working_day(d) else add_working_days(d, 1)


def roll_back(d: date) -> date:
    """``d`` itself when it is a working day, otherwise the previous working day."""
    d = _as_date(d)
    return d if is_working_day(d) else subtract_working_days(d, 1)


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after ``d`` (counting starts the next day); n=0 rolls forward."""
    if n < 0:
        return subtract_working_days(d, -n)
    d = _as_date(d)
    if n == 0:
        return roll_forward(d)
    year = d.year
    index = _count_through(d, year) + n - 1  # 0-based among the working days from 1 January of ``year``
    while index >= len(_year(year).days):
        index -= len(_year(year).days)
        year += 1
    return date.fromordinal(_year(year).days[index])


def subtract_working_days(d: date, n: int) -> date:
    """The n-th working day before ``d``; n=0 rolls a non-working day back."""
    if n < 0:
        return add_working_days(d, -n)
    d = _as_date(d)
    if n == 0:
        return roll_back(d)
    year = d.year
    before = _count_through(d, year) - is_working_day(d)  # working days this year strictly before ``d``
    index = before - n
    while index < 0:
        year -= 1
        index += len(_year(year).days)
    return date.fromordinal(_year(year).days[index])


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    With start = today and end = a deadline this is "working days left" (0 on the day itself);
    with the arguments swapped it is "overdue by".
    """
    start, end = _as_date(start), _as_date(end)
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    return sign * (_count_through(high, low.year) - _count_through(low, low.year))
