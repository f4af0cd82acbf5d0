"""Revisions over the API: the chain, the comparison with its statuses and diff, the fates, and who sees them."""

from __future__ import annotations

from reviewflow.services import answers
from tests.services.revisions_world import revised  # noqa: F401
from tests.services.test_revisions import EXPECTED_STATUSES


def test_the_chain_oldest_first_with_the_asked_one_marked(api, revised):  # noqa: F811
    response = api["lawyer"].get(f"/drafts/{revised.earlier.id}/revisions")
    assert response.status_code == 200
    assert [(r["id"], r["number"], r["revision"], r["previous_revision_id"], r["current"])
            for r in response.get_json()["items"]] == [
        (revised.earlier.id, "XIVP-3120(2)", 2, None, True),
        (revised.later.id, "XIVP-3120(3)", 3, revised.earlier.id, False)]


def test_changes_per_provision_and_the_fate_of_each_proposal(api, cast, revised):  # noqa: F811
    answers.record_answer(revised.ignored.id, cast["lawyer"], {"outcome": "not_taken"})
    response = api["lawyer"].get(f"/drafts/{revised.later.id}/changes")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["previous_revision_id"], body["previous_number"]) == (revised.earlier.id, "XIVP-3120(2)")
    assert [(i["status"], i["old_label"], i["new_label"], i["renumbered"]) for i in body["items"]] == (
        EXPECTED_STATUSES)
    renumbered = next(i for i in body["items"] if i["new_label"] == "6 straipsnis")
    assert (renumbered["old_text"], renumbered["new_text"], renumbered["diff"]) == (
        "5 straipsnis. Įsigaliojimas", "6 straipsnis. Įsigaliojimas", [])
    changed = next(i for i in body["items"] if i["new_label"] == "3 straipsnio 2 dalis")
    assert changed["diff"] == [{"op": "equal", "text": "2. Paslaugos teikiamos pagal"},
                               {"op": "insert", "text": " savivaldybės tarybos patvirtintą"},
                               {"op": "equal", "text": " planą."}]
    assert {p["comment_id"]: (p["fate"], p["initiator_outcome"]) for p in body["proposals"]} == {
        revised.taken.id: ("taken", None), revised.ignored.id: ("not_taken", "not_taken"),
        revised.changed.id: ("changed", None), revised.removed.id: ("removed", None)}
    ignored = next(p for p in body["proposals"] if p["comment_id"] == revised.ignored.id)
    assert ignored["wording"] == "Seniūnijų nuostatus tvirtina savivaldybės taryba."  # Vilnius' words


def test_the_invited_municipality_sees_fates_without_the_initiators_answers(api, cast, revised):  # noqa: F811
    answers.record_answer(revised.taken.id, cast["lawyer"], {"outcome": "taken"})
    body = api["vilnius"].get(f"/drafts/{revised.later.id}/changes").get_json()
    assert sorted((p["fate"], p["initiator_outcome"]) for p in body["proposals"]) == [
        ("changed", None), ("not_taken", None), ("removed", None), ("taken", None)]


def test_a_specialist_of_an_uninvited_municipality_gets_404(api, revised):  # noqa: F811
    for path in ("revisions", "changes"):
        response = api["kaunas"].get(f"/drafts/{revised.later.id}/{path}")
        assert response.status_code == 404, path
        assert response.get_json()["status"] == 404


def test_the_first_revision_compares_with_nothing(api, revised):  # noqa: F811
    body = api["lawyer"].get(f"/drafts/{revised.earlier.id}/changes").get_json()
    assert (body["previous_revision_id"], body["items"], body["proposals"]) == (None, [], None)


def test_the_page_shows_tracked_changes_and_were_we_heard(app, client, cast, revised):  # noqa: F811
    from tests.conftest import login

    login(client, cast["lawyer"].email)
    page = client.get(f"/drafts/{revised.later.id}/changes")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<ins class="text-success bg-success-subtle"> savivaldybės tarybos patvirtintą</ins>' in html
    assert '<del class="text-danger bg-danger-subtle">1. Seniūnija – savivaldybės administracijos padalinys.</del>' \
        in html
    assert f'href="/drafts/{revised.earlier.id}/changes"' in html
    assert html.count('data-fate="taken"') == 1 and html.count('data-fate="removed"') == 1
    other = app.test_client()
    login(other, cast["kaunas"].email)
    assert other.get(f"/drafts/{revised.later.id}/changes").status_code == 404


def test_carry_over_over_the_api_links_each_copy_to_its_origin(api, revised):  # noqa: F811
    response = api["lawyer"].post(f"/drafts/{revised.later.id}/carry-over")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["from_draft_id"], body["skipped"]) == (revised.earlier.id, 1)
    assert sorted(i["carried_from_comment_id"] for i in body["items"]) == sorted(
        [revised.ignored.id, revised.rejected.id, revised.taken.id, revised.changed.id])
    assert api["vilnius"].post(f"/drafts/{revised.later.id}/carry-over").status_code == 403
    assert api["lawyer"].post(f"/drafts/{revised.earlier.id}/carry-over").status_code == 409


def test_the_page_carries_over_and_then_says_how_many_came(client, cast, revised):  # noqa: F811
    from tests.conftest import login

    login(client, cast["lawyer"].email)
    page = client.get(f"/drafts/{revised.later.id}/changes").get_data(as_text=True)
    assert f'action="/drafts/{revised.later.id}/carry-over"' in page
    done = client.post(f"/drafts/{revised.later.id}/carry-over", follow_redirects=True)
    assert done.status_code == 200
    assert 'id="carried-count"' in done.get_data(as_text=True)


def test_without_lsas_own_wording_the_proposed_wording_decides(api, db, revised):  # noqa: F811
    revised.taken.lsa_wording = None  # proposed_wording holds the same words
    db.session.commit()
    body = api["lawyer"].get(f"/drafts/{revised.later.id}/changes").get_json()
    taken = next(p for p in body["proposals"] if p["comment_id"] == revised.taken.id)
    assert (taken["fate"], taken["wording"]) == ("taken", revised.taken.proposed_wording)
