"""Layout at a phone's width and on a laptop (issue 13, trial 4 B9 and B15): at 390 px no page scrolls sideways
(wide tables scroll inside their own box, the consolidation table's rows stack); at 1366 px the top bar is one
line for the lawyer and the administrator, in Lithuanian and in English. One server, one browser."""

from __future__ import annotations

import os

import pytest

from reviewflow.extensions import db
from reviewflow.models import DraftState
from tests.pages.conftest import draft_in, make_people, signed_in_page

pytestmark = [pytest.mark.browser]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# LAYOUT_SHOTS=/some/prefix keeps the pictures there too (prefix-<name>.png), to compare before and after.
SHOTS = os.environ.get("LAYOUT_SHOTS")

# Every element of the top bar that is shown; on one line they all share one row.
NAVBAR_ROWS = """() => { const items = [...document.querySelectorAll(
    '.rf-navbar .navbar-brand, .rf-navbar #main-nav .nav-link, .rf-navbar #top-search')]
    .filter(e => e.getClientRects().length);
  const rows = new Set(items.map(e => {
    const box = e.getBoundingClientRect(); return Math.round((box.top + box.bottom) / 40); }));
  const link = document.querySelector('.rf-navbar #main-nav .nav-link').getBoundingClientRect().height;
  return {rows: rows.size, height: document.querySelector('.rf-navbar').getBoundingClientRect().height,
          link: link, items: items.length}; }"""
WIDTH = "() => document.documentElement.scrollWidth"


def signed_in(browser, server, user, viewport):
    """A page of ``user``'s own browser context at ``viewport``, signed in through the login form."""
    return signed_in_page(browser, server, user, viewport=viewport, timeout=10_000)


def shoot(page, name: str) -> None:
    """Keep a picture of the page when LAYOUT_SHOTS asks for them (pictures cost time: not in the suite)."""
    if SHOTS:
        page.screenshot(path=f"{SHOTS}-{name}.png", full_page=True)


def test_phone_pages_do_not_scroll_sideways_and_the_navbar_is_one_line_on_a_laptop(browser, live_server, make_user):
    people = make_people(make_user, language="en")
    draft_id = draft_in(DraftState.CONSOLIDATION, people, with_file=True).id
    wide, one_line = {}, {}
    pages = {"lawyer": ["/", "/reports/", f"/drafts/{draft_id}/table", f"/drafts/{draft_id}"],
             "admin": ["/"], "specialist": ["/", f"/drafts/{draft_id}"], "committee": ["/"], "board": ["/"]}
    for role, paths in pages.items():
        page = signed_in(browser, live_server, people[role], PHONE)
        for path in paths:
            page.goto(live_server.url + path, wait_until="domcontentloaded")
            name = f"phone-{role}-{path.strip('/').replace('/', '-') or 'home'}"
            shoot(page, name)
            if SHOTS and path == "/reports/":  # the widest table, scrolled inside its box
                page.locator("#report-proposals").screenshot(path=f"{SHOTS}-{name}-proposals.png")
            width = page.evaluate(WIDTH)
            if width > PHONE["width"]:
                wide[name] = width
            if path.endswith("/table"):
                # The rows stack: the decision form sits under the proposal, inside the screen.
                right = page.evaluate("() => document.querySelector('.rf-col-decide textarea')"
                                      ".getBoundingClientRect().right")
                if right > PHONE["width"]:
                    wide[name + " decision"] = right
        if role in ("lawyer", "admin"):  # the same person on a laptop, in both languages
            page.set_viewport_size(LAPTOP)
            for language in ("lt", "en"):
                people[role].language = language
                db.session.commit()
                page.goto(live_server.url + "/", wait_until="domcontentloaded")
                shoot(page, f"laptop-{role}-{language}")
                bar = page.evaluate(NAVBAR_ROWS)
                one_line[(role, language)] = bar["rows"] == 1 and bar["height"] < 2 * bar["link"] or bar
            if role == "admin":  # the administrator's pages are one menu away
                page.get_by_role("button", name="Administration").click()
                page.get_by_role("link", name="Users").click()
                assert page.url == live_server.url + "/admin/users"
        page.context.close()
    assert wide == {}
    assert one_line == {key: True for key in one_line}
