"""The render job makes a PDF beside the DOCX; a PDF that cannot be made is said on the letter, never a gap."""

import shutil

import pytest
from flask import current_app
from sqlalchemy import select

from reviewflow.models import LetterStatus, OutboxJob
from reviewflow.services import letters
from tests.conftest import PASSWORD, login
from tests.letters.conftest import approve

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def render_now(draft, db):
    """Run the queued render job in this process, as the worker would."""
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    assert letters.render_letter_job(job.id) is True
    db.session.expire_all()
    return letters.latest_letter(draft.id)


def api(app, user):
    from reviewflow.services.tokens import issue_token

    token, _ = issue_token({"email": user.email, "password": PASSWORD})
    return {"Authorization": f"Bearer {token}"}


def test_the_worker_makes_the_pdf_and_counts_the_annex_pages(app, cast, at_board, db):
    approve(at_board, cast)
    letter = render_now(at_board, db)
    assert letter.status == LetterStatus.READY and letter.pdf_error is None
    assert letter.pdf_stored_name and letter.annex_pages == 1
    headers = api(app, cast["lawyer"])
    answer = app.test_client().get(f"/api/v1/drafts/{at_board.id}/letter?format=pdf", headers=headers)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf" and answer.data.startswith(b"%PDF-")
    assert answer.headers["Content-Disposition"].endswith('.pdf')
    docx = app.test_client().get(f"/api/v1/drafts/{at_board.id}/letter", headers=headers)
    assert docx.status_code == 200 and docx.data.startswith(b"PK")
    client = app.test_client()
    login(client, cast["lawyer"].email)
    fragment = client.get(f"/drafts/{at_board.id}/letter/status").get_data(as_text=True)
    assert "format=pdf" in fragment
    page = client.get(f"/drafts/{at_board.id}/letter?format=pdf")
    assert page.status_code == 200 and page.data.startswith(b"%PDF-")


def test_a_pdf_that_cannot_be_made_is_recorded_and_the_docx_stays_ready(app, cast, at_board, db):
    current_app.config["LETTER_PDF_TIMEOUT_SECONDS"] = 0.01  # the render runs in the test's own app
    approve(at_board, cast)
    letter = render_now(at_board, db)
    assert letter.status == LetterStatus.READY and letter.stored_name and letter.pdf_stored_name is None
    assert "did not finish the PDF within 0.01 seconds" in letter.pdf_error
    headers = api(app, cast["lawyer"])
    answer = app.test_client().get(f"/api/v1/drafts/{at_board.id}/letter?format=pdf", headers=headers)
    assert answer.status_code == 409 and b"did not finish the PDF" in answer.data
    assert app.test_client().get(f"/api/v1/drafts/{at_board.id}/letter", headers=headers).status_code == 200
    client = app.test_client()
    login(client, cast["lawyer"].email)
    fragment = client.get(f"/drafts/{at_board.id}/letter/status").get_data(as_text=True)
    assert "did not finish the PDF within 0.01 seconds" in fragment and "format=pdf" not in fragment
