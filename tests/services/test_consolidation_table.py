"""The consolidation table's tools (issue 13, items 5-8): bulk decisions, saved reasons, internal notes."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reviewflow.errors import Forbidden, Invalid, NotFound
from reviewflow.extensions import db as _db
from reviewflow.models import AuditEntry, Comment, DraftState, InternalNote
from reviewflow.services import consolidation, consultation, internal_notes, lifecycle, saved_reasons
from reviewflow.services.comments_export import comments_xlsx
from tests.api.conftest import Api as ApiClient
from tests.api.conftest import stored_token
from tests.conftest import login
from tests.pages.conftest import draft_in, make_people

NOTE = "Vidinė pastaba: paskambinti ministerijai dėl šio punkto."


@pytest.fixture
def people(make_user):
    """One person per role (Lithuanian interface), plus a second lawyer and a member of another committee."""
    cast = make_people(make_user)
    cast["other_lawyer"] = make_user("lawyer")
    cast["fin"] = make_user("committee", committees=["FIN"])
    return cast


def consolidating(people, *more, on=None):
    """A draft in consolidation with Vilnius's comment on 2 str. 1 d. and one more of Kaunas per ``more`` text
    (on 1 str., or on the provision ``on`` names)."""
    draft = draft_in(DraftState.CONSULTATION, people)
    where = on or {"article": "1"}
    extra = [consultation.add_comment(draft, people["kaunas"], {**where, "text": text}) for text in more]
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    return draft, [draft.comment, *extra]


def decisions(*comments) -> list:
    """Each comment's decision value and reasons, read afresh."""
    _db.session.expire_all()
    return [(c.decision.value if c.decision else None, c.reasons)
            for c in (_db.session.get(Comment, comment.id) for comment in comments)]


# --- bulk decisions ------------------------------------------------------------------------------

def test_a_bulk_decision_applies_to_exactly_the_selected_proposals(people, db):
    draft, (a, b, c) = consolidating(people, "Antra pastaba.", "Trečia pastaba.")
    decided = consolidation.decide_comments(draft.id, people["lawyer"], [a.id, c.id],
                                            {"decision": "rejected", "reasons": "Nepriklauso kompetencijai."})
    assert sorted(x.id for x in decided) == sorted([a.id, c.id])
    assert decisions(a, b, c) == [("rejected", "Nepriklauso kompetencijai."), (None, None),
                                  ("rejected", "Nepriklauso kompetencijai.")]
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "decide_comment",
                                                             AuditEntry.draft_id == draft.id)).all()
    assert sorted(e.payload["comment_id"] for e in entries if e.payload.get("bulk")) == sorted([a.id, c.id])


def test_a_bulk_decision_with_a_proposal_of_another_draft_changes_nothing(people, db):
    draft, (a, b) = consolidating(people, "Antra pastaba.")
    _other, (foreign,) = consolidating(people)
    with pytest.raises(Invalid) as refused:
        consolidation.decide_comments(draft.id, people["lawyer"], [a.id, foreign.id], {"decision": "accepted"})
    assert "comments" in refused.value.errors
    assert decisions(a, b, foreign) == [(None, None), (None, None), (None, None)]


def test_a_bulk_rejection_needs_reasons_and_only_the_responsible_lawyer_gives_it(people, db):
    draft, (a, b) = consolidating(people, "Antra pastaba.")
    with pytest.raises(Invalid) as refused:
        consolidation.decide_comments(draft.id, people["lawyer"], [a.id, b.id], {"decision": "rejected"})
    assert "reasons" in refused.value.errors
    with pytest.raises(Forbidden):
        consolidation.decide_comments(draft.id, people["other_lawyer"], [a.id], {"decision": "accepted"})
    assert decisions(a, b) == [(None, None), (None, None)]


