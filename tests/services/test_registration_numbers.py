"""Registration: pasted numbers, duplicates, later revisions, titles in capitals, the letter's requisites."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Committee, Draft, DraftState, Signatory
from reviewflow.services.draft_numbers import DuplicateDraft
from reviewflow.services.drafts import register_draft, set_draft_signatory, set_letter_subject
from reviewflow.services.letters import letter_subject_for


def register(payload, user, number, **extra):
    return register_draft({**payload, "number": number, **extra}, user)


def test_a_pasted_number_is_stored_clean(cast, draft_payload):
    draft = register(draft_payload, cast["lawyer"], "  Nr. XIVP-3597 (2). ").draft
    assert (draft.number_raw, draft.number, draft.revision) == ("XIVP-3597(2)", "XIVP-3597", 2)


def test_a_title_in_capitals_is_stored_in_normal_case(cast, draft_payload):
    title = "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS"
    draft = register_draft({**draft_payload, "title": title}, cast["lawyer"]).draft
    assert draft.title == ("Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio "
                           "pakeitimo įstatymas")


@pytest.mark.parametrize(("first", "again"), [
    ("XIVP-3597(2)", "Pr. XIVP-3597(2)."),
    ("XIVP-3597", "NR. XIVP-3597"),
    ("22-1234", "Nr. 22-1234"),
])
def test_the_same_number_and_revision_is_refused_with_the_registered_draft(cast, draft_payload, first, again):
    existing = register(draft_payload, cast["lawyer"], first).draft
    with pytest.raises(DuplicateDraft) as refused:
        register(draft_payload, cast["lawyer"], again)
    assert refused.value.existing.id == existing.id
    assert refused.value.status == 409 and "number" in refused.value.errors
    assert refused.value.problem_extra == {"existing": {"id": existing.id, "number": existing.number_raw,
                                                        "title": existing.title}}
    assert db.session.scalars(select(Draft.id)).all() == [existing.id]


def test_a_duplicate_can_be_registered_knowingly(cast, draft_payload):
    first = register(draft_payload, cast["lawyer"], "XIVP-3597(2)").draft
    second = register(draft_payload, cast["lawyer"], "XIVP-3597(2)", allow_duplicate=True).draft
    assert second.id != first.id and second.previous_revision_id is None


def test_a_later_revision_links_to_the_newest_earlier_one(cast, draft_payload):
    lawyer = cast["lawyer"]
    plain = register(draft_payload, lawyer, "XIVP-3597").draft
    first = register(draft_payload, lawyer, "XIVP-3597(1)")
    third = register(draft_payload, lawyer, "Nr. XIVP-3597(3)")
    second = register(draft_payload, lawyer, "XIVP-3597(2)")
    assert (first.draft.previous_revision_id, first.previous.id) == (plain.id, plain.id)
    assert third.draft.previous_revision_id == first.draft.id
    assert second.draft.previous_revision_id == first.draft.id  # the newest revision *before* (2)
    assert register(draft_payload, lawyer, "XIVP-9999(2)").draft.previous_revision_id is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.draft_id == third.draft.id))
    assert entry.payload["previous_revision_id"] == first.draft.id


def test_revision_of_names_the_earlier_draft_explicitly(cast, draft_payload):
    lawyer = cast["lawyer"]
    one = register(draft_payload, lawyer, "XIVP-3597(1)").draft
    other = register(draft_payload, lawyer, "XIVP-1(1)").draft
    two = register(draft_payload, lawyer, "XIVP-3597(2)", revision_of=one.id).draft
    assert two.previous_revision_id == one.id
    for wrong in (other.id, 10**12, "1", True):
        with pytest.raises(Invalid) as refused:
            register(draft_payload, lawyer, "XIVP-3597(3)", revision_of=wrong)
        assert "revision_of" in refused.value.errors


def test_the_lawyer_corrects_the_subject_and_empty_brings_back_the_generated_one(cast, registered):
    generated = letter_subject_for(registered)
    assert generated.startswith("DĖL ")
    set_letter_subject(registered.id, cast["lawyer"], "  DĖL VIETOS SAVIVALDOS\nĮSTATYMO PROJEKTO  ")
    db.session.expire_all()
    draft = db.session.get(Draft, registered.id)
    assert draft.letter_subject == "DĖL VIETOS SAVIVALDOS ĮSTATYMO PROJEKTO"
    assert letter_subject_for(draft) == "DĖL VIETOS SAVIVALDOS ĮSTATYMO PROJEKTO"
    set_letter_subject(registered.id, cast["admin"], "   ")
    db.session.expire_all()
    draft = db.session.get(Draft, registered.id)
    assert draft.letter_subject is None and letter_subject_for(draft) == generated
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "set_letter_subject")
                                 .order_by(AuditEntry.id)).all()
    assert [e.payload for e in entries] == [
        {"before": None, "after": "DĖL VIETOS SAVIVALDOS ĮSTATYMO PROJEKTO"},
        {"before": "DĖL VIETOS SAVIVALDOS ĮSTATYMO PROJEKTO", "after": None},
    ]


def test_saving_the_generated_subject_unchanged_keeps_it_generated(cast, registered):
    set_letter_subject(registered.id, cast["lawyer"], letter_subject_for(registered))
    db.session.expire_all()
    assert db.session.get(Draft, registered.id).letter_subject is None


@pytest.mark.parametrize(("role", "refusal"), [("vilnius", NotFound), ("ivpk", Forbidden), ("board", Forbidden)])
def test_only_lsa_staff_change_the_subject(cast, registered, role, refusal):
    # In board review with IVPK, the committee and the board see the draft; the uninvited specialist does not.
    registered.committee_id = db.session.scalar(select(Committee.id).where(Committee.code == "IVPK"))
    registered.state = DraftState.BOARD_REVIEW
    db.session.commit()
    with pytest.raises(refusal):
        set_letter_subject(registered.id, cast[role], "DĖL KITKO")
    assert db.session.get(Draft, registered.id).letter_subject is None


@pytest.mark.parametrize("state", [DraftState.APPROVED, DraftState.SENT, DraftState.WITHDRAWN])
def test_the_subject_and_signatory_are_fixed_once_approved(cast, registered, state):
    registered.state = state
    db.session.commit()
    with pytest.raises(Conflict):
        set_letter_subject(registered.id, cast["lawyer"], "DĖL KITKO")
    with pytest.raises(Conflict):
        set_draft_signatory(registered.id, cast["lawyer"], None)


def test_a_signatory_is_chosen_among_the_active_ones(cast, registered):
    active = Signatory(name="Ona Onaitė", position="Prezidentė", active=True)
    gone = Signatory(name="Jonas Jonaitis", position="Direktorius", active=False)
    db.session.add_all([active, gone])
    db.session.commit()
    assert set_draft_signatory(registered.id, cast["lawyer"], active.id).signatory_id == active.id
    for wrong in (gone.id, 10**12, -1):
        with pytest.raises(Invalid) as refused:
            set_draft_signatory(registered.id, cast["lawyer"], wrong)
        assert "signatory_id" in refused.value.errors
    assert set_draft_signatory(registered.id, cast["lawyer"], None).signatory_id is None
