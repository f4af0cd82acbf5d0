"""Issue 13's clicks in Chromium, in Lithuanian and in English, on one app server and one seeded world.

What the other browser modules walk already is not walked again here: the Lithuanian bulk decision and saved
reasons (test_consolidation_browser.py), the Lithuanian Word round trip (test_tables_browser.py), the ticked
"submit" box on the happy path (test_walk_browser.py). This module adds deleting a comment, closing a
consultation early and withdrawing a draft through their questions in the page, the draft page's summary and its folded,
filtered municipalities table, internal notes written in the browser and absent for the municipality (page and
API), the answer refused by the browser until its box is ticked, the English bulk decision, the municipality's
round trips in Excel (Lithuanian) and Word (English), and the lawyer's decisions workbook exported, edited,
imported with a conflict made meanwhile in the browser, and confirmed, in both languages.

Every person signs in once per language in their own browser context; the people of the English walks are
Lithuanian users who switch with the app's own language switch (the button in the top bar). Each language has
its own drafts, so the walks do not depend on each other's order. Elements are found by ids and roles; the
words a person reads are compared with the catalogue's (and, where the words themselves matter, spelled out).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale, gettext
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from reviewflow import create_app
from reviewflow.extensions import db as _db
from reviewflow.models import AnswerStatus, Comment, DraftState, Invitation, Municipality
from reviewflow.services import consultation, lifecycle, saved_reasons, tokens
from reviewflow.services.accounts import UserInput, create_user
from reviewflow.services.reference import load_reference_data
from tests.conftest import PASSWORD, _empty_tables, make_config
from tests.pages.conftest import LiveServer, draft_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGUAGES = ("lt", "en")
# Screenshots (1366x900) only when asked for, e.g. REVIEWFLOW_SHOTS=/tmp/shots: they cost time and nobody
# looks at them on a routine run.
SHOTS = os.environ.get("REVIEWFLOW_SHOTS")
NOTE = "Savivaldybė šį klausimą jau kėlė 2025 m.; aptarti su ministerija prieš komitetą."
REASON = "Nuostata nepriklauso savivaldybių kompetencijai."
# The municipality's table round trips walked here: Excel in Lithuanian, Word in English (the Lithuanian Word
# one is test_tables_browser.py's; the pages are the same template for both kinds of file).
KINDS = {"lt": ("xlsx",), "en": ("docx",)}


def say(language: str, message: str, **values) -> str:
    """``message`` as a reader of ``language`` sees it (the compiled catalogue)."""
    with force_locale(language):
        return gettext(message, **values)


def serious(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page (a few seconds each: run only where neither
    test_accessibility.py nor the other browser modules look; the draft page is there)."""
    result = Axe().run(page).response
    assert result["passes"], "axe did not run"
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def comments_of(draft_id: int) -> list[Comment]:
    """The draft's comments as the database has them now, oldest first."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(Comment).where(Comment.draft_id == draft_id).order_by(Comment.id)))


PEOPLE = {  # role key: (role, municipality, name); Lithuanian users, the English walks switch in the browser
    "lawyer": ("lawyer", None, "Tomas Teisininkas"),
    "specialist": ("specialist", "LT-57", "Vida Vilnietė"),
    "kaunas": ("specialist", "LT-15", "Kęstas Kaunietis"),
}


class Side:
    """One language's people and drafts, each made (and committed) when a walk first asks for it: under
    pytest-xdist a worker makes only what the walks it was given need."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.people = {key: create_user(UserInput(
            email=f"{language}-{key}@example.lt", name=name, roles=(role,), municipality=municipality,
            committees=(), language="lt"), PASSWORD) for key, (role, municipality, name) in PEOPLE.items()}
        saved_reasons.add_saved_reason(self.people["lawyer"], {"text": REASON})
        self.drafts: dict = {}
        self.cast = {**self.people, "committee": None}  # draft_in's people: no walk here goes to the committee

    def draft(self, name: str):
        """The draft of the walk ``name``."""
        if name not in self.drafts:
            self.drafts[name] = getattr(self, f"_make_{name}")()
            _db.session.commit()
        return self.drafts[name]

    def _make_glance(self):
        """Every municipality invited; Vilnius answered with a comment, Kaunas has none."""
        draft = draft_in(DraftState.ASSIGNED, self.cast)
        lifecycle.fire_transition(draft.id, "open_consultation", self.people["lawyer"], {}, recent_login=True)
        consultation.add_comment(draft, self.people["specialist"], {"article": "2", "text": "Per siauras."})
        consultation.submit_answer(draft, self.people["specialist"])
        consultation.answer_no_comments(draft, self.people["kaunas"])
        return draft

    def _make_answer(self):
        """Vilnius' comment, not yet submitted."""
        return draft_in(DraftState.CONSULTATION, self.cast)

    def _make_docx(self):
        """Open for comments, with the draft's text (its provisions prefill the tables)."""
        return draft_in(DraftState.CONSULTATION, self.cast, with_file=True)

    _make_xlsx = _make_docx

    def _make_decisions(self):
        """In consolidation: Vilnius on 2 str. 1 d., Kaunas on 2 str. 2 d., the text beside them."""
        draft = draft_in(DraftState.CONSULTATION, self.cast, with_file=True)
        draft.kaunas = consultation.add_comment(draft, self.people["kaunas"], {
            "article": "2", "part": "2", "text": "Valstybinių funkcijų sąrašas per platus."})
        lifecycle.fire_transition(draft.id, "close_consultation", self.people["lawyer"], {"reason": "Laikas."})
        return draft

    _make_bulk = _make_decisions

    def _make_undoable(self):
        """Open for comments: Vilnius' comment (to delete), Kaunas not answered in time (closing is early)."""
        return draft_in(DraftState.CONSULTATION, self.cast)


