"""One draft walked through its whole life in headless Chromium, through the real pages, CSRF on,
as every role: once in Lithuanian and once in English. Screenshots go to test-output/pages/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from reviewflow.extensions import db
from reviewflow.models.base import utcnow
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import default_reply_deadline
from tests.conftest import PASSWORD
from tests.pages.conftest import DRAFT_TEXT, make_people
from tests.pure.samples import docx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Person:
    """One person's browser: their own context (cookies), one page."""

    def __init__(self, browser, server, user, language: str) -> None:
        self.user, self.server = user, server
        self.context = browser.new_context(locale="lt-LT" if language == "lt" else "en-GB",
                                           viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.go("/login")
        self.page.fill("#email", user.email)
        self.page.fill("#password", PASSWORD)
        self.submit("form:has(#password)")
        assert "/login" not in self.page.url
        assert self.page.locator("html").get_attribute("lang") == language

    def go(self, path: str) -> None:
        """Open a page of the app and check it answered."""
        response = self.page.goto(self.server.url + path)
        assert response.status < 400, (path, response.status)

    def submit(self, form: str) -> None:
        """Press the submit button of ``form`` and wait for the next page."""
        with self.page.expect_navigation():
            self.page.locator(f"{form} [type=submit]").first.click()

    def click(self, selector: str) -> None:
        """Follow a link and wait for the page."""
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()

    def shot(self, folder, name: str) -> None:
        """A full-page screenshot."""
        self.page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def state_is(self, state: str) -> bool:
        """Whether the page's heading shows the draft in ``state`` (language-independent)."""
        return self.page.locator(f"h1 .rf-state-{state}").count() == 1


def walk(browser, server, people: dict, language: str, output) -> None:
    """The whole lifecycle, each step by the person who does it, through the pages."""
    p = {role: Person(browser, server, user, language) for role, user in people.items()}
    today = vilnius_today()
    lawyer = p["lawyer"]

    # The lawyer registers the draft: the default deadline appears as the received date is typed.
    lawyer.go("/drafts/new")
    lawyer.page.fill("#title", "Vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymo projektas")
    lawyer.page.fill("#number", "XIVP-2435(2)")
    lawyer.page.select_option("#kind", "law")
    lawyer.page.select_option("#institution", "Lietuvos Respublikos Seimas")
    lawyer.page.fill("#incoming_letter_number", "(13.2-31)-3-352")
    lawyer.page.fill("#incoming_letter_date", (today - timedelta(days=2)).isoformat())
    lawyer.page.fill("#received_date", (today - timedelta(days=1)).isoformat())
    expected = default_reply_deadline(today - timedelta(days=1)).isoformat()
    expect(lawyer.page.locator("#default-deadline")).to_contain_text(expected)
    lawyer.page.fill("#reply_deadline", (today + timedelta(days=10)).isoformat())
    lawyer.page.set_input_files("#draft_text", files=[
        {"name": "projektas.docx", "mimeType": DOCX, "buffer": docx_bytes(*DRAFT_TEXT)}])
    lawyer.submit("#register-form")
    assert lawyer.state_is("registered")
    assert lawyer.page.locator(".alert-warning").count() == 1  # the short-deadline warning
    assert lawyer.page.locator("#provisions li").count() >= 4  # the structure read from the DOCX
    draft_path = lawyer.page.url.removeprefix(server.url)

    lawyer.click("a[href$='/act/assign']")
    assert lawyer.page.locator("#workload").count() == 1
    lawyer.page.select_option("#lawyer", people["lawyer"].email)
    lawyer.page.select_option("#committee", "IVPK")
    lawyer.submit("#action-form")
    assert lawyer.state_is("assigned")

    lawyer.click("a[href$='/act/open_consultation']")
    lawyer.page.check("input[name=scope][value=list]")
    lawyer.page.select_option("#municipalities", ["LT-57", "LT-15"])
    lawyer.submit("#action-form")
    assert lawyer.state_is("consultation")
    assert lawyer.page.locator("#statuses tbody tr").count() == 2
    lawyer.go("/my")
    lawyer.shot(output, "home-lawyer")

    # Vilnius comments on a provision chosen from the draft's structure, then submits the answer.
    vilnius = p["specialist"]
    vilnius.go("/my")
    vilnius.shot(output, "home-specialist")
    vilnius.click(f"#waiting a[href='{draft_path}']")
    vilnius.click("a[href$='/answer']")
    vilnius.page.select_option("#provision_id", index=3)
    vilnius.page.fill("#text", "Per siauras savivaldybių funkcijų sąrašas.")
    vilnius.page.fill("#proposed_wording", "Savivaldybės atlieka ir kitas funkcijas.")
    vilnius.submit("#comment-form")
    assert vilnius.page.locator("#own-comments tbody tr").count() == 1
    vilnius.page.check("#confirm-submit")
    vilnius.submit("form[action$='/answer/submit']")
    assert vilnius.page.locator("#submit-answer").count() == 0
    assert vilnius.page.locator("#answer-status .text-bg-success").count() == 1

    # Kaunas answers "pastabų neturime": without the tick the page says why and nothing is sent.
    kaunas = p["kaunas"]
    kaunas.go(draft_path + "/answer")
    kaunas.click("#no-comments")
    kaunas.page.click("#confirm-no-comments")
    assert kaunas.page.locator("#confirm-error").count() == 1
    kaunas.page.check("#confirm")
    kaunas.submit("form[action$='/no-comments']")
    assert kaunas.page.locator("#answer-status .text-bg-secondary").count() == 1

    # The lawyer closes early (a reason), decides (reasons required for a partial accept), writes the position.
    lawyer.go(draft_path)
    lawyer.click("a[href$='/act/close_consultation']")
    lawyer.page.fill("#reason", "Visos pakviestos savivaldybės atsakė.")
    lawyer.submit("#action-form")
    assert lawyer.state_is("consolidation")
    lawyer.click("a[href$='/table']")
    lawyer.page.select_option("select[name$='-decision']", "partly_accepted")
    lawyer.submit("form.rf-decide")
    assert lawyer.page.locator(".rf-decide .invalid-feedback").count() == 1
    assert lawyer.page.locator("select[name$='-decision']").input_value() == "partly_accepted"
    lawyer.page.fill("textarea[name$='-reasons']", "Iš dalies: funkcijos nustatomos įstatymu.")
    # LSA's wording is prefilled with the municipality's: a partial acceptance must say what LSA supports.
    assert lawyer.page.input_value("textarea[name$='-lsa_wording']") == "Savivaldybės atlieka ir kitas funkcijas."
    lawyer.submit("form.rf-decide")
    assert lawyer.page.locator("textarea[name$='-lsa_wording'].is-invalid").count() == 1
    lawyer.page.fill("textarea[name$='-lsa_wording']", "Savivaldybės atlieka ir kitas įstatymų nustatytas funkcijas.")
    lawyer.submit("form.rf-decide")
    assert lawyer.page.locator(".alert-success").count() == 1
    lawyer.shot(output, "consolidation-table")

    # Two tabs edit the position: the stale save shows the other text next to one's own.
    lawyer.go(draft_path + "/position")
    other = lawyer.context.new_page()
    other.goto(server.url + draft_path + "/position")
    lawyer.page.select_option("#stance", "supports_with_remarks")
    lawyer.page.fill("#text", "LSA pritaria projektui su pastabomis.")
    lawyer.submit("#position-form")
    other.select_option("#stance", "supports")
    other.fill("#text", "Kitas tekstas.")
    with other.expect_navigation():
        other.click("#position-form [type=submit]")
    assert "LSA pritaria projektui su pastabomis." in other.text_content("#their-version")
    assert other.input_value("#text") == "Kitas tekstas."
    other.fill("#text", "LSA pritaria projektui su pastabomis. Suderinta.")
    with other.expect_navigation():
        other.click("#position-form [type=submit]")
    assert "/position" not in other.url
    other.close()

    lawyer.go(draft_path)
    lawyer.click("a[href$='/act/send_to_committee']")
    lawyer.submit("#action-form")
    assert lawyer.state_is("committee_review")

    # The committee reads the table (no decision forms) and gives its opinion.
    member = p["committee"]
    member.go("/my")
    member.shot(output, "home-committee")
    member.click(f"#waiting a[href='{draft_path}']")
    member.click("a[href$='/table']")
    assert member.page.locator("form.rf-decide").count() == 0
    member.go(draft_path)
    member.click("a[href$='/act/give_opinion']")
    member.page.select_option("#opinion", "supports")
    member.page.fill("#text", "Komitetas pritaria LSA pozicijai.")
    member.submit("#action-form")
    assert member.state_is("board_review")

    # The board member's sign-in is old: approving asks for the password again.
    board = p["board"]
    people["board"].last_login_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    board.go("/my")
    board.shot(output, "home-board")
    board.click(f"#waiting a[href='{draft_path}']")
    board.click("a[href$='/act/approve']")
    board.page.fill("#decision_number", "VN-12")
    board.page.fill("#password", "not-my-password")
    board.submit("#action-form")
    assert board.page.locator("#password-error").count() == 1
    assert board.page.input_value("#decision_number") == "VN-12"
    board.page.fill("#password", PASSWORD)
    board.submit("#action-form")
    assert board.state_is("approved")

    lawyer.go(draft_path)
    lawyer.click("a[href$='/act/mark_sent']")
    lawyer.submit("#action-form")
    assert lawyer.state_is("sent")
    assert lawyer.page.locator("#timeline li").count() >= 10
    lawyer.page.set_viewport_size({"width": 390, "height": 844})  # a phone: no sideways scrolling
    assert lawyer.page.evaluate("document.documentElement.scrollWidth") <= 390
    lawyer.shot(output, "draft-page-phone")

    p["admin"].go("/my")
    assert p["admin"].page.locator("#state-counts").count() == 1
    p["admin"].shot(output, "home-admin")
    for person in p.values():
        person.context.close()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_one_draft_walks_its_whole_life_through_the_pages(browser, live_server, make_user, db, output_dir,
                                                          language):
    people = make_people(make_user, language=language)
    db.session.commit()
    walk(browser, live_server, people, language, output_dir)
