"""Revisions on pages and over the API: where a carried comment came from, and a consultation on the changes alone."""

from __future__ import annotations

import io
import re
from html import unescape

from reviewflow.extensions import db
from reviewflow.models import Draft
from tests.conftest import login
from tests.services.revisions_world import payload, provision, revised  # noqa: F401
from tests.services.test_revisions import OPEN_IN_4, REVISION_4, register_fourth

CARRIED_FROM = re.compile(r'<a class="[^"]*rf-carried-from" href="([^"]+)">([^<]+)</a>')


def options_of(page: str, select_id: str) -> list[str]:
    """The visible labels of a select's options, the empty choice left out."""
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [unescape(label).strip() for value, label in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>',
                                                                    select) if value]


def test_a_carried_comment_names_its_origin_in_the_api_the_table_and_the_changes_page(api, client, cast,
                                                                                      revised):  # noqa: F811
    carried = api["lawyer"].post(f"/drafts/{revised.later.id}/carry-over").get_json()["items"]
    origin_of = {i["comment_id"]: i["carried_from_comment_id"] for i in carried}
    items = api["lawyer"].get(f"/drafts/{revised.later.id}/comments").get_json()["items"]
    assert {i["id"]: i["carried_from"] for i in items if i["id"] in origin_of} == {
        new: {"draft_id": revised.earlier.id, "comment_id": old, "number": "XIVP-3120(2)"}
        for new, old in origin_of.items()}
    assert [i["carried_from"] for i in items if i["id"] not in origin_of] == []  # only carried ones here
    expected = sorted((f"/drafts/{revised.earlier.id}/table#comment-{old}", "XIVP-3120(2)")
                      for old in origin_of.values())
    login(client, cast["lawyer"].email)
    for path in ("table", "changes"):
        page = client.get(f"/drafts/{revised.later.id}/{path}").get_data(as_text=True)
        links = sorted((href, label.split()[-1]) for href, label in CARRIED_FROM.findall(page))
        assert links == expected, path
    earlier_table = client.get(f"/drafts/{revised.earlier.id}/table").get_data(as_text=True)
    assert all(f'id="comment-{old}"' in earlier_table for old in origin_of.values())  # the links land


def test_a_comment_of_the_new_consultation_has_no_origin(api, revised):  # noqa: F811
    made = api["vilnius"].post(f"/drafts/{revised.later.id}/comments", json={
        "provision_id": provision(revised.later, "1 straipsnio 1 dalis").id, "text": "Be pastabų."})
    assert made.status_code == 201 and made.get_json()["carried_from"] is None


def test_a_new_revision_registered_on_the_form_is_linked_and_can_be_consulted_on_its_changes(app, client, cast,
                                                                                              revised):  # noqa: F811
    login(client, cast["lawyer"].email)
    form = {key: value for key, value in payload("XIVP-3120(4)").items()}
    registered = client.post("/drafts/new", data={**form, "draft_text": (io.BytesIO(REVISION_4), "projektas.docx")},
                             content_type="multipart/form-data")
    assert registered.status_code == 302, registered.get_data(as_text=True)
    fourth = db.session.get(Draft, int(registered.headers["Location"].rstrip("/").split("/")[-1]))
    assert fourth.previous_revision_id == revised.later.id
    client.post(f"/drafts/{fourth.id}/act/assign", data={"lawyer": cast["lawyer"].email, "committee": "IVPK"})
    action = client.get(f"/drafts/{fourth.id}/act/open_consultation").get_data(as_text=True)
    assert options_of(action, "provision_scope")[1].endswith("XIVP-3120(3)")
    opened = client.post(f"/drafts/{fourth.id}/act/open_consultation",
                         data={"scope": "list", "municipalities": ["LT-57"], "provision_scope": "changed"})
    assert opened.status_code == 302, opened.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Draft, fourth.id).consultation_scope == "changed"

    specialist = app.test_client()
    login(specialist, cast["vilnius"].email)
    page = specialist.get(f"/drafts/{fourth.id}/answer").get_data(as_text=True)
    assert options_of(page, "provision_id") == OPEN_IN_4
    assert ", ".join(OPEN_IN_4) in re.search(r'id="consultation-scope">([^<]*)<', page).group(1)
    unchanged = provision(fourth, "3 straipsnio 1 dalis").id
    refused = specialist.post(f"/drafts/{fourth.id}/answer/comments",
                              data={"provision_id": str(unchanged), "text": "Lėšų per mažai."})
    assert refused.status_code == 422  # not among the choices: the form refuses it before the service
    typed = specialist.post(f"/drafts/{fourth.id}/answer/comments",
                            data={"article": "3", "part": "1", "text": "Lėšų per mažai."})
    assert typed.status_code == 422 and "XIVP-3120(3)" in re.search(  # the service's reason, at the article
        r'id="article-error"[^>]*>\s*<span[^>]*>([^<]*)<', typed.get_data(as_text=True)).group(1)


def test_the_api_opens_a_limited_consultation_and_refuses_comments_outside_it(api, cast, revised):  # noqa: F811
    fourth = register_fourth(cast, revised)
    opened = api["lawyer"].post(f"/drafts/{fourth.id}/transitions", json={
        "name": "open_consultation", "municipalities": ["LT-57"], "scope": "changed"})
    assert opened.status_code == 200, opened.get_json()
    refused = api["vilnius"].post(f"/drafts/{fourth.id}/comments", json={
        "provision_id": provision(fourth, "3 straipsnio 1 dalis").id, "text": "Lėšų per mažai."})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"provision_id": (
        "3 straipsnio 1 dalis did not change since XIVP-3120(3): this consultation covers only the changed "
        "and added provisions.")}
    accepted = api["vilnius"].post(f"/drafts/{fourth.id}/comments", json={
        "provision_id": provision(fourth, "6 straipsnio 2 dalis").id, "text": "Per anksti."})
    assert accepted.status_code == 201 and accepted.get_json()["provision"] == "6 straipsnio 2 dalis"
    bad = api["lawyer"].post(f"/drafts/{revised.earlier.id}/transitions", json={
        "name": "open_consultation", "scope": "everything"})
    assert bad.status_code == 409  # the state is checked first: (2) was sent long ago


def test_the_unlimited_new_consultation_offers_every_provision_on_the_answer_page(app, cast, revised):  # noqa: F811
    specialist = app.test_client()
    login(specialist, cast["vilnius"].email)
    page = specialist.get(f"/drafts/{revised.later.id}/answer").get_data(as_text=True)
    labels = [p.label for p in revised.later.provisions]
    assert [label.strip() for label in options_of(page, "provision_id")] == labels and len(labels) == 13
    assert 'id="consultation-scope"' not in page
