"""Who may do what over the API: 404 for the unseen, 403 before 422, 409 for the wrong state."""

from __future__ import annotations

from datetime import timedelta

from reviewflow.models import ApiToken, Comment
from reviewflow.models.base import utcnow
from reviewflow.services import consolidation
from reviewflow.services.clock import vilnius_today
from tests.api.conftest import Api, fire, issue_token

TODAY = vilnius_today().isoformat()


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_json()
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["detail"]
    return body


def test_a_draft_the_caller_may_not_see_is_404(api, make_user, client, in_consultation):
    outsider = Api(client, issue_token(client, make_user("specialist", municipality="LT-13").email))
    did = in_consultation.id
    problem_of(outsider.get(f"/drafts/{did}"), 404)
    problem_of(outsider.get(f"/drafts/{did}/comments"), 404)
    problem_of(outsider.post(f"/drafts/{did}/comments", json={"text": "x"}), 404)
    problem_of(outsider.post(f"/drafts/{did}/transitions", json={"name": "close_consultation"}), 404)
    # Not yet with the committee: its member is told why and when (403, permissions.committee_refusal).
    assert "not before your committee yet" in problem_of(api["ivpk"].get(f"/drafts/{did}"), 403)["detail"]
    problem_of(api["lawyer"].get("/drafts/999999"), 404)
    assert outsider.get("/drafts").get_json()["total"] == 0


def test_a_transition_the_caller_may_not_take_is_403(api, in_consultation):
    body = problem_of(api["vilnius"].post(f"/drafts/{in_consultation.id}/transitions",
                                          json={"name": "close_consultation", "reason": "x"}), 403)
    assert "responsible lawyer" in body["detail"]
    problem_of(api["other_lawyer"].post(f"/drafts/{in_consultation.id}/transitions",
                                        json={"name": "close_consultation", "reason": "x"}), 403)


def test_the_role_is_checked_before_the_payload(api, cast, registered):
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email)
    did = registered.id
    bad = {"name": "open_consultation", "municipalities": 5, "comment_deadline": "someday"}
    problem_of(api["other_lawyer"].post(f"/drafts/{did}/transitions", json=bad), 403)
    problem_of(api["other_lawyer"].post(f"/drafts/{did}/transitions",
                                        json={"name": "assign", "lawyer": {"x": 1}, "committee": 7}), 409)
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57"])
    problem_of(api["other_lawyer"].post(f"/drafts/{did}/deadline-extensions",
                                        json={"municipality": 57, "deadline": "never"}), 403)
    problem_of(api["lawyer"].post(f"/drafts/{did}/comments", json={"text": 5, "provision_id": "x"}), 403)
    # With the right role, the same bad payloads are 422 with the field named.
    body = problem_of(api["lawyer"].post(f"/drafts/{did}/deadline-extensions",
                                         json={"municipality": 57, "deadline": "never"}), 422)
    assert "municipality" in body["errors"]
    body = problem_of(api["vilnius"].post(f"/drafts/{did}/comments", json={"text": 5}), 422)
    assert body["errors"] == {"text": "Must be text."}


def test_the_wrong_state_is_409_and_a_bad_payload_422(api, cast, registered):
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email)
    did = registered.id
    body = problem_of(api["lawyer"].post(f"/drafts/{did}/transitions",
                                         json={"name": "close_consultation"}), 409)
    assert "'Assigned'" in body["detail"]  # the state as people name it (issue 13)
    late = (registered.reply_deadline + timedelta(days=1)).isoformat()
    body = problem_of(api["lawyer"].post(f"/drafts/{did}/transitions",
                                         json={"name": "open_consultation", "comment_deadline": late}), 422)
    assert "before the reply date" in body["detail"] and "comment_deadline" in body["errors"]
    body = problem_of(api["lawyer"].post(f"/drafts/{did}/transitions",
                                         json={"name": "open_consultation", "municipalities": ["LT-99"]}), 422)
    assert "LT-99" in body["detail"]
    body = problem_of(api["lawyer"].post(f"/drafts/{did}/transitions", json={"name": "fly"}), 422)
    assert "open_consultation" in body["detail"]
    problem_of(api["lawyer"].post(f"/drafts/{did}/transitions", json={}), 422)
    assert api["lawyer"].get(f"/drafts/{did}").get_json()["state"] == "assigned"  # nothing changed


