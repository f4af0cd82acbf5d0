"""Every page at 200 and at 20,000 drafts (~1,000,000 comments), on PostgreSQL and SQLite: issue 12's goals.

Starts its own throwaway PostgreSQL and Redis on free loopback ports (and SQLite files), seeds each size
in bulk (benchmarks/scale_seed.py), then for each database and size: counts every page's SQL statements,
times each page (median and 95th percentile over many requests, in process), times the reminder scan
(a repeat, once the first has claimed what was due), and on the large PostgreSQL set runs gunicorn to
compare comment posts with a minimal insert-one-row route and to read a worker's RSS. Prints one line per
goal with the figures, the ratio and PASS or FAIL; asserts nothing. ``--quick``: 200 and 2,000 drafts.
``--writes-only``: 200 drafts and the write comparison alone (goal 5), with the machine's load beside it.

    .venv/bin/python -m benchmarks.bench_scale [--quick] [--writes-only] [--only postgresql|sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from benchmarks.scale_seed import People, seed
from config import TestConfig
from reviewflow import create_app
from reviewflow.extensions import db
from reviewflow.models import ApiToken, AuditEntry, Draft, DraftState, Invitation, Municipality, User
from tests.support.services import PostgresServer, RedisServer, free_port, wait_for_port

PASSWORD = "bench-horse-battery-42"
PAGE_CEILING, POST_CEILING = 10, 6
WRITES_DRAFTS = 200  # --writes-only: enough for six invited specialists, seeded in seconds


def bench_config(url: str, redis_url: str, instance: Path) -> TestConfig:
    """The test configuration (CSRF off, cheap hashing) on the bench's servers, rate limits off."""
    celery = redis_url.rsplit("/", 1)[0] + "/1"
    config = TestConfig.from_env({
        "DATABASE_URL": url, "REDIS_URL": redis_url, "REVIEWFLOW_INSTANCE": str(instance),
        "CELERY_BROKER_URL": celery, "CELERY_RESULT_BACKEND": celery,
        "SECRET_KEY": "bench-secret", "SMTP_PORT": str(free_port()),
    })
    config.RATELIMIT_ENABLED = False
    config.TESTING = False
    return config


def gunicorn_app():
    """The app gunicorn serves in the write comparison, plus a minimal route inserting one row."""
    app = create_app(bench_config(os.environ["BENCH_DATABASE_URL"], os.environ["BENCH_REDIS_URL"],
                                  Path(os.environ["BENCH_INSTANCE"])))

    @app.post("/bench/insert-one")
    def insert_one():
        """The floor of any write here: one row in one transaction."""
        db.session.add(AuditEntry(action="bench", payload={}))
        db.session.commit()
        return "", 204

    return app


# ---------------------------------------------------------------------------------------------- people


def make_people() -> dict:
    """The cast whose pages are timed, signed in through the real login form later."""
    from reviewflow.services.accounts import UserInput, create_user

    def user(email, *roles, municipality=None, committees=()):
        return create_user(UserInput(email=email, name=email.split("@")[0].title(), roles=roles,
                                     municipality=municipality, committees=committees), PASSWORD)

    return {
        "lawyer": user("lawyer@bench.lt", "lawyer"), "lawyer2": user("lawyer2@bench.lt", "lawyer"),
        "admin": user("admin@bench.lt", "admin"), "board": user("board@bench.lt", "board"),
        "committee": user("committee@bench.lt", "committee", committees=["IVPK"]),
    }


def add_specialists(count: int) -> list[tuple[str, int, str]]:
    """Specialists of municipalities invited to open consultations: (e-mail, draft id, API token) each."""
    from reviewflow.services.accounts import UserInput, create_user
    from reviewflow.services.tokens import PREFIX, digest_of

    pairs = db.session.execute(
        select(Invitation.draft_id, Municipality.iso_code).join(Draft, Draft.id == Invitation.draft_id)
        .join(Municipality, Municipality.id == Invitation.municipality_id)
        .where(Draft.state == DraftState.CONSULTATION, Invitation.status == "pending",
               Draft.reply_deadline > Draft.received_date)
        .order_by(Draft.reply_deadline.desc(), Invitation.id)
    ).all()
    made, seen = [], set()
    for draft_id, iso in pairs:
        if iso in seen:
            continue
        seen.add(iso)
        specialist = create_user(UserInput(email=f"specialist-{iso.lower()}@bench.lt", name=f"Specialist {iso}",
                                           roles=["specialist"], municipality=iso), PASSWORD)
        raw = PREFIX + secrets.token_urlsafe(32)
        db.session.add(ApiToken(user_id=specialist.id, digest=digest_of(raw), label="bench"))
        db.session.commit()
        made.append((specialist.email, draft_id, raw))
        if len(made) == count:
            break
    return made


