"""Time the reports page (all six reports, rendered) at 200 and 20,000 drafts on SQLite and PostgreSQL, per filter.

Run: ``.venv/bin/python -m benchmarks.bench_reports`` (``--quick``: 200 and 2,000 drafts, fewer runs;
``--databases sqlite`` to skip PostgreSQL). Each database is a throwaway one (a file, or a PostgreSQL cluster
made with initdb as the tests do); the archive is bulk-inserted by :mod:`benchmarks.reports_seed`, which then fills
the reports' stored facts as the migration does (``VACUUM ANALYZE`` on PostgreSQL, as autovacuum would soon do). The
page is fetched through the app as a signed-in lawyer, one line per view: the whole archive (the page as opened),
the current calendar year (LSA's annual figures), and one institution, one lawyer, one kind of act and one committee
(each the one with the most drafts: the widest, slowest choice). The median and 95th percentile wall time are printed
beside the 1 s floor (PASS when the 95th percentile is under it), with the app process's CPU time (median; on SQLite
it includes the database's work, on PostgreSQL not) and the load average, since the machine is shared.
Prints PASS/FAIL and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

FLOOR_SECONDS = 1.0
PASSWORD = "bench-password-1"


def _config(folder: Path, database_url: str):
    from config import TestConfig

    config = TestConfig.from_env({"REVIEWFLOW_INSTANCE": str(folder / "instance"), "DATABASE_URL": database_url,
                                  "SECRET_KEY": "bench", "RATELIMIT_STORAGE_URI": "memory://"})
    config.RATELIMIT_ENABLED = False
    return config


def views(year_start: str) -> list[tuple[str, dict[str, str]]]:
    """The filtered views timed, each single filter at the value choosing the most drafts (inside an app context)."""
    from sqlalchemy import func, select

    from reviewflow.extensions import db
    from reviewflow.models import Committee, Draft, Institution, User

    def widest(label, join_on):
        return db.session.scalar(select(label).join(Draft, join_on).group_by(label)
                                 .order_by(func.count().desc(), label).limit(1))

    kind = db.session.scalar(select(Draft.kind).group_by(Draft.kind).order_by(func.count().desc(), Draft.kind)
                             .limit(1))
    return [
        ("whole archive", {}),
        ("current year", {"from": year_start}),
        ("one institution", {"institution": widest(Institution.name_lt, Draft.institution_id == Institution.id)}),
        ("one lawyer", {"lawyer": widest(User.email, Draft.lawyer_id == User.id)}),
        ("one kind", {"kind": kind.value}),
        ("one committee", {"committee": widest(Committee.code, Draft.committee_id == Committee.id)}),
    ]


def _time(client, url: str, runs: int) -> tuple[float, float, float]:
    """(median, 95th percentile, median CPU) seconds of ``runs`` fetches; a first, warming fetch is dropped."""
    times, cpu = [], []
    for _ in range(runs + 1):  # the first fetch warms caches (templates, the holiday calendar): dropped
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if response.status_code != 200:
            raise RuntimeError(f"the reports page answered {response.status_code} for {url}")
    times = sorted(times[1:])
    return statistics.median(times), times[min(len(times) - 1, -(-95 * len(times) // 100) - 1)], statistics.median(
        cpu[1:])


def measure(database_url: str, folder: Path, count: int, runs: int) -> dict:
    """Seed ``count`` drafts into an empty database and time ``runs`` fetches of the reports page per view."""
    from benchmarks.reports_seed import seed_archive, seed_lawyers
    from reviewflow import create_app
    from reviewflow.extensions import db
    from reviewflow.services.accounts import UserInput, create_user
    from reviewflow.services.clock import vilnius_today
    from reviewflow.services.reference import load_reference_data

    app = create_app(_config(folder, database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_reference_data()
        reader = create_user(UserInput(email="reader@bench.lt", name="Skaitytoja", roles=("lawyer",)), PASSWORD)
        started = time.perf_counter()
        rows = seed_archive(count, vilnius_today(), reader.id, seed_lawyers())
        seeded = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        chosen = views(date(vilnius_today().year, 1, 1).isoformat())
        db.session.remove()
    client = app.test_client()
    assert client.post("/login", data={"email": "reader@bench.lt", "password": PASSWORD}).status_code == 302
    figures = {"rows": rows, "seeded": seeded, "views": []}
    for label, args in chosen:
        url = "/reports/" + (f"?{urlencode(args)}" if args else "")
        figures["views"].append((label, args, *_time(client, url, runs)))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return figures


def _databases(names: list[str], folder: Path):
    if "sqlite" in names:
        yield "SQLite", lambda n: f"sqlite:///{folder / f'bench-{n}.sqlite'}"
    if "postgresql" in names:
        from tests.support.services import PostgresServer

        server = PostgresServer(folder / "pg").start()
        try:
            yield "PostgreSQL", lambda n: server.create_database(f"bench_{n}")
        finally:
            server.stop()


def main() -> None:
    """Measure and print one line per database, size and view."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 drafts, 3 runs each")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    sizes, runs = ((200, 2_000), 3) if args.quick else ((200, 20_000), 7)
    print(f"Reports page (6 reports), floor {FLOOR_SECONDS:.1f} s on the 95th percentile; runs per view: {runs}; "
          f"load at start {os.getloadavg()[0]:.1f}")
    print(f"{'database':<11} {'drafts':>7} {'view':<16} {'median':>7} {'p95':>7} {'cpu':>6}  result  load  filter")
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        folder = Path(tmp)
        for label, url_for in _databases(args.databases, folder):
            for count in sizes:
                result = measure(url_for(count), folder / f"{label}-{count}", count, runs)
                rows = result["rows"]
                print(f"{label:<11} {count:>7,} seeded in {result['seeded']:.1f} s: {rows['invitations']:,} "
                      f"invitations, {rows['comments']:,} comments, {rows['audit_entries']:,} audit entries",
                      flush=True)
                for view, filters, median, p95, cpu in result["views"]:
                    verdict = "PASS" if p95 < FLOOR_SECONDS else "FAIL"
                    shown = " ".join(f"{k}={v}" for k, v in filters.items()) or "-"
                    print(f"{label:<11} {count:>7,} {view:<16} {median:>7.3f} {p95:>7.3f} {cpu:>6.3f}  {verdict}    "
                          f"{os.getloadavg()[0]:>4.1f}  {shown}", flush=True)
    print(f"load at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
