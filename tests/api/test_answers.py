"""The initiator's answer over the API: list with counts, one answer, import and confirm, refusals."""

from __future__ import annotations

import io

from tests.documents.answer_docs import committee_conclusion
from tests.services.answers_world import sent  # noqa: F401


def _upload(client, draft_id, data=None, name="Komiteto išvada.docx"):
    return client.post(f"/drafts/{draft_id}/answer-imports",
                       data={"file": (io.BytesIO(data or committee_conclusion()), name)},
                       content_type="multipart/form-data")


def test_import_confirm_and_the_counts_per_outcome(api, sent):  # noqa: F811
    lawyer, did = api["lawyer"], sent.draft.id
    imported = _upload(lawyer, did)
    assert imported.status_code == 200, imported.get_json()
    body = imported.get_json()
    assert body["source"] == "Komiteto išvada.docx" and body["other_rows"] == 2
    assert [(m["row"], m["comment_id"], m["answer"]["outcome"]) for m in body["matches"]] == [
        (2, sent.fifth.id, "taken"), (4, sent.tenth.id, "not_taken")]
    assert [(m["row"], m["comment_id"], m["answer"]["provision"]) for m in body["unmatched"]] == [
        (5, None, "1 (12) str. (4) d. 2 p.")]
    assert lawyer.get(f"/drafts/{did}/answers").get_json()["counts"]["unanswered"] == 3  # nothing saved yet

    confirm = [{"row": m["row"], "comment_id": m["comment_id"], "outcome": m["answer"]["outcome"],
                "arguments": m["answer"]["arguments"], "source": body["source"]} for m in body["matches"]]
    saved = lawyer.post(f"/drafts/{did}/answer-imports/confirm", json=confirm)
    assert saved.status_code == 200, saved.get_json()
    assert [(i["comment_id"], i["outcome"]) for i in saved.get_json()["items"]] == [
        (sent.fifth.id, "taken"), (sent.tenth.id, "not_taken")]

    put = lawyer.put(f"/comments/{sent.own.id}/initiator-answer",
                     json={"outcome": "partly", "arguments": "Bus svarstoma.", "source": "Raštas Nr. 5"})
    assert put.status_code == 200, put.get_json()
    assert (put.get_json()["outcome"], put.get_json()["recorded_by"]) == ("partly", sent.draft.lawyer.email)

    listed = lawyer.get(f"/drafts/{did}/answers").get_json()
    assert listed["counts"] == {"taken": 1, "partly": 1, "not_taken": 1, "unanswered": 0}
    fifth = next(i for i in listed["items"] if i["comment_id"] == sent.fifth.id)
    assert (fifth["provision"], fifth["lsa_text"], fifth["source"]) == (
        "5 str. 2 d.", sent.fifth.lsa_text, "Komiteto išvada.docx")
    assert fifth["municipalities"] == ["LT-15", "LT-57"]  # Kaunas' identical proposal was merged into it


def test_confirm_takes_an_object_with_the_source(api, sent):  # noqa: F811
    saved = api["admin"].post(f"/drafts/{sent.draft.id}/answer-imports/confirm", json={
        "source": "Derinimo pažyma", "matches": [{"row": 3, "comment_id": sent.tenth.id, "outcome": "taken"}]})
    assert saved.status_code == 200
    assert saved.get_json()["items"][0]["source"] == "Derinimo pažyma"


def test_specialists_and_committee_members_get_403(api, sent):  # noqa: F811
    did = sent.draft.id
    for who in ("vilnius", "ivpk"):
        client = api[who]
        assert client.get(f"/drafts/{did}/answers").status_code == 403
        assert client.put(f"/comments/{sent.fifth.id}/initiator-answer", json={"outcome": "taken"}).status_code == 403
        assert _upload(client, did).status_code == 403
        assert client.post(f"/drafts/{did}/answer-imports/confirm",
                           json=[{"comment_id": sent.fifth.id, "outcome": "taken"}]).status_code == 403


def test_wrong_input_is_422(api, sent):  # noqa: F811
    lawyer, did = api["lawyer"], sent.draft.id
    wrong = lawyer.put(f"/comments/{sent.fifth.id}/initiator-answer", json={"outcome": "maybe"})
    assert wrong.status_code == 422 and "outcome" in wrong.get_json()["errors"]
    assert _upload(lawyer, did, b"not a word file").status_code == 422
    no_file = lawyer.post(f"/drafts/{did}/answer-imports", data={}, content_type="multipart/form-data")
    assert no_file.status_code == 422 and "file" in no_file.get_json()["errors"]
    assert lawyer.post(f"/drafts/{did}/answer-imports/confirm", json=[]).status_code == 422
    assert lawyer.post(f"/drafts/{did}/answer-imports/confirm", data=b"[1,", content_type="application/json"
                       ).status_code == 422