def test_a_specialist_cannot_touch_another_municipalitys_comments(api, db, in_consultation):
    did = in_consultation.id
    theirs = api["kaunas"].post(f"/drafts/{did}/comments", json={"text": "Kauno pastaba"}).get_json()
    mine = api["vilnius"].post(f"/drafts/{did}/comments", json={"text": "Vilniaus pastaba"}).get_json()
    vilnius = api["vilnius"]
    problem_of(vilnius.get(f"/comments/{theirs['id']}"), 404)
    problem_of(vilnius.patch(f"/comments/{theirs['id']}", json={"text": "pakeista"}), 404)
    problem_of(vilnius.delete(f"/comments/{theirs['id']}"), 404)
    assert db.session.get(Comment, theirs["id"]).text == "Kauno pastaba"
    listed = vilnius.get(f"/drafts/{did}/comments").get_json()
    assert [c["id"] for c in listed["items"]] == [mine["id"]] and "provisions" not in listed
    # A colleague from the same municipality may edit and delete; LSA may not edit.
    colleague = api["vilnius2"]
    assert colleague.patch(f"/comments/{mine['id']}", json={"text": "Patikslinta"}).status_code == 200
    problem_of(api["lawyer"].patch(f"/comments/{mine['id']}", json={"text": "LSA"}), 403)
    assert colleague.delete(f"/comments/{mine['id']}").status_code == 204
    assert db.session.get(Comment, mine["id"]) is None


def test_specialists_see_their_own_status_never_the_others(api, in_consultation):
    seen = api["kaunas"].get(f"/drafts/{in_consultation.id}").get_json()
    assert "municipalities" not in seen
    assert seen["my_municipality"]["municipality"] == "LT-15"
    assert "LT-57" not in str(seen)
    assert "LT-57" not in str(api["kaunas"].get(f"/drafts/{in_consultation.id}/timeline").get_json())
    problem_of(api["kaunas"].get(f"/drafts/{in_consultation.id}/position"), 403)


def test_specialists_never_see_lsa_decisions(api, cast, in_consultation):
    did = in_consultation.id
    comment = api["vilnius"].post(f"/drafts/{did}/comments", json={"text": "Pastaba"}).get_json()
    fire(in_consultation, "close_consultation", cast["lawyer"], reason="Skubu")
    consolidation.decide_comment(comment["id"], cast["lawyer"], {"decision": "rejected", "reasons": "Vidinė"})
    for response in (api["vilnius"].get(f"/comments/{comment['id']}"),
                     api["vilnius"].get(f"/drafts/{did}/comments")):
        assert response.status_code == 200
        assert "Vidinė" not in response.get_data(as_text=True)
        assert "rejected" not in response.get_data(as_text=True)
    assert api["lawyer"].get(f"/comments/{comment['id']}").get_json()["reasons"] == "Vidinė"
    problem_of(api["vilnius"].patch(f"/comments/{comment['id']}", json={"decision": "accepted"}), 403)


def test_answers_and_comments_after_submitting_or_closing_are_409(api, cast, in_consultation):
    did = in_consultation.id
    assert api["vilnius"].post(f"/drafts/{did}/comments", json={"text": "Pastaba"}).status_code == 201
    problem_of(api["vilnius"].post(f"/drafts/{did}/no-comments"), 409)
    assert api["vilnius"].post(f"/drafts/{did}/answer").status_code == 200
    body = problem_of(api["vilnius2"].post(f"/drafts/{did}/comments", json={"text": "Vėliau"}), 409)
    assert "submitted" in body["detail"]
    problem_of(api["kaunas"].post(f"/drafts/{did}/answer"), 409)  # nothing to submit
    assert api["kaunas"].post(f"/drafts/{did}/no-comments").get_json()["status"] == "no_comments"
    fire(in_consultation, "close_consultation", cast["lawyer"], reason="Visi atsakė")
    body = problem_of(api["kaunas"].post(f"/drafts/{did}/comments", json={"text": "Per vėlai"}), 409)
    assert "closed" in body["detail"]


