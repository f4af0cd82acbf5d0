"""The draft's record in words: past-tense sentences naming their object, in Lithuanian and English."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import event

from reviewflow.extensions import db as _db
from reviewflow.models import AuditEntry, DraftState
from reviewflow.services import drafts, queries
from reviewflow.services.timeline_text import CommentNames, TimelineNames, entry_text, load_names, warning_text
from tests.api.conftest import stored_token
from tests.pages.conftest import draft_in, make_people, registration_payload

NAMES = TimelineNames(
    comments={1: CommentNames("Vilniaus m. sav.", "1 str. 2 d."), 2: CommentNames(None, "3 str.")},
    municipalities_by_code={"LT-15": "Kauno m. sav."}, municipalities_by_id={7: "Vilniaus m. sav."},
    users={"tomas@lsa.lt": "Tomas Teisininkas"}, committees={"IVPK": "LSA IVPK"}, signatories={4: "Jonas Pirmininkas"},
)


class _Actor:
    municipality_id = 7


def _entry(action: str, payload: dict, actor=None) -> AuditEntry:
    entry = AuditEntry(action=action, payload=payload)
    entry.actor = actor
    return entry


# One row per family of actions: lifecycle, assignment, comments and decisions, answers, letter, warnings.
CASES = [
    ("assign", {"lawyer": "tomas@lsa.lt", "committee": "IVPK"},
     "Paskirtas atsakingas teisininkas: Tomas Teisininkas; komitetas: LSA IVPK",
     "Responsible lawyer assigned: Tomas Teisininkas; committee: LSA IVPK"),
    ("open_consultation", {"comment_deadline": "2026-12-08", "municipalities": ["LT-57", "LT-15"], "scope": "all"},
     "Pradėtas savivaldybių konsultavimas (savivaldybių: 2), pastabos teikiamos iki 2026-12-08",
     "Municipal consultation opened (municipalities: 2), comments due by 2026-12-08"),
    ("decide_comment", {"comment_id": 1, "decision": "partly_accepted"},
     "Pritarta iš dalies Vilniaus m. sav. pasiūlymui dėl 1 str. 2 d.",
     "Partly accepted the proposal of Vilniaus m. sav. on 1 str. 2 d."),
    ("decide_comment", {"comment_id": 2, "decision": "rejected"},
     "Nepritarta LSA pasiūlymui dėl 3 str.", "Rejected the proposal of LSA on 3 str."),
    ("extend_deadline", {"municipality": "LT-15", "from": "2026-12-01", "to": "2026-12-08"},
     "Pratęstas terminas Kauno m. sav. iki 2026-12-08", "Deadline extended for Kauno m. sav. until 2026-12-08"),
    ("submit_answer", {"comments": 3}, "Vilniaus m. sav. pateikė atsakymą (pastabų: 3)",
     "Vilniaus m. sav. submitted its answer (comments: 3)"),
    ("merge_comments", {"into": 1, "merged": [5, 6]}, "Sujungti pasiūlymai dėl 1 str. 2 d. (iš viso: 3)",
     "3 proposals on 1 str. 2 d. merged"),
    ("record_initiator_answer", {"comment_id": 1, "outcome": "taken"},
     "Įrašytas iniciatoriaus atsakymas į pasiūlymą dėl 1 str. 2 d.: Atsižvelgta",
     "Initiator's answer to the proposal on 1 str. 2 d. recorded: Taken into account"),
    ("set_signatory", {"before": None, "after": 4}, "Parinktas pasirašantysis: Jonas Pirmininkas",
     "Signatory chosen: Jonas Pirmininkas"),
    ("mark_sent", {"sent_date": "2026-12-10", "sent_via": "post"}, "Raštas išsiųstas 2026-12-10 (Paštu)",
     "Letter sent on 2026-12-10 (Post)"),
]


@pytest.mark.parametrize(("action", "payload", "lithuanian", "english"), CASES)
def test_each_kind_of_step_reads_as_a_past_tense_sentence_naming_its_object(app, action, payload, lithuanian,
                                                                            english):
    entry = _entry(action, payload, _Actor())
    with app.test_request_context():
        with force_locale("lt"):
            assert entry_text(entry, NAMES) == lithuanian
        with force_locale("en"):
            assert entry_text(entry, NAMES) == english


def test_a_stored_warning_is_a_code_shown_in_the_readers_language(app, make_user):
    payload = registration_payload()
    payload["reply_deadline"] = payload["received_date"]  # zero working days: shorter than usual
    draft = drafts.register_draft(payload, make_user("lawyer")).draft
    assert draft.deadline_warning == "short_reply_deadline:0:10"
    with app.test_request_context():
        with force_locale("lt"):
            assert warning_text(draft.deadline_warning) == \
                "Nurodytas atsakymo terminas suteikia 0 darbo d., mažiau nei įprastos 10."
        with force_locale("en"):
            assert warning_text(draft.deadline_warning).startswith("The stated reply deadline gives 0 working")


def test_names_come_from_the_database_in_a_fixed_number_of_queries(app, make_user):
    people = make_people(make_user)
    draft = draft_in(DraftState.COMMITTEE_REVIEW, people, with_file=True)
    entries = queries.timeline(draft.id)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        names = load_names(entries)
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)
    assert len(statements) <= 5  # one per kind of name, however long the record
    with app.test_request_context(), force_locale("lt"):
        texts = [entry_text(e, names) for e in entries]
    assert f"Paskirtas atsakingas teisininkas: {people['lawyer'].name}; komitetas: LSA IVPK" in texts
    decided = next(t for t in texts if t and t.startswith("Pritarta"))
    assert decided == "Pritarta Vilniaus m. sav. pasiūlymui dėl 2 str. 1 d."
    assert "Perduota svarstyti komitetui: LSA IVPK" in texts


def test_the_api_timeline_carries_the_sentence(app, client, make_user):
    people = make_people(make_user, language="en")
    draft = draft_in(DraftState.CONSULTATION, people)
    headers = {"Authorization": f"Bearer {stored_token(people['lawyer'])}", "Accept-Language": "en"}
    items = client.get(f"/api/v1/drafts/{draft.id}/timeline", headers=headers).get_json()["items"]
    assert items[0]["action"] == "register" and items[0]["text"] == "Draft XIVP-2435(2) registered"
    assert items[1]["text"] == f"Responsible lawyer assigned: {people['lawyer'].name}; committee: LSA IVPK"


@pytest.mark.parametrize(("action", "payload", "expected"), [
    ("assign", {"lawyer": "{email}"}, "Paskirtas atsakingas teisininkas: {name}"),
    ("send_to_committee", {"committee": "IVPK"}, "Perduota svarstyti komitetui: LSA IVPK"),
    ("extend_deadline", {"municipality": "LT-57", "from": "2026-12-01", "to": "2026-12-08"},
     "Pratęstas terminas Vilniaus m. sav. iki 2026-12-08"),
], ids=["only-users", "only-committees", "only-municipalities"])
def test_a_record_that_names_only_one_kind_of_thing_reads_in_full(app, make_user, action, payload, expected):
    """One kind of name alone is one select, not a union: each of its columns must survive (a repeated NULL
    column once collapsed and the page answered 500)."""
    lawyer = make_user("lawyer")
    payload = {k: v.format(email=lawyer.email) if isinstance(v, str) else v for k, v in payload.items()}
    entry = _entry(action, payload)
    names = load_names([entry])
    with app.test_request_context(), force_locale("lt"):
        assert entry_text(entry, names) == expected.format(name=lawyer.name)
