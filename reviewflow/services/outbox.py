"""The outbox: background work recorded in the transaction that causes it, sent to Celery after commit.


A job row is written with the business change, so it exists exactly when the change does. After the
commit the job is handed to Celery; if Redis is down at that moment the row stays undispatched and
:func:`sweep_outbox` (run by beat and at worker start) hands it over later. Tasks mark their job done
and skip a job already done, so a job delivered twice runs once.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from reviewflow.extensions import db
from reviewflow.models import OutboxJob
from reviewflow.models.base import utcnow

_PENDING_KEY = "reviewflow_outbox"


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
    """Dispatch jobs never dispatched, or dispatched long ago and still not done."""
    cutoff = utcnow() - stale_after
    ids = db.session.scalars(
        select(OutboxJob.id).where(
            OutboxJob.done_at.is_(None),
            (OutboxJob.dispatched_at.is_(None)) | (OutboxJob.dispatched_at < cutoff),
        ).order_by(OutboxJob.id).limit(500)
    ).all()
    return dispatch(list(ids))


def claim_job(job_id: int) -> OutboxJob | None:
    """The job to run, or ``None`` when it is gone or already done (a repeated delivery)."""
    job = db.session.get(OutboxJob, job_id)
    if job is None or job.done_at is not None:
        return None
    job.attempts += 1
    return job


def record_failure(job: OutboxJob, exc: Exception) -> None:
    """Keep the attempt and its error on record before the task retries (its transaction commits)."""
    job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    db.session.commit()


def finish_job(job: OutboxJob) -> None:
    """Mark a job done in the task's own transaction."""
    job.done_at = utcnow()
    job.last_error = None


def commit() -> None:
    """Commit the unit of work, then hand the jobs it recorded to Celery."""
    pending = db.session.info.pop(_PENDING_KEY, [])
    db.session.commit()
    dispatch(pending)


def discard_pending() -> None:
    """Forget the jobs of a unit of work that is being rolled back."""
    db.session.info.pop(_PENDING_KEY, None)
