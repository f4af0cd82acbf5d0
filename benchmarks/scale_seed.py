"""Bulk-seed an archive of drafts for the scale benchmark and the statement-count test.

Rows are written with COPY on PostgreSQL and ``executemany`` elsewhere, with explicit ids, so 20,000
drafts with about a million comments take a minute or two instead of hours through the services.
The shape follows issue 12: 60 municipalities, ~41 invitations, ~50 comments and ~55 audit entries per
draft, a fixed number of drafts open whatever the archive's size, and a few old ones left open and
overdue for years.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select, text

from reviewflow.models import (
    AuditEntry,
    Comment,
    Committee,
    Draft,
    Institution,
    Invitation,
    Municipality,
    Provision,
)

DECISIONS = ("accepted", "partly_accepted", "rejected")
OPEN_DRAFTS = 120  # open at every size: the work in hand does not grow with the archive
OLD_OVERDUE = 5  # old drafts forgotten in consultation, overdue for years
CHUNK = 500  # drafts generated and written per batch
TODAY = date.today()


@dataclass
class People:
    """Who the seeded rows point at: lawyers, one specialist per municipality (by municipality id)."""

    lawyers: list[int]
    specialists: dict[int, int]
    author: int  # the registering user of every draft and the actor of non-municipal audit entries
    committees: list[int] = field(default_factory=list)


@dataclass
class Shape:
    """How much of everything one draft brings along."""

    invitations: int = 41
    comments: int = 50
    audit: int = 55
    provisions: int = 10


def _next_id(conn, model) -> int:
    return (conn.execute(select(func.max(model.id))).scalar() or 0) + 1


def _write(conn, table: str, columns: list[str], rows: list[tuple]) -> None:
    """COPY on PostgreSQL; a Core executemany elsewhere (so SQLite gets the types' own storage format)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        cols = ", ".join(f'"{c}"' for c in columns)
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in row])
        return
    # SQLite: plain tuples in SQLAlchemy's own storage format, straight to the driver (ten times faster
    # than a Core executemany that runs every value through its type).
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})',
                         [tuple(_sqlite_value(v) for v in row) for row in rows])


