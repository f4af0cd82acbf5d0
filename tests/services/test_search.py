"""Search (issue 11, items 1–5): matching, visibility of every role, and an index kept current by the writes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import Draft
from reviewflow.services import consultation, lifecycle
from reviewflow.services.drafts import register_draft
from reviewflow.services.search import drafts_matching_clause, search
from reviewflow.services.search.query import excerpt, parse_query
from tests.services.answers_world import sent  # noqa: F401

CAPITALS = "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS"


def fire(draft, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


def found(user, q: str, **kw) -> list[int]:
    """The ids of the drafts ``user`` finds for ``q``, in the order given."""
    return [item.draft.id for item in search(user, q, **kw).items]


def kinds(user, q: str) -> set[str]:
    """Which kinds of hit ``user`` finds for ``q`` (over all drafts)."""
    return {hit.kind for item in search(user, q).items for hit in item.hits}


def register(cast, draft_payload, number: str, title: str) -> Draft:
    """Another registered draft."""
    return register_draft({**draft_payload, "number": number, "title": title, "allow_duplicate": True},
                          cast["lawyer"]).draft


@pytest.fixture
def consulting(cast, registered):
    """The registered draft in consultation with Vilnius and Kaunas, a comment of each."""
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    registered.vilnius = consultation.add_comment(registered, cast["vilnius"], {
        "article": "2", "text": "Vilniaus pastaba dėl žemėtvarkos.", "proposed_wording": "Valstybės biudžeto lėšos."})
    registered.kaunas = consultation.add_comment(registered, cast["kaunas"], {
        "article": "3", "text": "Kauno pastaba dėl žemėtvarkos: biudžeto trūksta valstybės mastu."})
    return registered


@pytest.mark.parametrize("q", ["istatymo", "ĮSTATYMO", "įstatymo", "Istatymo", "ĮsTaTyMo"])
def test_case_and_diacritics_are_ignored_both_ways(cast, draft_payload, q):
    draft = register(cast, draft_payload, "XIVP-100", CAPITALS)
    typed_plain = register(cast, draft_payload, "XIVP-101", "Savivaldybiu istatymo projektas be raidziu")
    assert found(cast["lawyer"], q) == [typed_plain.id, draft.id]


def test_a_word_finds_longer_words_it_begins(cast, draft_payload):
    draft = register(cast, draft_payload, "XIVP-102", "Dėl savivaldybių tarybų įgaliojimų")
    assert found(cast["lawyer"], "savivald") == [draft.id]
    assert found(cast["lawyer"], "tarybų įgal") == [draft.id]
    assert found(cast["lawyer"], "tarybos") == []  # a different ending is not a prefix


def test_a_number_finds_its_revisions_and_a_revision_only_itself(cast, draft_payload):
    second = register(cast, draft_payload, "XIVP-3120(2)", "Antra redakcija")
    third = register(cast, draft_payload, "XIVP-3120(3)", "Trečia redakcija")
    other = register(cast, draft_payload, "XIVP-31201", "Kitas numeris")
    assert found(cast["lawyer"], "XIVP-3120") == [third.id, second.id]
    assert found(cast["lawyer"], "xivp-3120(3)") == [third.id]
    assert found(cast["lawyer"], "Nr. XIVP-3120(2).") == [second.id]
    assert found(cast["lawyer"], "(13.2-31)-3-352") == [other.id, third.id, second.id]  # their letter number


def test_quoted_words_match_as_a_phrase(cast, consulting):
    lawyer = cast["lawyer"]
    assert {h.comment_id for item in search(lawyer, '"valstybės biudžeto"').items for h in item.hits} == {
        consulting.vilnius.id}
    assert {h.comment_id for item in search(lawyer, "valstybės biudžeto").items for h in item.hits} == {
        consulting.vilnius.id, consulting.kaunas.id}
    assert {h.comment_id for item in search(lawyer, "„biudžeto lėšos“").items for h in item.hits} == {
        consulting.vilnius.id}


def test_the_excerpt_marks_what_matched():
    query = parse_query('savivald "valstybės biudžeto"')
    piece = excerpt(query, ["Savivaldybėms trūksta VALSTYBĖS biudžeto lėšų."])
    assert [piece.text[s:e] for s, e in piece.marks] == ["Savivaldybėms", "VALSTYBĖS biudžeto"]


@pytest.mark.parametrize("q", ["", "   ", "!!! ,,, ---", "„“", "x" * 201])
def test_a_query_without_words_is_refused(app, q):
    with pytest.raises(Invalid):
        parse_query(q)


def test_during_consultation_each_role_finds_what_its_pages_show(cast, consulting, make_user):
    outsider = make_user("specialist", municipality="LT-13")
    expected = {"admin": {"comment"}, "lawyer": {"comment"}, "vilnius": {"comment"}, "kaunas": {"comment"},
                "ivpk": set(), "board": set()}
    for who, wanted in expected.items():
        assert kinds(cast[who], "žemėtvark") == wanted, who
    assert kinds(outsider, "žemėtvark") == set()
    assert kinds(outsider, "savivaldos") == set()  # the draft itself is hidden from the uninvited
    comments = {who: {h.comment_id for item in search(cast[who], "zemetvarkos").items for h in item.hits}
                for who in ("lawyer", "vilnius", "kaunas")}
    assert comments == {"lawyer": {consulting.vilnius.id, consulting.kaunas.id},
                        "vilnius": {consulting.vilnius.id}, "kaunas": {consulting.kaunas.id}}


def test_after_sending_each_role_finds_what_the_letter_and_pages_show(cast, sent):  # noqa: F811
    def hits(who: str, q: str) -> set[tuple[str, int | None]]:
        return {(h.kind, h.comment_id) for item in search(cast[who], q).items for h in item.hits}

    tenth = ("proposal", sent.tenth.id)  # Kaunas' proposal in LSA's words, in the letter
    for who in ("lawyer", "admin", "board", "ivpk", "vilnius", "kaunas"):
        assert tenth in hits(who, "išdėstyti nauja redakcija"), who
    # Vilnius' rejected comment: LSA and Vilnius itself, never Kaunas.
    rejected = ("comment", sent.rejected.id)
    assert {who for who in ("lawyer", "board", "ivpk", "vilnius", "kaunas") if rejected in hits(who, "atmestinas")} \
        == {"lawyer", "board", "ivpk", "vilnius"}
    # Kaunas' own words that LSA reworded stay Kaunas' and LSA's.
    assert ("comment", sent.tenth.id) not in hits("vilnius", "seniūnijų")
    assert ("comment", sent.tenth.id) in hits("kaunas", "seniūnijų")
    # LSA's own proposal is in the letter; the position is LSA's, the committee's and the board's only.
    assert ("proposal", sent.own.id) in hits("vilnius", "pereinamąjį")
    assert {who for who in ("lawyer", "board", "ivpk", "vilnius") if hits(who, "pritaria su pastabomis")} \
        == {"lawyer", "board", "ivpk"}


def test_an_edit_and_a_delete_are_found_at_once(cast, consulting, draft_payload):
    vilnius, lawyer = cast["vilnius"], cast["lawyer"]
    consultation.edit_comment(consulting.vilnius.id, vilnius, {"article": "2",
                                                               "text": "Melioracijos griovių priežiūra."})
    assert found(lawyer, "melioracij") == [consulting.id]
    assert {h.comment_id for item in search(lawyer, "žemėtvarkos").items for h in item.hits} == {consulting.kaunas.id}
    consultation.delete_comment(consulting.vilnius.id, vilnius)
    assert found(lawyer, "melioracij") == []
    consulting.title = "Žemės reformos įstatymo projektas"  # no service edits a title: any ORM write is seen
    db.session.commit()
    assert found(lawyer, "zemes reformos") == [consulting.id]
    assert found(lawyer, "savivaldos") == []


def test_a_rolled_back_write_leaves_the_index_as_it_was(cast, consulting):
    consulting.vilnius.text = "Laikinas tekstas apie kelius."
    db.session.flush()
    assert found(cast["lawyer"], "kelius") == [consulting.id]  # the same transaction sees its own write
    db.session.rollback()
    assert found(cast["lawyer"], "kelius") == []
    assert found(cast["lawyer"], "žemėtvarkos") == [consulting.id]


def test_positions_and_committee_opinions_are_found_by_those_who_see_the_table(make_user):
    from reviewflow.models import DraftState
    from tests.pages.conftest import draft_in, make_people

    people = make_people(make_user)
    draft = draft_in(DraftState.BOARD_REVIEW, people)  # position and the committee's opinion: "Pritariame."
    for who in ("lawyer", "committee", "board"):
        assert kinds(people[who], "pritariame") == {"position", "opinion"}, who
    assert kinds(people["specialist"], "pritariame") == set()
    assert found(people["specialist"], "siauras") == [draft.id]  # its own comment, still


def test_pages_go_from_the_newest_draft_to_older_ones(cast, draft_payload):
    drafts = [register(cast, draft_payload, f"XIVP-20{i}", f"Melioracijos projektas {i}") for i in range(3)]
    first = search(cast["lawyer"], "melioracijos", per_page=2)
    assert [i.draft.id for i in first.items] == [drafts[2].id, drafts[1].id]
    second = search(cast["lawyer"], "melioracijos", cursor=first.next_cursor, per_page=2)
    assert ([i.draft.id for i in second.items], second.next_cursor) == ([drafts[0].id], None)


def test_the_drafts_list_can_filter_with_the_same_matching(cast, draft_payload):
    draft = register(cast, draft_payload, "XIVP-300", CAPITALS)
    register(cast, draft_payload, "XIVP-301", "Kitas")
    assert list(db.session.scalars(select(Draft.id).where(drafts_matching_clause("istatymo")))) == [draft.id]
    from reviewflow.errors import Invalid
    from reviewflow.services.queries import DraftFilter, list_drafts

    assert [d.id for d in list_drafts(cast["lawyer"], DraftFilter(text="istatymo")).items] == [draft.id]
    with pytest.raises(Invalid) as refused:
        list_drafts(cast["lawyer"], DraftFilter(text="„ “"))
    assert set(refused.value.errors) == {"text"}


def test_rebuilding_the_index_gives_what_the_writes_kept(cast, sent):  # noqa: F811
    from reviewflow.models.search import SearchDocument
    from reviewflow.services.search.index import rebuild_index

    def rows() -> list:
        return sorted(db.session.execute(select(SearchDocument.id, SearchDocument.terms,
                                                SearchDocument.municipality_id, SearchDocument.public_when_sent)))

    kept = rows()
    rebuild_index(db.session.connection())  # what the migration does for drafts registered before search
    assert rows() == kept and len(kept) >= 8
    assert found(cast["kaunas"], "pereinam") == [sent.draft.id]