# ---------------------------------------------------------------------------------------------- measuring


@contextmanager
def counted():
    """Statements run on any engine inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


# "A deep page" is the same page at both sizes: the last one the 200-draft set has (8 x 25). A page number beyond
# the small set's end (this benchmark used 30 and 39) timed an empty page against a full one. OFFSET paging is
# bounded at queries.COUNT_CAP rows at any size; the keyset line ("after") times a position 1,000 drafts deep.
DEEP_PAGE = 8


def pages(draft_id: int, specialist: str) -> dict[str, tuple[str, str]]:
    """(who, path) for every page and API list of goal 1."""
    return {
        "home lawyer": ("lawyer", "/"), "home admin": ("admin", "/"), "home specialist": (specialist, "/"),
        "home committee": ("committee", "/"), "home board": ("board", "/"),
        "drafts list": ("lawyer", "/drafts/"),
        "drafts list deep": ("lawyer", f"/drafts/?page={DEEP_PAGE}&sort=-received"),
        "drafts list state": ("lawyer", "/drafts/?state=sent&sort=number"),
        "drafts list institution": ("lawyer", "/drafts/?institution=Lietuvos+Respublikos+Seimas"),
        "drafts list lawyer": ("admin", "/drafts/?lawyer=lawyer%40bench.lt&committee=IVPK"),
        "drafts list text": ("lawyer", "/drafts/?text=biud%C5%BEeto"),
        "drafts list specialist": (specialist, "/drafts/?page=2"),
        "draft page lawyer": ("lawyer", f"/drafts/{draft_id}"),
        "draft page specialist": (specialist, f"/drafts/{draft_id}"),
        "consolidation table": ("lawyer", f"/drafts/{draft_id}/table"),
        "answer page": (specialist, f"/drafts/{draft_id}/answer"),
        "notifications": (specialist, "/notifications/"),
        "api drafts": ("lawyer", "/api/v1/drafts"),
        "api drafts deep": ("lawyer", f"/api/v1/drafts?page={DEEP_PAGE}&sort=-received"),
        "api drafts after": ("lawyer", "/api/v1/drafts?sort=-received&after={after}"),
        "api waiting": (specialist, "/api/v1/me/waiting"),
        "api comments": ("lawyer", f"/api/v1/drafts/{draft_id}/comments"),
        "api answers": ("lawyer", f"/api/v1/drafts/{draft_id}/answers"),
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def prepare_pages(app, cast: dict[str, str], specialist: tuple[str, int, str]) -> dict:
    """{page: (client, path, headers, statements, status)}: each page's person signed in, the page warmed up and
    its statements counted once."""
    from reviewflow.services.tokens import PREFIX, digest_of

    email, draft_id, _ = specialist
    clients, tokens = {}, {}
    emails = {**cast, email: email}
    with app.app_context():
        total = db.session.scalar(select(func.count(Draft.id)))
        deep = db.session.scalars(select(Draft).order_by(Draft.received_date.desc(), Draft.id)
                                  .offset(min(1000, total - 26)).limit(1)).first()
        after = f"{deep.received_date.isoformat()}~{deep.id}" if deep else ""
    prepared = {}
    for name, (who, path) in pages(draft_id, email).items():
        path = path.format(after=after)
        if who not in clients:
            clients[who] = app.test_client()
            clients[who].post("/login", data={"email": emails[who], "password": PASSWORD})
            with app.app_context():
                raw = PREFIX + secrets.token_urlsafe(32)
                user_id = db.session.scalar(select(User.id).where(User.email == emails[who]))
                db.session.add(ApiToken(user_id=user_id, digest=digest_of(raw), label="bench"))
                db.session.commit()
                tokens[who] = raw
        headers = {"Authorization": f"Bearer {tokens[who]}"} if path.startswith("/api/") else {}
        client = clients[who]
        client.get(path, headers=headers)  # warm-up
        with counted() as statements:
            status = client.get(path, headers=headers).status_code
        prepared[name] = (client, path, headers, len(statements), status)
    return prepared


def time_pages(prepared: dict[int, dict], reps: int) -> dict[int, dict]:
    """{size: {page: (statements, p50 ms, p95 ms, status)}}, the sizes timed in alternation request by request.

    The machine's load drifts over minutes (other work shares its 2 cores): timing one size after the other
    turned that drift into a "ratio". Alternating puts both sizes under the same load, so the ratio is the
    data's, and the medians stay comparable with each other though not with a quiet run.
    """
    sizes = list(prepared)
    results: dict[int, dict] = {size: {} for size in sizes}
    for name in prepared[sizes[0]]:
        times: dict[int, list[float]] = {size: [] for size in sizes}
        for rep in range(reps):
            for size in (sizes if rep % 2 == 0 else reversed(sizes)):
                client, path, headers, _n, _status = prepared[size][name]
                start = time.perf_counter()
                client.get(path, headers=headers)
                times[size].append((time.perf_counter() - start) * 1000)
        for size in sizes:
            _client, _path, _headers, statements, status = prepared[size][name]
            results[size][name] = (statements, statistics.median(times[size]), percentile(times[size], 0.95), status)
    return results


def time_scans(apps: dict[int, object], reps: int) -> dict[int, float]:
    """{size: median ms} of a repeated reminder scan (planning and claiming; what was due is claimed by the
    first), the sizes in alternation as :func:`time_pages` does."""
    from reviewflow.models.base import utcnow
    from reviewflow.services.reminders import claim_due

    for app in apps.values():
        with app.app_context():
            claim_due(utcnow())
            db.session.commit()
    times: dict[int, list[float]] = {size: [] for size in apps}
    for rep in range(reps):
        for size, app in (apps.items() if rep % 2 == 0 else reversed(apps.items())):
            with app.app_context():
                start = time.perf_counter()
                claim_due(utcnow())
                times[size].append((time.perf_counter() - start) * 1000)
                db.session.rollback()
    return {size: statistics.median(values) for size, values in times.items()}


def comment_post_statements(app, specialist: tuple[str, int, str]) -> int:
    """Statements of one comment post through the API (after a first post that touched the token)."""
    email, draft_id, token = specialist
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    client.post(f"/api/v1/drafts/{draft_id}/comments", json={"text": "Pirma"}, headers=headers)
    with counted() as statements:
        status = client.post(f"/api/v1/drafts/{draft_id}/comments", json={"text": "Antra"}, headers=headers).status_code
    return len(statements) if status == 201 else -status


def comment_form_statements(app, specialist: tuple[str, int, str]) -> int:
    """Statements of one comment posted through the answer page's form (signed in by the login form)."""
    email, draft_id, _ = specialist
    browser = app.test_client()
    browser.post("/login", data={"email": email, "password": PASSWORD})
    browser.post(f"/drafts/{draft_id}/answer/comments", data={"text": "Pirma", "article": "2"})
    with counted() as statements:
        status = browser.post(f"/drafts/{draft_id}/answer/comments", data={"text": "Antra", "article": "2"}).status_code
    return len(statements) if status == 302 else -status