def test_a_late_comment_is_accepted_and_marked_late(api, cast, registered):
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email)
    yesterday = (vilnius_today() - timedelta(days=1)).isoformat()
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"],
         comment_deadline=yesterday)
    late = api["vilnius"].post(f"/drafts/{registered.id}/comments", json={"text": "Vėluojame"})
    assert late.status_code == 201 and late.get_json()["late"] is True
    statuses = {m["municipality"]: m["status"]
                for m in api["lawyer"].get(f"/drafts/{registered.id}").get_json()["municipalities"]}
    assert statuses == {"LT-57": "overdue", "LT-15": "overdue"}
    extended = api["lawyer"].post(f"/drafts/{registered.id}/deadline-extensions", json={
        "municipality": "LT-15", "deadline": (vilnius_today() + timedelta(days=3)).isoformat(),
        "reason": "Prašė"})
    assert extended.status_code == 200 and extended.get_json()["status"] == "pending"
    on_time = api["kaunas"].post(f"/drafts/{registered.id}/comments", json={"text": "Laiku"})
    assert on_time.get_json()["late"] is False


def test_a_municipality_silent_when_the_consultation_closes_did_not_answer(api, cast, in_consultation):
    did = in_consultation.id
    assert api["kaunas"].post(f"/drafts/{did}/no-comments").get_json()["status"] == "no_comments"
    before = {m["municipality"]: m["status"] for m in api["lawyer"].get(f"/drafts/{did}").get_json()["municipalities"]}
    assert before["LT-57"] == "pending"
    fire(in_consultation, "close_consultation", cast["lawyer"], reason="Terminas baigėsi")
    after = {m["municipality"]: m["status"] for m in api["lawyer"].get(f"/drafts/{did}").get_json()["municipalities"]}
    assert after == {**before, "LT-57": "not_answered", "LT-15": "no_comments"}
    assert api["vilnius"].get(f"/drafts/{did}").get_json()["my_municipality"]["status"] == "not_answered"


def test_merging_keeps_every_proposer(api, cast, in_consultation):
    did = in_consultation.id
    ids = [api[who].post(f"/drafts/{did}/comments", json={"article": "5", "text": "Tas pats",
                                                           "proposed_wording": "Taip"}).get_json()["id"]
           for who in ("vilnius", "kaunas")]
    fire(in_consultation, "close_consultation", cast["lawyer"], reason="Skubu")
    problem_of(api["vilnius"].post(f"/comments/{ids[0]}/merge", json={"comments": [ids[1]]}), 403)
    problem_of(api["lawyer"].post(f"/comments/{ids[0]}/merge", json={"comments": "all"}), 422)
    merged = api["lawyer"].post(f"/comments/{ids[0]}/merge", json={"comments": [ids[1]]})
    assert merged.status_code == 200, merged.get_json()
    assert [m["municipality"] for m in merged.get_json()["merged"]] == ["LT-15"]
    # Kaunas still sees its own (merged) proposal, without LSA's fields.
    assert [c["id"] for c in api["kaunas"].get(f"/drafts/{did}/comments").get_json()["items"]] == [ids[1]]
    assert api["lawyer"].post(f"/comments/{ids[1]}/unmerge").get_json()["merged_into"] is None


def test_approve_needs_a_recently_issued_token(api, cast, db, in_consultation):
    draft = in_consultation
    fire(draft, "close_consultation", cast["lawyer"], reason="Skubu")
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports", "text": "T"})
    fire(draft, "skip_committee", cast["lawyer"], reason="Skubu")
    token = db.session.query(ApiToken).filter_by(user_id=cast["board"].id).one()
    token.created_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    payload = {"name": "approve", "decision_number": "VN-3", "decision_date": TODAY}
    body = problem_of(api["board"].post(f"/drafts/{draft.id}/transitions", json=payload), 403)
    assert "recent login" in body["detail"]
    fresh = api["board"].__class__(api["board"].client, issue_token(api["board"].client, cast["board"].email))
    assert fresh.post(f"/drafts/{draft.id}/transitions", json=payload).get_json()["state"] == "approved"