class World:
    """The live server and each language's :class:`Side`, made when first asked for."""

    def __init__(self, server) -> None:
        self.server = server
        self.sides: dict[str, Side] = {}

    def side(self, language: str) -> Side:
        """``language``'s people and drafts."""
        if language not in self.sides:
            self.sides[language] = Side(language)
            _db.session.commit()
        return self.sides[language]


@pytest.fixture(scope="module")
def world(service_root, database_url, redis_server, _schema_app):
    """The app served with CSRF on (as in production) and the world the walks share.

    The test's own database work runs in a second app's context, as in tests/conftest.py's ``app``.
    """
    serving = create_app(make_config(service_root, database_url, redis_server.url, WTF_CSRF_ENABLED=True))
    working = create_app(make_config(service_root, database_url, redis_server.url))
    with working.app_context():
        load_reference_data()
        _db.session.commit()
        with LiveServer(serving) as server:
            yield World(server)
        _db.session.remove()
        _empty_tables()
    __import__("redis").Redis.from_url(redis_server.url).flushdb()


class Desk:
    """The browsers of one language: each person signed in once, in their own context, in that language."""

    def __init__(self, browser, server, language: str) -> None:
        self.browser, self.server, self.language = browser, server, language
        self.pages: dict[int, Page] = {}

    def page(self, user) -> Page:
        """``user``'s signed-in page in this language (the language switched with the app's own button)."""
        if user.id in self.pages:
            return self.pages[user.id]
        # axe-core is injected as a script, which the CSP forbids: the English walks (where axe runs) bypass the
        # CSP, the Lithuanian ones keep it, so the filters and pickers are proved to work under the real policy.
        context = self.browser.new_context(viewport={"width": 1366, "height": 900}, locale="lt-LT",
                                           accept_downloads=True, bypass_csp=self.language == "en")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(self.server.url + "/login")
        page.fill("#email", user.email)
        page.fill("#password", PASSWORD)
        with page.expect_navigation():
            page.locator("form:has(#password) [type=submit]").click()
        expect(page.locator("html")).to_have_attribute("lang", "lt")
        if self.language != "lt":
            with page.expect_navigation():
                page.locator(f"button[name=language][value={self.language}]").click()
            expect(page.locator("html")).to_have_attribute("lang", self.language)
        self.pages[user.id] = page
        return page

    def go(self, user, path: str) -> Page:
        """``user``'s page opened at ``path`` (which must answer 200)."""
        page = self.page(user)
        response = page.goto(self.server.url + path)
        assert response.status == 200, (path, response.status)
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        return page

    def close(self) -> None:
        """Close every context."""
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def desks(browser, world):
    """One :class:`Desk` per language, made when first asked for."""
    made: dict[str, Desk] = {}

    def desk(language: str) -> Desk:
        if language not in made:
            made[language] = Desk(browser, world.server, language)
        return made[language]

    yield desk
    for desk_ in made.values():
        desk_.close()


@pytest.fixture(params=LANGUAGES)
def walk(request, world, desks):
    """(language, that language's people and drafts, its desk) for one walk (both languages unless the test
    names some with ``indirect``)."""
    language = request.param
    return language, world.side(language), desks(language)


