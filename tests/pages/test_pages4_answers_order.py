"""The initiator-answers page lists LSA's proposals in the consolidation table's order: general comments first."""

from __future__ import annotations

import re

from reviewflow.models import DraftState
from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.services.clock import vilnius_today
from tests.conftest import login
from tests.pages.conftest import draft_in


def test_general_comments_come_first_as_on_the_table(client, people, db):
    """Vilnius' proposal on 2 str. 1 d. (written first), Kaunas' general comment, LSA's own on 1 str. 1 d."""
    lawyer = people["lawyer"]
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)  # Vilnius on 2 str. 1 d., anchored
    general = consultation.add_comment(draft, people["kaunas"], {"text": "Projektas apskritai per skubus."})
    lifecycle.fire_transition(draft.id, "close_consultation", lawyer, {"reason": "Laikas."})
    own = consolidation.add_lsa_proposal(draft.id, lawyer, {"article": "1", "part": "1",
                                                            "lsa_text": "Paskirtį papildyti pareigomis."})
    for comment in (draft.comment, general):
        consolidation.decide_comment(comment.id, lawyer, {"decision": "accepted"})
    consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports", "text": "Pritariame."})
    today = vilnius_today().isoformat()
    for name, who, payload in (("skip_committee", lawyer, {"reason": "Skubu"}),
                               ("approve", people["board"], {"decision_number": "VN-1", "decision_date": today}),
                               ("mark_sent", lawyer, {"sent_date": today})):
        lifecycle.fire_transition(draft.id, name, who, payload, recent_login=True)
    db.session.commit()

    login(client, lawyer.email)
    page = client.get(f"/drafts/{draft.id}/answers")
    assert page.status_code == 200
    listed = [int(n) for n in re.findall(r'<tr id="proposal-(\d+)"', page.get_data(as_text=True))]
    assert listed == [general.id, own.id, draft.comment.id]
    table = [c.id for g in consolidation.consolidated_table(draft.id) for c in g.comments]
    assert table == listed  # one order, the table's