# ---------------------------------------------------------------------------------------------- gunicorn


def load(port: int, requests: list[tuple[str, str, dict, bytes]], seconds: float, threads: int = 4
         ) -> tuple[int, float]:
    """(Requests answered, seconds taken) over ``seconds`` from ``threads`` clients cycling through ``requests``."""
    done, failed, errors = [0] * threads, [0] * threads, set()
    stop = time.perf_counter() + seconds

    def run(k: int) -> None:
        # gunicorn's sync workers close every connection: one connection per request, as browsers get.
        i = k
        while time.perf_counter() < stop:
            method, path, headers, body = requests[i % len(requests)]
            i += threads
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status < 400:
                    done[k] += 1
                else:
                    failed[k] += 1
                    errors.add(response.status)
            except (OSError, http.client.HTTPException) as exc:
                failed[k] += 1
                errors.add(type(exc).__name__)
            finally:
                conn.close()

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    if sum(failed):
        print(f"    ({sum(failed)} of {sum(done) + sum(failed)} requests failed: {sorted(map(str, errors))})")
    return sum(done), elapsed


# The write comparison alternates short slices of each kind, so that both meet the same background load
# (the machine is shared: a burst of other work during one long phase would tilt the ratio).
SLICES = 5


def compare_writes(port: int, kinds: dict[str, list], seconds: float, processes: dict[str, list[int]]) -> dict:
    """{kind: requests/s} over ``seconds`` each, in alternating slices, and each kind's CPU per request in ms
    for every group of ``processes`` (e.g. the gunicorn workers, the database) and for this client."""
    done = dict.fromkeys(kinds, 0)
    taken = dict.fromkeys(kinds, 0.0)
    cpu = {kind: dict.fromkeys([*processes, "client"], 0.0) for kind in kinds}
    for _ in range(SLICES):
        for kind, requests in kinds.items():
            before = {group: _cpu_seconds(pids) for group, pids in processes.items()}
            client = time.process_time()
            answered, elapsed = load(port, requests, seconds / SLICES)
            cpu[kind]["client"] += time.process_time() - client
            for group, pids in processes.items():
                cpu[kind][group] += _cpu_seconds(pids) - before[group]
            done[kind] += answered
            taken[kind] += elapsed
    return {kind: {"rate": done[kind] / taken[kind],
                   "cpu_ms": {group: seconds_ * 1000 / max(done[kind], 1) for group, seconds_ in cpu[kind].items()}}
            for kind in kinds}


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes ``pids`` have used so far (those gone count nothing)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    return [int(child) for child in
            subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]