def shot(page: Page, name: str, language: str) -> None:
    """A screenshot of what the person sees, when REVIEWFLOW_SHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{language}-{name}.png"))


# -- At a glance -------------------------------------------------------------------------------------------


def test_the_draft_page_sums_up_the_consultation_and_filters_the_folded_table(walk):
    language, side, desk = walk
    draft = side.draft("glance")
    page = desk.go(side.people["lawyer"], f"/drafts/{draft.id}")
    deadline = draft.comment_deadline.isoformat()
    expected = {"lt": f"Atsakė 2 iš 60: 1 su pastabomis, 1 pastabų neturi; dar neatsakė 58. Terminas: {deadline}.",
                "en": f"Answered 2 of 60: 1 with comments, 1 without; 58 not yet. Deadline: {deadline}."}[language]
    expect(page.locator("#consultation-summary")).to_have_text(expected)
    expect(page.locator("#next-step")).to_contain_text(side.people["lawyer"].name)
    shot(page, "draft-page", language)

    # Folded: the 60 rows are there but out of sight until the summary is opened; the filters come with them.
    rows = page.locator("#statuses tbody tr")
    expect(rows).to_have_count(60)
    expect(page.locator("#statuses")).to_be_hidden()
    page.locator("#glance nav a[href='#municipalities']").click()
    expect(page).to_have_url(re.compile("#municipalities$"))
    page.locator("#statuses-details > summary").click()
    expect(page.locator("#statuses")).to_be_visible()
    expect(page.locator("#statuses-details > summary")).to_contain_text(say(language, "Show the table"))
    expect(page.get_by_label(say(language, "County"))).to_be_visible()

    county = "Kauno apskritis"
    in_county = _db.session.scalar(select(func.count(Municipality.id)).where(Municipality.county == county))
    page.get_by_label(say(language, "County")).select_option(county)
    expect(page.locator("#statuses tbody tr:visible")).to_have_count(in_county)
    answer = page.get_by_label(say(language, "Answer"), exact=True)
    answer.select_option("no_comments")
    visible = page.locator("#statuses tbody tr:visible")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("Kauno miesto savivaldybė")
    page.get_by_label(say(language, "County")).select_option("")
    answer.select_option("answered")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("Vilniaus miesto savivaldybė")
    answer.select_option("pending")
    expect(visible).to_have_count(58)


# -- Confirmations -----------------------------------------------------------------------------------------


def test_the_answer_is_submitted_only_with_its_box_ticked(walk):
    language, side, desk = walk
    draft = side.draft("answer")
    specialist = side.people["specialist"]
    page = desk.go(specialist, f"/drafts/{draft.id}/answer")
    expect(page.locator("#own-comments tbody tr")).to_have_count(1)

    # Without the tick the browser asks for it and sends nothing.
    box = page.get_by_label(say(language, "I confirm: these are all our comments; they cannot be changed after "
                                          "submitting."))
    page.locator("#submit-answer").click()
    assert box.evaluate("e => e.validity.valueMissing") is True
    expect(page.locator("#submit-answer")).to_be_visible()
    invitation = _db.session.scalar(select(Invitation).where(Invitation.draft_id == draft.id,
                                                             Invitation.municipality_id == specialist.municipality_id))
    _db.session.refresh(invitation)
    assert invitation.status == AnswerStatus.PENDING

    box.check()
    with page.expect_navigation():
        page.locator("#submit-answer").click()
    expect(page.locator(".alert-success")).to_have_text(say(language, "Your municipality's answer was submitted."))
    expect(page.locator("#submit-answer")).to_have_count(0)
    _db.session.refresh(invitation)
    assert invitation.status == AnswerStatus.ANSWERED

    # Home: the draft no longer waits for the municipality; it is among the answers given.
    with page.expect_navigation():
        page.get_by_role("link", name="Reviewflow").click()  # the brand in the top bar leads home
    expect(page.locator(f"#waiting a[href='/drafts/{draft.id}']")).to_have_count(0)
    expect(page.locator("#past-answers tr", has=page.locator(f"a[href='/drafts/{draft.id}']"))).to_contain_text(
        say(language, "Answered"))
    shot(page, "specialist-home", language)


# The irreversible steps walked in one language each (test_pagesfix.py asks both through the app's pages).
IRREVERSIBLE = {"lt": ("delete", "withdraw"), "en": ("close_consultation",)}
DONE = {"close_consultation": "Consultation closed before its deadline.", "withdraw": "Draft withdrawn."}


def test_the_irreversible_steps_are_asked_in_the_page_and_said_after(walk):
    """Deleting a comment, closing early and withdrawing, each through its question in the page (a browser
    dialog fails the walk), then the message in the past tense."""
    language, side, desk = walk
    draft = side.draft("undoable")
    steps = IRREVERSIBLE[language]
    if "delete" in steps:
        page = desk.go(side.people["specialist"], f"/drafts/{draft.id}/answer")
        page.once("dialog", lambda dialog: pytest.fail(f"a browser dialog: {dialog.message}"))
        with page.expect_navigation():
            page.locator(f"#own-comments a[href$='/comments/{draft.comment.id}/delete']").click()
        expect(page.locator("#delete-question")).to_have_text(
            say(language, "Delete this comment? A deleted comment cannot be restored."))
        with page.expect_navigation():
            page.locator("#confirm-delete").click()
        expect(page.locator(".alert-success")).to_have_text(say(language, "Comment deleted."))
        assert comments_of(draft.id) == []

    page = desk.go(side.people["lawyer"], f"/drafts/{draft.id}")
    page.once("dialog", lambda dialog: pytest.fail(f"a browser dialog: {dialog.message}"))
    for name in (n for n in steps if n in DONE):
        with page.expect_navigation():
            page.locator(f"a[href$='/act/{name}']").first.click()
        page.locator("#reason").fill("Iniciatorius atsiėmė projektą.")
        if name == "close_consultation":  # not ticked: asked again, nothing done (withdrawing: test_pagesfix.py)
            with page.expect_navigation():
                page.locator("#action-form [type=submit]").click()
            expect(page.locator("#confirm.is-invalid")).to_have_count(1)
        page.locator("#confirm").check()
        with page.expect_navigation():
            page.locator("#action-form [type=submit]").click()
        expect(page.locator(".alert-success")).to_have_text(say(language, DONE[name]))
    _db.session.refresh(draft)
    assert draft.state == (DraftState.WITHDRAWN if "withdraw" in steps else DraftState.CONSOLIDATION)


# -- Fast to work in ---------------------------------------------------------------------------------------


def test_an_internal_note_is_read_by_staff_and_never_by_the_municipality(walk):
    language, side, desk = walk
    draft = side.draft("decisions")
    vilnius = draft.comment
    lawyer = desk.go(side.people["lawyer"], f"/drafts/{draft.id}/table")
    notes = lawyer.locator(f"#notes-{vilnius.id}")
    notes.locator("summary").click()
    notes.get_by_label(say(language, "New internal note")).fill(NOTE)
    with lawyer.expect_navigation(url=re.compile(f"#notes-{vilnius.id}$")):
        notes.locator("[type=submit]").click()
    expect(lawyer.locator(".alert-success")).to_have_text(say(language, "Internal note added."))
    expect(notes.locator(".rf-note")).to_have_count(1)
    expect(notes.locator(".rf-note")).to_contain_text(side.people["lawyer"].name)
    expect(notes.locator(".rf-note")).to_contain_text(NOTE)
    expect(lawyer.locator(f"#notes-{draft.kaunas.id} .rf-note")).to_have_count(0)  # on that proposal only

    # The municipality that made the proposal: not on its pages, not in the API.
    specialist = side.people["specialist"]
    for path in (f"/drafts/{draft.id}", f"/drafts/{draft.id}/answer"):
        page = desk.go(specialist, path)
        expect(page.locator("main")).not_to_contain_text(NOTE)
        expect(page.locator("main")).not_to_contain_text(say(language, "Internal notes"))
    expect(page.locator("#own-comments")).to_contain_text(vilnius.text)  # its own proposal is there
    raw, _token = tokens.issue_token({"email": specialist.email, "password": PASSWORD})
    _db.session.commit()
    api = page.context.request
    bearer = {"Authorization": f"Bearer {raw}"}
    own = api.get(f"{desk.server.url}/api/v1/comments/{vilnius.id}", headers=bearer)
    assert own.status == 200 and NOTE not in own.text() and not any("note" in key for key in own.json())
    listed = api.get(f"{desk.server.url}/api/v1/drafts/{draft.id}/comments", headers=bearer)
    assert listed.status == 200 and vilnius.text in listed.text() and NOTE not in listed.text()
    assert api.get(f"{desk.server.url}/api/v1/comments/{vilnius.id}/notes", headers=bearer).status == 404


@pytest.mark.parametrize("walk", ["en"], indirect=True)  # the Lithuanian walk is test_consolidation_browser.py's
def test_the_lawyer_decides_two_proposals_at_once_in_english(walk):
    language, side, desk = walk
    draft = side.draft("bulk")
    vilnius, kaunas = draft.comment, draft.kaunas
    page = desk.go(side.people["lawyer"], f"/drafts/{draft.id}/table")
    page.get_by_label("Select proposal No. 1", exact=True).check()
    page.get_by_label("Select proposal No. 2", exact=True).check()
    expect(page.locator("#bulk-count")).to_contain_text("selected: 2")
    page.locator("#bulk_decision").select_option("rejected")
    page.get_by_role("button", name="Insert").last.click()
    expect(page.locator("#bulk_reasons")).to_have_value(REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Apply to the selected").click()

    expect(page.locator("#bulk-confirm-question")).to_contain_text(
        "Give the decision “Reject (Nepritarti)” to 2 proposals?")
    assert [c.decision for c in comments_of(draft.id)] == [None, None]  # asked first: nothing decided yet
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, decide on 2 proposals").click()
    expect(page.locator(".alert-success")).to_have_text("Decision “Reject (Nepritarti)” given to 2 proposals.")
    shot(page, "bulk-decided", language)
    assert [(c.id, c.decision.value, c.reasons) for c in comments_of(draft.id)] == [
        (vilnius.id, "rejected", REASON), (kaunas.id, "rejected", REASON)]


# -- Word and Excel both ways ------------------------------------------------------------------------------


def fill_comments_table(path, kind: str) -> None:
    """As a specialist would in Word or Excel: a comment on a prefilled provision, a provision typed by hand in
    a row of its own, and a row that names nothing in the draft."""
    rows = [("2 str. 1 d.", "Savarankiškosios funkcijos turi būti išvardytos.", ""),
            ("Preambulė", "Papildyti įstatymo tikslą.", "")]
    if kind == "docx":
        document = docx.Document(str(path))
        table = document.tables[0]
        row = next(r for r in table.rows if r.cells[0].text == "2 straipsnio 2 dalis")
        row.cells[1].text, row.cells[2].text = "Valstybinės funkcijos turi būti finansuojamos.", "…ir lėšų."
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=False):
                cell.text = value
        document.save(str(path))
        return
    workbook = load_workbook(path)
    sheet = workbook.active
    found = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "2 straipsnio 2 dalis")
    sheet.cell(row=found, column=2, value="Valstybinės funkcijos turi būti finansuojamos.")
    sheet.cell(row=found, column=3, value="…ir lėšų.")
    for values in rows:  # typed below the table, with no key in the hidden column
        sheet.append(list(values))
    workbook.save(path)


@pytest.mark.parametrize(("walk", "kind"), [(language, kind) for language, kinds in KINDS.items() for kind in kinds],
                         indirect=["walk"])
def test_a_municipality_answers_in_a_table_it_filled_offline(walk, kind, tmp_path):
    language, side, desk = walk
    draft = side.draft(kind)
    specialist = side.people["specialist"]
    page = desk.go(specialist, f"/drafts/{draft.id}/answer")
    with page.expect_navigation():
        page.locator("#word-excel a").click()
    expect(page.locator("h1")).to_have_text(say(language, "Answer in Word or Excel"))
    with page.expect_download() as download:
        page.locator(f"#download-{kind}").click()
    assert download.value.suggested_filename == f"pastabos-XIVP-2435-2.{kind}"
    path = tmp_path / f"pastabos.{kind}"
    download.value.save_as(path)
    fill_comments_table(path, kind)

    page.get_by_label(say(language, "Filled table (DOCX or XLSX)")).set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name=say(language, "Read the table")).click()
    placed, unplaced = page.locator(".rf-placed tr.rf-found-row"), page.locator(".rf-unplaced tr.rf-found-row")
    expect(placed).to_have_count(2)
    expect(placed.nth(0).locator("select option:checked")).to_have_text("2 straipsnio 2 dalis")
    expect(placed.nth(1).locator("select option:checked")).to_contain_text("2 straipsnio 1 dalis")
    expect(unplaced).to_have_count(1)  # shown, never dropped
    expect(unplaced.first).to_contain_text("Preambulė")
    expect(unplaced.first.locator("select option:checked")).to_have_text(say(language, "— do not save —"))
    expect(page.locator(".rf-unplaced")).to_contain_text(say(language, "Rows that could not be placed"))
    shot(page, f"{kind}-preview", language)
    assert len(comments_of(draft.id)) == 1  # nothing saved before the confirmation

    with page.expect_navigation():
        page.get_by_role("button", name=say(language, "Save these comments")).click()
    expect(page.locator(".alert-success")).to_have_text(say(
        language, "%(count)s comments from the table were added to your municipality's answer.", count=2))
    own = page.locator("#own-comments")
    expect(own).to_contain_text("Valstybinės funkcijos turi būti finansuojamos.")
    expect(own).to_contain_text("Savarankiškosios funkcijos turi būti išvardytos.")
    expect(own).not_to_contain_text("Papildyti įstatymo tikslą.")  # left out, as the preview said
    saved = comments_of(draft.id)[1:]
    assert [(c.text, c.proposed_wording, c.municipality_id) for c in saved] == [
        ("Valstybinės funkcijos turi būti finansuojamos.", "…ir lėšų.", specialist.municipality_id),
        ("Savarankiškosios funkcijos turi būti išvardytos.", None, specialist.municipality_id)]
    assert [c.provision.label for c in saved] == ["2 straipsnio 2 dalis", "2 straipsnio 1 dalis"]


def test_the_lawyer_decides_in_excel_and_keeps_a_decision_made_meanwhile(walk, tmp_path):
    language, side, desk = walk
    draft = side.draft("decisions")
    vilnius, kaunas = draft.comment, draft.kaunas
    page = desk.go(side.people["lawyer"], f"/drafts/{draft.id}/table")
    shot(page, "consolidation-table", language)
    with page.expect_navigation():
        page.locator("#decide-in-excel a").click()
    with page.expect_download() as download:
        page.locator("#download-decisions").click()
    path = tmp_path / download.value.suggested_filename
    assert path.suffix == ".xlsx"
    download.value.save_as(path)

    # Meanwhile, in the browser, the lawyer rejects Kaunas' proposal.
    page.goto(f"{desk.server.url}/drafts/{draft.id}/table")
    row = page.locator(f"#comment-{kaunas.id}")
    row.locator("select[name$='-decision']").select_option("rejected")
    row.locator("textarea[name$='-reasons']").fill("Ne savivaldybių kompetencija.")
    with page.expect_navigation():
        row.locator("form.rf-decide [type=submit]").click()
    expect(page.locator(".alert-success")).to_have_count(1)

    # In Excel, every proposal is accepted.
    workbook = load_workbook(path)
    sheet = workbook["Sprendimai"]
    header = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == "ID")
    assert sorted(sheet.cell(row=r, column=1).value for r in range(header + 1, sheet.max_row + 1)) == sorted(
        [vilnius.id, kaunas.id])
    for r in range(header + 1, sheet.max_row + 1):
        sheet.cell(row=r, column=6, value="Pritarti")
    workbook.save(path)

    page.goto(f"{desk.server.url}/drafts/{draft.id}/table/import")
    page.get_by_label(say(language, "Edited decisions table (XLSX)")).set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name=say(language, "Read the table")).click()
    conflicts, changes = page.locator(".rf-conflicts tr.rf-change"), page.locator(".rf-changes tr.rf-change")
    expect(page.locator(".rf-decisions-preview")).to_contain_text(
        say(language, "Conflicts: changed in Reviewflow after the export"))
    expect(conflicts).to_have_count(1)
    expect(conflicts.first).to_have_attribute("data-comment", str(kaunas.id))
    expect(conflicts.first).to_contain_text(say(language, "changed in both"))
    expect(changes).to_have_count(1)
    expect(changes.first).to_have_attribute("data-comment", str(vilnius.id))
    expect(page.locator(f"#apply-{vilnius.id}")).to_be_checked()
    expect(page.locator(f"#apply-{kaunas.id}")).not_to_be_checked()  # the browser's decision wins unless ticked
    shot(page, "decisions-preview", language)
    assert [c.decision for c in comments_of(draft.id)][0] is None  # nothing saved before the confirmation
    if language == "en":
        assert serious(page) == []

    with page.expect_navigation():
        page.get_by_role("button", name=say(language, "Save the ticked changes")).click()
    expect(page.locator(".alert-success")).to_have_text(
        say(language, "%(count)s decisions from the file were saved.", count=1))
    expect(page.locator(".rf-decisions-result")).to_contain_text(say(language, "Kept as they are in Reviewflow"))
    assert [(c.id, c.decision.value, c.reasons) for c in comments_of(draft.id)] == [
        (vilnius.id, "accepted", None), (kaunas.id, "rejected", "Ne savivaldybių kompetencija.")]
