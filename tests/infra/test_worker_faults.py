"""A real worker killed by signal 9 in the middle of a render: the letter is still finished, once.

The doomed worker renders with a ``soffice`` on its PATH that sleeps before its first conversion, so
the kill is sure to land while the letter is "rendering". No beat runs: the take-over is the workers'
own (a starting worker re-dispatches unfinished renders; a delivery that finds the letter held waits
until the holder's ``started_at`` is stale and takes it over).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewflow.extensions import db as _db
from reviewflow.models import Letter, LetterNumberSequence, LetterStatus, OutboxJob
from reviewflow.services import letters
from reviewflow.services.clock import vilnius_today
from reviewflow.tasks import health_ping
from tests.infra.workers import start_worker, stop_worker, wait_for, worker_env
from tests.letters.conftest import approve, fire
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401
from tests.support.processes import alive, descendants

pytestmark = [pytest.mark.worker, pytest.mark.slow]

TAKE_OVER_LIMIT = 120.0  # seconds from the kill to a ready letter (issue 9, item 3)
# The workers here count a render dead after 12 s instead of the default 45 s: the take-over path is the
# same, the suite waits less (test_render_recovery covers the default period's arithmetic).
STALE_SECONDS = 12


@pytest.fixture
def at_board(cast, registered):  # noqa: F811
    """A draft in board review with one accepted proposal."""
    from reviewflow.services import consolidation, consultation

    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57"])
    comment = consultation.add_comment(registered, cast["vilnius"], {"article": "2", "text": "Antras straipsnis."})
    fire(registered, "close_consultation", cast["lawyer"], reason="Baigta")
    consolidation.decide_comment(comment.id, cast["lawyer"], {"decision": "accepted"})
    consolidation.save_position(registered.id, cast["lawyer"], {"version": 0, "stance": "supports_with_remarks",
                                                                "text": "LSA pritaria su pastabomis."})
    fire(registered, "skip_committee", cast["lawyer"], reason="Skubu")
    return registered


def slow_soffice(folder: Path, seconds: int) -> Path:
    """A folder with a ``soffice`` whose first run waits before it runs the real one (later runs do not)."""
    folder.mkdir(parents=True, exist_ok=True)
    real = shutil.which("soffice") or shutil.which("libreoffice") or "/nonexistent/soffice"
    marker = folder / "slept"
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nif [ ! -e "{marker}" ]; then touch "{marker}"; sleep {seconds}; fi\n'
                      f'exec "{real}" "$@"\n')
    script.chmod(0o755)
    return folder


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])


def _status(draft_id: int) -> LetterStatus | None:
    letter = letters.latest_letter(draft_id)
    return letter.status if letter else None


@pytest.fixture
def doomed_render(app, cast, at_board, tmp_path, service_root, database_url, redis_server):  # noqa: F811
    """Start the doomed worker, approve, and wait until its render is under way; yields a kit for the test."""
    app.extensions["celery"].control.purge()
    log = tmp_path / "workers.log"
    started = []

    def start(name: str, path_first: Path | None = None):
        env = worker_env(service_root, database_url, redis_server.url, path_first, RENDER_STALE_SECONDS=STALE_SECONDS)
        process = start_worker(name, env, log)
        started.append(process)
        return process

    worker = start("doomed", slow_soffice(tmp_path / "slow-bin", 60))
    try:
        assert health_ping.delay("doomed").get(timeout=90) == {"pong": "doomed"}
        approve(at_board, cast)
        t0 = time.monotonic()
        wait_for(lambda: _status(at_board.id) == LetterStatus.RENDERING, 60, "the doomed worker takes the letter")
        time.sleep(1.0)  # well inside the (slowed) conversion
        yield {"worker": worker, "start": start, "t0": t0, "draft": at_board, "log": log}
    finally:
        for process in started:
            stop_worker(process)


def _assert_one_letter_with_the_first_number(draft_id: int) -> None:
    _db.session.rollback()
    versions = _db.session.scalars(select(Letter).where(Letter.draft_id == draft_id)).all()
    assert [(v.version, v.status) for v in versions] == [(1, LetterStatus.READY)]
    assert versions[0].stored_name and versions[0].our_number.endswith("-0001")
    assert _db.session.get(LetterNumberSequence, vilnius_today().year).last == 1  # none skipped or reused
    job = _db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    assert job.done_at is not None and job.failed_at is None


def _end_leftovers(processes: set) -> None:
    """End what a killed process left behind (the sleeping soffice runs in a session of its own)."""
    for pid, _started in alive(processes):
        os.kill(pid, signal.SIGKILL)


def test_a_worker_killed_mid_render_is_replaced_and_the_new_one_finishes_the_letter(doomed_render):
    kit = doomed_render
    worker, draft = kit["worker"], kit["draft"]
    t_killed = time.monotonic() - kit["t0"]
    below = descendants(worker.pid)
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool, as when a machine's OOM killer strikes
    worker.wait(10)
    t_kill = time.monotonic()
    _end_leftovers(below)
    _db.session.rollback()
    assert _status(draft.id) == LetterStatus.RENDERING, "the kill came too late"
    kit["start"]("heir")
    wait_for(lambda: _status(draft.id) == LetterStatus.READY, TAKE_OVER_LIMIT, "the next worker finishes the letter")
    t_ready = time.monotonic() - t_kill
    print(f"\n[whole worker] killed {t_killed:.1f} s after approval; READY {t_ready:.1f} s after the kill "
          "(a new worker started at once, no beat)")
    assert t_ready < TAKE_OVER_LIMIT
    _assert_one_letter_with_the_first_number(draft.id)


def test_a_pool_process_killed_mid_render_is_replaced_and_the_same_worker_finishes(doomed_render):
    kit = doomed_render
    worker, draft = kit["worker"], kit["draft"]
    below = descendants(worker.pid)
    children = {(pid, started) for pid, started in below if _parent(pid) == worker.pid}
    assert len(children) == 1, children  # one pool process (concurrency 1)
    t_killed = time.monotonic() - kit["t0"]
    for pid, _started in children:
        os.kill(pid, signal.SIGKILL)
    t_kill = time.monotonic()
    _end_leftovers(below - children)  # the sleeping soffice the killed pool process started
    wait_for(lambda: _status(draft.id) == LetterStatus.READY, TAKE_OVER_LIMIT, "the worker finishes the letter")
    t_ready = time.monotonic() - t_kill
    print(f"\n[pool process] killed {t_killed:.1f} s after approval; READY {t_ready:.1f} s after the kill "
          "(the same worker, its message rejected and delivered again, no beat)")
    assert t_ready < TAKE_OVER_LIMIT
    assert worker.poll() is None
    _assert_one_letter_with_the_first_number(draft.id)