def test_the_bulk_page_asks_first_then_decides_and_says_so_in_the_past_tense(app, people, db):
    draft, (a, b, c) = consolidating(people, "Antra pastaba.", "Trečia pastaba.")
    client = app.test_client()
    login(client, people["lawyer"].email)
    form = {"bulk_comments": [str(a.id), str(b.id)], "bulk_decision": "rejected", "bulk_reasons": "Netikslinga."}
    asked = client.post(f"/drafts/{draft.id}/decide", data=form)
    assert asked.status_code == 200
    assert 'name="bulk_confirmed" value="yes"' in asked.text
    assert decisions(a, b) == [(None, None), (None, None)]  # nothing saved before the confirmation

    done = client.post(f"/drafts/{draft.id}/decide", data={**form, "bulk_confirmed": "yes"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"#comment-{a.id}")
    assert decisions(a, b, c) == [("rejected", "Netikslinga."), ("rejected", "Netikslinga."), (None, None)]
    page = client.get(f"/drafts/{draft.id}/table")
    flash = page.text.split('alert-success', 1)[1].split("</div>", 1)[0]
    assert " 2 " in flash  # "… given to 2 proposals."


# --- saved reasons -------------------------------------------------------------------------------

def test_saved_reasons_are_each_lawyers_own_plus_the_shared_ones(people, db):
    lawyer, other, admin = people["lawyer"], people["other_lawyer"], people["admin"]
    mine = saved_reasons.add_saved_reason(lawyer, {"text": "Nuostata nepriklauso savivaldybių kompetencijai."})
    theirs = saved_reasons.add_saved_reason(other, {"text": "Pasiūlymas nesusijęs su projektu."})
    shared = saved_reasons.add_saved_reason(admin, {"text": "Bendras argumentas.", "shared": True})
    assert shared.owner_id is None and mine.owner_id == lawyer.id

    assert [r.id for r in saved_reasons.reasons_for(lawyer)] == [mine.id, shared.id]  # own first
    assert [r.id for r in saved_reasons.reasons_for(other)] == [theirs.id, shared.id]
    assert saved_reasons.reasons_for(people["specialist"]) == []

    with pytest.raises(NotFound):  # someone else's own reason does not exist for them
        saved_reasons.edit_saved_reason(theirs.id, lawyer, {"text": "Pakeista."})
    with pytest.raises(Forbidden):  # shared ones are the administrators'
        saved_reasons.edit_saved_reason(shared.id, lawyer, {"text": "Pakeista."})
    with pytest.raises(Forbidden):
        saved_reasons.add_saved_reason(lawyer, {"text": "Visiems.", "shared": True})
    assert saved_reasons.edit_saved_reason(shared.id, admin, {"text": "Pataisytas."}).text == "Pataisytas."
    saved_reasons.delete_saved_reason(mine.id, lawyer)
    assert [r.id for r in saved_reasons.reasons_for(lawyer)] == [shared.id]


def test_deleting_a_saved_reason_is_asked_in_the_page_first(app, people, db):
    reason = saved_reasons.add_saved_reason(people["lawyer"], {"text": "Trinama priežastis."})
    client = app.test_client()
    login(client, people["lawyer"].email)
    asked = client.get(f"/reasons/{reason.id}/delete")
    assert asked.status_code == 200 and "Trinama priežastis." in asked.text
    assert saved_reasons.reasons_for(people["lawyer"]) != []
    done = client.post(f"/reasons/{reason.id}/delete", follow_redirects=True)
    assert done.status_code == 200 and saved_reasons.reasons_for(people["lawyer"]) == []
    assert client.get(f"/reasons/{reason.id}/delete").status_code == 404


# --- internal notes ------------------------------------------------------------------------------

def test_notes_are_read_by_staff_and_the_drafts_committee_never_by_a_specialist(app, people, db):
    draft, (vilnius,) = consolidating(people)
    note = internal_notes.add_internal_note(vilnius.id, people["committee"], {"text": NOTE})
    assert (note.author_id, note.comment_id) == (people["committee"].id, vilnius.id)
    for role in ("lawyer", "admin", "committee"):
        assert [n.text for n in internal_notes.notes_on(vilnius.id, people[role])] == [NOTE], role
    with pytest.raises(NotFound):  # the municipality that made the proposal: the notes do not exist for it
        internal_notes.notes_on(vilnius.id, people["specialist"])
    with pytest.raises(NotFound):
        internal_notes.add_internal_note(vilnius.id, people["specialist"], {"text": "Mūsų pastaba."})
    with pytest.raises(NotFound):  # another committee does not see the draft at all
        internal_notes.notes_on(vilnius.id, people["fin"])
    assert internal_notes.notes_by_comment(draft, people["specialist"]) == {}


def test_notes_show_on_the_table_with_author_and_time_and_nowhere_for_a_municipality(app, people, db):
    draft, (vilnius,) = consolidating(people)
    lawyer_page = app.test_client()
    login(lawyer_page, people["lawyer"].email)
    added = lawyer_page.post(f"/drafts/{draft.id}/comments/{vilnius.id}/notes", data={"text": NOTE})
    assert added.status_code == 302 and added.headers["Location"].endswith(f"#notes-{vilnius.id}")
    table = lawyer_page.get(f"/drafts/{draft.id}/table").text
    assert NOTE in table and people["lawyer"].name in table.split(NOTE)[0].rsplit("rf-note", 1)[1]

    specialist = app.test_client()
    login(specialist, people["specialist"].email)
    assert specialist.get(f"/drafts/{draft.id}/table").status_code == 403
    for path in (f"/drafts/{draft.id}", f"/drafts/{draft.id}/answer"):
        response = specialist.get(path)
        assert response.status_code == 200 and NOTE not in response.text, path
    refused = specialist.post(f"/drafts/{draft.id}/comments/{vilnius.id}/notes", data={"text": "Mūsų."})
    assert refused.status_code == 403
    assert _db.session.scalar(_db.select(_db.func.count(InternalNote.id))) == 1

    api = ApiClient(app.test_client(), stored_token(people["specialist"]))
    assert api.get(f"/comments/{vilnius.id}/notes").status_code == 404
    assert api.post(f"/comments/{vilnius.id}/notes", json={"text": "Mūsų."}).status_code == 404
    for path in (f"/drafts/{draft.id}/comments", f"/comments/{vilnius.id}", f"/drafts/{draft.id}"):
        response = api.get(path)
        assert response.status_code == 200 and NOTE not in response.get_data(as_text=True), path
    staff = ApiClient(app.test_client(), stored_token(people["committee"]))
    listed = staff.get(f"/comments/{vilnius.id}/notes").get_json()["items"]
    assert [(n["text"], n["author"]["email"]) for n in listed] == [(NOTE, people["lawyer"].email)]


def test_the_comments_export_never_carries_notes_and_names_merged_rows_by_number(people, db):
    draft, (vilnius, kaunas) = consolidating(people, "Per siauras reguliavimas.", on={"article": "2", "part": "1"})
    internal_notes.add_internal_note(vilnius.id, people["lawyer"], {"text": NOTE})
    consolidation.merge_comments(vilnius.id, [kaunas.id], people["lawyer"])
    rows = list(load_workbook(io.BytesIO(comments_xlsx(draft.id, people["lawyer"]))).active.iter_rows(values_only=True))
    assert not [cell for row in rows for cell in row if isinstance(cell, str) and "Vidinė pastaba" in cell]
    start = next(i for i, row in enumerate(rows) if "Sujungta su" in row)
    header, data = rows[start], [row for row in rows[start + 1:] if any(row)]
    merged_column, proposer = header.index("Sujungta su"), header.index("Savivaldybė")
    kept = next(row for row in data if row[proposer] == vilnius.municipality.name)
    assert [row[merged_column] for row in data if row[merged_column]] == [
        f"{kept[0]} (2 str. 1 d., {vilnius.municipality.name})"]


# --- confirmations in the page before steps that cannot be undone (item 8) -------------------------

def said(app, text: str) -> str:
    """``text`` as a Lithuanian reader sees it (the test people read Lithuanian)."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("lt"):
        return gettext(text)


@pytest.mark.parametrize("name, payload, done, state", [
    ("close_consultation", {"reason": "Laikas."}, "Consultation closed before its deadline.", DraftState.CONSOLIDATION),
    ("withdraw", {"reason": "Iniciatorius atsiėmė."}, "Draft withdrawn.", DraftState.WITHDRAWN),
], ids=["close-early", "withdraw"])
def test_a_step_that_cannot_be_undone_is_ticked_in_the_page_and_told_in_the_past_tense(
        app, people, db, name, payload, done, state):
    draft = draft_in(DraftState.CONSULTATION, people)  # both municipalities still within their deadline
    client = app.test_client()
    login(client, people["lawyer"].email)
    assert 'name="confirm"' in client.get(f"/drafts/{draft.id}/act/{name}").text
    unticked = client.post(f"/drafts/{draft.id}/act/{name}", data=payload)
    assert unticked.status_code == 422 and 'id="confirm-error"' in unticked.text
    db.session.expire_all()
    assert draft.state == DraftState.CONSULTATION
    ticked = client.post(f"/drafts/{draft.id}/act/{name}", data={**payload, "confirm": "y"})
    assert ticked.status_code == 302
    with client.session_transaction() as session:
        assert session["_flashes"] == [("success", said(app, done))]
    db.session.expire_all()
    assert draft.state == state


def test_closing_after_every_deadline_passed_asks_nothing_more(app, people, db):
    from datetime import timedelta

    from reviewflow.models import Invitation
    from reviewflow.services.clock import vilnius_today

    draft = draft_in(DraftState.CONSULTATION, people)
    for invitation in db.session.scalars(db.select(Invitation).where(Invitation.draft_id == draft.id)):
        invitation.deadline = vilnius_today() - timedelta(days=1)
    db.session.commit()
    client = app.test_client()
    login(client, people["lawyer"].email)
    assert 'name="confirm"' not in client.get(f"/drafts/{draft.id}/act/close_consultation").text
    assert client.post(f"/drafts/{draft.id}/act/close_consultation", data={"reason": "Laikas."}).status_code == 302


def test_a_note_over_the_limit_comes_back_in_its_row_with_the_text_kept(app, people, db):
    """No maxlength cuts a pasted note in the browser: the server refuses it, names the limit and keeps every word."""
    draft, (vilnius,) = consolidating(people)
    lawyer_page = app.test_client()
    login(lawyer_page, people["lawyer"].email)
    long_note = "Aptarti komitete. " * 300  # 5,400 characters, over the 5,000 of a note
    refused = lawyer_page.post(f"/drafts/{draft.id}/comments/{vilnius.id}/notes", data={"text": long_note})
    assert refused.status_code == 422
    row = refused.text.split(f'id="note-{vilnius.id}"', 1)[1].split("</textarea>", 1)[0]
    assert row.endswith(long_note.rstrip()) or long_note.strip() in row
    assert 'maxlength="5000"' not in refused.text
    assert "5000" in refused.text.split(f'id="note-{vilnius.id}-error"', 1)[1].split("</div>", 1)[0]
    assert _db.session.scalar(_db.select(_db.func.count(InternalNote.id))) == 0
