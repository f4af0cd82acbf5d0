"""The whole lifecycle over HTTP with the Flask test client, as an outside system would drive it."""

from __future__ import annotations

from reviewflow.services.clock import vilnius_today

TODAY = vilnius_today().isoformat()


def transition(client, draft_id: int, name: str, **fields):
    return client.post(f"/drafts/{draft_id}/transitions", json={"name": name, **fields})


def test_the_whole_walk(api, cast, draft_payload):
    lawyer, admin, board = api["lawyer"], api["admin"], api["board"]
    created = lawyer.post("/drafts", json=draft_payload)
    assert created.status_code == 201, created.get_json()
    draft = created.get_json()
    assert (draft["number"], draft["revision"], draft["state"]) == ("XIVP-2435", 2, "registered")
    assert created.headers["Location"].endswith(f"/api/v1/drafts/{draft['id']}")
    did = draft["id"]

    assigned = transition(admin, did, "assign", lawyer=cast["lawyer"].email, committee="IVPK")
    assert assigned.status_code == 200, assigned.get_json()
    assert assigned.get_json()["state"] == "assigned"
    assert assigned.get_json()["lawyer"] == cast["lawyer"].email
    assert "open_consultation" in lawyer.get(f"/drafts/{did}").get_json()["allowed_transitions"]

    opened = transition(lawyer, did, "open_consultation", municipalities=["LT-57", "LT-15"])
    assert opened.status_code == 200, opened.get_json()
    body = opened.get_json()
    assert body["state"] == "consultation" and body["comment_deadline"] < body["reply_deadline"]
    assert {m["municipality"]: m["status"] for m in body["municipalities"]} == {
        "LT-57": "pending", "LT-15": "pending"}

    vilnius, kaunas = api["vilnius"], api["kaunas"]
    seen = vilnius.get(f"/drafts/{did}").get_json()
    assert "municipalities" not in seen
    assert seen["my_municipality"]["municipality"] == "LT-57"
    assert seen["my_municipality"]["status"] == "pending"

    first = vilnius.post(f"/drafts/{did}/comments", json={
        "article": "3", "part": "2", "text": "Per siauras reguliavimas.",
        "proposed_wording": "Savivaldybė turi teisę…"})
    assert first.status_code == 201, first.get_json()
    assert "decision" not in first.get_json()
    second = kaunas.post(f"/drafts/{did}/comments", json={
        "article": "3", "part": "2", "text": "Kita nuomonė.", "proposed_wording": "Kitaip."})
    assert second.status_code == 201
    # LSA sees both as soon as they are posted, before any answer is submitted.
    table = lawyer.get(f"/drafts/{did}/comments").get_json()
    assert len(table["items"]) == 2 and table["provisions"][0]["contradicting"]

    answered = vilnius.post(f"/drafts/{did}/answer")
    assert answered.status_code == 200 and answered.get_json()["status"] == "answered"
    closed = transition(lawyer, did, "close_consultation", reason="Visos atsakė.")
    assert closed.status_code == 200 and closed.get_json()["state"] == "consolidation"
    # Closing submitted Kaunas' open answer as it stood.
    statuses = {m["municipality"]: m["status"] for m in closed.get_json()["municipalities"]}
    assert statuses == {"LT-57": "answered", "LT-15": "answered"}

    v_id, k_id = first.get_json()["id"], second.get_json()["id"]
    decided = lawyer.patch(f"/comments/{k_id}", json={"decision": "rejected", "reasons": "Prieštarauja."})
    assert decided.status_code == 200 and decided.get_json()["decision"] == "rejected"
    assert lawyer.patch(f"/comments/{v_id}", json={"decision": "accepted"}).status_code == 200

    assert lawyer.get(f"/drafts/{did}/position").get_json() == {"version": 0, "stance": None, "text": ""}
    saved = lawyer.put(f"/drafts/{did}/position",
                       json={"version": 0, "stance": "supports_with_remarks", "text": "Pozicija"})
    assert saved.status_code == 200 and saved.get_json()["version"] == 1
    stale = lawyer.put(f"/drafts/{did}/position", json={"version": 0, "stance": "objects", "text": "Sena"})
    assert stale.status_code == 409
    assert stale.mimetype == "application/problem+json"
    assert stale.get_json()["current"]["text"] == "Pozicija"
    missing = lawyer.put(f"/drafts/{did}/position", json={"stance": "objects", "text": "Be versijos"})
    assert missing.status_code == 409 and missing.get_json()["current"]["version"] == 1

    sent = transition(lawyer, did, "send_to_committee")
    assert sent.status_code == 200 and sent.get_json()["state"] == "committee_review"
    assert sent.get_json()["committee"] == "IVPK"  # the one set at assignment
    opinion = transition(api["ivpk"], did, "give_opinion", opinion="supports", text="Pritariame",
                         meeting_date=TODAY)
    assert opinion.status_code == 200, opinion.get_json()
    assert opinion.get_json()["state"] == "board_review"
    approved = transition(board, did, "approve", decision_number="VN-12", decision_date=TODAY)
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["state"] == "approved"
    done = transition(lawyer, did, "mark_sent", sent_date=TODAY)
    assert done.status_code == 200 and done.get_json()["state"] == "sent"

    actions = [e["action"] for e in lawyer.get(f"/drafts/{did}/timeline").get_json()["items"]]
    assert actions[:3] == ["register", "assign", "open_consultation"]
    assert actions[-3:] == ["give_opinion", "approve", "mark_sent"]
    listed = lawyer.get("/drafts", query_string={"state": "sent", "q": "XIVP-2435"}).get_json()
    assert (listed["total"], listed["pages"], listed["items"][0]["id"]) == (1, 1, did)


def test_queries_for_the_pages(api, cast, registered):
    lawyer = api["lawyer"]
    assert transition(api["admin"], registered.id, "assign", lawyer=cast["lawyer"].email).status_code == 200
    waiting = lawyer.get("/me/waiting").get_json()["items"]
    assert [w["draft"]["id"] for w in waiting] == [registered.id]
    workload = {row["email"]: row for row in lawyer.get("/workload").get_json()["items"]}
    assert workload[cast["lawyer"].email]["open_drafts"] == 1
    assert api["vilnius"].get("/workload").status_code == 403
    me = api["vilnius"].get("/me").get_json()
    assert (me["roles"], me["municipality"]) == (["specialist"], "LT-57")
    filtered = lawyer.get("/drafts", query_string={"lawyer": cast["lawyer"].email, "per_page": 1}).get_json()
    assert (filtered["total"], filtered["per_page"]) == (1, 1)
    assert lawyer.get("/drafts", query_string={"committee": "IVPK"}).get_json()["total"] == 0
    assert api["kaunas"].get("/drafts").get_json()["total"] == 0
