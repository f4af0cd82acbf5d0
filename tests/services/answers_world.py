"""A sent draft with the proposals LSA sent (one merged, one of LSA's own) and one it rejected."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reviewflow.models import Comment, Draft
from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.services.clock import vilnius_today

FIFTH = ("Siūlome 5 straipsnio 2 dalyje nustatyti, kad savivaldybė užtikrina socialinių paslaugų teikimą "
         "ir gauna tam valstybės biudžeto lėšų.")


@dataclass
class SentWorld:
    """The sent draft and its proposals by role: ``fifth`` (merged with Kaunas' same), ``tenth``, ``own``."""

    draft: Draft
    fifth: Comment
    fifth_kaunas: Comment
    tenth: Comment
    own: Comment
    rejected: Comment


def fire(draft, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


@pytest.fixture
def sent(cast, registered):
    """The draft walked to SENT with LSA's proposals on articles 5, 8 and 10 (and a rejected one on 3)."""
    draft = registered
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    add = consultation.add_comment
    fifth = add(draft, cast["vilnius"], {"article": "5", "part": "2",
                                         "text": "Savivaldybėms trūksta lėšų socialinėms paslaugoms.",
                                         "proposed_wording": "Savivaldybė užtikrina socialinių paslaugų teikimą "
                                                             "ir gauna tam valstybės biudžeto lėšų."})
    same = add(draft, cast["kaunas"], {"article": "5", "part": "2",
                                       "text": "Savivaldybėms trūksta lėšų socialinėms paslaugoms.",
                                       "proposed_wording": "Savivaldybė užtikrina socialinių paslaugų teikimą "
                                                           "ir gauna tam valstybės biudžeto lėšų."})
    tenth = add(draft, cast["kaunas"], {"article": "10", "text": "Seniūnijų nuostatus turėtų tvirtinti taryba, "
                                                                 "ne administracijos direktorius."})
    rejected = add(draft, cast["vilnius"], {"article": "3", "text": "Atmestinas pasiūlymas dėl 3 straipsnio."})
    fire(draft, "close_consultation", cast["lawyer"], reason="Baigta")
    lawyer = cast["lawyer"]
    consolidation.merge_comments(fifth.id, [same.id], lawyer)
    consolidation.decide_comment(fifth.id, lawyer, {"decision": "accepted", "lsa_text": FIFTH})
    consolidation.decide_comment(tenth.id, lawyer, {
        "decision": "partly_accepted", "reasons": "Iš dalies.",
        "lsa_text": "10 straipsnį išdėstyti nauja redakcija.",
        "lsa_wording": "Savivaldybės taryba tvirtina seniūnijų nuostatus."})
    consolidation.decide_comment(rejected.id, lawyer, {"decision": "rejected", "reasons": "Neatitinka tikslų."})
    own = consolidation.add_lsa_proposal(draft.id, lawyer, {
        "article": "8", "lsa_text": "8 straipsnyje numatyti pereinamąjį laikotarpį iki 2028 metų."})
    consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports_with_remarks",
                                                   "text": "LSA pritaria su pastabomis."})
    fire(draft, "skip_committee", lawyer, reason="Skubu")
    today = vilnius_today().isoformat()
    fire(draft, "approve", cast["board"], decision_number="VN-12", decision_date=today)
    fire(draft, "mark_sent", lawyer, sent_date=today)
    return SentWorld(draft=draft, fifth=fifth, fifth_kaunas=same, tenth=tenth, own=own, rejected=rejected)
