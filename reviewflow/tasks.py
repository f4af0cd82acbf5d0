"""Thin Celery tasks: they take ids and call services; a second delivery of the same task changes nothing."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from reviewflow.extensions import db


@shared_task(name="reviewflow.health", ignore_result=False)
def health_ping(token: str) -> dict:
    """Prove the worker runs with an application context and reaches the database."""
    from sqlalchemy import text

    db.session.execute(text("SELECT 1"))
    return {"pong": token}


@shared_task(name="reviewflow.render_letter", bind=True, max_retries=30)
def render_letter(self, job_id: int) -> bool:
    """Render the letter version of one outbox job (its failures are recorded on the letter).

    While it renders, the letter's ``started_at`` is kept fresh; a delivery that finds the letter held
    by another one comes back when that holder would count as dead (no fresh ``started_at``) and takes
    the letter over then, so a render cut short by a killed worker finishes within about a minute.
    """
    from reviewflow.services.letters import render_letter_job
    from reviewflow.services.render_recovery import keep_render_fresh, seconds_until_takeover

    with keep_render_fresh(job_id):
        rendered = render_letter_job(job_id)
    if not rendered:
        wait = seconds_until_takeover(job_id)
        if wait is not None:
            raise self.retry(countdown=wait)
    return rendered


@shared_task(name="reviewflow.send_notification_mail", bind=True, max_retries=None)
def send_notification_mail(self, job_id: int) -> bool:
    """Send the e-mail of one in-app notice; SMTP trouble means a retry at the moment the job records."""
    from reviewflow.services.notifications import deliver_notification_mail
    from reviewflow.services.outbox import RetryLater

    try:
        return deliver_notification_mail(job_id)
    except RetryLater as later:
        # The job row says when (next_attempt_at): the sweep leaves it alone until then.
        raise self.retry(countdown=later.delay) from None


@shared_task(name="reviewflow.send_initiator_letter_mail", bind=True, max_retries=None)
def send_initiator_letter_mail(self, job_id: int) -> bool:
    """E-mail the signed letter to the initiator once; SMTP trouble means a retry at the moment the job records."""
    from reviewflow.services.outbox import RetryLater
    from reviewflow.services.outcome import deliver_initiator_mail

    try:
        return deliver_initiator_mail(job_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from None


@shared_task(name="reviewflow.sweep_outbox")
def sweep_outbox() -> int:
    """Hand Celery the outbox jobs never dispatched (Redis was down at commit) or long unfinished."""
    from reviewflow.services.outbox import sweep_outbox as sweep
    from reviewflow.services.render_recovery import redispatch_unfinished_renders

    # A render whose worker died (no fresh started_at) is handed over again without waiting 10 minutes.
    return sweep() + redispatch_unfinished_renders(stale_only=True)


@shared_task(name="reviewflow.scan_reminders")
def scan_reminders() -> str:
    """The periodic reminder scan (beat): claim what is due, send what is claimed and unsent."""
    from reviewflow.services.reminders import scan_reminders as scan

    return scan().summary()


@shared_task(name="reviewflow.recover_renders")
def recover_renders() -> int:
    """Hand Celery again every render whose letter is still queued or rendering (a worker starts)."""
    from reviewflow.services.render_recovery import redispatch_unfinished_renders

    return redispatch_unfinished_renders()


@worker_ready.connect
def _sweep_when_a_worker_starts(sender, **_kwargs) -> None:
    """Work left behind while no worker (or no Redis) was there is picked up at once, not at the next beat.

    A starting worker also re-dispatches unfinished renders: one cut short by a killed worker is taken
    over as soon as its ``started_at`` goes stale, with or without beat.
    """
    sender.app.send_task("reviewflow.sweep_outbox")
    sender.app.send_task("reviewflow.recover_renders")
