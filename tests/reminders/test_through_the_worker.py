"""Mail leaves through a REAL Celery worker to a real SMTP sink, each message exactly once."""

import time

import pytest
from sqlalchemy import select

from reviewflow import calendar
from reviewflow.extensions import db
from reviewflow.models import OutboxJob
from reviewflow.models.reminders import ReminderClaim
from reviewflow.services import lifecycle
from reviewflow.services.clock import vilnius_today

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def wait_until(check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_assignment_mails_the_lawyer_once_in_their_language(app_factory, smtp_sink, cast, registered,
                                                            start_celery_worker):
    from reviewflow.services.accounts import set_language

    set_language(cast["lawyer"], "en")
    worker_app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.port)
    start_celery_worker(worker_app)
    lifecycle.fire_transition(registered.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    wait_until(lambda: len(smtp_sink.messages) >= 1)
    time.sleep(1.0)  # room for a duplicate, if there were one
    (message,) = smtp_sink.to(cast["lawyer"].email)
    assert message["Subject"].startswith("Reviewflow: Draft XIVP-2435(2)")
    assert message["Message-ID"].startswith("<notification-")
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert f"/drafts/{registered.id}" in message.get_body(("plain",)).get_content()
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == "reviewflow.send_notification_mail"))
    assert job.done_at is not None


def test_smtp_down_then_up_the_notice_arrives_once(app_factory, smtp_sink, cast, registered, start_celery_worker):
    from reviewflow.services.outbox import sweep_outbox

    worker_app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.port)
    smtp_sink.stop()
    start_celery_worker(worker_app)
    lifecycle.fire_transition(registered.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    job_query = select(OutboxJob).where(OutboxJob.task == "reviewflow.send_notification_mail")
    wait_until(lambda: db.session.scalar(job_query).last_error is not None)  # the first attempt failed
    assert db.session.scalar(job_query).done_at is None
    smtp_sink.start()
    # The task's own retry (recorded on the job) delivers it; the sweep leaves a waiting retry alone, as
    # it would when beat runs it (it used to hand the same job over again: two copies of one mail).
    assert db.session.scalar(job_query).next_attempt_at is not None
    db.session.scalar(job_query).dispatched_at = None
    db.session.commit()
    assert sweep_outbox() == 0
    wait_until(lambda: db.session.scalar(job_query).done_at is not None)
    time.sleep(1.0)
    assert len(smtp_sink.to(cast["lawyer"].email)) == 1


def test_the_beat_task_run_twice_sends_each_reminder_once(app_factory, smtp_sink, cast, registered,
                                                         start_celery_worker):
    lifecycle.fire_transition(registered.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    comment_deadline = calendar.add_working_days(vilnius_today(), 2)
    lifecycle.fire_transition(registered.id, "open_consultation", cast["lawyer"],
                              {"municipalities": ["LT-15"], "comment_deadline": comment_deadline.isoformat()})
    worker_app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.port, REMINDER_HOUR=0)
    celery = start_celery_worker(worker_app)
    smtp_sink.messages.clear()  # the notices of opening the consultation are not reminders
    first = celery.send_task("reviewflow.scan_reminders", ignore_result=False).get(timeout=60)
    second = celery.send_task("reviewflow.scan_reminders", ignore_result=False).get(timeout=60)
    reminders = [m for m in smtp_sink.messages if m["Message-ID"].startswith("<reminder-")]
    sent_claims = db.session.scalars(select(ReminderClaim).where(ReminderClaim.sent_at.is_not(None))).all()
    assert reminders, (first, second)
    assert len(reminders) == len({m["Message-ID"] for m in reminders}) == len(sent_claims)
    assert {m["To"] for m in reminders} == {cast["kaunas"].email}
