"""Municipalities hear the outcome: notices on sending and on recorded answers (each once, mailed once), and the
signed letter e-mailed to the initiator once, with the signed file attached, when LSA chooses to."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from reviewflow.errors import Conflict, Invalid
from reviewflow.extensions import db as _db
from reviewflow.models import AuditEntry, DraftState, Notification, OutboxJob
from reviewflow.models.base import utcnow
from reviewflow.services import answers, letters, outbox
from reviewflow.services.notifications import MAIL_TASK, deliver_notification_mail
from reviewflow.services.outcome import INITIATOR_MAIL_TASK, deliver_initiator_mail, outcome_for
from tests.documents.signing_kit import make_signer
from tests.reminders.conftest import SmtpSink
from tests.services.outcome_world import approved, mark_sent, store_signed  # noqa: F401

INITIATOR = "dokumentai@lrs.lt"


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


@pytest.fixture
def sink():
    server = SmtpSink()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(app_factory, sink):
    """The application sending mail to the sink; the test's own work runs in a second app's context."""
    settings = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": sink.port, "BASE_URL": "https://reviewflow.example"}
    application = app_factory(**settings)
    with app_factory(**settings).app_context():
        yield application
        _db.session.remove()


def jobs(task: str) -> list[OutboxJob]:
    _db.session.rollback()
    return list(_db.session.scalars(select(OutboxJob).where(OutboxJob.task == task).order_by(OutboxJob.id)))


def notices(kind: str) -> list[Notification]:
    return list(_db.session.scalars(select(Notification).where(Notification.kind == kind)
                                    .order_by(Notification.user_id)))


def deliver_all(since: int = 0) -> list[bool]:
    """Deliver the notification mail jobs after the first ``since`` (the earlier steps' notices)."""
    return [deliver_notification_mail(job.id) for job in jobs(MAIL_TASK)[since:]]


def mark_sent_audit() -> AuditEntry:
    return _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mark_sent"))


# --- the letter is sent ---------------------------------------------------------------------------

def test_sending_notifies_every_specialist_of_the_invited_municipalities_once(cast, approved, sink):  # noqa: F811
    before = len(jobs(MAIL_TASK))
    mark_sent(approved, cast["lawyer"])
    sent = notices("letter_sent")
    assert [n.user_id for n in sent] == sorted(cast[w].id for w in ("vilnius", "vilnius2", "kaunas"))
    assert {n.url for n in sent} == {f"/drafts/{approved.draft.id}#outcome"}
    assert len(jobs(MAIL_TASK)) - before == 3  # one mail job per notice, none for anyone else
    sink.messages.clear()
    assert deliver_all(before).count(True) == 3
    assert sorted(m["To"] for m in sink.messages) == sorted(cast[w].email for w in ("vilnius", "vilnius2", "kaunas"))
    assert f"https://reviewflow.example/drafts/{approved.draft.id}#outcome" in \
        sink.to(cast["kaunas"].email)[0].get_body(("plain",)).get_content()
    assert deliver_all(before).count(True) == 0 and len(sink.messages) == 3  # a job delivered again sends nothing
    with pytest.raises(Conflict):  # sending twice is refused by the lifecycle: no second round of notices
        mark_sent(approved, cast["lawyer"])
    assert len(notices("letter_sent")) == 3


def test_a_deactivated_specialist_is_not_notified(cast, approved, db):  # noqa: F811
    cast["vilnius2"].active = False
    db.session.commit()
    mark_sent(approved, cast["lawyer"])
    assert [n.user_id for n in notices("letter_sent")] == sorted([cast["vilnius"].id, cast["kaunas"].id])


# --- the initiator's answers are recorded -----------------------------------------------------------

def test_an_answer_notifies_every_municipality_behind_the_proposal_once(cast, approved):  # noqa: F811
    mark_sent(approved, cast["lawyer"])
    before = len(jobs(MAIL_TASK))
    # The fifth stands for Vilnius' and Kaunas' identical comments: both municipalities hear the answer.
    answers.record_answer(approved.fifth.id, cast["lawyer"], {"outcome": "taken", "arguments": "Atsižvelgta."})
    recorded = notices("answers_recorded")
    assert [n.user_id for n in recorded] == sorted(cast[w].id for w in ("vilnius", "vilnius2", "kaunas"))
    assert len(jobs(MAIL_TASK)) - before == 3
    # LSA's own proposal concerns no municipality: nobody is told.
    answers.record_answer(approved.own.id, cast["lawyer"], {"outcome": "not_taken"})
    assert len(notices("answers_recorded")) == 3


def test_an_import_of_several_answers_notifies_once_per_person(cast, approved, sink):  # noqa: F811
    mark_sent(approved, cast["lawyer"])
    before = len(jobs(MAIL_TASK))
    answers.confirm_import(approved.draft.id, cast["lawyer"], [
        {"row": 2, "comment_id": approved.fifth.id, "outcome": "taken"},
        {"row": 4, "comment_id": approved.tenth.id, "outcome": "partly", "arguments": "Iš dalies."},
    ], "Komiteto išvada.docx")
    recorded = notices("answers_recorded")
    assert [n.user_id for n in recorded] == sorted(cast[w].id for w in ("vilnius", "vilnius2", "kaunas"))
    new_jobs = jobs(MAIL_TASK)[before:]
    assert len(new_jobs) == 3
    sink.messages.clear()
    assert [deliver_notification_mail(job.id) for job in new_jobs] == [True, True, True]
    assert len(sink.to(cast["kaunas"].email)) == 1


# --- the signed letter e-mailed to the initiator -------------------------------------------------------

def with_initiator_address(world, db, address=INITIATOR):
    world.draft.institution.email = address
    db.session.commit()


def test_the_signed_letter_goes_to_the_initiator_once_with_the_signed_file(cast, approved, signer, sink, db):  # noqa: F811
    with_initiator_address(approved, db)
    signed = store_signed(approved, cast["lawyer"], signer)
    mark_sent(approved, cast["lawyer"])  # the default: e-mail it, since an address and a signed letter exist
    (job,) = jobs(INITIATOR_MAIL_TASK)
    audit = mark_sent_audit().payload
    assert (audit["email_initiator"], audit["initiator_email"], audit["signed_letter_version"]) == (
        True, INITIATOR, 1)
    assert deliver_initiator_mail(job.id) is True
    (message,) = sink.to(INITIATOR)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == signed and attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith("-v1-pasirasytas.pdf")
    letter = letters.latest_letter(approved.draft.id)
    assert message["Message-ID"] == f"<initiator-letter-{letter.id}@lsa.lt>"
    assert letter.our_number in message["Subject"] and letters.letter_subject_for(approved.draft) in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert letter.our_number in body and approved.draft.incoming_letter_number in body
    # Delivered again (a duplicate message, a retry after success): nothing more goes out.
    assert deliver_initiator_mail(job.id) is False
    assert len(sink.to(INITIATOR)) == 1


def test_smtp_down_then_up_the_initiator_gets_one_mail(cast, approved, signer, sink, db):  # noqa: F811
    with_initiator_address(approved, db)
    store_signed(approved, cast["lawyer"], signer)
    mark_sent(approved, cast["lawyer"])
    (job,) = jobs(INITIATOR_MAIL_TASK)
    sink.stop()
    with pytest.raises(outbox.RetryLater):
        deliver_initiator_mail(job.id)
    sink.start()
    (job,) = jobs(INITIATOR_MAIL_TASK)
    assert job.done_at is None and "ConnectionRefusedError" in job.last_error
    job.next_attempt_at = utcnow() - timedelta(seconds=1)  # the retry's moment has come
    db.session.commit()
    assert deliver_initiator_mail(job.id) is True
    assert deliver_initiator_mail(job.id) is False
    assert len(sink.to(INITIATOR)) == 1


def test_lsa_may_choose_not_to_e_mail_it(cast, approved, signer, db):  # noqa: F811
    with_initiator_address(approved, db)
    store_signed(approved, cast["lawyer"], signer)
    mark_sent(approved, cast["lawyer"], email_initiator=False)
    assert jobs(INITIATOR_MAIL_TASK) == []
    assert mark_sent_audit().payload["email_initiator"] is False


def test_without_an_address_or_a_signed_letter_nothing_is_mailed_by_default(cast, approved, db):  # noqa: F811
    with_initiator_address(approved, db)  # an address, but no signed letter yet
    mark_sent(approved, cast["lawyer"])
    assert jobs(INITIATOR_MAIL_TASK) == []
    assert mark_sent_audit().payload["email_initiator"] is False


@pytest.mark.parametrize("address, signed, value, field_message", [
    (None, True, True, "el. pašto adresas Reviewflow sistemoje nenurodytas"),
    (INITIATOR, False, True, "Pirmiausia įkelkite pasirašytą raštą"),
    (INITIATOR, True, "yes", "email_initiator turi būti true arba false."),
])
def test_an_e_mail_that_cannot_go_is_refused_and_nothing_is_sent(cast, approved, signer, db, address, signed,  # noqa: F811
                                                                 value, field_message):
    with_initiator_address(approved, db, address)
    if signed:
        store_signed(approved, cast["lawyer"], signer)
    with pytest.raises(Invalid) as refused:
        mark_sent(approved, cast["lawyer"], email_initiator=value)
    assert field_message in refused.value.errors["email_initiator"]
    db.session.expire_all()
    assert approved.draft.state == DraftState.APPROVED
    assert jobs(INITIATOR_MAIL_TASK) == [] and notices("letter_sent") == []


# --- what the outcome holds ------------------------------------------------------------------------

def test_the_outcome_is_the_municipalitys_own_comments_after_sending_only(cast, approved):  # noqa: F811
    assert outcome_for(approved.draft, cast["vilnius"]) is None  # approved, not yet sent
    mark_sent(approved, cast["lawyer"])
    vilnius = outcome_for(approved.draft, cast["vilnius"])
    kaunas = outcome_for(approved.draft, cast["kaunas"])
    assert {c.id for c in vilnius.comments} == {approved.fifth.id, approved.rejected.id}
    assert {c.id for c in kaunas.comments} == {approved.fifth_kaunas.id, approved.tenth.id}
    merged = next(c for c in kaunas.comments if c.id == approved.fifth_kaunas.id)
    assert merged.decision.value == "accepted" and merged.merged_into_id == approved.fifth.id
    for staff in ("lawyer", "ivpk", "board"):
        assert outcome_for(approved.draft, cast[staff]) is None  # they see the whole table instead


@pytest.mark.worker
@pytest.mark.slow
def test_through_a_real_worker_the_initiator_and_the_municipalities_get_their_mails_once(
        cast, approved, signer, sink, db, celery_worker):  # noqa: F811
    with_initiator_address(approved, db)
    signed = store_signed(approved, cast["lawyer"], signer)
    sink.messages.clear()
    mark_sent(approved, cast["lawyer"])  # the jobs go to the worker after the commit
    expected = {INITIATOR, *(cast[w].email for w in ("vilnius", "vilnius2", "kaunas"))}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not expected <= {m["To"] for m in sink.messages}:
        time.sleep(0.2)
    time.sleep(1.0)  # room for a duplicate, if there were one
    assert sorted(m["To"] for m in sink.messages if m["To"] in expected) == sorted(expected)
    (attachment,) = list(sink.to(INITIATOR)[0].iter_attachments())
    assert attachment.get_content() == signed
    assert all(job.done_at is not None for job in jobs(INITIATOR_MAIL_TASK))
