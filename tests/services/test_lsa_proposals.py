"""Proposals of LSA's own that no municipality made: the lawyer's and the committee's (issue 8, item 7)."""

from __future__ import annotations

import pytest

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, DraftState, ProposalOrigin
from reviewflow.services import consolidation, consultation
from tests.api.conftest import Api, stored_token
from tests.services.test_lsa_words import AMENDED, TEXT, add_anchors, consolidating, fire


@pytest.fixture
def draft(cast, registered):
    """A draft with nested anchors, in consolidation, with Vilnius' proposal on article 3."""
    registered.anchors = add_anchors(registered)
    registered.vilnius = consolidating(cast, registered, [("vilnius", TEXT)])[0]
    return registered


def test_the_lawyer_adds_an_accepted_proposal_of_lsas_own(cast, draft):
    quoted = draft.anchors["quoted"]
    proposal = consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {
        "provision_id": quoted.id, "lsa_text": "LSA siūlo patikslinti terminą.", "lsa_wording": "per 10 dienų"})
    stored = db.session.get(Comment, proposal.id)
    assert (stored.origin, stored.municipality_id, stored.decision.value, stored.merged_into_id) == (
        ProposalOrigin.LSA, None, "accepted", None)
    assert (stored.lsa_text, stored.lsa_wording) == ("LSA siūlo patikslinti terminą.", "per 10 dienų")
    assert (stored.provision_id, stored.article, stored.part) == (quoted.id, "5", "2")
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "add_lsa_proposal"))
    assert entry.payload["comment_id"] == proposal.id and entry.actor_id == cast["lawyer"].id
    group = next(g for g in consolidation.consolidated_table(draft.id) if g.label == AMENDED)
    assert [c.id for c in group.comments] == [proposal.id]


def test_lsa_text_is_required_and_the_provision_must_be_the_drafts(cast, draft, registered):
    with pytest.raises(Invalid) as missing:
        consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {"article": "2"})
    assert "lsa_text" in missing.value.errors
    with pytest.raises(Invalid) as foreign:
        consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {"provision_id": 10**6, "lsa_text": "x"})
    assert "provision_id" in foreign.value.errors


def test_who_adds_them_and_when(cast, draft):
    payload = {"article": "4", "lsa_text": "Komiteto siūlymas."}
    with pytest.raises(Forbidden):
        consolidation.add_lsa_proposal(draft.id, cast["vilnius"], payload)
    with pytest.raises(Forbidden):
        consolidation.add_lsa_proposal(draft.id, cast["other_lawyer"], payload)
    with pytest.raises(Conflict):  # the committee's turn comes at its review
        consolidation.add_lsa_proposal(draft.id, cast["ivpk"], payload)
    consolidation.decide_comment(draft.vilnius.id, cast["lawyer"], {"decision": "accepted"})
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports", "text": "Pritariame."})
    fire(draft, "send_to_committee", cast["lawyer"])
    assert draft.state == DraftState.COMMITTEE_REVIEW
    with pytest.raises(Conflict):
        consolidation.add_lsa_proposal(draft.id, cast["lawyer"], payload)
    with pytest.raises(NotFound):  # another committee does not even see the draft
        consolidation.add_lsa_proposal(draft.id, cast["fin"], payload)
    added = consolidation.add_lsa_proposal(draft.id, cast["ivpk"], payload)
    assert (added.author_id, added.origin, added.decision.value) == (cast["ivpk"].id, ProposalOrigin.LSA, "accepted")


def test_an_lsa_proposal_does_not_hold_up_the_committee_and_can_be_removed(cast, draft):
    proposal = consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {"lsa_text": "Bendras LSA siūlymas."})
    with pytest.raises(Forbidden):
        consultation.delete_comment(proposal.id, cast["other_lawyer"])
    consultation.delete_comment(proposal.id, cast["lawyer"])
    assert db.session.get(Comment, proposal.id) is None
    consolidation.decide_comment(draft.vilnius.id, cast["lawyer"], {"decision": "accepted"})
    consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {"lsa_text": "Kitas LSA siūlymas."})
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports", "text": "Pritariame."})
    fire(draft, "send_to_committee", cast["lawyer"])  # LSA's own proposal is decided already
    assert draft.state == DraftState.COMMITTEE_REVIEW


def test_the_api_adds_them_and_hides_them_from_municipalities(cast, draft, client):
    lawyer, vilnius = Api(client, stored_token(cast["lawyer"])), Api(client, stored_token(cast["vilnius"]))
    refused = vilnius.post(f"/drafts/{draft.id}/proposals", json={"lsa_text": "Mes."})
    assert refused.status_code == 403
    invalid = lawyer.post(f"/drafts/{draft.id}/proposals", json={"article": "2"})
    assert invalid.status_code == 422 and "lsa_text" in invalid.get_json()["errors"]
    created = lawyer.post(f"/drafts/{draft.id}/proposals", json={
        "article": "2", "part": "1", "lsa_text": "LSA siūlo papildyti.", "lsa_wording": "„Papildoma nuostata.“"})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["origin"], body["municipality"], body["decision"], body["lsa_text"], body["lsa_wording"]) == (
        "lsa", None, "accepted", "LSA siūlo papildyti.", "„Papildoma nuostata.“")
    listed = lawyer.get(f"/drafts/{draft.id}/comments").get_json()
    assert {(i["origin"], i["municipality"]) for i in listed["items"]} == {("lsa", None), ("municipality", "LT-57")}
    assert [i["id"] for i in vilnius.get(f"/drafts/{draft.id}/comments").get_json()["items"]] == [draft.vilnius.id]
    assert vilnius.get(f"/comments/{body['id']}").status_code == 404
    # A municipality sees the lifecycle steps, as on the draft page, never LSA's own proposals.
    seen = vilnius.get(f"/drafts/{draft.id}/timeline").get_json()["items"]
    assert "add_lsa_proposal" not in {e["action"] for e in seen}
    assert "add_lsa_proposal" in {e["action"] for e in lawyer.get(f"/drafts/{draft.id}/timeline").get_json()["items"]}
    assert lawyer.delete(f"/comments/{body['id']}").status_code == 204
