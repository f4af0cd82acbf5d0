"""Time typical searches on 200 and 20,000 drafts (~1,000,000 comments), on SQLite and PostgreSQL.

Each database is made fresh (SQLite in a temporary file, PostgreSQL in a throwaway cluster as the tests
start one), filled with bulk inserts, and indexed the way the application indexes (the same
:mod:`reviewflow.services.search.index` functions). Then :func:`reviewflow.services.search.search` — the
whole call the page and the API make, excerpts included — is timed for a lawyer (sees everything) and a
municipal specialist (sees the drafts their municipality was invited to, and their own comments), and
each median and 95th percentile is printed beside the 200 ms floor, for a first page and for a later page
reached on and back (``cursor`` / ``before``). ``--quick``: 200 and 2,000 drafts
(100,000 comments). Run: ``.venv/bin/python -m benchmarks.bench_search [--quick] [--db sqlite|postgresql]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

FLOOR_MS = 200.0
COMMENTS_PER_DRAFT = 50
INVITED_PER_DRAFT = 12
BATCH_DRAFTS = 500
# Words of LSA's daily work, common first (the weights below make the first ones very common).
WORDS = (
    "savivaldybė savivaldybių savivaldybėms siūlome nuostata straipsnio dalies punkto projekto įstatymo "
    "nutarimo valstybės biudžeto lėšų finansavimas funkcijos tarybos administracijos direktorius seniūnija "
    "gyventojų paslaugų teikimas socialinių švietimo sveikatos kelių priežiūra žemės sklypų planavimas "
    "teritorijų aplinkos atliekų vandens šilumos būsto transporto mokyklų darželių kultūros sporto jaunimo "
    "reguliavimas aiškinimas terminas įsigaliojimo pereinamasis laikotarpis pakeisti išbraukti papildyti "
    "tikslinti derinti nepritariame pritariame argumentai praktika teismų išlaidos kompensuoti įpareigoti "
    "nustatyti tvarka aprašas taisyklės nuostatai duomenys registras informacinė sistema elektroninis"
).split()
RARE = ("melioracijos", "hidrotechnikos", "kapinių", "bešeimininkių", "geoterminės")
TITLES = ("Vietos savivaldos įstatymo Nr. I-533 {n} straipsnio pakeitimo įstatymo projektas",
          "Dėl Lietuvos Respublikos Vyriausybės nutarimo Nr. {n} „Dėl tvarkos aprašo patvirtinimo“ pakeitimo",
          "Žemės įstatymo Nr. I-446 {n} straipsnio pakeitimo įstatymo projektas",
          "Dėl savivaldybių socialinių paslaugų finansavimo tvarkos {n}")
QUERIES = ("savivald", "melioracijos", "XIVP-{mid}", '"valstybės biudžeto"', "žemės sklyp", "ISTATYMO",
           "nerandamaszodis")


def sentence(rng: random.Random, weights: list[float]) -> str:
    """A comment of ~25 words, rarely with a rare word."""
    words = rng.choices(WORDS, weights=weights, k=25)
    if rng.random() < 0.002:
        words[rng.randrange(25)] = rng.choice(RARE)
    return " ".join(words).capitalize() + "."


def seed(drafts: int, seed_value: int = 11) -> dict:
    """Fill the current app's empty database with ``drafts`` drafts and 50 comments each; returns people."""
    from reviewflow.extensions import db
    from reviewflow.models import Comment, Draft, Institution, Invitation, Municipality
    from reviewflow.models.search import SearchDocument
    from reviewflow.services.accounts import UserInput, create_user
    from reviewflow.services.reference import load_reference_data
    from reviewflow.services.search.index import comment_documents, draft_document

    load_reference_data()
    lawyer = create_user(UserInput(email="lawyer@example.lt", name="Teisininkė", roles=("lawyer",)),
                         "correct-horse-battery-42")
    specialist = create_user(UserInput(email="vilnius@example.lt", name="Specialistė", roles=("specialist",),
                                       municipality="LT-57"), "correct-horse-battery-42")
    db.session.commit()
    municipalities = list(db.session.scalars(select(Municipality.id).order_by(Municipality.id)))
    institutions = dict(db.session.execute(select(Institution.id, Institution.name_lt)).all())
    rng = random.Random(seed_value)
    weights = [1.0 / (rank + 1) for rank in range(len(WORDS))]
    connection = db.session.connection()
    today = date(2026, 11, 30)
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    comment_id = 0
    for start in range(1, drafts + 1, BATCH_DRAFTS):
        draft_rows, invitations, comments, documents = [], [], [], []
        for draft_id in range(start, min(start + BATCH_DRAFTS, drafts + 1)):
            received = today - timedelta(days=(drafts - draft_id) // 40)
            institution = rng.choice(list(institutions))
            number = f"XIVP-{draft_id}"
            revision = draft_id % 3 + 1 if draft_id % 5 == 0 else None
            row = {"id": draft_id, "title": rng.choice(TITLES).format(n=draft_id), "number": number,
                   "number_raw": f"{number}({revision})" if revision else number, "revision": revision,
                   "kind": "law", "institution_id": institution, "incoming_letter_number": f"(13.2-31)-3-{draft_id}",
                   "incoming_letter_date": received, "received_date": received,
                   "reply_deadline": received + timedelta(days=14), "state": "consultation",
                   "lawyer_id": lawyer.id, "created_at": now, "updated_at": now}
            draft_rows.append(row)
            documents.append(draft_document(_Row(**row, name_lt=institutions[institution])))
            invited = rng.sample(municipalities, INVITED_PER_DRAFT)
            if draft_id % 2 == 0 and specialist.municipality_id not in invited:
                invited[0] = specialist.municipality_id  # Vilnius is asked about half of the drafts
            invitations += [{"draft_id": draft_id, "municipality_id": m, "deadline": received + timedelta(days=7),
                             "status": "pending", "late": False} for m in invited]
            for _ in range(COMMENTS_PER_DRAFT):
                comment_id += 1
                comment = {"id": comment_id, "draft_id": draft_id, "municipality_id": rng.choice(invited),
                           "origin": "municipality", "author_id": specialist.id, "article": str(rng.randint(1, 40)),
                           "text": sentence(rng, weights),
                           "proposed_wording": sentence(rng, weights) if rng.random() < 0.3 else None,
                           "late": False, "created_at": now, "updated_at": now}
                comments.append(comment)
                documents += comment_documents(_Row(**comment, lsa_text=None, lsa_wording=None, decision=None,
                                                    merged_into_id=None, reasons=None))
        bulk_insert(connection, Draft.__table__, draft_rows)
        bulk_insert(connection, Invitation.__table__, invitations)
        bulk_insert(connection, Comment.__table__, comments)
        bulk_insert(connection, SearchDocument.__table__, documents)
    db.session.commit()
    return {"lawyer": lawyer, "specialist": specialist}


def bulk_insert(connection, table, rows: list[dict]) -> None:
    """Insert ``rows`` (every row with the same keys): PostgreSQL's COPY, else an executemany."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = list(rows[0])
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(
            f'COPY "{table.name}" ({", ".join(names)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


class _Row:
    """Attribute access over a dict, as the index functions read database rows."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def load_then_index(drafts: int) -> dict:
    """Seed with the full-text structures off, then build them once (as a bulk load would)."""
    from reviewflow.extensions import db
    from reviewflow.services.search.schema import create_search_schema, drop_search_schema

    drop_search_schema(db.session.connection())
    db.session.commit()
    people = seed(drafts)
    connection = db.session.connection()
    create_search_schema(connection)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        from reviewflow.services.search.sqlite import rebuild_vocabulary

        rebuild_vocabulary(connection)
        connection.exec_driver_sql("ANALYZE")
    else:
        connection.exec_driver_sql("ANALYZE")
    db.session.commit()
    return people


def time_queries(people: dict, drafts: int, runs: int) -> list[tuple[str, str, float, float, int]]:
    """(who, query, median ms, p95 ms, drafts on the first page) per query and person."""
    from reviewflow.extensions import db
    from reviewflow.services.search import search

    results = []
    for who in ("lawyer", "specialist"):
        user = db.session.merge(people[who])
        for template in QUERIES:
            q = template.format(mid=drafts // 2)
            times, found = [], 0
            for _ in range(runs):
                db.session.rollback()  # each search a fresh transaction, as each request is
                start = time.perf_counter()
                found = len(search(user, q).items)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results.append((who, q, statistics.median(times), p95, found))
        # A later page, reached on and back: one statement more, to know whether a page lies the other way.
        first = search(user, "savivald")
        for label, kwargs in (("savivald p2", {"cursor": first.next_cursor}),
                              ("savivald back", {"before": first.next_cursor})):
            times, found = [], 0
            for _ in range(runs):
                db.session.rollback()
                start = time.perf_counter()
                found = len(search(user, "savivald", **kwargs).items)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results.append((who, label, statistics.median(times), p95, found))
    return results


def run_one(database_url: str, drafts: int, runs: int, instance: Path) -> list:
    """Seed one fresh database of ``drafts`` drafts and time the searches on it."""
    from config import Config
    from reviewflow import create_app
    from reviewflow.extensions import db

    config = Config.from_env({**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench",
                              "REVIEWFLOW_INSTANCE": str(instance)})
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        people = load_then_index(drafts)
        print(f"  seeded {drafts:,} drafts / {drafts * COMMENTS_PER_DRAFT:,} comments "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        results = time_queries(people, drafts, runs)
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    """Run every size on every database asked for and print the figures beside the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 drafts instead of 200 and 20,000")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of drafts instead of the two defaults")
    args = parser.parse_args()
    sizes = args.sizes or ((200, 2_000) if args.quick else (200, 20_000))
    databases = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    table = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        os.chmod(folder, 0o755)
        for database in databases:
            server = None
            if database == "postgresql":
                sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
                from tests.support.services import PostgresServer

                server = PostgresServer(Path(folder) / "pg").start()
            try:
                for size in sizes:
                    print(f"{database}: {size:,} drafts", flush=True)
                    url = (server.create_database(f"bench_{size}") if server
                           else f"sqlite:///{Path(folder) / f'bench_{size}.db'}")
                    table += [(database, size, *row)
                              for row in run_one(url, size, args.runs, Path(folder) / "instance")]
            finally:
                if server is not None:
                    server.stop()
    print(f"\n{'database':<11}{'drafts':>8}  {'who':<11}{'query':<24}{'median':>9}{'p95':>9}"
          f"{'found':>7}  floor {FLOOR_MS:.0f} ms")
    for database, size, who, q, median, p95, found in table:
        verdict = "PASS" if p95 < FLOOR_MS else "FAIL"
        print(f"{database:<11}{size:>8,}  {who:<11}{q:<24}{median:>7.1f}ms{p95:>7.1f}ms{found:>7}  {verdict}")


if __name__ == "__main__":
    main()
