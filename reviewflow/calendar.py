"""Lithuanian working days: the calendar every deadline in Reviewflow is counted on."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from reviewflow.services.clock import vilnius_date

# The holidays object fills in years lazily on first lookup, which mutates a dict; a lock keeps
# two request threads from populating the same year at once.
_LOCK = threading.Lock()
_ONE_DAY = timedelta(days=1)


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
    return d.weekday() < 5 and not is_holiday(d)


def roll_forward(d: date) -> date:
    """``d`` itself when it is a working day, otherwise the next working day."""
    d = _as_date(d)
    while not is_working_day(d):
        d += _ONE_DAY
    return d


def roll_back(d: date) -> date:
    """``d`` itself when it is a working day, otherwise the previous working day."""
    d = _as_date(d)
    while not is_working_day(d):
        d -= _ONE_DAY
    return d


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after ``d`` (counting starts the next day); n=0 rolls forward."""
    if n < 0:
        return subtract_working_days(d, -n)
    d = _as_date(d)
    if n == 0:
        return roll_forward(d)
    for _ in range(n):
        d += _ONE_DAY
        while not is_working_day(d):
            d += _ONE_DAY
    return d


def subtract_working_days(d: date, n: int) -> date:
    """The n-th working day before ``d``; n=0 rolls a non-working day back."""
    if n < 0:
        return add_working_days(d, -n)
    d = _as_date(d)
    if n == 0:
        return roll_back(d)
    for _ in range(n):
        d -= _ONE_DAY
        while not is_working_day(d):
            d -= _ONE_DAY
    return d


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
    count = 0
    d = low + _ONE_DAY
    while d <= high:
        count += is_working_day(d)
        d += _ONE_DAY
    return sign * count
