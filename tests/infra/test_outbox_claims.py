"""Mail jobs of the outbox: a waiting retry is never doubled by the sweep, two copies at once send one
mail, and a mail that retrying cannot fix is failed with its reason until an administrator retries it."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from reviewflow.extensions import db as _db
from reviewflow.models import OutboxJob
from reviewflow.models.base import utcnow
from reviewflow.services import lifecycle, outbox
from reviewflow.services.notifications import MAIL_TASK, deliver_notification_mail
from reviewflow.tasks import health_ping
from tests.conftest import login
from tests.infra.workers import start_worker, stop_worker, wait_for, worker_env
from tests.reminders.conftest import SmtpSink
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


class SlowSink(SmtpSink):
    """An SMTP sink that answers DATA after a pause (so two senders overlap) and refuses chosen addresses."""

    def __init__(self, pause: float = 0.0, refused: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.pause = pause
        self.refused = set(refused)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # aiosmtpd hook
        if address in self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd hook
        await asyncio.sleep(self.pause)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink():
    server = SlowSink()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(app_factory, sink):
    """The application sending mail to the sink."""
    settings = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": sink.port}
    application = app_factory(**settings)
    with app_factory(**settings).app_context():
        yield application
        _db.session.remove()


def mail_job() -> OutboxJob:
    _db.session.rollback()
    return _db.session.scalar(select(OutboxJob).where(OutboxJob.task == MAIL_TASK))


def assign(cast, draft) -> OutboxJob:  # noqa: F811
    lifecycle.fire_transition(draft.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    return mail_job()


def test_the_sweep_never_redispatches_a_job_waiting_to_retry(app, cast, registered, sink):  # noqa: F811
    sink.stop()  # SMTP is down
    job = assign(cast, registered)
    with pytest.raises(outbox.RetryLater) as retry:
        deliver_notification_mail(job.id)
    job = mail_job()
    assert 15 <= retry.value.delay <= 30 and job.attempts == 1 and job.done_at is None and job.failed_at is None
    assert job.next_attempt_at > utcnow() + timedelta(seconds=10)
    assert "ConnectionRefusedError" in job.last_error
    # Even a sweep that counts every dispatched job as stale leaves the waiting one alone ...
    assert outbox.sweep_outbox(stale_after=timedelta(0)) == 0
    # ... and a second copy delivered now (a duplicate) does not run it before its time.
    assert deliver_notification_mail(job.id) is False and mail_job().attempts == 1
    # Only when its retry is long overdue (the retry message was lost) does the sweep hand it over.
    job.next_attempt_at = utcnow() - outbox.SWEEP_GRACE - timedelta(seconds=1)
    _db.session.commit()
    assert outbox.sweep_outbox(stale_after=timedelta(0)) == 1
    assert outbox.sweep_outbox(stale_after=timedelta(minutes=10)) == 0  # just dispatched


@pytest.mark.worker
@pytest.mark.slow
def test_two_copies_of_one_job_on_two_real_workers_send_one_mail(app, cast, registered, sink, tmp_path,  # noqa: F811
                                                                service_root, database_url, redis_server):
    sink.pause = 3.0  # the first copy is still talking to SMTP when the second one starts
    celery = app.extensions["celery"]
    celery.control.purge()
    # No worker yet: the job waits in the queue, then two more copies of it are sent.
    job = assign(cast, registered)
    for _copy in range(2):
        celery.send_task(MAIL_TASK, args=[job.id], ignore_result=True)
    env = worker_env(service_root, database_url, redis_server.url, SMTP_HOST="127.0.0.1", SMTP_PORT=sink.port)
    log = tmp_path / "workers.log"
    workers = [start_worker(f"twin{n}", env, log) for n in (1, 2)]
    try:
        assert health_ping.delay("twins").get(timeout=90) == {"pong": "twins"}
        wait_for(lambda: mail_job().done_at is not None, 90, "the mail is sent")
        # All three copies ran (each worker logs its task's outcome); a second send would be in by now.
        wait_for(lambda: log.read_text().count(f"{MAIL_TASK}[") >= 6, 60, "every copy ran")
        time.sleep(sink.pause + 1)
    finally:
        for worker in workers:
            stop_worker(worker)
    assert sink.message_ids.count(f"<notification-{job.args['notification_id']}@lsa.lt>") == 1
    assert len(sink.messages) == 1
    outcomes = [line.rsplit(": ", 1)[-1] for line in log.read_text().splitlines()
                if f"{MAIL_TASK}[" in line and "succeeded" in line]
    assert sorted(outcomes) == ["False", "False", "True"], outcomes
    assert mail_job().attempts == 1 and mail_job().last_error is None


def test_a_mail_refused_for_good_is_failed_shown_to_the_admin_and_retried_on_request(app, cast, registered,  # noqa: F811
                                                                                   sink, client):
    sink.refused.add(cast["lawyer"].email)
    job = assign(cast, registered)
    assert deliver_notification_mail(job.id) is False
    job = mail_job()
    assert job.failed_at is not None and job.done_at is None and job.next_attempt_at is None
    assert job.last_error.startswith("SMTPRecipientsRefused") and "550" in job.last_error
    assert outbox.sweep_outbox(stale_after=timedelta(0)) == 0  # never retried on its own
    login(client, cast["admin"].email)
    page = client.get("/admin/outbox")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "SMTPRecipientsRefused" in text and f"/admin/outbox/{job.id}/retry" in text
    home = client.get("/").get_data(as_text=True)
    assert "/admin/outbox" in home  # the admin's home says failed jobs wait
    sink.refused.clear()
    answer = client.post(f"/admin/outbox/{job.id}/retry")
    assert answer.status_code == 302
    job = mail_job()
    assert job.failed_at is None and job.last_error is not None  # the reason stays until it succeeds
    assert deliver_notification_mail(job.id) is True
    assert [m["To"] for m in sink.messages] == [cast["lawyer"].email]
    assert mail_job().done_at is not None and mail_job().last_error is None


def test_a_broken_mail_template_fails_the_job_with_its_reason(app, cast, registered, sink, monkeypatch):  # noqa: F811
    from jinja2 import TemplateError

    import reviewflow.services.notifications as notifications

    def broken(*_args, **_kwargs):
        raise TemplateError("unexpected '}' in emails/notification.txt")

    job = assign(cast, registered)
    monkeypatch.setattr(notifications, "render_template", broken)
    assert deliver_notification_mail(job.id) is False
    job = mail_job()
    assert job.failed_at is not None and job.last_error == "TemplateError: unexpected '}' in emails/notification.txt"
    assert sink.messages == []


def test_every_retry_waits_less_than_the_brokers_visibility_timeout(app):
    from reviewflow.services import letters
    from reviewflow.services.render_recovery import render_heartbeat

    visibility = app.extensions["celery"].conf.broker_transport_options["visibility_timeout"]
    assert max(outbox.retry_delay(n) or 0 for n in range(1, outbox.MAX_CHAINED_RETRIES + 1)) <= \
        outbox.RETRY_MAX_SECONDS < visibility
    assert letters.render_stale_after().total_seconds() + 2 < visibility  # a waiting render's countdown
    assert render_heartbeat() * 4 < letters.render_stale_after() == timedelta(seconds=45)  # never looks dead
    assert outbox.retry_delay(outbox.MAX_CHAINED_RETRIES + 1) is None  # then the sweep, after next_attempt_at
