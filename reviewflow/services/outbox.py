"""The outbox: background work recorded in the transaction that causes it, sent to Celery after commit.


A job row is written with the business change, so it exists exactly when the change does. After the
commit the job is handed to Celery; if Redis is down at that moment the row stays undispatched and
:func:`sweep_outbox` (run by beat and at worker start) hands it over later. Tasks mark their job done
and skip a job already done, so a job delivered twice runs once.

A job that must not run twice at once (a mail) is claimed with :func:`claim_job` and a lease: one
UPDATE ... WHERE ... sets ``next_attempt_at`` to the end of the lease, so of two copies delivered
together only one gets the row. A retry moves ``next_attempt_at`` to the retry's moment; the sweep
leaves a job alone until that moment has passed (with some grace), so it never doubles a retry chain.
A job that retrying cannot fix gets ``failed_at`` and its reason, and waits for an administrator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import or_, select, update

from reviewflow.extensions import db
from reviewflow.mail import is_transient, send_message
from reviewflow.models import OutboxJob
from reviewflow.models.base import utcnow

_PENDING_KEY = "reviewflow_outbox"
# A copy holding a job's lease is presumed alive this long (SMTP's own timeout is 15 s per step).
LEASE = timedelta(minutes=2)
# A retry delivered a little before its recorded moment (clocks, rounding) still gets the job.
EARLY = timedelta(seconds=2)
# The sweep takes a waiting job over only this long after its retry (or lease) was due: the retry's own
# message comes first unless it was lost.
SWEEP_GRACE = timedelta(minutes=1)
# Backoff of chained retries: 30 s, 60 s, ... at most 10 minutes (well under Redis's visibility timeout
# of one hour, or a waiting retry would be delivered again); after MAX_CHAINED_RETRIES the sweep takes over.
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 600
MAX_CHAINED_RETRIES = 8


class RetryLater(Exception):
    """An attempt failed for a reason a retry may fix; the task retries itself after ``delay`` seconds."""

    def __init__(self, delay: int) -> None:
        super().__init__(f"retry in {delay} s")
        self.delay = delay


def enqueue(task: str, key: str, **args: object) -> OutboxJob:
    """Record a job for ``task`` in the current transaction; ``(task, key)`` is unique."""
    existing = db.session.scalar(select(OutboxJob).where(OutboxJob.task == task, OutboxJob.key == key))
    if existing is not None:
        return existing
    return enqueue_new([(task, key, args)])[0]


def enqueue_new(jobs: list[tuple[str, str, dict]]) -> list[OutboxJob]:
    """Record jobs whose keys cannot exist yet (they name rows made in this transaction): one flush."""
    records = [OutboxJob(task=task, key=key, args=dict(args)) for task, key, args in jobs]
    db.session.add_all(records)
    db.session.flush()
    db.session.info.setdefault(_PENDING_KEY, []).extend(job.id for job in records)
    return records


def dispatch(job_ids: list[int]) -> int:
    """Hand jobs to Celery; a job that cannot be sent stays for the sweep. Returns how many went."""
    if not job_ids:
        return 0
    celery = current_app.extensions["celery"]
    sent = 0
    for job_id in job_ids:
        task = db.session.scalar(select(OutboxJob.task).where(OutboxJob.id == job_id))
        if task is None:
            continue
        try:
            # No result is wanted (the job row is the record), and a down broker must fail fast:
            # the sweep retries, so the request that committed the work is not held up.
            celery.send_task(task, args=[job_id], ignore_result=True, retry=True,
                             retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5,
                                           "interval_max": 1})
        except Exception as exc:  # broker down: the sweep retries; the cause goes to the log
            current_app.logger.warning("outbox job %s not dispatched: %s", job_id, exc)
            continue
        db.session.execute(
            update(OutboxJob).where(OutboxJob.id == job_id).values(dispatched_at=utcnow())
        )
        sent += 1
    db.session.commit()
    return sent


def sweep_outbox(stale_after: timedelta = timedelta(minutes=10)) -> int:
    """Dispatch jobs never dispatched, or dispatched long ago and still not done, unless a retry or a
    running copy holds them (``next_attempt_at`` not yet past); failed jobs wait for an administrator."""
    now = utcnow()
    cutoff = now - stale_after
    ids = db.session.scalars(
        select(OutboxJob.id).where(
            OutboxJob.done_at.is_(None),
            OutboxJob.failed_at.is_(None),
            or_(OutboxJob.next_attempt_at.is_(None), OutboxJob.next_attempt_at < now - SWEEP_GRACE),
            or_(OutboxJob.dispatched_at.is_(None), OutboxJob.dispatched_at < cutoff),
        ).order_by(OutboxJob.id).limit(500)
    ).all()
    return dispatch(list(ids))


def claim_job(job_id: int, lease: timedelta | None = None) -> OutboxJob | None:
    """The job to run, or ``None`` when it is gone, done, failed or (with ``lease``) held by another copy.

    With ``lease`` the claim is one atomic UPDATE: of two copies running at the same moment, one gets
    the job and holds it until it finishes, schedules a retry or the lease runs out.
    """
    if lease is None:
        job = db.session.get(OutboxJob, job_id)
        if job is None or job.done_at is not None or job.failed_at is not None:
            return None
        job.attempts += 1
        return job
    now = utcnow()
    claimed = db.session.execute(
        update(OutboxJob).where(
            OutboxJob.id == job_id, OutboxJob.done_at.is_(None), OutboxJob.failed_at.is_(None),
            or_(OutboxJob.next_attempt_at.is_(None), OutboxJob.next_attempt_at <= now + EARLY),
        ).values(attempts=OutboxJob.attempts + 1, next_attempt_at=now + lease)
        .returning(OutboxJob.id).execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    db.session.commit()  # the claim is its own unit of work: a second copy must see it at once
    return db.session.get(OutboxJob, claimed, populate_existing=True) if claimed else None


def retry_delay(attempts: int) -> int | None:
    """Seconds until the next chained retry after ``attempts`` attempts; ``None`` leaves it to the sweep."""
    if attempts > MAX_CHAINED_RETRIES:
        return None
    delay = min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS)
    return random.randint(delay // 2, delay)  # jitter: many mails failing together do not retry together


def schedule_retry(job: OutboxJob, exc: Exception) -> int | None:
    """Record a failure that a retry may fix and when the retry runs; returns the delay in seconds, or
    ``None`` when the chain ends and the sweep will try again later (after ``next_attempt_at``)."""
    delay = retry_delay(job.attempts)
    job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    job.next_attempt_at = utcnow() + timedelta(seconds=delay if delay is not None else RETRY_MAX_SECONDS)
    db.session.commit()
    return delay


def fail_job(job: OutboxJob, exc: Exception) -> None:
    """Give a job up for a reason retrying cannot fix; it waits for an administrator's retry."""
    job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    job.failed_at = utcnow()
    job.next_attempt_at = None
    db.session.commit()
    current_app.logger.error("outbox job %s (%s) failed for good: %s", job.id, job.task, job.last_error)


