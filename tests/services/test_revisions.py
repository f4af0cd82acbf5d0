"""Revisions: the chain, the comparison with the previous revision, and the fate of LSA's proposals."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import AuditEntry
from reviewflow.services import answers, consultation, revisions
from reviewflow.services.drafts import register_draft
from tests.pure.samples import docx_bytes
from tests.services.revisions_world import fire, payload, provision, revised  # noqa: F401

EXPECTED_STATUSES = [
    ("unchanged", "1 straipsnis", "1 straipsnis", False),
    ("unchanged", "1 straipsnio 1 dalis", "1 straipsnio 1 dalis", False),
    ("unchanged", "2 straipsnis", "2 straipsnis", False),
    ("removed", "2 straipsnio 1 dalis", None, False),
    ("unchanged", "2 straipsnio 2 dalis", "2 straipsnio 1 dalis", True),
    ("unchanged", "3 straipsnis", "3 straipsnis", False),
    ("changed", "3 straipsnio 1 dalis", "3 straipsnio 1 dalis", False),
    ("changed", "3 straipsnio 2 dalis", "3 straipsnio 2 dalis", False),
    ("unchanged", "4 straipsnis", "4 straipsnis", False),
    ("unchanged", "4 straipsnio 1 dalis", "4 straipsnio 1 dalis", False),
    ("added", None, "5 straipsnis", False),
    ("added", None, "5 straipsnio 1 dalis", False),
    ("unchanged", "5 straipsnis", "6 straipsnis", True),
    ("unchanged", "5 straipsnio 1 dalis", "6 straipsnio 1 dalis", True),
]


def test_the_later_revision_is_linked_and_the_chain_runs_oldest_first(cast, revised):  # noqa: F811
    assert revised.later.previous_revision_id == revised.earlier.id
    for draft in (revised.earlier, revised.later):
        chain = revisions.revision_chain(draft.id, cast["lawyer"])
        assert [d.number_raw for d in chain] == ["XIVP-3120(2)", "XIVP-3120(3)"]


def test_the_chain_holds_only_the_revisions_the_user_may_see(cast, make_user, revised):  # noqa: F811
    # Vilnius was invited to both; a specialist of Alytus to neither.
    assert [d.id for d in revisions.revision_chain(revised.later.id, cast["vilnius"])] == [
        revised.earlier.id, revised.later.id]
    kaunas = revisions.revision_chain(revised.earlier.id, cast["kaunas"])  # invited to (2) only
    assert [d.id for d in kaunas] == [revised.earlier.id]
    with pytest.raises(NotFound):
        revisions.revision_chain(revised.later.id, cast["kaunas"])


def test_every_provision_gets_its_status_and_the_renumbered_article_is_found(cast, revised):  # noqa: F811
    result = revisions.changes(revised.later.id, cast["lawyer"])
    assert result.previous.id == revised.earlier.id
    assert [(c.status.value, c.old_label, c.new_label, c.renumbered) for c in result.items] == EXPECTED_STATUSES
    assert result.counts == {"added": 2, "removed": 1, "changed": 2, "unchanged": 9}


def test_a_changed_part_carries_its_word_difference(cast, revised):  # noqa: F811
    items = revisions.changes(revised.later.id, cast["lawyer"]).items
    second = next(c for c in items if c.new_label == "3 straipsnio 2 dalis")
    assert [(s.op, s.text) for s in second.diff] == [
        ("equal", "2. Paslaugos teikiamos pagal"), ("insert", " savivaldybės tarybos patvirtintą"),
        ("equal", " planą.")]
    first = next(c for c in items if c.new_label == "3 straipsnio 1 dalis")
    assert [(s.op, s.text) for s in first.diff] == [  # the initiator's double space is no change
        ("equal", "1. Savivaldybė  teikia socialines paslaugas"),
        ("insert", " ir gauna tam valstybės biudžeto lėšų"), ("equal", ".")]


def test_each_proposal_gets_its_fate_next_to_the_initiators_answer(cast, revised):  # noqa: F811
    lawyer = cast["lawyer"]
    answers.record_answer(revised.taken.id, lawyer, {"outcome": "taken"})
    answers.record_answer(revised.ignored.id, lawyer, {"outcome": "not_taken", "arguments": "Nepagrįsta."})
    proposals = revisions.changes(revised.later.id, lawyer).proposals
    assert {p.comment.id: (p.fate.value, p.provision.label, p.new_label, p.outcome) for p in proposals} == {
        revised.taken.id: ("taken", "3 straipsnio 1 dalis", "3 straipsnio 1 dalis", "taken"),
        revised.ignored.id: ("not_taken", "4 straipsnio 1 dalis", "4 straipsnio 1 dalis", "not_taken"),
        revised.changed.id: ("changed", "3 straipsnio 2 dalis", "3 straipsnio 2 dalis", None),
        revised.removed.id: ("removed", "2 straipsnio 1 dalis", None, None),
    }


def test_a_municipality_sees_the_fates_but_not_the_initiators_answers(cast, revised):  # noqa: F811
    answers.record_answer(revised.taken.id, cast["lawyer"], {"outcome": "taken"})
    proposals = revisions.changes(revised.later.id, cast["vilnius"]).proposals
    assert sorted((p.fate.value, p.outcome) for p in proposals) == [
        ("changed", None), ("not_taken", None), ("removed", None), ("taken", None)]


def test_the_first_revision_has_nothing_to_compare(cast, revised):  # noqa: F811
    result = revisions.changes(revised.earlier.id, cast["lawyer"])
    assert (result.previous, result.items, result.proposals) == (None, [], None)


def test_an_uninvited_specialist_is_told_the_draft_does_not_exist(cast, revised):  # noqa: F811
    with pytest.raises(NotFound):
        revisions.changes(revised.later.id, cast["kaunas"])


def test_comments_and_decisions_follow_their_provisions_to_the_new_revision(cast, revised):  # noqa: F811
    carried = revisions.carry_over_comments(revised.later.id, cast["lawyer"])
    assert carried.skipped == 1  # the one on the removed 2 straipsnio 1 dalis
    got = {old.id: (new.draft_id, new.provision.label, new.decision.value, new.reasons, new.lsa_wording,
                    new.initiator_outcome) for new, old in carried.pairs}
    assert got == {
        revised.ignored.id: (revised.later.id, "4 straipsnio 1 dalis", "accepted", None,
                             "Seniūnijų nuostatus tvirtina savivaldybės taryba.", None),
        revised.rejected.id: (revised.later.id, "6 straipsnio 1 dalis", "rejected", "Terminas pakankamas.", None,
                              None),
        revised.taken.id: (revised.later.id, "3 straipsnio 1 dalis", "accepted", None, revised.taken.lsa_wording,
                           None),
        revised.changed.id: (revised.later.id, "3 straipsnio 2 dalis", "accepted", None,
                             revised.changed.lsa_wording, None),
    }
    assert revisions.carried_from(revised.later.id) == {new.id: old.id for new, old in carried.pairs}
    again = revisions.carry_over_comments(revised.later.id, cast["lawyer"])
    assert (again.pairs, again.skipped) == ([], 5)


def test_only_lsa_staff_carry_over_and_only_onto_a_later_revision(cast, revised):  # noqa: F811
    with pytest.raises(Forbidden):
        revisions.carry_over_comments(revised.later.id, cast["vilnius"])
    with pytest.raises(Conflict):
        revisions.carry_over_comments(revised.earlier.id, cast["lawyer"])


# XIVP-3120(4): 4 straipsnio 1 dalis now as Vilnius proposed, and 6 straipsnis gets a second part.
REVISION_4 = docx_bytes(
    "LIETUVOS RESPUBLIKOS SOCIALINIŲ PASLAUGŲ ĮSTATYMAS",
    "1 straipsnis. Paskirtis",
    "1. Įstatymas nustato savivaldybių socialinių paslaugų tvarką.",
    "2 straipsnis. Sąvokos",
    "1. Paslaugų gavėjas – asmuo, gaunantis paslaugas.",
    "3 straipsnis. Finansavimas",
    "1. Savivaldybė  teikia socialines paslaugas ir gauna tam valstybės biudžeto lėšų.",
    "2. Paslaugos teikiamos pagal savivaldybės tarybos patvirtintą planą.",
    "4 straipsnis. Nuostatai",
    "1. Seniūnijų nuostatus tvirtina savivaldybės taryba.",
    "5 straipsnis. Duomenų teikimas",
    "1. Savivaldybės teikia duomenis ministerijai.",
    "6 straipsnis. Įsigaliojimas",
    "1. Įstatymas įsigalioja 2027 m. sausio 1 d.",
    "2. Įstatymo 5 straipsnis įsigalioja 2027 m. liepos 1 d.",
)
OPEN_IN_4 = ["4 straipsnio 1 dalis", "6 straipsnio 2 dalis"]


def register_fourth(cast, revised):  # noqa: F811
    """XIVP-3120(4) registered after (3) and assigned, not yet in consultation."""
    lawyer = cast["lawyer"]
    fourth = register_draft(payload("XIVP-3120(4)"), lawyer, [("draft_text", "projektas.docx", REVISION_4)]).draft
    fire(fourth, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    return fourth


def test_carried_comments_point_at_the_comment_they_came_from(cast, revised):  # noqa: F811
    carried = revisions.carry_over_comments(revised.later.id, cast["lawyer"])
    assert {new.carried_from_id: (new.draft_id, old.draft_id) for new, old in carried.pairs} == {
        old.id: (revised.later.id, revised.earlier.id) for _new, old in carried.pairs}
    assert [(c.provision.label, c.carried_from.id) for c in revisions.carried_comments(revised.later.id)] == [
        (new.provision.label, old.id) for new, old in carried.pairs]


def test_a_consultation_limited_to_the_changes_offers_only_changed_and_added_provisions(cast, revised):  # noqa: F811
    fourth = register_fourth(cast, revised)
    assert fourth.previous_revision_id == revised.later.id
    fire(fourth, "open_consultation", cast["lawyer"], municipalities=["LT-57"], scope="changed")
    assert fourth.consultation_scope == "changed"
    assert [p.label for p in revisions.provisions_open_for_comment(fourth)] == OPEN_IN_4
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.draft_id == fourth.id,
                                                       AuditEntry.action == "open_consultation"))
    assert (entry.payload["scope"], entry.payload["open_provisions"]) == ("changed", OPEN_IN_4)
    on_changed = consultation.add_comment(fourth, cast["vilnius"], {
        "provision_id": provision(fourth, "4 straipsnio 1 dalis").id, "text": "Gerai."})
    typed = consultation.add_comment(fourth, cast["vilnius"], {"article": "6", "part": "2", "text": "Per anksti."})
    general = consultation.add_comment(fourth, cast["vilnius"], {"text": "Pritariame pakeitimams."})
    assert [(c.provision_id, c.article, c.part) for c in (on_changed, typed, general)] == [
        (provision(fourth, "4 straipsnio 1 dalis").id, "4", "1"), (None, "6", "2"), (None, None, None)]


def test_a_limited_consultation_refuses_a_comment_on_an_unchanged_provision(cast, revised):  # noqa: F811
    fourth = register_fourth(cast, revised)
    fire(fourth, "open_consultation", cast["lawyer"], municipalities=["LT-57"], scope="changed")
    with pytest.raises(Invalid) as chosen:
        consultation.add_comment(fourth, cast["vilnius"], {
            "provision_id": provision(fourth, "3 straipsnio 1 dalis").id, "text": "Lėšų per mažai."})
    # Lithuanian outside a request once the catalogue has it: the message names the provision and the revision.
    assert list(chosen.value.errors) == ["provision_id"]
    assert "3 straipsnio 1 dalis" in chosen.value.detail and "XIVP-3120(3)" in chosen.value.detail
    with pytest.raises(Invalid) as typed:
        consultation.add_comment(fourth, cast["vilnius"], {"article": "3", "part": "1", "text": "Lėšų per mažai."})
    assert list(typed.value.errors) == ["article"]
    kept = consultation.add_comment(fourth, cast["vilnius"], {
        "provision_id": provision(fourth, "6 straipsnio 2 dalis").id, "text": "Per anksti."})
    with pytest.raises(Invalid):  # nor can a comment be moved onto one
        consultation.edit_comment(kept.id, cast["vilnius"], {"provision_id": provision(fourth, "6 straipsnis").id})
    assert consultation.edit_comment(kept.id, cast["vilnius"], {"text": "Per skubu."}).text == "Per skubu."


def test_an_unlimited_consultation_offers_every_provision(cast, revised):  # noqa: F811
    labels = [p.label for p in revisions.provisions_open_for_comment(revised.later)]
    assert revised.later.consultation_scope is None
    assert labels == [new for _status, _old, new, _renumbered in EXPECTED_STATUSES if new is not None]
    comment = consultation.add_comment(revised.later, cast["vilnius"], {
        "provision_id": provision(revised.later, "1 straipsnio 1 dalis").id, "text": "Be pastabų."})
    assert comment.provision.label == "1 straipsnio 1 dalis"


@pytest.mark.parametrize(("scope", "first"), [
    ("changed", True),  # a first revision has no changes to limit the consultation to
    ("some", False),  # neither "all" nor "changed"
])
def test_a_limited_consultation_is_refused_where_it_cannot_apply(cast, revised, scope, first):  # noqa: F811
    draft = register_draft(payload("XIVP-3121"), cast["lawyer"]).draft if first else register_fourth(cast, revised)
    if first:
        fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    with pytest.raises(Invalid) as refused:
        fire(draft, "open_consultation", cast["lawyer"], scope=scope)
    assert list(refused.value.errors) == ["scope"]
    assert (draft.state.value, draft.consultation_scope) == ("assigned", None)


def test_revision_of_must_name_an_earlier_revision_of_the_same_number(cast, revised):  # noqa: F811
    lawyer = cast["lawyer"]
    with pytest.raises(Invalid) as backwards:
        register_draft(payload("XIVP-3120(1)", revision_of=revised.later.id), lawyer)
    assert list(backwards.value.errors) == ["revision_of"] and "XIVP-3120(3)" in backwards.value.detail
    explicit = register_draft(payload("XIVP-3120(4)", revision_of=revised.earlier.id), lawyer)
    automatic = register_draft(payload("XIVP-3120(5)"), lawyer)  # offered by the number: the newest earlier one
    assert (explicit.draft.previous_revision_id, automatic.previous.id) == (revised.earlier.id, explicit.draft.id)
