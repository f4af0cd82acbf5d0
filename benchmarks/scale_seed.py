"""Bulk-seed an archive of drafts for the scale benchmark and the statement-count test.

Rows are generated inside PostgreSQL (INSERT … SELECT over ``generate_series``) and written with
``executemany`` elsewhere, with explicit ids, so 20,000 drafts with about a million comments take a minute
or two instead of hours through the services.
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
REBUILD_INDEXES_FROM = 2000  # PostgreSQL: from this many drafts on, indexes are dropped and built after the load
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
        if conn.dialect.name == "postgresql" and drafts:
            _generate_in_postgresql(conn, drafts, people, shape, ids, {
                "municipalities": municipalities, "institutions": institutions, "committees": committees,
                "first_day": first_day, "span": span})
            ids[Draft] += drafts
        for start in range(0, drafts if conn.dialect.name != "postgresql" else 0, CHUNK):
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


def _generate_in_postgresql(conn, drafts: int, people: People, shape: Shape, ids: dict, ref: dict) -> None:
    """The same rows as the Python loop in :func:`seed` makes, generated inside PostgreSQL (INSERT … SELECT
    over ``generate_series``): nothing crosses the wire row by row, so the large set takes a minute or so.

    Every value follows the loop's formulas (draft ``k`` of this call is number ``n = before + k``); the
    draft rows are written first and the other tables read them back for their state and dates.
    """
    municipalities = ref["municipalities"]
    # The rows are consistent by construction: skip the per-row foreign-key triggers for this transaction
    # (the throwaway servers run as a superuser; the setting ends with the transaction).
    conn.execute(text("SET LOCAL session_replication_role = replica"))
    # A large load builds the secondary indexes once after it (a sort each) instead of row by row during
    # it; the primary keys and unique constraints stay. A small one keeps them: rebuilding costs more.
    rebuild = [] if drafts < REBUILD_INDEXES_FROM else conn.execute(text("""
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema()
          AND i.tablename IN ('draft', 'invitation', 'comment', 'audit_entry', 'provision')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    """)).all()
    for name, _definition in rebuild:
        conn.execute(text(f'DROP INDEX "{name}"'))
    params = {
        "d0": ids[Draft], "drafts": drafts, "before": ids[Draft] - 1, "old": min(OLD_OVERDUE, drafts),
        "today": TODAY, "first_day": ref["first_day"], "span": ref["span"], "author": people.author,
        "lawyers": people.lawyers, "institutions": ref["institutions"], "committees": ref["committees"],
        "municipalities": municipalities, "nm": len(municipalities),
        "specialists": [people.specialists.get(m, people.author) for m in municipalities],
        "i0": ids[Invitation], "ninv": shape.invitations, "p0": ids[Provision], "np": shape.provisions,
        "c0": ids[Comment], "ncm": shape.comments, "a0": ids[AuditEntry], "na": shape.audit,
    }
    drafts_of_call = "FROM draft d WHERE d.id BETWEEN :d0 AND :d0 + :drafts - 1"
    k, n = "(d.id - :d0)", "(:before + d.id - :d0)"
    conn.execute(text("""
        INSERT INTO draft (id, title, number_raw, number, kind, institution_id, incoming_letter_number,
                           incoming_letter_date, received_date, reply_deadline, state, lawyer_id, committee_id,
                           comment_deadline, registered_by_id, created_at, updated_at)
        SELECT :d0 + k,
               'Įstatymo Nr. ' || n || ' ' || (ARRAY['vietos savivaldos', 'biudžeto', 'švietimo',
                                                     'sveikatos'])[n % 4 + 1] || ' pakeitimo projektas',
               'XIVP-' || n, 'XIVP-' || n, 'law', (CAST(:institutions AS integer[]))[n % cardinality(
                   CAST(:institutions AS integer[])) + 1],
               '(13.2-' || n || ')', rd, rd, rd + 21, st,
               (CAST(:lawyers AS integer[]))[n % cardinality(CAST(:lawyers AS integer[])) + 1],
               (CAST(:committees AS integer[]))[n % cardinality(CAST(:committees AS integer[])) + 1],
               rd + 14, :author, rd::timestamp AT TIME ZONE 'UTC', rd::timestamp AT TIME ZONE 'UTC'
        FROM (SELECT k, :before + k AS n,
                     CASE WHEN k < :old THEN 'consultation' WHEN (:before + k) % 17 <> 0 THEN 'sent'
                          ELSE 'withdrawn' END AS st,
                     CASE WHEN k < :old THEN CAST(:today AS date) - (900 + k * 30)
                          ELSE CAST(:first_day AS date) + CAST((:before + k)::bigint * 7919 % :span AS integer)
                     END AS rd
              FROM generate_series(0, :drafts - 1) AS k) AS g
    """), params)
    conn.execute(text(f"""
        INSERT INTO invitation (id, draft_id, municipality_id, deadline, status, late)
        SELECT :i0 + {k} * :ninv + j, d.id, (CAST(:municipalities AS integer[]))[({n} + j) % :nm + 1],
               d.received_date + 14,
               CASE WHEN d.state <> 'consultation' OR j % 2 = 1
                    THEN CASE WHEN j % 3 <> 0 THEN 'answered' ELSE 'no_comments' END ELSE 'pending' END,
               j % 9 = 0
        {drafts_of_call.replace("FROM draft d", "FROM draft d CROSS JOIN generate_series(0, :ninv - 1) AS j")}
    """), params)
    anchored = "NULL"
    if shape.provisions:
        conn.execute(text(f"""
            INSERT INTO provision (id, draft_id, position, article, part, point, label, depth, text)
            SELECT :p0 + {k} * :np + p, d.id, p, (p + 1)::text, NULL, NULL, (p + 1) || ' straipsnis', 0,
                   (p + 1) || ' straipsnio tekstas'
            {drafts_of_call.replace("FROM draft d", "FROM draft d CROSS JOIN generate_series(0, :np - 1) AS p")}
        """), params)
        anchored = f"CASE WHEN c % 2 = 1 THEN :p0 + {k} * :np + c % :np END"
    if shape.comments:
        conn.execute(text(f"""
            INSERT INTO comment (id, draft_id, municipality_id, origin, author_id, provision_id, article, text,
                                 late, decision, created_at, updated_at)
            SELECT :c0 + {k} * :ncm + c, d.id, (CAST(:municipalities AS integer[]))[({n} + c % :ninv) % :nm + 1],
                   'municipality', (CAST(:specialists AS integer[]))[({n} + c % :ninv) % :nm + 1],
                   {anchored}, (c % 10 + 1)::text,
                   'Siūlome patikslinti nuostatą Nr. ' || c || ': savivaldybių funkcijos turi būti finansuojamos.',
                   false, CASE WHEN d.state = 'consultation' THEN NULL
                               ELSE (ARRAY['accepted', 'partly_accepted', 'rejected'])[c % 3 + 1] END,
                   d.created_at, d.created_at
            {drafts_of_call.replace("FROM draft d", "FROM draft d CROSS JOIN generate_series(0, :ncm - 1) AS c")}
        """), params)
    if shape.audit:
        conn.execute(text(f"""
            INSERT INTO audit_entry (id, draft_id, actor_id, action, payload, created_at)
            SELECT :a0 + {k} * :na + a, d.id, :author,
                   (ARRAY['add_comment', 'register', 'assign', 'open_consultation'])[a % 4 + 1],
                   json_build_object('n', a), d.created_at + a * interval '1 minute'
            {drafts_of_call.replace("FROM draft d", "FROM draft d CROSS JOIN generate_series(0, :na - 1) AS a")}
        """), params)
    for _name, definition in rebuild:
        conn.execute(text(definition))


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
