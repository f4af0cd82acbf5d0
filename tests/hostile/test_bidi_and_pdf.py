"""Issue 9, faults 6 and 7: bidirectional controls are stripped wherever control characters are, and
PDFs with active content are refused with a message naming what was found."""

from __future__ import annotations

import io

import pytest

from reviewflow.errors import Invalid
from reviewflow.models import Draft, DraftFile
from reviewflow.services.files import safe_display_name, validate_upload
from reviewflow.text import clean_text
from tests.api.conftest import stored_token
from tests.hostile.samples import ACTIVE_PDFS, HARMLESS_PDFS

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("mark", BIDI, ids=[f"U+{ord(m):04X}" for m in BIDI])
def test_each_bidi_control_is_stripped_from_text_and_file_names(mark):
    assert clean_text(f"Projektas{mark}fdp.exe") == "Projektasfdp.exe"
    assert safe_display_name(f"C:\\temp\\name{mark}gpj.pdf") == "namegpj.pdf"


def test_right_to_left_marks_and_lithuanian_letters_survive():
    # U+200F (a mark, not an override) and letters are not control characters: only the listed ones go.
    assert clean_text("Šiaulių „žodis“ \u200f") == "Šiaulių „žodis“ \u200f"


def test_a_title_and_a_file_name_with_an_override_are_stored_without_it(app, db, make_user, draft_payload):
    lawyer = make_user("lawyer")
    headers = {"Authorization": f"Bearer {stored_token(lawyer)}"}
    client = app.test_client()
    created = client.post("/api/v1/drafts", headers=headers,
                          json={**draft_payload, "title": "Įstatymo \u202eojektas\u202c projektas"})
    assert created.status_code == 201, created.get_json()
    draft_id = created.get_json()["id"]
    assert db.session.get(Draft, draft_id).title == "Įstatymo ojektas projektas"
    upload = {"role": "other", "file": (io.BytesIO(HARMLESS_PDFS["minimal"]), "pazyma\u202egpj.pdf")}
    uploaded = client.post(f"/api/v1/drafts/{draft_id}/files", headers=headers, content_type="multipart/form-data",
                           data=upload)
    assert uploaded.status_code == 201, uploaded.get_json()
    assert uploaded.get_json()["name"] == "pazymagpj.pdf"


@pytest.mark.parametrize("name", ACTIVE_PDFS)
def test_pdfs_with_active_content_are_refused_naming_it(app, name):
    data, active = ACTIVE_PDFS[name]
    with pytest.raises(Invalid) as refused:
        validate_upload("pazyma.pdf", data, 10 * 1024 * 1024)
    assert active in refused.value.detail
    assert "Išspausdinkite dokumentą į naują PDF failą" in refused.value.detail
    assert "file" in refused.value.errors


@pytest.mark.parametrize("name", HARMLESS_PDFS)
def test_pdfs_that_only_open_at_a_page_or_link_to_the_web_are_accepted(app, name):
    assert validate_upload("pazyma.pdf", HARMLESS_PDFS[name], 10 * 1024 * 1024) == "pdf"


def test_an_active_pdf_is_refused_by_page_and_api_and_nothing_is_stored(app, db, make_user, refdata):
    from reviewflow.services.drafts import register_draft
    from tests.conftest import login
    from tests.pages.conftest import registration_payload

    lawyer = make_user("lawyer")
    draft = register_draft(registration_payload(), lawyer).draft
    data, _ = ACTIVE_PDFS["javascript-open-action"]
    api = app.test_client().post(
        f"/api/v1/drafts/{draft.id}/files", headers={"Authorization": f"Bearer {stored_token(lawyer)}"},
        content_type="multipart/form-data", data={"role": "other", "file": (io.BytesIO(data), "a.pdf")})
    assert api.status_code == 422 and "JavaScript" in api.get_json()["detail"]
    page_client = app.test_client()
    assert login(page_client, lawyer.email).status_code == 302
    page = page_client.post(f"/drafts/{draft.id}/files", content_type="multipart/form-data",
                            data={"role": "other", "file": (io.BytesIO(data), "a.pdf")}, follow_redirects=True)
    assert page.status_code == 200  # the draft's page, with the refusal flashed on it
    assert "JavaScript" in page.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(DraftFile).count() == 0
