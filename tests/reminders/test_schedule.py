"""Reminder days are Lithuanian working days: they equal the `holidays` package's own arithmetic."""

from datetime import date, timedelta

import holidays
import pytest

from reviewflow.services.reminder_plan import Settings, current_stage, passed_at, stage_days
from tests.reminders.conftest import vilnius

LT = holidays.country_holidays("LT", language="lt")


def reference_stages(deadline: date, n: int) -> list[tuple[str, date]]:
    """The reference: n working days before, and the last working day on or before the deadline.

    A deadline on a non-working day has its last working day earlier; when that is also the
    "before" day, one reminder is sent, not two.
    """
    before = LT.get_nth_working_day(deadline, -n)
    day = LT.get_nth_working_day(deadline + timedelta(days=1), -1)
    return ([("before", before)] if before < day else []) + [("day", day)]


@pytest.mark.parametrize("deadline, before, day", [
    # Christmas: 24, 25, 26 December are holidays.
    ("2026-12-28", "2026-12-22", "2026-12-28"),
    ("2026-12-24", "2026-12-22", "2026-12-23"),
    ("2026-12-29", "2026-12-23", "2026-12-29"),
    ("2027-01-04", "2026-12-30", "2027-01-04"),
    # Easter 2026: Sunday 5 April and Monday 6 April.
    ("2026-04-08", "2026-04-03", "2026-04-08"),
    ("2026-04-07", "2026-04-02", "2026-04-07"),
    # All Saints' Day and All Souls' Day: 1 (a Sunday in 2026) and 2 November.
    ("2026-11-04", "2026-10-30", "2026-11-04"),
    ("2026-11-03", "2026-10-29", "2026-11-03"),
    ("2027-11-03", "2027-10-28", "2027-11-03"),
])
def test_reminder_days_around_holidays_equal_the_holidays_reference(deadline, before, day):
    deadline = date.fromisoformat(deadline)
    expected = [("before", date.fromisoformat(before)), ("day", date.fromisoformat(day))]
    assert stage_days(deadline, 2) == expected
    assert stage_days(deadline, 2) == reference_stages(deadline, 2)


@pytest.mark.parametrize("year", range(2025, 2031))
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_every_deadline_around_the_holidays_matches_the_reference(year, n):
    windows = [date(year, 12, 18), date(year, 3, 20), date(year, 10, 25)]
    for start in windows:
        for offset in range(20):
            deadline = start + timedelta(days=offset)
            assert stage_days(deadline, n) == reference_stages(deadline, n), deadline


def test_the_latest_stage_that_has_come_is_due_from_the_configured_hour():
    settings = Settings(days_before=2, hour=8)
    deadline = date(2026, 12, 28)
    assert current_stage(deadline, vilnius("2026-12-22", 7, 59), settings) is None
    assert current_stage(deadline, vilnius("2026-12-22", 8), settings) == ("before", vilnius("2026-12-22"))
    # Christmas days in between: still the "before" stage.
    assert current_stage(deadline, vilnius("2026-12-25", 12), settings)[0] == "before"
    assert current_stage(deadline, vilnius("2026-12-28", 9), settings) == ("day", vilnius("2026-12-28"))
    assert current_stage(deadline, vilnius("2026-12-29", 9), settings) is None


def test_the_hour_is_vilnius_time_whatever_the_offset_given():
    settings = Settings(days_before=2, hour=8)
    from datetime import UTC, datetime

    # 08:00 in Vilnius in winter is 06:00 UTC.
    assert current_stage(date(2026, 12, 28), datetime(2026, 12, 22, 5, 59, tzinfo=UTC), settings) is None
    assert current_stage(date(2026, 12, 28), datetime(2026, 12, 22, 6, 0, tzinfo=UTC), settings)


def test_a_passed_deadline_is_reported_on_the_next_working_day():
    settings = Settings(days_before=2, hour=8)
    assert passed_at(date(2026, 12, 23), settings) == vilnius("2026-12-28")
    assert passed_at(date(2026, 10, 30), settings) == vilnius("2026-11-03")
    assert passed_at(date(2026, 4, 3), settings) == vilnius("2026-04-07")


def test_zero_days_before_means_only_the_day_itself():
    assert stage_days(date(2026, 12, 28), 0) == [("day", date(2026, 12, 28))]
