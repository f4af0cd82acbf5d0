"""Search (issue 11, finished): the draft's own provisions, LSA's reasons and internal notes, each found exactly
by those whose pages show it; the index kept in one statement per flush; the whole index rebuilt by a command."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from reviewflow.extensions import db
from reviewflow.models.search import SearchDocument
from reviewflow.search.cli import search_reindex_command
from reviewflow.services import consolidation, consultation, drafts, internal_notes, lifecycle
from reviewflow.services.clock import vilnius_today
from reviewflow.services.search import search
from tests.pages.conftest import DRAFT_TEXT
from tests.pure.samples import docx_bytes
from tests.support.sql import statements_run

ROLES = ("admin", "lawyer", "ivpk", "fin", "board", "vilnius", "kaunas")


def fire(draft, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


def hits(user, q: str) -> set[tuple]:
    """(kind, comment id or provision) of every hit ``user`` finds for ``q``."""
    return {(h.kind, h.provision or h.comment_id) for item in search(user, q).items for h in item.hits}


def finders(cast, q: str) -> set[str]:
    """Who of :data:`ROLES` finds anything for ``q``."""
    return {who for who in ROLES if search(cast[who], q).items}


@pytest.fixture
def decided(cast, registered):
    """In consolidation (committee IVPK): a comment of each municipality rejected with reasons, a note on each."""
    lawyer = cast["lawyer"]
    fire(registered, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(registered, "open_consultation", lawyer, municipalities=["LT-57", "LT-15"])
    registered.vilnius = consultation.add_comment(registered, cast["vilnius"], {"article": "1", "text": "Vilniaus."})
    registered.kaunas = consultation.add_comment(registered, cast["kaunas"], {"article": "1", "text": "Kauno."})
    fire(registered, "close_consultation", lawyer, reason="Baigta")
    consolidation.decide_comment(registered.vilnius.id, lawyer, {
        "decision": "rejected", "reasons": "Melioracijos griovių priežiūra nėra savivaldybių funkcija."})
    consolidation.decide_comment(registered.kaunas.id, lawyer, {
        "decision": "rejected", "reasons": "Hidrotechnikos statinių klausimas spręstas kitur."})
    consolidation.save_position(registered.id, lawyer, {"version": 0, "stance": "supports", "text": "Pritariame."})
    internal_notes.add_internal_note(registered.vilnius.id, lawyer, {"text": "Geoterminės šilumos pastaba sau."})
    internal_notes.add_internal_note(registered.kaunas.id, cast["ivpk"], {"text": "Komiteto bešeimininkių pastaba."})
    return registered


def send(draft, cast, until: str = "mark_sent") -> None:
    """Walk the decided draft on: past the committee, approved by the board, then sent."""
    today = vilnius_today().isoformat()
    fire(draft, "skip_committee", cast["lawyer"], reason="Skubu")
    fire(draft, "approve", cast["board"], decision_number="VN-12", decision_date=today)
    if until == "mark_sent":
        fire(draft, "mark_sent", cast["lawyer"], sent_date=today)


def test_reasons_reach_a_municipality_on_its_own_comments_once_the_letter_is_sent(cast, decided):
    lsa_side = {"admin", "lawyer", "ivpk"}  # the board sees the draft from its review on
    assert finders(cast, "melioracijos") == lsa_side
    assert hits(cast["lawyer"], "melioracijos") == {("reasons", decided.vilnius.id)}
    send(decided, cast, until="approve")
    assert finders(cast, "melioracijos") == lsa_side | {"board"}  # approved, not sent: still LSA's record
    fire(decided, "mark_sent", cast["lawyer"], sent_date=vilnius_today().isoformat())
    assert finders(cast, "melioracijos") == lsa_side | {"board", "vilnius"}
    assert finders(cast, "hidrotechnikos") == lsa_side | {"board", "kaunas"}
    assert hits(cast["vilnius"], "melioracijos") == {("reasons", decided.vilnius.id)}


def test_internal_notes_are_for_lsa_the_board_and_the_drafts_committee_never_a_municipality(cast, decided):
    assert finders(cast, "geotermines") == {"admin", "lawyer", "ivpk"}
    assert hits(cast["ivpk"], "bešeimininkių") == {("note", decided.kaunas.id)}
    send(decided, cast)
    assert finders(cast, "geotermines") == {"admin", "lawyer", "ivpk", "board"}
    assert finders(cast, "bešeimininkių") == {"admin", "lawyer", "ivpk", "board"}


def test_a_provisions_words_find_the_draft_with_the_provision_named(cast, registered, make_user):
    lawyer = cast["lawyer"]
    fire(registered, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(registered, "open_consultation", lawyer, municipalities=["LT-57"])
    drafts.attach_file(registered.id, lawyer, "draft_text", "projektas.docx", docx_bytes(*DRAFT_TEXT))
    # "2. Savivaldybės atlieka valstybines funkcijas." is part 2 of article 2.
    assert hits(cast["vilnius"], "valstybines funkcijas") == {("provision", "2 str. 2 d.")}
    found = search(lawyer, '"valstybines funkcijas"').items[0].hits[0]
    assert found.excerpt.text[slice(*found.excerpt.marks[0])] == "valstybines funkcijas"
    assert search(cast["kaunas"], "valstybines funkcijas").items == []  # Kaunas was not invited
    # A new text replaces the provisions: the old words are gone at once, the new ones found.
    drafts.attach_file(registered.id, lawyer, "draft_text", "projektas2.docx",
                       docx_bytes("1 straipsnis. Paskirtis", "1. Melioracijos sistemų priežiūra."))
    assert search(lawyer, "valstybines").items == []
    assert hits(lawyer, "melioracijos") == {("provision", "1 str. 1 d.")}


def index_writes():
    """The statements that write the search index, run inside the block."""
    return statements_run(lambda statement: "search_fts_upkeep" in statement or "search_document" in statement)


def test_each_write_keeps_the_index_in_one_statement(cast, registered):
    lawyer = cast["lawyer"]
    fire(registered, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(registered, "open_consultation", lawyer, municipalities=["LT-57"])
    with index_writes() as post:
        comment = consultation.add_comment(registered, cast["vilnius"], {"article": "1", "text": "Kelių priežiūra."})
    with index_writes() as edit:
        consultation.edit_comment(comment.id, cast["vilnius"], {"article": "1", "text": "Tiltų priežiūra."})
    fire(registered, "close_consultation", lawyer, reason="Baigta")
    with index_writes() as decide:  # the comment's words stay, its reasons come, in the same one statement
        consolidation.decide_comment(comment.id, lawyer, {"decision": "rejected", "reasons": "Ne savivaldos."})
    with index_writes() as note:
        internal_notes.add_internal_note(comment.id, lawyer, {"text": "Aptarti su komitetu."})
    assert [len(post), len(edit), len(decide), len(note)] == [1, 1, 1, 1]
    assert hits(lawyer, "tiltų") == {("comment", comment.id)} and hits(lawyer, "kelių") == set()
    assert hits(lawyer, "aptarti") == {("note", comment.id)}


def test_the_reindex_command_rebuilds_everything_and_again_the_same(app, cast, decided):
    def rows() -> list:
        return sorted(db.session.execute(select(SearchDocument.id, SearchDocument.terms)).all())

    kept = rows()
    db.session.execute(text("DELETE FROM search_document"))  # lost, as after a restore without the index
    db.session.commit()
    assert search(cast["lawyer"], "geotermines").items == []
    runner = app.test_cli_runner()
    first = runner.invoke(search_reindex_command)
    assert first.exit_code == 0 and first.output == f"Search index rebuilt: {len(kept)} rows indexed.\n"
    db.session.expire_all()
    assert rows() == kept
    assert [i.draft.id for i in search(cast["lawyer"], "geotermines").items] == [decided.id]
    again = runner.invoke(search_reindex_command)
    assert again.output == first.output
    db.session.expire_all()
    assert rows() == kept
