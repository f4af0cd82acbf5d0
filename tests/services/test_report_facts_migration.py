"""The migrations fill the stored invitation tally from the invitations already there: by municipality and status
(8b2d4f6a1c30), then by month of receipt and kind as well (11f27afb69ce), and back again on a downgrade."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from tests.infra.test_migrations import flask_db

pytestmark = pytest.mark.slow

PLAIN = {int: 1, str: "x", date: date(2026, 1, 5), datetime: datetime(2026, 1, 5, tzinfo=UTC), bool: False}


def _row(table: sa.Table, serial, **given) -> dict:
    """``given``, and a plain value for every other column the table requires (texts made unique)."""
    row = dict(given)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        value = PLAIN[column.type.python_type]
        row[column.name] = f"{value}{next(serial)}" if isinstance(value, str) else value
    return row


def _insert_archive(url: str) -> None:
    """Two municipalities; three drafts (two laws received in March, one "other" in April) and five invitations."""
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)
    serial = itertools.count()
    t = tables.tables
    with engine.begin() as connection:
        connection.execute(t["municipality"].insert(), [_row(t["municipality"], serial, id=i) for i in (1, 2)])
        connection.execute(t["institution"].insert(), [_row(t["institution"], serial, id=1)])
        connection.execute(t["draft"].insert(), [
            _row(t["draft"], serial, id=n, kind=kind, state="consultation", institution_id=1, received_date=received,
                 incoming_letter_date=received, reply_deadline=date(2026, 5, 1), lawyer_id=None, committee_id=None,
                 previous_revision_id=None, signatory_id=None, registered_by_id=None)
            for n, kind, received in ((1, "law", date(2026, 3, 2)), (2, "law", date(2026, 3, 31)),
                                      (3, "other", date(2026, 4, 1)))])
        connection.execute(t["invitation"].insert(), [
            _row(t["invitation"], serial, id=n, draft_id=d, municipality_id=m, status=s, answered_by_id=None)
            for n, (d, m, s) in enumerate([(1, 1, "answered"), (1, 2, "pending"), (2, 1, "answered"),
                                           (3, 1, "no_comments"), (3, 2, "pending")], start=1)])
    engine.dispose()


def _tally(url: str) -> set[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {tuple(row) for row in connection.execute(sa.text("SELECT * FROM invitation_tally"))}
    finally:
        engine.dispose()


def test_the_tally_is_backfilled_by_month_and_kind_and_back(empty_database_url, redis_server, tmp_path):
    url = empty_database_url
    flask_db(url, redis_server.url, tmp_path, "upgrade", "bf6c8d0e4a73")  # before the tally existed
    _insert_archive(url)
    whole = {(1, "answered", 2), (1, "no_comments", 1), (2, "pending", 2)}
    flask_db(url, redis_server.url, tmp_path, "upgrade", "8b2d4f6a1c30")
    assert _tally(url) == whole
    flask_db(url, redis_server.url, tmp_path, "upgrade", "11f27afb69ce")
    assert {(date.fromisoformat(str(month)), *rest) for month, *rest in _tally(url)} == {
        (date(2026, 3, 1), "law", 1, "answered", 2), (date(2026, 3, 1), "law", 2, "pending", 1),
        (date(2026, 4, 1), "other", 1, "no_comments", 1), (date(2026, 4, 1), "other", 2, "pending", 1)}
    flask_db(url, redis_server.url, tmp_path, "downgrade", "8b2d4f6a1c30")
    assert _tally(url) == whole
