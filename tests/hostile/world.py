"""The world the hostile suite and the route matrix run in: people of every role, drafts in every state,
and the helpers that count every table's rows and read a response's verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, literal, select, union_all

from reviewflow.extensions import db
from reviewflow.models import DraftState
from reviewflow.services import tokens
from tests.conftest import login
from tests.pages.conftest import draft_in, make_people
from tests.pure.samples import docx_bytes

_STORED_CONTROL = re.compile("[\x00-\x08\x0b-\x0d\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass
class World:
    """People, drafts by state, and ids that belong to somebody else."""

    people: dict
    drafts: dict
    spare_user: object
    spare_token_id: int
    ids: dict = field(default_factory=dict)


def build_world(make_user) -> World:
    """One person per role, the drafts the routes differ on, and a spare user and token to act upon."""
    from reviewflow.services.drafts import attach_file

    people = make_people(make_user)
    drafts = {
        "registered": draft_in(DraftState.REGISTERED, people),
        "consultation": draft_in(DraftState.CONSULTATION, people),
        "consolidation": draft_in(DraftState.CONSOLIDATION, people),
        "board": draft_in(DraftState.BOARD_REVIEW, people, with_file=True),
    }
    drafts["consultation"].file = attach_file(drafts["consultation"].id, people["lawyer"], "draft_text",
                                              "projektas.docx", docx_bytes("1 straipsnis. Tekstas."))
    spare = make_user("lawyer")
    _raw, token = tokens.issue_token({"email": people["lawyer"].email, "password": "correct-horse-battery-42",
                                      "label": "spare"})
    return World(people=people, drafts=drafts, spare_user=spare, spare_token_id=token.id)


def signed_in_clients(app, world: World, roles) -> dict:
    """A test client per role, signed in through the real form."""
    clients = {"anonymous": app.test_client()}
    for role in roles:
        client = app.test_client()
        assert login(client, world.people[role].email).status_code == 302, role
        clients[role] = client
    return clients


class WriteLog:
    """Which tables the web app's committed transactions wrote to, read from the engine's own events.

    Cheaper than counting every table after each request, and it sees updates as well as inserts.
    """

    _WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)

    def __init__(self, app) -> None:
        from sqlalchemy import event

        with app.app_context():
            self.engine = db.engine
        self.pending: set[str] = set()
        self.committed: list[str] = []
        event.listen(self.engine, "after_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)
        event.listen(self.engine, "rollback", self._rollback)

    def _statement(self, conn, cursor, statement, parameters, context, executemany) -> None:
        match = self._WRITE.match(statement)
        if match and cursor.rowcount != 0:  # an UPDATE that matched no row changed nothing
            self.pending.add(match.group(2).lower())

    def _commit(self, conn) -> None:
        self.committed.extend(sorted(self.pending))
        self.pending.clear()

    def _rollback(self, conn) -> None:
        self.pending.clear()

    def take(self) -> list[str]:
        """The tables written by commits since the last call."""
        written, self.committed = self.committed, []
        return written

    def close(self) -> None:
        """Stop listening."""
        from sqlalchemy import event

        event.remove(self.engine, "after_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)


def _count_query():
    tables = db.metadata.sorted_tables
    return union_all(*[select(literal(t.name).label("t"), func.count().label("n")).select_from(t) for t in tables])


def row_counts() -> dict[str, int]:
    """Every table's row count, read afresh."""
    db.session.rollback()
    return dict(db.session.execute(_count_query()).all())


def stored_text_with_controls() -> list[str]:
    """``table.column = value`` for every stored string holding a control, bidi or surrogate character."""
    db.session.rollback()
    found = []
    for table in db.metadata.sorted_tables:
        # Sort keys are made by the app (a \x01 separates their two parts), never typed by anybody.
        columns = [c for c in table.columns if _python_type_is(c, str) and c.name != "sort_key"]
        if not columns:
            continue
        for row in db.session.execute(select(*columns)).all():
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str) and _STORED_CONTROL.search(value):
                    found.append(f"{table.name}.{column.name} = {value[:60]!r}")
    return found


def _python_type_is(column, kind) -> bool:
    try:
        return column.type.python_type is kind
    except NotImplementedError:
        return False
