"""Dates in Vilnius: LSA's deadlines and the dates people see are calendar days in Lithuania, not in UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

VILNIUS = ZoneInfo("Europe/Vilnius")


def vilnius_today() -> date:
    """The current date in Europe/Vilnius."""
    return datetime.now(VILNIUS).date()


def vilnius_time(moment: datetime) -> datetime:
    """An aware moment in any zone as Europe/Vilnius local time; a naive one is refused."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        # A naive value has no zone to convert from; guessing UTC here is how dates go a day off.
        raise ValueError("a naive datetime has no time zone; store and pass aware (UTC) datetimes")
    return moment.astimezone(VILNIUS)


def vilnius_date(moment: datetime) -> date:
    """The Europe/Vilnius calendar date of an aware moment (22:30 UTC on 30 Nov is 1 Dec in Vilnius)."""
    return vilnius_time(moment).date()
