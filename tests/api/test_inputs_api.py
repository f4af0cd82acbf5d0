"""The API's side of trial 4's input faults: list filters, draft numbers, letters, provisions, the timeline."""

from __future__ import annotations

from datetime import timedelta

from reviewflow.models import Comment
from reviewflow.services.clock import vilnius_today
from reviewflow.services.payload import MAX_TEXT
from tests.api.test_refusals import problem_of


def test_drafts_filter_by_kind_and_received_period_and_name_a_bad_value(api, draft_payload):
    lawyer, today = api["lawyer"], vilnius_today()
    for number, kind, days_ago in (("XIVP-2001", "law", 30), ("XIVP-2002", "law", 3), ("VN-2003", "other", 3)):
        received = today - timedelta(days=days_ago)
        assert lawyer.post("/drafts", json={
            **draft_payload, "number": number, "kind": kind, "incoming_letter_number": f"L-{number}",
            "received_date": received.isoformat(), "incoming_letter_date": received.isoformat(),
        }).status_code == 201
    since = (today - timedelta(days=10)).isoformat()
    listed = lawyer.get(f"/drafts?kind=law&received_from={since}&unknown_parameter=1").get_json()
    assert [d["number"] for d in listed["items"]] == ["XIVP-2002"]
    assert listed["total"] == 1
    assert [d["number"] for d in lawyer.get("/drafts?kind=other").get_json()["items"]] == ["VN-2003"]
    assert set(problem_of(lawyer.get("/drafts?kind=statute"), 422)["errors"]) == {"kind"}
    backwards = problem_of(lawyer.get("/drafts?received_from=2026-12-10&received_to=2026-12-01"), 422)
    assert set(backwards["errors"]) == {"received_from", "received_to"}
    assert set(problem_of(lawyer.get("/drafts?received_to=1.12.2026"), 422)["errors"]) == {"received_to"}


def test_a_number_without_letter_or_digit_is_422_and_a_known_letter_is_named(api, draft_payload):
    lawyer = api["lawyer"]
    refused = problem_of(lawyer.post("/drafts", json={**draft_payload, "number": "%%%"}), 422)
    assert set(refused["errors"]) == {"number"}
    first = lawyer.post("/drafts", json=draft_payload).get_json()
    assert first["same_letter"] is None
    # The same institution's letter, another draft (one letter may bring two): kept, with the first one named.
    second = lawyer.post("/drafts", json={**draft_payload, "number": "XIVP-2436",
                                          "incoming_letter_number": draft_payload["incoming_letter_number"].upper()})
    assert second.status_code == 201
    assert second.get_json()["same_letter"] == {"id": first["id"], "number": "XIVP-2435(2)", "title": first["title"]}
    for number in ("23-12345", "2026-01234", "Nr. XIVP-3120(2)."):
        other = lawyer.post("/drafts", json={**draft_payload, "number": number, "incoming_letter_number": number})
        assert other.status_code == 201, other.get_json()
        assert other.get_json()["same_letter"] is None


def test_a_provision_that_is_not_a_number_is_422_naming_the_field(api, db, in_consultation):
    vilnius = api["vilnius"]
    path = f"/drafts/{in_consultation.id}/comments"
    refused = problem_of(vilnius.post(path, json={"article": "abc; DROP", "text": "Pastaba"}), 422)
    assert set(refused["errors"]) == {"article"} and "abc; DROP" in refused["errors"]["article"]
    assert set(problem_of(vilnius.post(path, json={"article": "3", "point": "4.x", "text": "P"}), 422)["errors"]) \
        == {"point"}
    made = vilnius.post(path, json={"article": "12-1", "part": "3", "point": "4.1.", "text": "Pastaba"})
    assert made.status_code == 201, made.get_json()
    stored = db.session.get(Comment, made.get_json()["id"])
    assert (stored.article, stored.part, stored.point) == ("12-1", "3", "4.1")
    raised = vilnius.post(path, json={"article": "25^1", "text": "Įterptas straipsnis"}).get_json()
    assert db.session.get(Comment, raised["id"]).article == "25¹"
    assert db.session.query(Comment).filter(Comment.article == "abc; DROP").count() == 0
    too_long = problem_of(vilnius.post(path, json={"text": "x" * (MAX_TEXT + 1)}), 422)
    assert set(too_long["errors"]) == {"text"}


def test_a_specialist_reads_the_timeline_the_draft_page_shows(api, cast, in_consultation):
    from reviewflow.permissions import can_see_audit_entry
    from reviewflow.services import consultation, queries

    consultation.add_comment(in_consultation, cast["kaunas"], {"article": "1", "text": "Kauno pastaba"})
    seen = api["vilnius"].get(f"/drafts/{in_consultation.id}/timeline")
    assert seen.status_code == 200
    items = seen.get_json()["items"]
    page_rule = [e.id for e in queries.timeline(in_consultation.id) if can_see_audit_entry(cast["vilnius"], e)]
    assert [i["id"] for i in items] == page_rule and {i["action"] for i in items} == {
        "register", "assign", "open_consultation"}
    assert all(i["payload"] == {} for i in items) and "LT-15" not in str(items)
    staff = api["lawyer"].get(f"/drafts/{in_consultation.id}/timeline").get_json()["items"]
    assert len(staff) > len(items) and any(i["payload"] for i in staff)
