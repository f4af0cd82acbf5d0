"""Fixtures for letters: the services' cast and a draft walked to the board, with proposals."""

import pytest

from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.services.clock import vilnius_today
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


def fire(draft, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


@pytest.fixture
def at_board(cast, registered):  # noqa: F811
    """A draft in board review with decided, merged and rejected proposals in scrambled order."""
    draft = registered
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    add = consultation.add_comment
    tenth = add(draft, cast["vilnius"], {"article": "10", "text": "Dešimtas <straipsnis> & „kabutės“ {{ 7*7 }}",
                                         "proposed_wording": "Nauja 10 str. redakcija"})
    second = add(draft, cast["vilnius"], {"article": "2", "part": "1", "text": "Antras straipsnis.",
                                          "proposed_wording": "Savivaldybė užtikrina…"})
    same = add(draft, cast["kaunas"], {"article": "2", "part": "1", "text": "Antras straipsnis.",
                                       "proposed_wording": "Savivaldybė užtikrina…"})
    rejected = add(draft, cast["kaunas"], {"article": "3", "text": "Atmestinas pasiūlymas."})
    fire(draft, "close_consultation", cast["lawyer"], reason="Baigta")
    decide = consolidation.decide_comment
    consolidation.merge_comments(second.id, [same.id], cast["lawyer"])
    decide(second.id, cast["lawyer"], {"decision": "accepted"})
    decide(tenth.id, cast["lawyer"], {"decision": "partly_accepted", "reasons": "Iš dalies.",
                                      "lsa_wording": "LSA siūloma redakcija."})
    decide(rejected.id, cast["lawyer"], {"decision": "rejected", "reasons": "Neatitinka tikslų."})
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports_with_remarks",
                                                           "text": "LSA pritaria su pastabomis."})
    fire(draft, "skip_committee", cast["lawyer"], reason="Skubu")
    return draft


def approve(draft, people):
    """The board approves with decision VN-12 today."""
    return fire(draft, "approve", people["board"], decision_number="VN-12", decision_date=vilnius_today().isoformat())
