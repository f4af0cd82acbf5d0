"""XIVP-3120(2), sent with four LSA proposals, and XIVP-3120(3) whose text renumbers, removes and changes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from reviewflow.models import Comment, Draft, Provision
from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import register_draft
from tests.pure.samples import docx_bytes

REVISION_2 = docx_bytes(
    "LIETUVOS RESPUBLIKOS SOCIALINIŲ PASLAUGŲ ĮSTATYMAS",
    "1 straipsnis. Paskirtis",
    "1. Įstatymas nustato savivaldybių socialinių paslaugų tvarką.",
    "2 straipsnis. Sąvokos",
    "1. Seniūnija – savivaldybės administracijos padalinys.",
    "2. Paslaugų gavėjas – asmuo, gaunantis paslaugas.",
    "3 straipsnis. Finansavimas",
    "1. Savivaldybė teikia socialines paslaugas.",
    "2. Paslaugos teikiamos pagal planą.",
    "4 straipsnis. Nuostatai",
    "1. Seniūnijų nuostatus tvirtina administracijos direktorius.",
    "5 straipsnis. Įsigaliojimas",
    "1. Įstatymas įsigalioja 2027 m. sausio 1 d.",
)
# 2 straipsnio 1 dalis removed (its 2 dalis becomes the 1st), 3 straipsnio both parts changed (the 1st as
# LSA proposed, in the initiator's spacing), a new 5 straipsnis, so the old 5 is now 6 with the same words.
REVISION_3 = docx_bytes(
    "LIETUVOS RESPUBLIKOS SOCIALINIŲ PASLAUGŲ ĮSTATYMAS",
    "1 straipsnis. Paskirtis",
    "1. Įstatymas nustato savivaldybių socialinių paslaugų tvarką.",
    "2 straipsnis. Sąvokos",
    "1. Paslaugų gavėjas – asmuo, gaunantis paslaugas.",
    "3 straipsnis. Finansavimas",
    "1. Savivaldybė  teikia socialines paslaugas ir gauna tam valstybės biudžeto lėšų.",
    "2. Paslaugos teikiamos pagal savivaldybės tarybos patvirtintą planą.",
    "4 straipsnis. Nuostatai",
    "1. Seniūnijų nuostatus tvirtina administracijos direktorius.",
    "5 straipsnis. Duomenų teikimas",
    "1. Savivaldybės teikia duomenis ministerijai.",
    "6 straipsnis. Įsigaliojimas",
    "1. Įstatymas įsigalioja 2027 m. sausio 1 d.",
)


@dataclass
class RevisedWorld:
    """The two revisions and LSA's proposals on the earlier one, named by what becomes of them."""

    earlier: Draft
    later: Draft
    taken: Comment  # 3 straipsnio 1 dalis, wording taken word for word
    ignored: Comment  # 4 straipsnio 1 dalis, Vilnius' wording taken over by LSA, nothing changed
    changed: Comment  # 3 straipsnio 2 dalis, changed otherwise
    removed: Comment  # 2 straipsnio 1 dalis, removed
    rejected: Comment  # Kaunas' on 5 straipsnio 1 dalis (now 6 straipsnio 1 dalis), rejected: not sent


def payload(number: str, **extra) -> dict:
    """A registration payload for a Seimas draft."""
    today = vilnius_today()
    return {"title": "Socialinių paslaugų įstatymo projektas", "number": number, "kind": "law",
            "institution": "Lietuvos Respublikos Seimas", "incoming_letter_number": "S-1",
            "incoming_letter_date": today.isoformat(), "received_date": today.isoformat(), **extra}


def provision(draft: Draft, label: str) -> Provision:
    """The draft's provision with this label."""
    from reviewflow.extensions import db

    return db.session.scalar(select(Provision).where(Provision.draft_id == draft.id, Provision.label == label))


def fire(draft, name, user, **values):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, values, recent_login=True)


@pytest.fixture
def revised(cast):
    """XIVP-3120(2) walked to SENT (Vilnius and Kaunas invited), then XIVP-3120(3) registered (Vilnius invited)."""
    lawyer = cast["lawyer"]
    earlier = register_draft(payload("XIVP-3120(2)"), lawyer, [("draft_text", "projektas.docx", REVISION_2)]).draft
    fire(earlier, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(earlier, "open_consultation", lawyer, municipalities=["LT-57", "LT-15"])
    ignored = consultation.add_comment(earlier, cast["vilnius"], {
        "provision_id": provision(earlier, "4 straipsnio 1 dalis").id,
        "text": "Nuostatus turėtų tvirtinti taryba.",
        "proposed_wording": "Seniūnijų nuostatus tvirtina savivaldybės taryba."})
    rejected = consultation.add_comment(earlier, cast["kaunas"], {
        "provision_id": provision(earlier, "5 straipsnio 1 dalis").id, "text": "Įsigalioti vėliau."})
    fire(earlier, "close_consultation", lawyer, reason="Baigta")
    consolidation.decide_comment(ignored.id, lawyer, {"decision": "accepted", "lsa_text": "Tvirtina taryba."})
    consolidation.decide_comment(rejected.id, lawyer, {"decision": "rejected", "reasons": "Terminas pakankamas."})

    def own(label: str, text: str, wording: str) -> Comment:
        return consolidation.add_lsa_proposal(earlier.id, lawyer, {
            "provision_id": provision(earlier, label).id, "lsa_text": text, "lsa_wording": wording})

    taken = own("3 straipsnio 1 dalis", "Numatyti lėšas.",
                "Savivaldybė teikia socialines paslaugas ir gauna tam valstybės biudžeto lėšų.")
    changed = own("3 straipsnio 2 dalis", "Planą tvirtina ministerija.",
                  "Paslaugos teikiamos pagal ministerijos patvirtintą planą.")
    removed = own("2 straipsnio 1 dalis", "Patikslinti sąvoką.",
                  "Seniūnija – savivaldybės administracijos struktūrinis teritorinis padalinys.")
    consolidation.save_position(earlier.id, lawyer, {"version": 0, "stance": "supports_with_remarks",
                                                     "text": "LSA pritaria su pastabomis."})
    fire(earlier, "skip_committee", lawyer, reason="Skubu")
    fire(earlier, "approve", cast["board"], decision_number="VN-12", decision_date=vilnius_today().isoformat())
    fire(earlier, "mark_sent", lawyer, sent_date=vilnius_today().isoformat())
    later = register_draft(payload("XIVP-3120(3)"), lawyer, [("draft_text", "projektas.docx", REVISION_3)]).draft
    fire(later, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(later, "open_consultation", lawyer, municipalities=["LT-57"])
    return RevisedWorld(earlier=earlier, later=later, taken=taken, ignored=ignored, changed=changed,
                        removed=removed, rejected=rejected)
