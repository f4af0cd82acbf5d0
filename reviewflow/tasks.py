"""Thin Celery tasks: they take ids and call services; a second delivery of the same task changes nothing."""

from __future__ import annotations

import smtplib

from celery import shared_task
from celery.signals import worker_ready

from reviewflow.extensions import db

# Retries are countdown tasks: keep each wait well under Redis's visibility timeout (1 hour), or the
# message is delivered again while it waits. After the last retry the outbox sweep picks the job up.
MAIL_RETRY = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="reviewflow.health", ignore_result=False)
def health_ping(token: str) -> dict:
    """Prove the worker runs with an application context and reaches the database."""
    from sqlalchemy import text

    db.session.execute(text("SELECT 1"))
    return {"pong": token}


@shared_task(name="reviewflow.render_letter")
def render_letter(job_id: int) -> bool:
    """Render the letter version of one outbox job (its failures are recorded on the letter)."""
    from reviewflow.services.letters import render_letter_job

    return render_letter_job(job_id)


@shared_task(name="reviewflow.send_notification_mail", **MAIL_RETRY)
def send_notification_mail(job_id: int) -> bool:
    """Send the e-mail of one in-app notice; SMTP trouble means a retry with backoff."""
    from reviewflow.services.notifications import deliver_notification_mail

    return deliver_notification_mail(job_id)


@shared_task(name="reviewflow.sweep_outbox")
def sweep_outbox() -> int:
    """Hand Celery the outbox jobs never dispatched (Redis was down at commit) or long unfinished."""
    from reviewflow.services.outbox import sweep_outbox as sweep

    return sweep()


@shared_task(name="reviewflow.scan_reminders")
def scan_reminders() -> str:
    """The periodic reminder scan (beat): claim what is due, send what is claimed and unsent."""
    from reviewflow.services.reminders import scan_reminders as scan

    return scan().summary()


@worker_ready.connect
def _sweep_when_a_worker_starts(sender, **_kwargs) -> None:
    """Work left behind while no worker (or no Redis) was there is picked up at once, not at the next beat."""
    sender.app.send_task("reviewflow.sweep_outbox")
