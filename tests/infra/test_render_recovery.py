"""The pieces of the render take-over: a live render keeps its letter fresh, a held letter is waited for
exactly until its holder would be stale, and a starting worker finds every unfinished render."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from reviewflow.models import Letter, LetterStatus, OutboxJob
from reviewflow.models.base import utcnow
from reviewflow.services import letters, render_recovery
from tests.infra.test_worker_faults import at_board  # noqa: F401
from tests.letters.conftest import approve
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


@pytest.fixture
def held(app, cast, at_board, db):  # noqa: F811
    """An approved draft whose letter another delivery holds ("rendering" since ``started_at``)."""
    approve(at_board, cast)
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    letter = letters.latest_letter(at_board.id)
    letter.status, letter.started_at = LetterStatus.RENDERING, utcnow() - timedelta(seconds=30)
    db.session.commit()
    return job, letter


def test_a_live_render_keeps_its_letter_fresh_and_stops_with_the_render(held, db, monkeypatch):
    job, letter = held
    monkeypatch.setattr(render_recovery, "RENDER_HEARTBEAT", timedelta(seconds=0.2))
    before = letter.started_at
    with render_recovery.keep_render_fresh(job.id):
        time.sleep(0.7)
    db.session.rollback()
    after = db.session.get(Letter, letter.id).started_at
    assert after > before + timedelta(seconds=25)  # refreshed while the block ran
    time.sleep(0.5)
    db.session.rollback()
    assert db.session.get(Letter, letter.id).started_at == after  # the heartbeat ended with the block


def test_a_held_letter_is_retried_when_its_holder_would_be_stale(held, db):
    job, letter = held
    wait = render_recovery.seconds_until_takeover(job.id)
    expected = (letters.render_stale_after() - timedelta(seconds=30)).total_seconds()
    assert expected <= wait <= expected + 2
    assert letters.render_letter_job(job.id) is False  # held: this delivery backs off
    letter = db.session.get(Letter, letter.id)
    letter.started_at = utcnow() - letters.render_stale_after() - timedelta(seconds=1)
    db.session.commit()
    assert render_recovery.unfinished_render_jobs(stale_only=True) == []  # just dispatched: not again yet
    db.session.get(OutboxJob, job.id).dispatched_at = letter.started_at
    db.session.commit()
    assert render_recovery.unfinished_render_jobs(stale_only=True) == [job.id]  # what beat's sweep re-sends
    assert letters.render_letter_job(job.id) is True  # stale: taken over and finished
    assert render_recovery.seconds_until_takeover(job.id) is None
    assert render_recovery.unfinished_render_jobs() == []


def test_a_starting_worker_finds_every_unfinished_render(held, db):
    job, _letter = held
    assert render_recovery.unfinished_render_jobs() == [job.id]
    assert render_recovery.unfinished_render_jobs(stale_only=True) == []  # its holder is alive
