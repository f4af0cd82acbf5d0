"""Working days on the Lithuanian calendar, checked against the domain README's worked examples."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest

from reviewflow.calendar import (
    add_working_days,
    holiday_name,
    is_working_day,
    roll_back,
    roll_forward,
    subtract_working_days,
    working_days_between,
)

REFERENCE = holidays.country_holidays("LT", language="lt")


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 12, 22), 10, date(2027, 1, 8)),
        (date(2025, 12, 19), 10, date(2026, 1, 8)),
        (date(2026, 4, 1), 5, date(2026, 4, 9)),
        (date(2026, 10, 30), 3, date(2026, 11, 5)),
        (date(2026, 2, 13), 1, date(2026, 2, 17)),
    ],
)
def test_worked_examples_from_the_domain_readme(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 7, 6), date(2026, 7, 7)),
        (date(2026, 8, 15), date(2026, 8, 17)),
        (date(2026, 11, 1), date(2026, 11, 3)),
        (date(2026, 12, 24), date(2026, 12, 28)),
    ],
)
def test_roll_forward_examples(day, expected):
    assert roll_forward(day) == expected
    assert add_working_days(day, 0) == expected


def test_roll_forward_keeps_a_working_day():
    assert roll_forward(date(2026, 7, 8)) == date(2026, 7, 8)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),
        (date(2026, 2, 16), False),
        (date(2026, 3, 11), False),
        (date(2026, 4, 6), False),  # Easter Monday 2026
        (date(2026, 5, 1), False),
        (date(2026, 6, 24), False),
        (date(2026, 11, 2), False),
        (date(2026, 12, 24), False),
        (date(2026, 12, 26), False),  # Saturday anyway
        (date(2026, 12, 28), True),  # holidays on a weekend are not moved to Monday
        (date(2026, 3, 12), True),
        (date(2026, 3, 14), False),  # Saturday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_holiday_names_are_lithuanian():
    assert "Kalėdų" in holiday_name(date(2026, 12, 25))
    assert holiday_name(date(2026, 12, 28)) is None


def test_datetime_counts_on_its_date():
    assert add_working_days(datetime(2026, 12, 22, 23, 59), 10) == date(2027, 1, 8)


def test_subtract_working_days():
    assert subtract_working_days(date(2027, 1, 8), 10) == date(2026, 12, 22)
    assert subtract_working_days(date(2026, 11, 5), 3) == date(2026, 10, 30)
    assert subtract_working_days(date(2026, 12, 28), 1) == date(2026, 12, 23)
    assert subtract_working_days(date(2026, 12, 27), 0) == date(2026, 12, 23)
    assert roll_back(date(2026, 11, 2)) == date(2026, 10, 30)


def test_negative_counts_go_the_other_way():
    assert add_working_days(date(2027, 1, 8), -10) == date(2026, 12, 22)
    assert subtract_working_days(date(2026, 12, 22), -10) == date(2027, 1, 8)


def test_working_days_between():
    assert working_days_between(date(2026, 12, 22), date(2027, 1, 8)) == 10
    assert working_days_between(date(2027, 1, 8), date(2026, 12, 22)) == -10
    assert working_days_between(date(2026, 11, 5), date(2026, 11, 5)) == 0
    # The day before a deadline: one working day left; a Friday deadline seen on Monday: overdue by one.
    assert working_days_between(date(2026, 11, 4), date(2026, 11, 5)) == 1
    assert working_days_between(date(2026, 11, 9), date(2026, 11, 6)) == -1
    # Weekend and holidays after the start do not count.
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 27)) == 0


def _sweep():
    """Dates around Christmas, Easter and 1-2 November in 2025-2028."""
    easter = {
        2025: date(2025, 4, 20),
        2026: date(2026, 4, 5),
        2027: date(2027, 3, 28),
        2028: date(2028, 4, 16),
    }
    for year in range(2025, 2029):
        for centre in (date(year, 12, 24), easter[year], date(year, 11, 1)):
            for shift in range(-9, 4, 3):
                yield centre + timedelta(days=shift)


@pytest.mark.parametrize("start", list(_sweep()), ids=str)
@pytest.mark.parametrize("n", [0, 1, 3, 5, 10, 20])
def test_agrees_with_the_holidays_package(start, n):
    assert add_working_days(start, n) == REFERENCE.get_nth_working_day(start, n)
    if n:
        assert subtract_working_days(start, n) == REFERENCE.get_nth_working_day(start, -n)
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
        assert working_days_between(end, start) == -n
