"""Dates people see are Vilnius dates: one helper turns a UTC timestamp into the Lithuanian calendar day."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from reviewflow import calendar
from reviewflow.documents.xlsx import render_comments_xlsx
from reviewflow.i18n import vilnius_date_text, vilnius_datetime_text
from reviewflow.services.clock import vilnius_date, vilnius_time

LATE_EVENING_UTC = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 00:30 on 1 December in Vilnius


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (LATE_EVENING_UTC, date(2026, 12, 1)),
        (datetime(2026, 11, 30, 21, 59, tzinfo=UTC), date(2026, 11, 30)),  # winter: UTC+2
        (datetime(2026, 7, 6, 20, 59, tzinfo=UTC), date(2026, 7, 6)),  # summer: UTC+3
        (datetime(2026, 7, 6, 21, 0, tzinfo=UTC), date(2026, 7, 7)),
        (datetime(2026, 12, 1, 0, 30, tzinfo=timezone(timedelta(hours=2))), date(2026, 12, 1)),
        (datetime(2026, 11, 30, 17, 30, tzinfo=timezone(timedelta(hours=-5))), date(2026, 12, 1)),
    ],
)
def test_vilnius_date(moment, day):
    assert vilnius_date(moment) == day


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        vilnius_date(datetime(2026, 11, 30, 22, 30))
    with pytest.raises(ValueError):
        vilnius_time(datetime(2026, 11, 30, 22, 30))


def test_template_filters():
    assert vilnius_date_text(LATE_EVENING_UTC) == "2026-12-01"
    assert vilnius_datetime_text(LATE_EVENING_UTC) == "2026-12-01 00:30"
    assert vilnius_date_text(date(2026, 11, 30)) == "2026-11-30"  # a date is already a calendar day
    assert (vilnius_date_text(None), vilnius_datetime_text(None)) == ("", "")


def test_working_days_count_from_the_vilnius_day_of_a_timestamp():
    # 22:30 UTC on Friday 2026-12-18 is Saturday in Vilnius: the next working day is Monday the 21st.
    friday_night = datetime(2026, 12, 18, 22, 30, tzinfo=UTC)
    assert calendar.is_working_day(friday_night) is False
    assert calendar.roll_forward(friday_night) == date(2026, 12, 21)
    assert calendar.add_working_days(LATE_EVENING_UTC, 1) == date(2026, 12, 2)


def test_xlsx_shows_a_timestamp_as_vilnius_local_time():
    data = render_comments_xlsx([{"at": LATE_EVENING_UTC, "day": date(2026, 12, 1)}],
                                [("at", "Pateikta"), ("day", "Data")])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == datetime(2026, 12, 1, 0, 30)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["B2"].value.date() == date(2026, 12, 1)