def finish_job(job: OutboxJob) -> None:
    """Mark a job done in the task's own transaction."""
    job.done_at = utcnow()
    job.last_error = None
    job.next_attempt_at = None


def failed_jobs(limit: int = 100) -> list[OutboxJob]:
    """Jobs given up for a reason retrying cannot fix, newest first (the administrator's list)."""
    return list(db.session.scalars(
        select(OutboxJob).where(OutboxJob.failed_at.is_not(None), OutboxJob.done_at.is_(None))
        .order_by(OutboxJob.failed_at.desc(), OutboxJob.id.desc()).limit(limit)
    ))


def retry_failed_job(job_id: int) -> bool:
    """An administrator's retry of a failed job: clear the failure and dispatch it now."""
    cleared = db.session.execute(
        update(OutboxJob).where(OutboxJob.id == job_id, OutboxJob.failed_at.is_not(None),
                                OutboxJob.done_at.is_(None))
        .values(failed_at=None, next_attempt_at=None).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if cleared:
        dispatch([job_id])
    return bool(cleared)


def deliver_mail_job(job_id: int, build: Callable[[OutboxJob], EmailMessage | None], what: str) -> bool:
    """Send the one mail of a job (a mail task's body); ``False`` when nothing was to do.

    ``build`` makes the message from the job (``None``: nothing to send any more, the job is done). The job
    is claimed atomically (two copies at once send one mail). SMTP being down or busy raises
    :class:`RetryLater` after recording when the retry runs; a mail that cannot be built or an address the
    server refuses for good marks the job failed, for an administrator to see.
    """
    job = claim_job(job_id, lease=LEASE)
    if job is None:
        db.session.commit()
        return False
    try:
        message = build(job)
        if message is None:
            finish_job(job)
            db.session.commit()
            return False
        send_message(message)
    except Exception as exc:  # sort the cause: a retry helps only when the server or network is at fault
        if not is_transient(exc):
            fail_job(job, exc)
            return False
        delay = schedule_retry(job, exc)
        current_app.logger.warning("%s mail job %s not sent (%s); retry in %s s", what, job.id,
                                   job.last_error, delay if delay is not None else "the sweep's")
        if delay is None:
            return False
        raise RetryLater(delay) from exc
    finish_job(job)
    db.session.commit()
    return True


def commit() -> None:
    """Commit the unit of work, then hand the jobs it recorded to Celery."""
    pending = db.session.info.pop(_PENDING_KEY, [])
    db.session.commit()
    dispatch(pending)


def discard_pending() -> None:
    """Forget the jobs of a unit of work that is being rolled back."""
    db.session.info.pop(_PENDING_KEY, None)
