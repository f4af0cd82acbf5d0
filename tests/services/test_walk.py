"""The whole lifecycle through the services, with the refusals along the way."""

from datetime import timedelta

import pytest

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.models import AuditEntry, DraftState, Notification, OutboxJob
from reviewflow.services import consolidation, consultation, lifecycle, queries
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import get_draft_for


def fire(draft, name, user, **payload):
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


def test_registration_parses_the_seimas_number(registered):
    assert (registered.number, registered.revision) == ("XIVP-2435", 2)
    assert registered.state == DraftState.REGISTERED


def test_full_walk(cast, registered, db):
    draft = registered
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    assert draft.state == DraftState.ASSIGNED
    with pytest.raises(Forbidden):
        fire(draft, "open_consultation", cast["other_lawyer"], municipalities=["LT-57"])
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    assert draft.comment_deadline < draft.reply_deadline
    # Kaunas' specialist sees the draft; a specialist of a municipality not invited does not.
    assert get_draft_for(draft.id, cast["kaunas"]).id == draft.id
    vilnius_comment = consultation.add_comment(draft, cast["vilnius"], {
        "article": "3", "part": "2", "text": "Per siauras reguliavimas.",
        "proposed_wording": "Savivaldybė turi teisę…",
    })
    kaunas_comment = consultation.add_comment(draft, cast["kaunas"], {
        "article": "3", "part": "2", "text": "Kita nuomonė.", "proposed_wording": "Kitaip.",
    })
    with pytest.raises(NotFound):
        consultation.edit_comment(kaunas_comment.id, cast["vilnius"], {"text": "x"})
    consultation.submit_answer(draft, cast["vilnius"])
    with pytest.raises(Conflict):
        consultation.add_comment(draft, cast["vilnius2"], {"text": "Vėliau."})
    with pytest.raises(Invalid):
        fire(draft, "close_consultation", cast["lawyer"])  # before the deadline: reason needed
    fire(draft, "close_consultation", cast["lawyer"], reason="Visos atsakė.")
    assert draft.state == DraftState.CONSOLIDATION
    statuses = {row["municipality"]: row["status"] for row in consultation.invitation_statuses(draft.id)}
    assert statuses == {"LT-57": "answered", "LT-15": "answered"}
    table = consolidation.consolidated_table(draft.id)
    assert len(table) == 1 and table[0].contradicting
    with pytest.raises(Conflict):
        fire(draft, "send_to_committee", cast["lawyer"])
    with pytest.raises(Invalid):
        consolidation.decide_comment(kaunas_comment.id, cast["lawyer"], {"decision": "rejected"})
    consolidation.decide_comment(kaunas_comment.id, cast["lawyer"],
                                 {"decision": "rejected", "reasons": "Prieštarauja."})
    consolidation.decide_comment(vilnius_comment.id, cast["lawyer"], {"decision": "accepted"})
    assert consolidation.current_position(draft.id) == {"version": 0, "stance": None, "text": ""}
    saved = consolidation.save_position(draft.id, cast["lawyer"],
                                        {"version": 0, "stance": "supports_with_remarks", "text": "Pozicija"})
    with pytest.raises(consolidation.StaleVersion) as stale:
        consolidation.save_position(draft.id, cast["lawyer"],
                                    {"version": 0, "stance": "objects", "text": "Sena"})
    assert stale.value.current["text"] == "Pozicija"
    assert saved["version"] == 1
    fire(draft, "send_to_committee", cast["lawyer"])
    assert draft.state == DraftState.COMMITTEE_REVIEW
    with pytest.raises(NotFound):  # another committee does not even see the draft
        fire(draft, "give_opinion", cast["fin"], opinion="supports", text="x",
             meeting_date=vilnius_today().isoformat())
    fire(draft, "give_opinion", cast["ivpk"], opinion="supports", text="Pritariame",
         meeting_date=vilnius_today().isoformat())
    with pytest.raises(Forbidden):
        lifecycle.fire_transition(draft.id, "approve", cast["board"],
                                  {"decision_number": "VN-12", "decision_date": vilnius_today().isoformat()})
    fire(draft, "approve", cast["board"], decision_number="VN-12", decision_date=vilnius_today().isoformat())
    assert draft.state == DraftState.APPROVED
    fire(draft, "mark_sent", cast["lawyer"], sent_date=vilnius_today().isoformat())
    assert draft.state == DraftState.SENT
    actions = [e.action for e in queries.timeline(draft.id)]
    assert actions[:3] == ["register", "assign", "open_consultation"]
    assert actions[-2:] == ["approve", "mark_sent"]
    assert db.session.query(Notification).filter_by(user_id=cast["lawyer"].id).count() >= 2
    assert db.session.query(OutboxJob).filter_by(task="reviewflow.render_letter").count() == 1
    assert db.session.query(AuditEntry).filter_by(action="approve").one().payload["decision_number"] == "VN-12"


def test_waiting_and_listing(cast, registered):
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email)
    waiting = queries.waiting_for(cast["lawyer"])
    assert [i.draft.id for i in waiting] == [registered.id]
    page = queries.list_drafts(cast["lawyer"], queries.DraftFilter(text="XIVP-2435"))
    assert page.total == 1
    assert queries.list_drafts(cast["kaunas"], queries.DraftFilter()).total == 0
    assert registered.reply_deadline > vilnius_today() + timedelta(days=1)


def test_registration_with_a_bad_file_stores_nothing(cast, draft_payload, db, app):
    from pathlib import Path

    from reviewflow.models import Draft, DraftFile
    from reviewflow.services.drafts import register_draft

    folder = Path(app.config["UPLOAD_FOLDER"])
    before = set(folder.rglob("*")) if folder.exists() else set()
    with pytest.raises(Invalid) as refused:
        register_draft(draft_payload, cast["lawyer"], [
            ("explanatory_note", "pazyma.pdf", b"%PDF-1.4 ok"), ("draft_text", "projektas.docx", b"not a docx"),
        ])
    assert "draft_text" in refused.value.errors
    assert db.session.query(Draft).count() == 0 and db.session.query(DraftFile).count() == 0
    assert (set(folder.rglob("*")) if folder.exists() else set()) == before
