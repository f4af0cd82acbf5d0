"""LSA's own words on each proposal (issue 8, item 7) and grouping by nested anchors."""

from __future__ import annotations

import pytest

from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Provision
from reviewflow.services import consolidation, consultation, lifecycle
from tests.api.conftest import Api, stored_token

AMENDED = "1 straipsniu keičiamo 5 straipsnio 2 dalis"


def fire(draft, name, user, **payload):
    """Fire a transition as ``user``."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


def add_anchors(draft) -> dict[str, Provision]:
    """An amending law's anchors: article 1 quotes article 5 of the amended act; article 5 is also its own."""
    rows = {
        "art1": Provision(draft_id=draft.id, position=1, article="1", label="1 straipsnis", depth=0),
        "quoted": Provision(draft_id=draft.id, position=2, article="5", part="2", scope="1 str.", label=AMENDED,
                            citation="Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies",
                            short="1 (5) str. 2 d.", depth=1),
        "art2": Provision(draft_id=draft.id, position=3, article="2", label="2 straipsnis", depth=0),
        "own": Provision(draft_id=draft.id, position=4, article="5", part="2", label="5 straipsnio 2 dalis",
                         depth=0),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


def consolidating(cast, draft, comments: list[tuple[str, dict]]) -> list[Comment]:
    """Consultation with LT-57 and LT-15, the given comments, then consolidation."""
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    made = [consultation.add_comment(draft, cast[who], payload) for who, payload in comments]
    fire(draft, "close_consultation", cast["lawyer"], reason="Visos atsakė.")
    return made


TEXT = {"article": "3", "text": "Savivaldybėms trūks lėšų.", "proposed_wording": "Finansuojama iš valstybės biudžeto."}


@pytest.fixture
def one(cast, registered):
    """A draft in consolidation with Vilnius' proposal on article 3."""
    return consolidating(cast, registered, [("vilnius", TEXT)])[0]


def test_accepting_fills_lsa_words_from_the_municipality(cast, one):
    decided = consolidation.decide_comment(one.id, cast["lawyer"], {"decision": "accepted"})
    assert (decided.lsa_text, decided.lsa_wording) == (TEXT["text"], TEXT["proposed_wording"])


def test_lawyers_words_win_over_the_municipality(cast, one):
    decided = consolidation.decide_comment(one.id, cast["lawyer"], {
        "decision": "accepted", "lsa_text": "LSA siūlo numatyti finansavimą.", "lsa_wording": ""})
    assert decided.lsa_text == "LSA siūlo numatyti finansavimą."
    assert decided.lsa_wording == TEXT["proposed_wording"]  # empty means "take the municipality's"


def test_partly_accepting_needs_lsas_own_wording(cast, one):
    lawyer = cast["lawyer"]
    with pytest.raises(Invalid) as missing:
        consolidation.decide_comment(one.id, lawyer, {"decision": "partly_accepted", "reasons": "Iš dalies."})
    assert "lsa_wording" in missing.value.errors
    with pytest.raises(Invalid) as same:
        consolidation.decide_comment(one.id, lawyer, {"decision": "partly_accepted", "reasons": "Iš dalies.",
                                                      "lsa_wording": "  finansuojama iš valstybės  biudžeto. "})
    assert "lsa_wording" in same.value.errors
    assert db.session.get(Comment, one.id).decision is None  # nothing was saved
    decided = consolidation.decide_comment(one.id, lawyer, {
        "decision": "partly_accepted", "reasons": "Iš dalies.", "lsa_wording": "Finansuojama iš valstybės "
                                                                              "biudžeto specialiųjų dotacijų."})
    assert decided.lsa_wording == "Finansuojama iš valstybės biudžeto specialiųjų dotacijų."
    assert decided.lsa_text == TEXT["text"]


def test_partly_accepting_may_keep_the_wording_when_lsas_text_says_what_it_supports(cast, one):
    decided = consolidation.decide_comment(one.id, cast["lawyer"], {
        "decision": "partly_accepted", "reasons": "Tik dėl finansavimo šaltinio.",
        "lsa_text": "LSA pritaria tik finansavimo šaltiniui.", "lsa_wording": TEXT["proposed_wording"]})
    assert (decided.lsa_text, decided.lsa_wording) == ("LSA pritaria tik finansavimo šaltiniui.",
                                                       TEXT["proposed_wording"])


def test_rejecting_needs_no_lsa_words(cast, one):
    decided = consolidation.decide_comment(one.id, cast["lawyer"], {"decision": "rejected", "reasons": "Ne."})
    assert (decided.lsa_text, decided.lsa_wording) == (None, None)


def test_only_the_lawyer_writes_lsa_words_during_consolidation(cast, one):
    with pytest.raises(Forbidden):
        consolidation.edit_lsa_words(one.id, cast["other_lawyer"], {"lsa_text": "x"})
    edited = consolidation.edit_lsa_words(one.id, cast["lawyer"], {"lsa_text": "LSA siūlo."})
    assert edited.lsa_text == "LSA siūlo."
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "edit_lsa_words")) is not None
    with pytest.raises(Invalid):
        consolidation.edit_lsa_words(one.id, cast["lawyer"], {"lsa_text": "LSA siūlo.", "text": "kita"})


