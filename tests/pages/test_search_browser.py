"""The search page in Chromium, in Lithuanian and in English: the top bar's box, results grouped by draft with
highlighted excerpts, a page on and a page back, a hit's link to its draft; a specialist finds only what their
municipality may see (issue 11)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviewflow.services import consultation, lifecycle, search
from reviewflow.services.drafts import register_draft
from tests.pages.conftest import make_people, registration_payload
from tests.pages.test_merge_browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def world(make_user):
    """Five drafts on land reclamation: the oldest four ask Vilnius and Kaunas, the newest Kaunas alone;
    each municipality commented on each draft it was asked about."""
    people = {**make_people(make_user), "kaunas": make_user("specialist", municipality="LT-15", language="en")}
    drafts = []
    for n in range(5):
        draft = register_draft({**registration_payload(f"Melioracijos įstatymo {n + 1} straipsnio pakeitimo projektas"),
                                "number": f"XIVP-70{n}", "allow_duplicate": True}, people["lawyer"]).draft
        municipalities = ["LT-15"] if n == 4 else ["LT-57", "LT-15"]
        for name, payload in (("assign", {"lawyer": people["lawyer"].email, "committee": "IVPK"}),
                              ("open_consultation", {"municipalities": municipalities})):
            lifecycle.fire_transition(draft.id, name, people["lawyer"], payload, recent_login=True)
        if n < 4:
            consultation.add_comment(draft, people["specialist"], {"text": "Vilnius: melioracijos grioviai užželia."})
        consultation.add_comment(draft, people["kaunas"], {"text": "Kaunas: melioracijos sistemos sensta."})
        drafts.append(draft)
    return people, drafts


def results(page) -> list[str]:
    """The draft numbers on the results page, top to bottom."""
    return page.locator("#search-results > li h2 a").all_inner_texts()


def walk(page, server, query: str, pages: list[list[str]], shot) -> None:
    """From the top bar's box through the pages and back, then into the first draft."""
    page.goto(server.url + "/")
    page.fill("#top-search", query)
    with page.expect_navigation():
        page.press("#top-search", "Enter")
    assert results(page) == pages[0]
    expect(page.locator("#search-results h2 mark").first).to_have_text("Melioracijos")  # the title, marked
    expect(page.locator("#search-results li li mark").first).to_have_text("melioracijos")  # a comment's words
    expect(page.locator("#search-pager a[rel=prev]")).to_have_count(0)
    page.screenshot(path=str(shot.with_name(shot.name + "-1.png")), full_page=True)
    with page.expect_navigation():
        page.locator("#search-pager a[rel=next]").click()
    assert results(page) == pages[1]
    page.screenshot(path=str(shot.with_name(shot.name + "-2.png")), full_page=True)
    with page.expect_navigation():
        page.locator("#search-pager a[rel=prev]").click()
    assert results(page) == pages[0]
    with page.expect_navigation():
        page.locator("#search-results > li h2 a").first.click()
    assert page.locator("h1").first.inner_text().startswith(pages[0][0])


def test_the_search_page_walked_in_lithuanian_and_english(browser, live_server, world, monkeypatch, output_dir):
    people, drafts = world
    monkeypatch.setattr(search, "PER_PAGE", 2)  # five drafts make three pages
    numbers = [d.number_raw for d in drafts][::-1]

    vilnius = signed_in(browser, live_server, people["specialist"])  # Lithuanian
    walk(vilnius, live_server, "MELIORACIJ", [numbers[1:3], numbers[3:5]], output_dir / "search-lt")
    expect(vilnius.locator("html")).to_have_attribute("lang", "lt")
    vilnius.go_back()
    vilnius.go_back()  # the second page: the last one for Vilnius, which was not asked about the newest draft
    expect(vilnius.locator("#search-pager a[rel=next]")).to_have_count(0)
    vilnius.go_back()
    body = vilnius.locator("main").inner_text()
    assert "Vilnius: melioracijos" in body and "Kaunas" not in body  # never another municipality's words
    assert vilnius.locator("h1").inner_text() == "Paieška"

    kaunas = signed_in(browser, live_server, people["kaunas"])  # English
    walk(kaunas, live_server, "melioracijos", [numbers[0:2], numbers[2:4]], output_dir / "search-en")
    kaunas.go_back()
    assert kaunas.locator("h1").inner_text() == "Search"
    expect(kaunas.locator("#search-pager a[rel=next]")).to_have_text("Next page →")
    assert "Vilnius" not in kaunas.locator("main").inner_text()
