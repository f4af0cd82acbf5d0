"""Renders cut short by a killed worker: a heartbeat on the letter while it renders, and the take-over.

A render holds its letter in "rendering" with ``started_at``; :func:`keep_render_fresh` refreshes that
moment while the render works, so a holder whose ``started_at`` is older than
:func:`~reviewflow.services.letters.render_stale_after` is dead (its worker was killed). A delivery that
finds the letter held comes back when the holder would be stale (:func:`seconds_until_takeover`), and a
starting worker hands every unfinished render to Celery again (:func:`redispatch_unfinished_renders`),
so the take-over needs neither beat nor the broker's visibility timeout (one hour).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from reviewflow.extensions import db
from reviewflow.models import Letter, LetterStatus, OutboxJob
from reviewflow.models.base import utcnow
from reviewflow.services import letters, outbox

# Four heartbeats and more fit in the stale period: a slow database or a busy machine does not make a live
# render look dead. ``None``: derived from the stale period (10 s for the default 45 s).
RENDER_HEARTBEAT: timedelta | None = None


def render_heartbeat() -> timedelta:
    """How often a live render refreshes its letter's ``started_at`` (a 4.5th of the stale period)."""
    return RENDER_HEARTBEAT if RENDER_HEARTBEAT is not None else letters.render_stale_after() / 4.5


def _letter_id(job_id: int) -> int | None:
    job = db.session.get(OutboxJob, job_id)
    return job.args.get("letter_id") if job is not None else None


@contextmanager
def keep_render_fresh(job_id: int) -> Iterator[None]:
    """While the block runs, refresh ``started_at`` of the job's letter if it is still rendering.

    A thread with its own connection does it, so a long conversion does not look like a dead worker;
    it stops with the block (or as soon as the letter leaves "rendering"), and dies with the process.
    """
    letter_id = _letter_id(job_id)
    if letter_id is None:
        yield
        return
    engine = db.engine
    logger = current_app.logger
    stop = threading.Event()
    every = render_heartbeat().total_seconds()

    def beat() -> None:
        while not stop.wait(every):
            try:
                with engine.begin() as connection:
                    fresh = connection.execute(
                        update(Letter).where(Letter.id == letter_id, Letter.status == LetterStatus.RENDERING)
                        .values(started_at=utcnow())
                    ).rowcount
            except Exception as exc:  # the database is away for a moment: the next beat tries again
                logger.warning("heartbeat of letter %s failed: %s", letter_id, exc)
                continue
            if not fresh:
                return

    thread = threading.Thread(target=beat, name=f"letter-{letter_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def seconds_until_takeover(job_id: int) -> int | None:
    """How long a delivery that found the letter held should wait before trying again; ``None`` when
    there is nothing left to do (the job is done or failed, the letter finished)."""
    db.session.rollback()  # see what other workers committed meanwhile
    job = db.session.get(OutboxJob, job_id)
    if job is None or job.done_at is not None or job.failed_at is not None:
        return None
    letter = db.session.get(Letter, job.args.get("letter_id"))
    if letter is None or letter.status in (LetterStatus.READY, LetterStatus.FAILED):
        return None
    if letter.status != LetterStatus.RENDERING or letter.started_at is None:
        return 1
    stale_at = letter.started_at + letters.render_stale_after()
    return max(1, math.ceil((stale_at - utcnow()).total_seconds()) + 1)


def unfinished_render_jobs(stale_only: bool = False) -> list[int]:
    """Undone render jobs whose letter is queued or rendering (only stale renders with ``stale_only``)."""
    now = utcnow()
    stale = now - letters.render_stale_after()
    found = []
    for job in db.session.scalars(select(OutboxJob).where(
        OutboxJob.task == letters.RENDER_TASK, OutboxJob.done_at.is_(None), OutboxJob.failed_at.is_(None),
    ).order_by(OutboxJob.id).limit(500)):
        letter = db.session.get(Letter, job.args.get("letter_id"))
        if letter is None or letter.status not in (LetterStatus.QUEUED, LetterStatus.RENDERING):
            continue
        if stale_only and not (
            letter.status == LetterStatus.RENDERING and letter.started_at is not None and letter.started_at < stale
            and (job.dispatched_at is None or job.dispatched_at < stale)
        ):
            continue
        found.append(job.id)
    return found


def redispatch_unfinished_renders(stale_only: bool = False) -> int:
    """Hand Celery every unfinished render again (a starting worker; beat's sweep with ``stale_only``).

    A copy that finds the letter held by a live render waits for it; one that finds it done does
    nothing; so the worst an extra copy costs is a short wait.
    """
    return outbox.dispatch(unfinished_render_jobs(stale_only))
