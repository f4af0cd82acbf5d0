"""Today's date in Vilnius: LSA's deadlines are calendar days in Lithuania, not in UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

VILNIUS = ZoneInfo("Europe/Vilnius")


def vilnius_today() -> date:
    """The current date in Europe/Vilnius."""
    return datetime.now(VILNIUS).date()
