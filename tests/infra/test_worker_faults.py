"""A real worker killed by signal 9 in the middle of a render: the next worker finishes the letter.

The first worker renders with a ``soffice`` on its PATH that sleeps before converting, so the kill is
sure to land while the letter is "rendering". No beat runs: the take-over is the starting worker's.
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
    """A folder with a ``soffice`` that waits before it runs the real one (or fails, if there is none)."""
    folder.mkdir(parents=True, exist_ok=True)
    real = shutil.which("soffice") or shutil.which("libreoffice") or "/nonexistent/soffice"
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nsleep {seconds}\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    return folder


def test_a_render_cut_short_by_sigkill_is_finished_by_the_next_worker(app, cast, at_board, db, tmp_path,  # noqa: F811
                                                                       service_root, database_url, redis_server):
    celery = app.extensions["celery"]
    celery.control.purge()
    log = tmp_path / "workers.log"
    first = start_worker("doomed", worker_env(service_root, database_url, redis_server.url,
                                               slow_soffice(tmp_path / "slow-bin", 60)), log)
    second = None
    try:
        assert health_ping.delay("first").get(timeout=90) == {"pong": "first"}
        approve(at_board, cast)
        t0 = time.monotonic()
        wait_for(lambda: (letter := letters.latest_letter(at_board.id)) and letter.status == LetterStatus.RENDERING,
                 60, "the first worker takes the letter")
        t_rendering = time.monotonic() - t0
        time.sleep(1.0)  # well inside the (slowed) conversion
        left_behind = descendants(first.pid)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        t_kill = time.monotonic()
        for pid, _started in alive(left_behind):  # the sleeping soffice runs in a session of its own
            os.kill(pid, signal.SIGKILL)
        _db.session.rollback()
        assert letters.latest_letter(at_board.id).status == LetterStatus.RENDERING, "the kill came too late"

        second = start_worker("heir", worker_env(service_root, database_url, redis_server.url), log)
        letter = wait_for(lambda: (found := letters.latest_letter(at_board.id)) and found.status == LetterStatus.READY
                          and found, TAKE_OVER_LIMIT, "the next worker finishes the letter")
        t_ready = time.monotonic() - t_kill
        print(f"\nrendering at t={t_rendering:.1f} s after approval; killed at t={t_rendering + 1:.1f} s; "
              f"READY {t_ready:.1f} s after the kill (second worker started at once)")
        assert t_ready < TAKE_OVER_LIMIT
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        if second is not None:
            stop_worker(second)
    db.session.rollback()
    versions = db.session.scalars(select(Letter).where(Letter.draft_id == at_board.id)).all()
    assert [(v.version, v.status) for v in versions] == [(1, LetterStatus.READY)]
    assert letter.stored_name and letter.our_number.endswith("-0001")
    sequence = db.session.get(LetterNumberSequence, vilnius_today().year)
    assert sequence.last == 1  # no number skipped or taken twice
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    assert job.done_at is not None and job.failed_at is None
