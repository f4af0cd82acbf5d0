"""What a municipality sees over the API before and after LSA's letter is sent: nothing of LSA's decisions and no
letter before; after, LSA's decision and reasons on each of its own comments (never another's), the letter, and
later the initiator's answers and a newer revision it may open."""

from __future__ import annotations

import pytest

from reviewflow.permissions import can_read_letter, can_see_outcome
from reviewflow.services import answers, drafts, lifecycle
from tests.documents.signing_kit import make_signer
from tests.services.outcome_world import approved, mark_sent, store_signed  # noqa: F401


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


def by_id(body: dict) -> dict[int, dict]:
    return {item["id"]: item for item in body["items"]}


LETTER_URLS = ("/letter", "/letter?format=pdf", "/letter?format=signed", "/letter/signed")


def test_before_sending_a_municipality_sees_no_decision_and_cannot_download_the_letter(api, cast, approved,  # noqa: F811
                                                                                       signer):
    draft = approved.draft
    store_signed(approved, cast["lawyer"], signer)  # approved and signed, not yet sent
    assert not can_read_letter(cast["vilnius"], draft) and not can_see_outcome(cast["vilnius"], draft)
    for url in LETTER_URLS:
        assert api["vilnius"].get(f"/drafts/{draft.id}{url}").status_code == 403, url
        assert api["lawyer"].get(f"/drafts/{draft.id}{url}").status_code == 200, url
    listed = api["vilnius"].get(f"/drafts/{draft.id}/comments")
    assert set(by_id(listed.get_json())) == {approved.fifth.id, approved.rejected.id}
    assert all("outcome" not in item and "decision" not in item for item in listed.get_json()["items"])
    assert "sent_date" not in listed.get_json() and "Vilniaus priežastys" not in listed.get_data(as_text=True)
    one = api["vilnius"].get(f"/comments/{approved.rejected.id}").get_json()
    assert "outcome" not in one and "reasons" not in one


def test_after_sending_each_municipality_sees_lsas_decisions_on_its_own_comments_only(api, cast, approved,  # noqa: F811
                                                                                      signer):
    draft = approved.draft
    signed = store_signed(approved, cast["lawyer"], signer)
    refused = api["lawyer"].post(f"/drafts/{draft.id}/transitions", json={
        "name": "mark_sent", "sent_date": draft.received_date.isoformat(), "email_initiator": True})
    assert refused.status_code == 422 and "email_initiator" in refused.get_json()["errors"]  # no address
    mark_sent(approved, cast["lawyer"])

    vilnius = api["vilnius"].get(f"/drafts/{draft.id}/comments")
    items = by_id(vilnius.get_json())
    assert set(items) == {approved.fifth.id, approved.rejected.id}
    assert items[approved.fifth.id]["outcome"] == {"decision": "accepted", "reasons": None, "merged": False,
                                                   "initiator_answer": None}
    assert items[approved.rejected.id]["outcome"]["reasons"] == "Vilniaus priežastys."
    assert vilnius.get_json()["sent_date"] == draft.sent_date.isoformat()
    text = vilnius.get_data(as_text=True)
    assert "Kauno priežastys" not in text and "Seniūnijų" not in text and "LSA vidinis" not in text

    kaunas = by_id(api["kaunas"].get(f"/drafts/{draft.id}/comments").get_json())
    assert set(kaunas) == {approved.fifth_kaunas.id, approved.tenth.id}
    assert kaunas[approved.fifth_kaunas.id]["outcome"]["merged"] is True  # decided with Vilnius' identical one
    assert kaunas[approved.tenth.id]["outcome"]["decision"] == "partly_accepted"
    assert kaunas[approved.tenth.id]["outcome"]["reasons"] == "Kauno priežastys."
    # Another municipality's comment stays hidden, even by its id.
    assert api["kaunas"].get(f"/comments/{approved.rejected.id}").status_code == 404
    assert api["vilnius"].get(f"/comments/{approved.rejected.id}").get_json()["outcome"]["decision"] == "rejected"

    letter = api["vilnius"].get(f"/drafts/{draft.id}/letter?format=signed")
    assert letter.status_code == 200 and letter.data == signed
    assert api["kaunas"].get(f"/drafts/{draft.id}/letter?format=pdf").status_code == 200


def test_the_initiators_answer_and_a_newer_revision_reach_the_municipality(api, cast, approved,  # noqa: F811
                                                                          draft_payload):
    draft = approved.draft
    mark_sent(approved, cast["lawyer"])
    answers.record_answer(approved.fifth.id, cast["lawyer"], {"outcome": "partly", "arguments": "Iš dalies, nes."})
    newer = drafts.register_draft(dict(draft_payload, number="XIVP-2435(3)"), cast["lawyer"]).draft
    assert newer.previous_revision_id == draft.id
    lifecycle.fire_transition(newer.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    lifecycle.fire_transition(newer.id, "open_consultation", cast["lawyer"], {"municipalities": ["LT-15"]})

    kaunas = api["kaunas"].get(f"/drafts/{draft.id}/comments").get_json()
    answer = by_id(kaunas)[approved.fifth_kaunas.id]["outcome"]["initiator_answer"]
    assert (answer["outcome"], answer["arguments"]) == ("partly", "Iš dalies, nes.")
    assert kaunas["newer_revisions"] == [{"id": newer.id, "number_raw": "XIVP-2435(3)", "revision": 3}]
    # Vilnius is not invited to the newer revision: it is not offered a draft it cannot open.
    vilnius = api["vilnius"].get(f"/drafts/{draft.id}/comments").get_json()
    assert vilnius["newer_revisions"] == []
    assert by_id(vilnius)[approved.fifth.id]["outcome"]["initiator_answer"]["outcome"] == "partly"
