"""Counting the SQL a block of code runs, on every engine (pages under test may run in a second app)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def statements_run(keep: Callable[[str], bool] | None = None) -> Iterator[list[str]]:
    """The statements any engine runs inside the block (those ``keep`` accepts, when given), in order."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if keep is None or keep(statement):
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)
