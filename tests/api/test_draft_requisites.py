"""The API's draft: the letter's subject and signatory (GET/PATCH), duplicates and revisions (POST)."""

from __future__ import annotations

from reviewflow.extensions import db
from reviewflow.models import DraftState
from reviewflow.services.letters import generated_subject

SEEDED_NAME = "Vardenis Pavardenis"  # the default signatory seeded from LETTER_SIGNATORY_*


def test_the_api_gives_and_takes_the_subject_and_signatory(api, cast, registered):
    lawyer = api["lawyer"]
    body = lawyer.get(f"/drafts/{registered.id}").get_json()
    assert body["letter_subject"] == generated_subject(registered)
    assert body["letter_subject_corrected"] is False
    assert body["signatory_id"] is None and body["signatory"]["name"] == SEEDED_NAME
    assert body["previous_revision_id"] is None
    changed = lawyer.patch(f"/drafts/{registered.id}", json={"letter_subject": "DĖL KITO"})
    assert changed.status_code == 200
    assert (changed.get_json()["letter_subject"], changed.get_json()["letter_subject_corrected"]) == ("DĖL KITO", True)
    back = lawyer.patch(f"/drafts/{registered.id}", json={"letter_subject": None}).get_json()
    assert back["letter_subject"] == generated_subject(registered)
    problem = lawyer.patch(f"/drafts/{registered.id}", json={"title": "Kitas"})
    assert problem.status_code == 422 and "title" in problem.get_json()["errors"]
    bad = lawyer.patch(f"/drafts/{registered.id}", json={"signatory_id": 99999})
    assert bad.status_code == 422 and "signatory_id" in bad.get_json()["errors"]
    assert api["ivpk"].patch(f"/drafts/{registered.id}", json={"letter_subject": "X"}).status_code == 404
    registered.state = DraftState.APPROVED
    db.session.commit()
    assert lawyer.patch(f"/drafts/{registered.id}", json={"letter_subject": "X"}).status_code == 409


def test_the_api_refuses_a_duplicate_with_409_and_links_revisions(api, registered, draft_payload):
    lawyer = api["lawyer"]
    duplicate = lawyer.post("/drafts", json={**draft_payload, "number": "Nr. XIVP-2435(2)."})
    assert duplicate.status_code == 409
    assert duplicate.get_json()["existing"]["id"] == registered.id
    later = lawyer.post("/drafts", json={**draft_payload, "number": "XIVP-2435(3)"})
    assert later.status_code == 201 and later.get_json()["previous_revision_id"] == registered.id
    explicit = lawyer.post("/drafts", json={**draft_payload, "number": "XIVP-2435(5)", "revision_of": registered.id})
    assert explicit.get_json()["previous_revision_id"] == registered.id
    wrong = lawyer.post("/drafts", json={**draft_payload, "number": "XIVP-2435(6)", "revision_of": 10**12})
    assert wrong.status_code == 422 and "revision_of" in wrong.get_json()["errors"]
    again = lawyer.post("/drafts", json={**draft_payload, "allow_duplicate": True})
    assert again.status_code == 201