def test_merged_proposals_follow_their_target(cast, registered):
    first, second = consolidating(cast, registered, [("vilnius", TEXT), ("kaunas", TEXT)])
    lawyer = cast["lawyer"]
    consolidation.merge_comments(first.id, [second.id], lawyer)
    consolidation.decide_comment(first.id, lawyer, {"decision": "partly_accepted", "reasons": "Iš dalies.",
                                                    "lsa_wording": "LSA redakcija."})
    merged = db.session.get(Comment, second.id)
    assert (merged.decision.value, merged.lsa_wording, merged.lsa_text) == (
        "partly_accepted", "LSA redakcija.", TEXT["text"])
    with pytest.raises(Conflict):
        consolidation.edit_lsa_words(second.id, lawyer, {"lsa_text": "x"})
    consolidation.unmerge_comment(second.id, lawyer)
    alone = db.session.get(Comment, second.id)
    assert (alone.decision, alone.lsa_text, alone.lsa_wording) == (None, None, None)


def test_nested_anchors_group_apart_from_the_drafts_own_provision(cast, registered):
    anchors = add_anchors(registered)
    quoted, own = anchors["quoted"].id, anchors["own"].id
    comments = consolidating(cast, registered, [
        ("vilnius", {"provision_id": own, "text": "Dėl pačio projekto 5 str."}),
        ("kaunas", {"provision_id": quoted, "text": "Dėl keičiamo 5 str."}),
        ("vilnius", {"article": "5", "part": "2", "text": "Ranka įvesta 5 str. 2 d."}),
        ("kaunas", {"article": "2", "part": "7", "text": "Nėra tokios dalies struktūroje."}),
        ("vilnius", {"text": "Bendra pastaba."}),
    ])
    table = consolidation.consolidated_table(registered.id)
    assert [(g.label, [c.text for c in g.comments]) for g in table] == [
        (None, ["Bendra pastaba."]),
        (AMENDED, ["Dėl keičiamo 5 str."]),
        (None, ["Nėra tokios dalies struktūroje."]),  # after article 2 (position 3), before article 5
        ("5 straipsnio 2 dalis", ["Dėl pačio projekto 5 str.", "Ranka įvesta 5 str. 2 d."]),
    ]
    assert (table[1].scope, table[1].provision_id) == ("1 str.", quoted)
    with pytest.raises(Invalid):
        consolidation.merge_comments(comments[0].id, [comments[1].id], cast["lawyer"])
    consolidation.merge_comments(comments[0].id, [comments[2].id], cast["lawyer"])
    assert db.session.get(Comment, comments[2].id).merged_into_id == comments[0].id


def test_api_patch_takes_lsa_words_from_the_lawyer_only(cast, one, client):
    lawyer, vilnius = Api(client, stored_token(cast["lawyer"])), Api(client, stored_token(cast["vilnius"]))
    refused = vilnius.patch(f"/comments/{one.id}", json={"lsa_text": "Mes patys."})
    assert refused.status_code == 403
    patched = lawyer.patch(f"/comments/{one.id}", json={"lsa_text": "LSA siūlo.", "lsa_wording": "Redakcija."})
    assert patched.status_code == 200, patched.get_json()
    assert (patched.get_json()["lsa_text"], patched.get_json()["lsa_wording"]) == ("LSA siūlo.", "Redakcija.")
    decided = lawyer.patch(f"/comments/{one.id}", json={"decision": "partly_accepted", "reasons": "Iš dalies."})
    assert decided.status_code == 200 and decided.get_json()["lsa_wording"] == "Redakcija."
    item = lawyer.get(f"/drafts/{one.draft_id}/comments").get_json()["items"][0]
    assert (item["origin"], item["municipality"], item["lsa_text"]) == ("municipality", "LT-57", "LSA siūlo.")
    own = vilnius.get(f"/drafts/{one.draft_id}/comments").get_json()["items"][0]
    assert "lsa_text" not in own and "lsa_wording" not in own and "decision" not in own
    assert "lsa_text" not in vilnius.get(f"/comments/{one.id}").get_json()