def _sqlite_value(value):
    """A value as SQLAlchemy stores it in SQLite: naive UTC timestamps, ISO dates, JSON text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def _states(count: int, total_before: int) -> list[tuple[str, bool]]:
    """(state, old-and-overdue) per new draft: closed (sent, now and then withdrawn), the first few left open."""
    states = [("sent" if (total_before + k) % 17 else "withdrawn", False) for k in range(count)]
    for k in range(min(OLD_OVERDUE, count)):
        states[k] = ("consultation", True)
    return states


OPEN_STATES = ["consultation"] * 6 + ["consolidation", "committee_review", "board_review", "assigned"]


def seed(engine: Engine, drafts: int, people: People, shape: Shape | None = None, *, open_now: bool = True) -> dict:
    """Add ``drafts`` drafts (after any already there) with their invitations, comments, record and provisions.

    With ``open_now`` the newest :data:`OPEN_DRAFTS` of all drafts are made open afterwards (and every older
    one closed, but for the old overdue few), so the open work is the same at every archive size.
    """
    shape = shape or Shape()
    with engine.begin() as conn:
        municipalities = [m for (m,) in conn.execute(select(Municipality.id).order_by(Municipality.id))]
        institutions = [i for (i,) in conn.execute(select(Institution.id).order_by(Institution.id))]
        committees = people.committees or [c for (c,) in conn.execute(select(Committee.id).order_by(Committee.id))]
        ids = {m: _next_id(conn, m) for m in (Draft, Invitation, Comment, AuditEntry, Provision)}
        before = ids[Draft] - 1
        states = _states(drafts, before)
        first_day = TODAY - timedelta(days=365 * 30)
        span = (TODAY - first_day).days
        for start in range(0, drafts, CHUNK):
            rows = {"draft": [], "invitation": [], "comment": [], "audit_entry": [], "provision": []}
            for k in range(start, min(drafts, start + CHUNK)):
                draft_id = ids[Draft] + k
                n = before + k
                state, old = states[k]
                received = first_day + timedelta(days=(n * 7919) % span)
                if old:
                    received = TODAY - timedelta(days=900 + k * 30)
                deadline = received + timedelta(days=21)
                created = datetime.combine(received, datetime.min.time(), tzinfo=UTC)
                lawyer = people.lawyers[n % len(people.lawyers)]
                rows["draft"].append((
                    draft_id, f"Įstatymo Nr. {n} {('vietos savivaldos', 'biudžeto', 'švietimo', 'sveikatos')[n % 4]} "
                    f"pakeitimo projektas", f"XIVP-{n}", f"XIVP-{n}", "law", institutions[n % len(institutions)],
                    f"(13.2-{n})", received, received, deadline, state, lawyer, committees[n % len(committees)],
                    received + timedelta(days=14), people.author, created, created,
                ))
                invited = [municipalities[(n + j) % len(municipalities)] for j in range(shape.invitations)]
                closed = state != "consultation"
                for j, municipality in enumerate(invited):
                    status = ("answered" if j % 3 else "no_comments") if closed or j % 2 else "pending"
                    rows["invitation"].append((ids[Invitation], draft_id, municipality, received + timedelta(days=14),
                                               status, j % 9 == 0))
                    ids[Invitation] += 1
                provision_ids = []
                for p in range(shape.provisions):
                    rows["provision"].append((ids[Provision], draft_id, p, str(p + 1), None, None,
                                              f"{p + 1} straipsnis", 0, f"{p + 1} straipsnio tekstas"))
                    provision_ids.append(ids[Provision])
                    ids[Provision] += 1
                for c in range(shape.comments):
                    municipality = invited[c % len(invited)]
                    author = people.specialists.get(municipality, people.author)
                    decision = None if state == "consultation" else DECISIONS[c % 3]
                    rows["comment"].append((
                        ids[Comment], draft_id, municipality, "municipality", author,
                        provision_ids[c % len(provision_ids)] if provision_ids and c % 2 else None, str(c % 10 + 1),
                        f"Siūlome patikslinti nuostatą Nr. {c}: savivaldybių funkcijos turi būti finansuojamos.",
                        False, decision, created, created,
                    ))
                    ids[Comment] += 1
                for a in range(shape.audit):
                    rows["audit_entry"].append((ids[AuditEntry], draft_id, people.author, ("add_comment", "register",
                                                "assign", "open_consultation")[a % 4], {"n": a},
                                                created + timedelta(minutes=a)))
                    ids[AuditEntry] += 1
            _write(conn, "draft", ["id", "title", "number_raw", "number", "kind", "institution_id",
                                   "incoming_letter_number", "incoming_letter_date", "received_date",
                                   "reply_deadline", "state", "lawyer_id", "committee_id", "comment_deadline",
                                   "registered_by_id", "created_at", "updated_at"], rows["draft"])
            _write(conn, "invitation", ["id", "draft_id", "municipality_id", "deadline", "status", "late"],
                   rows["invitation"])
            _write(conn, "provision", ["id", "draft_id", "position", "article", "part", "point", "label", "depth",
                                       "text"], rows["provision"])
            _write(conn, "comment", ["id", "draft_id", "municipality_id", "origin", "author_id", "provision_id",
                                     "article", "text", "late", "decision", "created_at", "updated_at"],
                   rows["comment"])
            _write(conn, "audit_entry", ["id", "draft_id", "actor_id", "action", "payload", "created_at"],
                   rows["audit_entry"])
        if open_now:
            _reopen_newest(conn)
        if conn.dialect.name == "postgresql":
            for table in ("draft", "invitation", "comment", "audit_entry", "provision"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    return {"drafts": ids[Draft] - 1}


def _reopen_newest(conn) -> None:
    """The newest OPEN_DRAFTS drafts open (consultation mostly) with deadlines ahead."""
    newest = [d for (d,) in conn.execute(select(Draft.id).order_by(Draft.id.desc()).limit(OPEN_DRAFTS))]
    for k, draft_id in enumerate(newest):
        state = OPEN_STATES[k % len(OPEN_STATES)]
        conn.execute(Draft.__table__.update().where(Draft.id == draft_id).values(
            state=state, reply_deadline=TODAY + timedelta(days=5 + k % 40),
            received_date=TODAY - timedelta(days=k % 20)))
        if state == "consultation":
            conn.execute(Invitation.__table__.update().where(Invitation.draft_id == draft_id).values(
                deadline=TODAY + timedelta(days=3 + k % 10)))
