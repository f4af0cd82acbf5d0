"""Time the reports page (all six reports, rendered) at 200 and 20,000 drafts on SQLite and PostgreSQL.

Run: ``.venv/bin/python -m benchmarks.bench_reports`` (``--quick``: 200 and 2,000 drafts, fewer runs;
``--databases sqlite`` to skip PostgreSQL). Each database is a throwaway one (a file, or a PostgreSQL cluster
made with initdb as the tests do); the archive is bulk-inserted by :mod:`benchmarks.reports_seed`, which then fills
the reports' stored facts as the migration does (``VACUUM ANALYZE`` on PostgreSQL, as autovacuum would soon do). The
page is fetched through the app as a signed-in lawyer with no filter (the whole archive: what the page shows when
opened, and what the floor applies to) and for this calendar year (LSA's annual figures); the median and 95th
percentile wall time are printed beside the 1 s floor, with the app process's CPU time (median; on SQLite it
includes the database's work, on PostgreSQL not) and the load average, since the machine is shared.
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

FLOOR_SECONDS = 1.0
PASSWORD = "bench-password-1"


def _config(folder: Path, database_url: str):
    from config import TestConfig

    config = TestConfig.from_env({"REVIEWFLOW_INSTANCE": str(folder / "instance"), "DATABASE_URL": database_url,
                                  "SECRET_KEY": "bench", "RATELIMIT_STORAGE_URI": "memory://"})
    config.RATELIMIT_ENABLED = False
    return config


def measure(database_url: str, folder: Path, count: int, runs: int) -> dict:
    """Seed ``count`` drafts into an empty database and time ``runs`` fetches of the reports page."""
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
        db.session.remove()
    client = app.test_client()
    assert client.post("/login", data={"email": "reader@bench.lt", "password": PASSWORD}).status_code == 302
    year_start = date(date.today().year, 1, 1).isoformat()
    figures = {"rows": rows, "seeded": seeded}
    for key, url in (("all", "/reports/"), ("year", f"/reports/?from={year_start}")):
        times, cpu = [], []
        for _ in range(runs + 1):  # the first fetch warms caches (templates, the holiday calendar): dropped
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if response.status_code != 200:
                raise RuntimeError(f"the reports page answered {response.status_code}")
        times = sorted(times[1:])
        figures[key] = (statistics.median(times), times[min(len(times) - 1, -(-95 * len(times) // 100) - 1)],
                        statistics.median(cpu[1:]))
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
    """Measure and print one line per database and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 drafts, 3 runs each")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    sizes, runs = ((200, 2_000), 3) if args.quick else ((200, 20_000), 7)
    print(f"Reports page (6 reports), floor {FLOOR_SECONDS:.1f} s; runs per size: {runs}")
    print("all: the page as opened, no filter (every draft); year: this calendar year (?from=YYYY-01-01)")
    print(f"{'database':<11} {'drafts':>7} {'invitations':>11} {'comments':>8} {'seed s':>7} {'all median':>10} "
          f"{'all p95':>8} {'all cpu':>7}  result  {'year median':>11} {'year p95':>8} {'year cpu':>8}  load")
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        folder = Path(tmp)
        for label, url_for in _databases(args.databases, folder):
            for count in sizes:
                result = measure(url_for(count), folder / f"{label}-{count}", count, runs)
                (median, p95, cpu), (year_median, year_p95, year_cpu) = result["all"], result["year"]
                verdict = "PASS" if p95 < FLOOR_SECONDS else "FAIL"
                load = os.getloadavg()[0]
                print(f"{label:<11} {count:>7,} {result['rows']['invitations']:>11,} {result['rows']['comments']:>8,} "
                      f"{result['seeded']:>7.1f} {median:>10.3f} {p95:>8.3f} {cpu:>7.3f}  {verdict}    "
                      f"{year_median:>11.3f} {year_p95:>8.3f} {year_cpu:>8.3f}  {load:.1f}", flush=True)


if __name__ == "__main__":
    main()