def gunicorn_figures(url: str, redis_url: str, instance: Path, specialists, seconds: float,
                     database_pid: int | None = None) -> dict:
    """Comment posts/s and insert-one/s under gunicorn (2 sync workers), and the largest worker's RSS.

    ``database_pid``: the PostgreSQL server's main process, whose backends' CPU per request is then reported.
    """
    port = free_port()
    env = {**os.environ, "BENCH_DATABASE_URL": url, "BENCH_REDIS_URL": redis_url, "BENCH_INSTANCE": str(instance)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "benchmarks.bench_scale:gunicorn_app()"], env=env, cwd=Path(__file__).resolve().parents[1])
    try:
        wait_for_port(port, 60)
        floor = [("POST", "/bench/insert-one", {}, b"")]
        posts = [("POST", f"/api/v1/drafts/{draft_id}/comments",
                  {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                  json.dumps({"text": "Siūlome patikslinti 2 straipsnį."}).encode())
                 for _, draft_id, token in specialists]
        reads = [("GET", "/api/v1/drafts?sort=-received", {"Authorization": f"Bearer {specialists[0][2]}"}, b""),
                 ("GET", "/api/v1/me/waiting", {"Authorization": f"Bearer {specialists[0][2]}"}, b"")]
        load(port, floor + posts + reads, 1.0)  # warm both workers
        processes = {"workers": _children(server.pid)}
        if database_pid is not None:
            processes["database"] = [database_pid, *_children(database_pid)]
        writes = compare_writes(port, {"floor": floor, "posts": posts}, seconds, processes)
        load(port, reads, seconds / 2)
        children = _children(server.pid)
        rss = max(_rss_mib(pid) for pid in children) if children else float("nan")
        return {"floor": writes["floor"]["rate"], "posts": writes["posts"]["rate"], "rss": rss,
                "cpu_ms": {kind: writes[kind]["cpu_ms"] for kind in writes}}
    finally:
        server.terminate()
        server.wait(30)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------------------------- the run


def _search_schema_hooks() -> None:
    """Let create_all() make the full-text search structures too, where the search package offers the hook."""
    try:
        from reviewflow.services.search.schema import install_schema_hooks
    except ImportError:
        return
    install_schema_hooks()


def build(url: str, redis_url: str, instance: Path, drafts: int) -> tuple:
    """A fresh schema with reference data, the cast, ``drafts`` seeded drafts and specialists; the seed's seconds."""
    from reviewflow.services.reference import load_reference_data

    app = create_app(bench_config(url, redis_url, instance))
    _search_schema_hooks()
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_reference_data()
        made = make_people()
        cast = {role: user.email for role, user in made.items()}
        people = People(lawyers=[made["lawyer"].id, made["lawyer2"].id], specialists={}, author=made["lawyer"].id)
        start = time.perf_counter()
        seed(db.engine, drafts, people)
        seconds = time.perf_counter() - start
        specialists = add_specialists(6)
    return app, cast, specialists, seconds


def run(kind: str, url_for_size, redis_url: str, folder: Path, sizes: tuple[int, int], reps: int,
        seconds: float, database_pid: int | None = None) -> dict:
    """Every figure for one database at both sizes: both seeded first, then timed side by side."""
    figures, apps, prepared, people = {}, {}, {}, {}
    for size in sizes:
        url = url_for_size(size)
        app, cast, specialists, seeded = build(url, redis_url, folder / f"instance-{kind}-{size}", size)
        print(f"  {kind} {size:>6} drafts: seeded in {seeded:.1f} s", flush=True)
        apps[size], people[size] = app, specialists
        prepared[size] = prepare_pages(app, cast, specialists[0])
        figures[size] = {"seeded": seeded, "url": url}
    timed = time_pages(prepared, reps)
    scans = time_scans(apps, max(5, reps // 4))
    for size in sizes:
        app, specialists = apps[size], people[size]
        figures[size].update(pages=timed[size], scan=scans[size], post=comment_post_statements(app, specialists[1]),
                             form=comment_form_statements(app, specialists[2]))
    large = sizes[1]
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()
    figures[large]["gunicorn"] = gunicorn_figures(figures[large]["url"], redis_url, folder / f"instance-{kind}-{large}",
                                                  people[large], seconds, database_pid)
    return figures


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


def report(kind: str, figures: dict, sizes: tuple[int, int]) -> None:
    """One line per goal (and per page for goals 1 and 2), large beside small."""
    small, large = figures[sizes[0]], figures[sizes[1]]
    print(f"\n== {kind}: {sizes[0]} -> {sizes[1]} drafts")
    for name, (n_small, p50_small, p95_small, _status) in small["pages"].items():
        n_large, p50_large, p95_large, status_large = large["pages"][name]
        ratio = p50_large / p50_small if p50_small else float("nan")
        print(f"  goal 1 statements  {name:<24} {n_small:>3} -> {n_large:>3} (ceiling {PAGE_CEILING}) "
              f"{verdict(n_small == n_large and n_large <= PAGE_CEILING)}"
              f"{'' if status_large == 200 else f'  [HTTP {status_large}]'}")
        print(f"  goal 2 latency     {name:<24} p50 {p50_small:7.1f} -> {p50_large:7.1f} ms "
              f"({ratio:4.2f}x, ceiling 1.3x)  p95 {p95_small:7.1f} -> {p95_large:7.1f} ms  {verdict(ratio <= 1.3)}")
    print(f"  goal 1 statements  comment post (API)       {small['post']:>3} -> {large['post']:>3} "
          f"(ceiling {POST_CEILING}) {verdict(small['post'] == large['post'] and 0 < large['post'] <= POST_CEILING)}")
    print(f"  goal 1 statements  comment post (form)      {small['form']:>3} -> {large['form']:>3} "
          f"(ceiling {POST_CEILING}) {verdict(small['form'] == large['form'] and 0 < large['form'] <= POST_CEILING)}")
    ratio = large["scan"] / small["scan"]
    print(f"  goal 3 reminder scan (repeat)  {small['scan']:7.1f} -> {large['scan']:7.1f} ms "
          f"({ratio:4.2f}x, ceiling 1.5x) {verdict(ratio <= 1.5)}")
    g = large["gunicorn"]
    write_line(g)
    print(f"  goal 6 memory      gunicorn worker RSS on the large set {g['rss']:6.1f} MiB (ceiling 250) "
          f"{verdict(g['rss'] < 250)}")
    print(f"  goal 7 seed        {sizes[1]} drafts seeded in {large['seeded']:6.1f} s (ceiling 180 s) "
          f"{verdict(large['seeded'] < 180)}")


def write_line(g: dict) -> None:
    """Goal 5: comment posts beside the insert-one-row floor, under the same gunicorn, with the CPU each took."""
    share = g["posts"] / g["floor"] if g["floor"] else 0
    print(f"  goal 5 writes      comment posts {g['posts']:7.0f}/s vs insert-one-row {g['floor']:7.0f}/s "
          f"({share:.0%}, floor 50%) {verdict(share >= 0.5)}", flush=True)
    for kind, groups in g.get("cpu_ms", {}).items():
        spent = ", ".join(f"{group} {ms:.2f}" for group, ms in groups.items())
        print(f"                     CPU ms per request, {kind:<6} {spent}")


def writes_only(kind: str, url: str, redis_url: str, folder: Path, drafts: int, seconds: float,
                database_pid: int | None = None) -> dict:
    """Goal 5 alone: seed ``drafts`` drafts, then the gunicorn write comparison (no pages, no scan)."""
    _app, _cast, specialists, seeded = build(url, redis_url, folder / f"instance-{kind}-writes", drafts)
    with _app.app_context():
        db.engine.dispose()  # gunicorn's workers open their own connections
    print(f"  {kind} {drafts:>6} drafts: seeded in {seeded:.1f} s; load {_load_average()}", flush=True)
    figures = gunicorn_figures(url, redis_url, folder / f"instance-{kind}-writes", specialists, seconds,
                               database_pid)
    print(f"\n== {kind}: write comparison on {drafts} drafts (load after: {_load_average()})")
    write_line(figures)
    return figures


def _postmaster(postgres: PostgresServer) -> int:
    """The PostgreSQL server's main process (the first line of its pid file)."""
    return int((postgres.data / "postmaster.pid").read_text().split()[0])


def _load_average() -> str:
    """The 1-, 5- and 15-minute load averages (the machine is shared: the figures depend on it)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def letter_goal(runs: int) -> None:
    """Goal 4: the 1,000-proposal letter beside an empty python-docx save, in the same run."""
    from benchmarks.bench_letter import letter_with, median_seconds, save_empty_document
    from reviewflow.documents.letter import render_letter

    data = letter_with(1000)
    render_letter(data)
    save_empty_document()
    empty = median_seconds(save_empty_document, runs * 4)
    full = median_seconds(lambda: render_letter(data), runs)
    print(f"\n  goal 4 letter      1,000 proposals {full * 1000:7.0f} ms vs empty save {empty * 1000:5.1f} ms "
          f"({full / empty:4.1f}x, ceiling 10x) {verdict(full / empty <= 10)}")


def main(argv: list[str] | None = None) -> None:
    """Seed, measure and print every goal line for PostgreSQL and SQLite."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 drafts, fewer repetitions")
    parser.add_argument("--only", choices=["postgresql", "sqlite"], help="one database only")
    parser.add_argument("--writes-only", action="store_true",
                        help="seed 200 drafts and run only the gunicorn write comparison (goal 5)")
    args = parser.parse_args(argv)
    sizes = (200, 2000) if args.quick else (200, 20000)
    reps = 15 if args.quick else 60
    seconds = 3.0 if args.quick else 10.0
    if args.writes_only:
        _writes_only_run(args.only, seconds)
        return
    with servers(with_postgres=args.only != "sqlite") as (folder, redis, postgres):
        results = {}
        if postgres is not None:
            results["postgresql"] = run("postgresql", lambda n: postgres.create_database(f"scale_{n}"),
                                        redis.url, folder, sizes, reps, seconds, _postmaster(postgres))
        if args.only != "postgresql":
            results["sqlite"] = run("sqlite", lambda n: f"sqlite:///{folder / f'scale_{n}.db'}",
                                    redis.url, folder, sizes, reps, seconds)
        for kind, figures in results.items():
            report(kind, figures, sizes)
        letter_goal(3 if args.quick else 5)


@contextmanager
def servers(with_postgres: bool):
    """A throwaway folder with a Redis and (if asked) a PostgreSQL server on free ports: (folder, redis, postgres
    or None); both stopped and the folder removed on the way out."""
    with tempfile.TemporaryDirectory(prefix="reviewflow-bench-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)
        redis = RedisServer(folder / "redis")
        redis.folder.mkdir()
        redis.start()
        postgres = None
        try:
            postgres = PostgresServer(folder / "pg").start() if with_postgres else None
            yield folder, redis, postgres
        finally:
            if postgres is not None:
                postgres.stop()
            redis.stop()


def _writes_only_run(only: str | None, seconds: float) -> None:
    """``--writes-only``: the write comparison on a small set, on each database asked for."""
    with servers(with_postgres=only != "sqlite") as (folder, redis, postgres):
        if postgres is not None:
            writes_only("postgresql", postgres.create_database("writes"), redis.url, folder, WRITES_DRAFTS,
                        seconds, _postmaster(postgres))
        if only != "postgresql":
            writes_only("sqlite", f"sqlite:///{folder / 'writes.db'}", redis.url, folder, WRITES_DRAFTS, seconds)


if __name__ == "__main__":
    main()
