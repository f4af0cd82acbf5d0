"""``GET /api/v1/search`` and the search page: the answer's shape, paging, visibility and refusals."""

from __future__ import annotations

import pytest

from reviewflow.services import consultation
from tests.conftest import login


@pytest.fixture
def commented(cast, in_consultation):
    """The draft in consultation with one comment of Vilnius and one of Kaunas."""
    consultation.add_comment(in_consultation, cast["vilnius"], {
        "article": "2", "text": "Savivaldybėms trūksta lėšų žemėtvarkai."})
    consultation.add_comment(in_consultation, cast["kaunas"], {
        "article": "3", "text": "Kaunas: žemėtvarkos darbai brangsta."})
    return in_consultation


def test_the_answer_groups_hits_by_draft_with_offsets_of_what_matched(api, commented):
    response = api["lawyer"].get("/search", query_string={"q": "ZEMETVARK"})
    assert response.status_code == 200
    body = response.get_json()
    assert [(item["id"], item["number"], item["hit_count"]) for item in body["items"]] == [
        (commented.id, "XIVP-2435(2)", 2)]
    hits = body["items"][0]["hits"]
    assert {h["kind"] for h in hits} == {"comment"}
    assert sorted(h["excerpt"][s:e] for h in hits for s, e in h["highlights"]) == ["žemėtvarkai", "žemėtvarkos"]
    assert body["next"] is None


def test_a_specialist_finds_only_their_municipalitys_comment(api, commented):
    body = api["vilnius"].get("/search", query_string={"q": "žemėtvark"}).get_json()
    assert [h["excerpt"] for item in body["items"] for h in item["hits"]] == [
        "Savivaldybėms trūksta lėšų žemėtvarkai."]
    assert api["board"].get("/search", query_string={"q": "žemėtvark"}).get_json()["items"] == []


def test_pages_go_on_and_back_by_keyset(api, cast, draft_payload):
    from reviewflow.services.drafts import register_draft

    ids = [register_draft({**draft_payload, "number": f"XIVP-90{i}", "title": f"Melioracija {i}"},
                          cast["lawyer"]).draft.id for i in range(5)]

    def page(**cursor) -> tuple[list[int], int | None, int | None]:
        body = api["lawyer"].get("/search", query_string={"q": "melioracija", "per_page": 2, **cursor}).get_json()
        return [i["id"] for i in body["items"]], body["previous"], body["next"]

    newest = ids[::-1]
    assert page() == (newest[0:2], None, newest[1])
    assert page(cursor=newest[1]) == (newest[2:4], newest[2], newest[3])
    assert page(cursor=newest[3]) == (newest[4:], newest[4], None)
    assert page(before=newest[4]) == (newest[2:4], newest[2], newest[3])  # back: the same page as going on
    assert page(before=newest[2]) == (newest[0:2], None, newest[1])


def test_a_provision_hit_names_the_provision(api, cast, in_consultation):
    from reviewflow.services.drafts import attach_file
    from tests.pages.conftest import DRAFT_TEXT
    from tests.pure.samples import docx_bytes

    attach_file(in_consultation.id, cast["lawyer"], "draft_text", "projektas.docx", docx_bytes(*DRAFT_TEXT))
    body = api["vilnius"].get("/search", query_string={"q": "savarankiškąsias"}).get_json()
    [hit] = body["items"][0]["hits"]
    assert (hit["kind"], hit["provision"]) == ("provision", "2 str. 1 d.")
    assert hit["excerpt"][slice(*hit["highlights"][0])] == "savarankiškąsias"


def test_paging_both_ways_at_once_is_422_naming_both(api, cast, commented):
    response = api["lawyer"].get("/search", query_string={"q": "žemėtvark", "cursor": 5, "before": 3},
                                 headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"cursor", "before"}


@pytest.mark.parametrize(("q", "message"), [
    (None, "Įveskite, ko ieškoti."),
    ("  ", "Įveskite, ko ieškoti."),
    ("?!…–„“", "Ieškokite žodžių ar skaičių, ne vien skyrybos ženklų."),
    ("žodis " * 40, "Paieškos tekstas per ilgas (ne daugiau kaip 200 simbolių)."),
])
def test_a_bad_query_is_422_with_a_lithuanian_message(api, cast, q, message):
    response = api["lawyer"].get("/search", query_string={} if q is None else {"q": q},
                                 headers={"Accept-Language": "lt"})
    assert response.status_code == 422
    assert response.get_json()["errors"]["q"] == message


def test_the_page_shows_excerpts_with_marks_and_refuses_a_bad_query(client, cast, commented):
    login(client, cast["vilnius"].email)
    page = client.get("/search/?q=%22tr%C5%ABksta+l%C4%97%C5%A1%C5%B3%22")  # "trūksta lėšų"
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Savivaldybėms <mark>trūksta lėšų</mark> žemėtvarkai." in html
    assert "Kaunas" not in html
    bad = client.get("/search/?q=%2C%2C%2C")
    assert bad.status_code == 422 and "ne vien skyrybos ženklų" in bad.get_data(as_text=True)
    # A cursor that is no draft id of ours (a superscript digit is a digit to Python) is the first page.
    odd = client.get("/search/?q=%C5%BE%C4%97m%C4%97tvark&before=%C2%B2&cursor=-1")
    assert odd.status_code == 200 and "<mark>žemėtvarkai</mark>" in odd.get_data(as_text=True)


def test_a_cursor_beyond_any_draft_starts_from_the_newest(api, commented):
    body = api["lawyer"].get("/search", query_string={"q": "žemėtvark", "cursor": 2**31 - 1}).get_json()
    assert [item["id"] for item in body["items"]] == [commented.id]
    assert api["lawyer"].get("/search", query_string={"q": "žemėtvark", "cursor": 0}).status_code == 422
