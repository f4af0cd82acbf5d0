"""The signed letter: uploaded after approval for a real letter whose PDF exists, checked against that PDF,
kept as the letter of record, offered back; who may do it; how the letter was sent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import render_template_string
from flask_login import login_user
from sqlalchemy import select

from reviewflow.models import AuditEntry, LetterStatus
from reviewflow.services import files, letters
from reviewflow.services.clock import vilnius_today
from tests.api.conftest import Api, stored_token
from tests.conftest import login
from tests.documents.signing_kit import make_asice, make_signer, minimal_pdf, sign_pades
from tests.letters.conftest import approve, fire

LETTER_PDF = minimal_pdf("LSA atsakymas Nr. 1")


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


@pytest.fixture
def approved(app, cast, at_board, db):
    """An approved draft whose letter is ready with a PDF (stored here, as the worker would store it)."""
    approve(at_board, cast)
    letter = letters.latest_letter(at_board.id)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "letters"
    letter.pdf_stored_name = files.store_file(folder, LETTER_PDF, ".pdf")
    letter.status = LetterStatus.READY
    db.session.commit()
    return at_board


@pytest.fixture
def api(client, cast):
    return {name: Api(client, stored_token(user)) for name, user in cast.items()}


def upload(caller: Api, draft_id: int, data: bytes, name: str = "rastas.pdf"):
    return caller.post(f"/drafts/{draft_id}/letter/signed", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


# --- the letter of record ------------------------------------------------------------------------

def test_a_pades_letter_signed_over_its_pdf_becomes_the_letter_of_record(api, approved, signer, db):
    signed = sign_pades(LETTER_PDF, signer)
    response = upload(api["lawyer"], approved.id, signed)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["signer_name"] == "VARDENIS PAVARDENIS"
    assert body["format"] == "pades" and body["letter_version"] == 1 and body["trust_checked"] is False
    letter = letters.latest_letter(approved.id)
    assert letter.signer_name == "VARDENIS PAVARDENIS" and letter.signed_format == "pades"
    assert body["signed_at"] == letter.signed_at.isoformat() and letter.signed_at.utcoffset().total_seconds() == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "upload_signed_letter"))
    assert entry.payload["signer"] == "VARDENIS PAVARDENIS" and entry.payload["version"] == 1
    download = api["lawyer"].get(f"/drafts/{approved.id}/letter/signed")
    assert download.status_code == 200 and download.data == signed
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].endswith("-v1-pasirasytas.pdf")


def test_an_asice_container_of_the_letter_becomes_the_letter_of_record(api, approved, signer):
    container = make_asice({"rastas.pdf": LETTER_PDF}, signer)
    response = upload(api["lawyer"], approved.id, container, name="rastas.adoc")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["format"] == "asice"
    download = api["lawyer"].get(f"/drafts/{approved.id}/letter/signed")
    assert download.data == container and download.mimetype == "application/vnd.etsi.asic-e+zip"
    assert download.headers["Content-Disposition"].endswith("-v1-pasirasytas.adoc")


def test_the_letter_endpoint_gives_the_signed_letter_with_format_signed(api, approved, signer):
    signed = sign_pades(LETTER_PDF, signer)
    assert upload(api["lawyer"], approved.id, signed).status_code == 201
    response = api["lawyer"].get(f"/drafts/{approved.id}/letter?format=signed")
    assert response.status_code == 200 and response.data == signed


# --- refusals ------------------------------------------------------------------------------------

def test_a_file_signed_over_another_pdf_is_refused_with_the_reason(api, approved, signer):
    response = upload(api["lawyer"], approved.id, sign_pades(minimal_pdf("Kitas rastas"), signer))
    assert response.status_code == 422
    number = letters.latest_letter(approved.id).our_number
    assert response.get_json()["detail"] == (
        f"What was signed is not this letter: the signed content differs from the PDF of version 1 of letter "
        f"{number}. Sign the PDF downloaded from the draft's page.")
    assert letters.latest_letter(approved.id).signed_stored_name is None


def test_a_container_with_two_documents_is_refused_through_the_api(api, approved, signer):
    container = make_asice({"rastas.pdf": LETTER_PDF, "priedas.pdf": minimal_pdf("Priedas")}, signer)
    response = upload(api["lawyer"], approved.id, container, name="rastas.asice")
    assert response.status_code == 422
    assert response.get_json()["errors"]["file"] == (
        "The container holds 2 documents (rastas.pdf, priedas.pdf); a signed letter holds exactly one.")


def test_another_extension_is_refused(api, approved, signer):
    response = upload(api["lawyer"], approved.id, sign_pades(LETTER_PDF, signer), name="rastas.docx")
    assert response.status_code == 422
    assert response.get_json()["detail"] == "Upload the signed letter as a .pdf, .asice, .sce, .adoc or .edoc file."


def test_before_approval_there_is_nothing_to_sign(api, at_board, signer):
    response = upload(api["lawyer"], at_board.id, sign_pades(LETTER_PDF, signer))
    assert response.status_code == 409
    assert response.get_json()["detail"] == "A signed letter is uploaded once the board has approved the position."


def test_a_letter_without_a_pdf_cannot_take_a_signed_file(api, approved, signer, db):
    letters.latest_letter(approved.id).pdf_stored_name = None
    db.session.commit()
    response = upload(api["lawyer"], approved.id, sign_pades(LETTER_PDF, signer))
    assert response.status_code == 409
    assert response.get_json()["detail"] == (
        "The letter has no PDF yet: the signed file is checked against the letter's PDF.")


# --- who may -------------------------------------------------------------------------------------

def test_a_specialist_can_neither_upload_nor_download_before_sending(api, approved, signer, client, make_user):
    assert upload(api["lawyer"], approved.id, sign_pades(LETTER_PDF, signer)).status_code == 201
    refused = upload(api["vilnius"], approved.id, sign_pades(LETTER_PDF, signer))
    assert refused.status_code == 403
    assert refused.get_json()["detail"] == "Only LSA lawyers and administrators upload the signed letter."
    assert api["vilnius"].get(f"/drafts/{approved.id}/letter/signed").status_code == 403
    stranger = Api(client, stored_token(make_user("specialist", municipality="LT-13")))  # not invited
    assert stranger.get(f"/drafts/{approved.id}/letter/signed").status_code == 404
    assert upload(stranger, approved.id, sign_pades(LETTER_PDF, signer)).status_code == 404


def test_once_sent_the_invited_municipality_gets_the_signed_letter(api, approved, signer, cast, db):
    signed = sign_pades(LETTER_PDF, signer)
    assert upload(api["lawyer"], approved.id, signed).status_code == 201
    fire(approved, "mark_sent", cast["lawyer"], sent_date=vilnius_today().isoformat(), sent_via="e_delivery")
    response = api["vilnius"].get(f"/drafts/{approved.id}/letter/signed")
    assert response.status_code == 200 and response.data == signed


# --- how it was sent -----------------------------------------------------------------------------

def test_mark_sent_records_how_the_letter_went_out(api, approved, db):
    response = api["lawyer"].post(f"/drafts/{approved.id}/transitions", json={
        "name": "mark_sent", "sent_date": vilnius_today().isoformat(), "sent_via": "post"})
    assert response.status_code == 200, response.get_json()
    db.session.refresh(approved)
    assert approved.sent_via == "post"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mark_sent"))
    assert entry.payload["sent_via"] == "post"


def test_mark_sent_refuses_an_unknown_way(api, approved):
    response = api["lawyer"].post(f"/drafts/{approved.id}/transitions", json={
        "name": "mark_sent", "sent_date": vilnius_today().isoformat(), "sent_via": "pigeon"})
    assert response.status_code == 422
    assert response.get_json()["errors"]["sent_via"] == (
        "sent_via must be one of e_delivery, email, post, other; got 'pigeon'.")


def test_the_mark_sent_form_offers_the_ways(client, approved, cast, db):
    login(client, cast["lawyer"].email)
    page = client.get(f"/drafts/{approved.id}/act/mark_sent")
    assert page.status_code == 200
    assert b'name="sent_via"' in page.data and b'<option selected value="e_delivery">' in page.data
    done = client.post(f"/drafts/{approved.id}/act/mark_sent",
                       data={"sent_date": vilnius_today().isoformat(), "sent_via": "email"})
    assert done.status_code == 302
    db.session.refresh(approved)
    assert approved.sent_via == "email"


# --- the pages -----------------------------------------------------------------------------------

def test_the_page_upload_keeps_the_file_and_the_panel_shows_signer_and_time(app, client, approved, cast, signer):
    login(client, cast["lawyer"].email)
    signed = sign_pades(LETTER_PDF, signer)
    response = client.post(f"/drafts/{approved.id}/letter/signed", data={"file": (io.BytesIO(signed), "r.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith(f"/drafts/{approved.id}#signed-letter")
    assert client.get(f"/drafts/{approved.id}/letter/signed").data == signed
    html = panel(app, approved, cast["lawyer"])
    assert "VARDENIS PAVARDENIS" in html and f"/drafts/{approved.id}/letter/signed" in html
    assert "(tikrinimas pagal ES patikimus sąrašus), čia netikrinama" in html
    assert 'name="file"' in html  # LSA staff may replace it


def test_a_refused_page_upload_says_why_and_keeps_nothing(client, approved, cast):
    login(client, cast["lawyer"].email)
    response = client.post(f"/drafts/{approved.id}/letter/signed",
                           data={"file": (io.BytesIO(LETTER_PDF), "r.pdf")}, content_type="multipart/form-data",
                           follow_redirects=True)
    assert "PDF faile nėra elektroninio parašo." in response.get_data(as_text=True)
    assert letters.latest_letter(approved.id).signed_stored_name is None


def test_the_panel_is_hidden_from_a_specialist_before_sending(app, approved, cast):
    assert panel(app, approved, cast["vilnius"]).strip() == ""


def panel(app, draft, user) -> str:
    with app.test_request_context():
        login_user(user)
        return render_template_string('{% include "letters/_signed.html" %}', draft=draft)
