"""Every form of the product, as Chromium renders it, for every role on drafts in every state.

Each person signs in and follows every link of the app from their home page and from a draft in each
state (two links deep). On every page, every form is checked for the kinds of fault that stop a person
in the browser although the server would accept the input:

- a checkbox group whose boxes are each ``required`` (the browser demands that every box be ticked);
- a required single-choice select that starts on a real choice (the person never chooses);
- a submit button outside any form (it submits nothing);
- a POST form without a CSRF token, or an HTMX post that would go without one;
- a field without a label (the person cannot tell what to type, and get_by_label cannot find it).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from reviewflow.models import DraftState
from reviewflow.services import consultation, lifecycle
from tests.conftest import PASSWORD
from tests.pages.conftest import draft_in, make_people, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# What the browser finds wrong with the forms of the page it shows, one line per fault.
FAULTS_JS = r"""
() => {
  const faults = [];
  const name = (el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute('name') || el.id || '?'}]`;
  for (const form of document.querySelectorAll('form')) {
    const where = `form[action=${form.getAttribute('action') || ''}]`;
    const boxes = {};
    for (const box of form.querySelectorAll('input[type=checkbox]')) {
      (boxes[box.name] = boxes[box.name] || []).push(box);
    }
    for (const [group, items] of Object.entries(boxes)) {
      if (items.length > 1 && items.some((b) => b.required)) faults.push(`${where}: every box of ${group} required`);
    }
    for (const select of form.querySelectorAll('select[required]:not([multiple])')) {
      const empty = [...select.options].some((o) => o.value === '');
      const chosen = select.querySelector('option[selected]');
      if (!empty && !chosen && select.options.length > 1) {
        faults.push(`${where}: ${name(select)} starts on a choice nobody made`);
      }
    }
    if ((form.getAttribute('method') || 'get').toLowerCase() === 'post') {
      const token = form.querySelector('input[name$=csrf_token]');
      if (!token || !token.value) faults.push(`${where}: no CSRF token`);
    }
    for (const field of form.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea')) {
      const labelled = field.labels.length || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby');
      if (!labelled) faults.push(`${where}: ${name(field)} has no label`);
    }
  }
  for (const button of document.querySelectorAll('button[type=submit], input[type=submit], button:not([type])')) {
    if (!button.form && !button.closest('[hx-post],[hx-get]')) {
      faults.push(`submit button "${button.textContent.trim()}" outside any form`);
    }
  }
  for (const el of document.querySelectorAll('[hx-post],[hx-put],[hx-patch],[hx-delete]')) {
    const headers = el.closest('[hx-headers]');
    const inForm = el.closest('form') && el.closest('form').querySelector('input[name$=csrf_token]');
    if (!inForm && !(headers && headers.getAttribute('hx-headers').includes('CSRF'))) {
      faults.push(`HTMX post without CSRF: ${el.outerHTML.slice(0, 80)}`);
    }
  }
  return faults;
}
"""

# Links that would sign out, download a file or leave the app are not followed.
SKIP = ("/logout", "/files/", "/letter", ".ics", ".docx", ".xlsx", ".pdf", "/static/", "/api/", "/export")


def links_of(page, origin: str) -> list[str]:
    """The app's own GET links on the page."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    own = []
    for href in hrefs:
        path = href.split("#", 1)[0]
        # Query-string variants (sorting, paging, filters) show the same forms again.
        if path.startswith(origin) and "?" not in path and not any(s in path for s in SKIP):
            own.append(path.removeprefix(origin))
    return own


def crawl(browser, server, user, starts: list[str], depth: int = 2) -> dict[str, list[str]]:
    """Sign in, then visit every page reachable from ``starts``; the faults found on each page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server.url + "/login")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#password) [type=submit]").first.click()
    found, seen, frontier = {}, set(), list(starts)
    for _level in range(depth + 1):
        following = []
        for path in frontier:
            if path in seen:
                continue
            seen.add(path)
            response = page.goto(server.url + path)
            assert response.status < 500, (user.email, path, response.status)
            if response.status >= 400:
                continue
            faults = page.evaluate(FAULTS_JS)
            if faults:
                found[path] = faults
            following += links_of(page, server.url)
        frontier = following
    context.close()
    assert len(seen) > 3, seen  # the walk reached the pages, not only the start
    return found


STATES = (DraftState.REGISTERED, DraftState.ASSIGNED, DraftState.CONSULTATION, DraftState.CONSOLIDATION,
          DraftState.COMMITTEE_REVIEW, DraftState.BOARD_REVIEW)


def test_no_form_stops_a_person_in_the_browser(browser, live_server, make_user, db):
    people = make_people(make_user, language="en")
    drafts = [draft_in(state, people, with_file=True) for state in STATES]
    # A consolidation with two proposals on one provision, so the merge form is on the table.
    two = draft_in(DraftState.CONSULTATION, people, with_file=True)
    consultation.add_comment(two, people["kaunas"], {"article": "2", "part": "1", "text": "Tas pats."})
    lifecycle.fire_transition(two.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    drafts.append(two)
    db.session.commit()
    starts = ["/my", "/drafts/", "/profile", *(f"/drafts/{draft.id}" for draft in drafts)]
    faults = {}
    for role, person in people.items():
        for path, found in crawl(browser, live_server, person, starts + (["/admin/users"] if role == "admin"
                                                                              else [])).items():
            faults[f"{role} {path}"] = found
    assert faults == {}


def person(browser, server, user):
    """``user``'s own signed-in page."""
    return signed_in_page(browser, server, user)


def click(page, locator) -> None:
    """Click and wait for the next page, which must not be an error."""
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    assert response is None or response.status < 400, (page.url, response.status)


def test_the_forms_the_lifecycle_walk_leaves_out_submit_along_their_natural_path(browser, live_server,
                                                                                  make_user, db):
    """Edit and delete a comment, extend a deadline, reassign, the committee's own proposal, the board's
    return, tokens, the admin's user form: each filled and submitted by label, as a person would."""
    from playwright.sync_api import expect

    people = make_people(make_user, language="en")
    people["lawyer2"] = make_user("lawyer", language="en")
    open_ = draft_in(DraftState.CONSULTATION, people, with_file=True)
    review = draft_in(DraftState.COMMITTEE_REVIEW, people, with_file=True)
    board = draft_in(DraftState.BOARD_REVIEW, people, with_file=True)
    db.session.commit()
    url = live_server.url

    page = person(browser, live_server, people["specialist"])  # change, then delete, a comment
    page.goto(f"{url}/drafts/{open_.id}/answer")
    click(page, page.get_by_role("link", name="Change #1"))
    page.get_by_label("Comment", exact=True).fill("Patikslinta pastaba.")
    click(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#own-comments")).to_contain_text("Patikslinta pastaba.")
    click(page, page.get_by_role("link", name="Delete #1"))  # asked in the page first
    click(page, page.get_by_role("button", name="Yes, delete the comment"))
    expect(page.locator("#own-comments")).to_have_count(0)
    page.context.close()

    page = person(browser, live_server, people["lawyer"])  # extend Kaunas' deadline, then reassign
    page.goto(f"{url}/drafts/{open_.id}")
    click(page, page.get_by_role("link", name="Extend a municipality's deadline"))
    page.get_by_label("Municipality").select_option("LT-15")
    page.get_by_label("New deadline").fill((open_.comment_deadline + timedelta(days=1)).isoformat())
    click(page, page.get_by_role("button", name="Extend"))
    expect(page.locator(".alert-success")).to_have_count(1)
    click(page, page.get_by_role("link", name="Reassign"))
    page.get_by_label("Responsible lawyer").select_option(people["lawyer2"].email)
    click(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".alert-success")).to_have_count(1)
    page.goto(f"{url}/profile/tokens")
    page.get_by_label("What the token is for").fill("Skriptas")
    page.get_by_label("Your password").fill(PASSWORD)
    click(page, page.get_by_role("button", name="Create a token"))
    expect(page.get_by_label("New token")).to_have_count(1)
    click(page, page.get_by_role("button", name="Revoke"))
    expect(page.locator("tbody")).to_contain_text("Revoked")
    page.context.close()

    page = person(browser, live_server, people["committee"])  # the committee's own proposal
    page.goto(f"{url}/drafts/{review.id}/table")
    form = page.locator("#proposal-form")
    form.get_by_label("Article").fill("2")
    form.get_by_label("LSA's text of the proposal").fill("Komitetas siūlo numatyti pereinamąjį laikotarpį.")
    click(page, form.get_by_role("button", name="Add LSA's proposal"))
    expect(page.locator(".rf-lsa-own")).to_have_count(1)
    page.context.close()

    page = person(browser, live_server, people["board"])  # the board returns the position
    page.goto(f"{url}/drafts/{board.id}")
    click(page, page.get_by_role("link", name="Return for revision"))
    page.get_by_label("Reason").fill("Patikslinti poziciją.")
    click(page, page.get_by_role("button", name="Return for revision"))
    # The draft is back with the lawyer and out of the board's sight: home with the news, never a 404.
    assert page.url == f"{url}/my"
    expect(page.locator(".alert-success")).to_contain_text("Draft returned to the lawyer for revision.")
    db.session.refresh(board)
    assert board.state == DraftState.CONSOLIDATION
    page.context.close()

    page = person(browser, live_server, people["admin"])  # a new specialist through the user form
    page.goto(f"{url}/admin/users")
    click(page, page.get_by_role("link", name="New user"))
    page.get_by_label("Name").fill("Nauja Specialistė")
    page.get_by_label("E-mail").fill("nauja@example.lt")
    page.get_by_role("checkbox", name="Municipal specialist").check()  # one role of five, no more
    page.get_by_label("Municipality").select_option("LT-15")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    click(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".alert-success")).to_contain_text("Nauja Specialistė")
    page.context.close()
