"""The letter on the draft page, its status fragment, the XLSX export and the template upload."""

import io

import pytest
from openpyxl import load_workbook

from reviewflow.documents.letter import DEFAULT_TEMPLATE
from reviewflow.models import LetterTemplate
from tests.conftest import login
from tests.documents.factories import docx_with
from tests.letters.conftest import approve


def test_draft_page_shows_the_letter_and_its_progress(app, cast, at_board, db):
    approve(at_board, cast)  # no worker here: the letter stays queued
    client = app.test_client()
    login(client, cast["lawyer"].email)
    page = client.get(f"/drafts/{at_board.id}").get_data(as_text=True)
    assert 'id="letter-status"' in page and "hx-get" in page and "S-" in page
    fragment = client.get(f"/drafts/{at_board.id}/letter/status")
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert client.get(f"/drafts/{at_board.id}/letter").status_code == 302  # not ready: back to the status


def test_comments_export_is_for_lsa_staff(app, cast, at_board):
    client = app.test_client()
    login(client, cast["lawyer"].email)
    response = client.get(f"/drafts/{at_board.id}/comments.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == "Eil. Nr.")  # below the heading (issue 13, item 11)
    assert rows[0][0] == f"Pastabų lentelė: {at_board.number_raw} {at_board.title}"
    assert rows[top][:3] == ("Eil. Nr.", "Savivaldybė", "Teikėjas") and len(rows) - top == 5
    other = app.test_client()
    login(other, cast["board"].email)
    assert other.get(f"/drafts/{at_board.id}/comments.xlsx").status_code == 403


def test_template_upload_refuses_garbage_and_accepts_a_good_template(app, cast, db):
    client = app.test_client()
    login(client, cast["admin"].email)
    assert client.get("/admin/letter-template").status_code == 200
    bad = client.post("/admin/letter-template", data={"kind": "letter", "file": (io.BytesIO(b"not word"), "x.docx")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and db.session.query(LetterTemplate).count() == 0
    good = client.post("/admin/letter-template",
                       data={"kind": "letter", "file": (io.BytesIO(DEFAULT_TEMPLATE.read_bytes()), "laiskas.docx")},
                       content_type="multipart/form-data")
    assert good.status_code == 302 and db.session.query(LetterTemplate).count() == 1
    lawyer = app.test_client()
    login(lawyer, cast["lawyer"].email)
    assert lawyer.get("/admin/letter-template").status_code == 403


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% include 'letter.docx' %}", "cannot include, import or extend"),
        ("{% import 'x' as x %}", "cannot include, import or extend"),
        ("{% extends 'x' %}", "cannot include, import or extend"),
        ("{% for i in range(10**9) %}{% endfor %}", "at most 10000 items"),
        ("{{ 'x' * 10**9 }}", "repeats text"),
    ],
)
def test_a_template_reaching_outside_the_sandbox_is_refused_with_422_not_500(app, cast, db, source, message):
    cast["admin"].language = "en"  # the messages below are the English msgids
    db.session.commit()
    client = app.test_client()
    login(client, cast["admin"].email)
    answer = client.post("/admin/letter-template",
                         data={"kind": "letter", "file": (io.BytesIO(docx_with(source)), "laiskas.docx")},
                         content_type="multipart/form-data")
    assert answer.status_code == 422 and message in answer.get_data(as_text=True)
    assert db.session.query(LetterTemplate).count() == 0
