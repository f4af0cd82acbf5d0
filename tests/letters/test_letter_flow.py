"""An approval makes exactly one letter, through a real Celery worker, and it says what the database says."""

import io
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from reviewflow.extensions import db as _db
from reviewflow.models import Letter, LetterStatus, OutboxJob
from reviewflow.services import letters
from reviewflow.services.outbox import sweep_outbox
from tests.documents.test_letter_pdf import convert_to_pdf
from tests.letters.conftest import approve

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def wait_for_letter(draft_id, status=LetterStatus.READY, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _db.session.rollback()  # see the worker's commits
        letter = letters.latest_letter(draft_id)
        if letter is not None and letter.status == status:
            return letter
        time.sleep(0.2)
    raise AssertionError(f"letter not {status} after {timeout}s: {letters.latest_letter(draft_id)}")


def document_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_approval_makes_exactly_one_letter_with_the_proposals_in_order(app, cast, at_board, celery_worker, db):
    approve(at_board, cast)
    letter = wait_for_letter(at_board.id)
    time.sleep(1.0)  # a duplicate delivery, if there were one, would have had time to run
    db.session.rollback()
    assert db.session.scalars(select(Letter).where(Letter.draft_id == at_board.id)).all() == [letter]
    jobs = db.session.scalars(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK)).all()
    assert len(jobs) == 1 and jobs[0].done_at is not None and jobs[0].attempts == 1
    _, data = letters.read_letter(at_board.id, cast["lawyer"])
    text = document_text(data)
    assert "Lietuvos Respublikos Seimui" in text
    assert letter.our_number in text and letter.our_number.endswith("-0001")
    assert "Į " in text and "Nr. (13.2-31)-3-352" in text
    assert "LSA pritaria su pastabomis." in text
    # Proposals in provision order (2 before 10), the rejected one not among LSA's proposals.
    first = text.index("1. Dėl Projekto 2 straipsnio 1 dalies")
    second = text.index("2. Dėl Projekto 10 straipsnio")
    assert first < second
    assert "Atmestinas pasiūlymas" not in text
    # User text comes out literally: no template evaluation, nothing cut.
    assert "Dešimtas <straipsnis> & „kabutės“ {{ 7*7 }}" in text and "49" not in text.split("Dešimtas")[1][:40]
    # The annex names both municipalities of the merged proposal.
    assert "Vilniaus miesto savivaldybė" in text and "Kauno miesto savivaldybė" in text
    # What Word would open, LibreOffice opens: the PDF says the same.
    with tempfile.TemporaryDirectory(prefix="reviewflow-pdf-") as tmp:
        pdf = convert_to_pdf(data, Path(tmp))
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    pdf_text = " ".join(raw.stdout.decode("utf-8").split())
    assert letter.our_number in pdf_text and "1. Dėl Projekto 2 straipsnio 1 dalies" in pdf_text
    assert "Kauno miesto savivaldybė" in pdf_text


def test_regenerating_keeps_the_number_and_the_old_version(app, cast, at_board, celery_worker, db):
    approve(at_board, cast)
    first = wait_for_letter(at_board.id)
    second = letters.regenerate_letter(at_board.id, cast["lawyer"])
    ready = wait_for_letter(at_board.id)
    assert ready.id == second.id and ready.version == 2 and ready.our_number == first.our_number
    assert [v.version for v in letters.letter_versions(at_board.id)] == [2, 1]
    assert letters.read_letter(at_board.id, cast["lawyer"], version=1)[1] is not None


def test_redis_down_at_commit_then_the_work_is_done(app, cast, at_board, redis_server, start_celery_worker, db):
    redis_server.stop()
    try:
        approve(at_board, cast)  # the commit succeeds; handing the job to Celery does not
    finally:
        redis_server.start()
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    assert job.dispatched_at is None and job.done_at is None
    assert letters.latest_letter(at_board.id).status == LetterStatus.QUEUED
    start_celery_worker(app)  # a starting worker sweeps the outbox; the beat's sweep does the same
    sweep_outbox()
    letter = wait_for_letter(at_board.id)
    assert letter.stored_name
    db.session.rollback()
    assert db.session.scalar(select(OutboxJob).where(OutboxJob.id == job.id)).done_at is not None


def test_outgoing_numbers_never_repeat_or_skip_under_concurrent_approvals(app_factory):
    flask_app = app_factory()
    numbers, errors = [], []

    def take():
        try:
            with flask_app.app_context():
                numbers.append(letters.next_letter_number(2031))
                time.sleep(0.05)  # hold the row lock while the others wait
                _db.session.commit()
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"S-2031-{n:04d}" for n in range(1, 9)]
    with flask_app.app_context():
        assert letters.next_letter_number(2032) == "S-2032-0001"
        _db.session.rollback()  # a rolled-back approval gives its number back
        assert letters.next_letter_number(2032) == "S-2032-0001"
        _db.session.rollback()


def test_the_letter_over_the_api(app, cast, at_board, celery_worker, db):
    from reviewflow.services.tokens import issue_token
    from tests.conftest import PASSWORD

    client = app.test_client()
    token, _ = issue_token({"email": cast["lawyer"].email, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/drafts/{at_board.id}/letter", headers=headers).status_code == 404
    approve(at_board, cast)
    first = client.get(f"/api/v1/drafts/{at_board.id}/letter", headers=headers)
    assert first.status_code in (200, 202)
    wait_for_letter(at_board.id)
    ready = client.get(f"/api/v1/drafts/{at_board.id}/letter", headers=headers)
    assert ready.status_code == 200 and ready.headers["X-Letter-Version"] == "1"
    assert "DĖL" in document_text(ready.data)
    page = client.get(f"/drafts/{at_board.id}/letter/status")
    assert page.status_code in (302, 401)  # pages need a session, not a token


def test_a_repeated_delivery_renders_once_and_a_stalled_render_is_taken_over(app, cast, at_board, db):
    from datetime import timedelta

    from reviewflow.models.base import utcnow

    approve(at_board, cast)
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    letter = letters.latest_letter(at_board.id)
    # Another delivery holds it right now: this one backs off and leaves the job open.
    letter.status, letter.started_at = LetterStatus.RENDERING, utcnow()
    db.session.commit()
    assert letters.render_letter_job(job.id) is False
    assert db.session.get(OutboxJob, job.id).done_at is None
    # That delivery died long ago (a killed worker): the next one takes over and finishes.
    letter = letters.latest_letter(at_board.id)
    letter.started_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert letters.render_letter_job(job.id) is True
    assert letters.render_letter_job(job.id) is False  # done: a third delivery changes nothing
    assert letters.latest_letter(at_board.id).status == LetterStatus.READY
