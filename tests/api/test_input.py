"""Bad input over the API: readable 422s, nothing stored; text pasted from Word is cleaned."""

from __future__ import annotations

import os

import pytest

from reviewflow.models import Comment, DraftFile
from tests.api.test_refusals import problem_of
from tests.pure.samples import MINIMAL_PDF, docm_bytes, docx_bytes


@pytest.mark.parametrize("data", ["not json", "[1, 2]", '"text"', "3", "{bad"])
def test_bodies_that_are_not_json_objects_are_422(api, data):
    response = api["lawyer"].post("/drafts", data=data, content_type="application/json")
    body = problem_of(response, 422)
    assert "JSON" in body["detail"]


def test_wrong_types_in_a_registration_are_422(api, draft_payload):
    for field, value in (("title", 5), ("kind", ["law"]), ("institution", {"x": 1}),
                         ("received_date", "01/02/2026"), ("reply_deadline", "2026-02-30")):
        body = problem_of(api["lawyer"].post("/drafts", json={**draft_payload, field: value}), 422)
        assert field in body["errors"], (field, body)
    assert api["lawyer"].get("/drafts").get_json()["total"] == 0


def test_bad_query_parameters_are_422(api):
    for params in ({"page": "x"}, {"page": "0"}, {"per_page": "1000"}, {"deadline_from": "soon"},
                   {"state": "lost"}, {"sort": "title"}, {"page": str(10**30)}):
        problem_of(api["lawyer"].get("/drafts", query_string=params), 422)


def test_control_characters_in_text_are_cleaned(api, db, in_consultation):
    pasted = "Pirma eilutė\x0bantra\x00\x07 eilutė\x1f"
    created = api["vilnius"].post(f"/drafts/{in_consultation.id}/comments",
                                  json={"text": pasted, "proposed_wording": "A\x0bB\x0c"})
    assert created.status_code == 201
    stored = db.session.get(Comment, created.get_json()["id"])
    assert stored.text == "Pirma eilutė\nantra eilutė"
    assert stored.proposed_wording == "A\nB"
    edited = api["vilnius"].patch(f"/comments/{stored.id}", json={"text": "Nauja\x0bversija\x1b"})
    assert edited.get_json()["text"] == "Nauja\nversija"


def _stored_files(app) -> list[str]:
    folder = app.config["UPLOAD_FOLDER"]
    return os.listdir(folder) if os.path.isdir(folder) else []


def test_a_docx_is_stored_and_can_be_downloaded(api, app, db, registered):
    data = docx_bytes("1 straipsnis. Paskirtis", "1. Šis įstatymas nustato…")
    response = api["lawyer"].post(f"/drafts/{registered.id}/files", data={
        "role": "draft_text", "file": (__import__("io").BytesIO(data), "projektas.docx")},
        content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()
    record = response.get_json()
    download = api["lawyer"].get(f"/drafts/{registered.id}/files/{record['id']}")
    assert download.status_code == 200 and download.data == data
    assert "projektas.docx" in download.headers["Content-Disposition"]
    assert api["lawyer"].get(f"/drafts/{registered.id}").get_json()["files"][0]["name"] == "projektas.docx"


@pytest.mark.parametrize(("name", "data", "words"), [
    ("projektas.docx", b"This is plain text renamed to .docx", "neither"),
    ("projektas.docx", docm_bytes(), "macros"),
    ("projektas.docm", docm_bytes(), "macros"),
    ("tuscias.pdf", b"", "empty"),
    ("didelis.pdf", MINIMAL_PDF + b"%" * 1024 * 1024, "larger than the limit of 1 MB"),
])
def test_bad_uploads_are_422_and_store_nothing(api, app, db, registered, name, data, words):
    import io

    app.config["MAX_UPLOAD_BYTES"] = 1024 * 1024  # read per request, like every limit
    before = _stored_files(app)
    response = api["lawyer"].post(f"/drafts/{registered.id}/files", data={
        "role": "draft_text", "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    body = problem_of(response, 422)
    assert words in body["detail"] and "file" in body["errors"]
    assert db.session.query(DraftFile).count() == 0
    assert _stored_files(app) == before


def test_uploads_need_lsa_staff_and_a_file(api, cast, db, in_consultation):
    import io

    response = api["vilnius"].post(f"/drafts/{in_consultation.id}/files", data={
        "role": "other", "file": (io.BytesIO(MINIMAL_PDF), "a.pdf")}, content_type="multipart/form-data")
    problem_of(response, 403)
    problem_of(api["lawyer"].post(f"/drafts/{in_consultation.id}/files", data={"role": "other"},
                                  content_type="multipart/form-data"), 422)
    problem_of(api["lawyer"].post(f"/drafts/{in_consultation.id}/files", json={"role": "other"}), 422)
    assert db.session.query(DraftFile).count() == 0
