"""Fixtures for the page tests: one person per role, drafts in every state, a live server, Chromium."""

from __future__ import annotations

import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from reviewflow.models import DraftState
from reviewflow.services import consolidation, consultation, drafts, lifecycle
from reviewflow.services.clock import vilnius_today
from tests.pure.samples import docx_bytes

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "pages"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAFT_TEXT = (
    "1 straipsnis. Įstatymo paskirtis",
    "1. Šis įstatymas nustato savivaldybių teises.",
    "2 straipsnis. Savivaldybių funkcijos",
    "1. Savivaldybės atlieka savarankiškąsias funkcijas.",
    "2. Savivaldybės atlieka valstybines funkcijas.",
)


def make_people(make_user, language: str = "lt") -> dict:
    """One person per role (two specialists of different municipalities)."""
    return {
        "admin": make_user("admin", language=language),
        "lawyer": make_user("lawyer", language=language),
        "specialist": make_user("specialist", municipality="LT-57", language=language),
        "kaunas": make_user("specialist", municipality="LT-15", language=language),
        "committee": make_user("committee", committees=["IVPK"], language=language),
        "board": make_user("board", language=language),
    }


@pytest.fixture
def people(make_user):
    """One person per role, Lithuanian interface."""
    return make_people(make_user)


def registration_payload(title: str = "Vietos savivaldos įstatymo pakeitimo projektas") -> dict:
    """A valid registration payload."""
    today = vilnius_today()
    return {
        "title": title, "number": "XIVP-2435(2)", "kind": "law",
        "institution": "Lietuvos Respublikos Seimas", "incoming_letter_number": "(13.2-31)-3-352",
        "incoming_letter_date": (today - timedelta(days=2)).isoformat(),
        "received_date": (today - timedelta(days=1)).isoformat(),
        "reply_deadline": (today + timedelta(days=40)).isoformat(),
    }


def draft_in(state: DraftState, people: dict, *, with_file: bool = False):
    """A draft brought to ``state`` through the services; LT-57 and LT-15 invited; one comment by LT-57."""
    lawyer, today = people["lawyer"], vilnius_today().isoformat()
    # Several drafts of one number in one test: registered knowingly as second drafts of that number.
    draft = drafts.register_draft({**registration_payload(), "allow_duplicate": True}, lawyer).draft
    if with_file:
        drafts.attach_file(draft.id, lawyer, "draft_text", "projektas.docx", docx_bytes(*DRAFT_TEXT))
    steps = [
        ("assign", {"lawyer": lawyer.email, "committee": "IVPK"}),
        ("open_consultation", {"municipalities": ["LT-57", "LT-15"]}),
        ("comment", None),
        ("close_consultation", {"reason": "Laikas baigti."}),
        ("decide", None),
        ("send_to_committee", {}),
        ("give_opinion", {"opinion": "supports", "text": "Pritariame.", "meeting_date": today}),
    ]
    actors = {"give_opinion": people["committee"]}
    for name, payload in steps:
        if draft.state == state and name != "comment":
            break
        if name == "comment":
            draft.comment = consultation.add_comment(draft, people["specialist"], {
                "article": "2", "part": "1", "text": "Per siauras reguliavimas.", "proposed_wording": "Kitaip.",
            })
            continue
        if name == "decide":
            consolidation.decide_comment(draft.comment.id, lawyer, {"decision": "accepted"})
            consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports", "text": "Pritariame."})
            continue
        lifecycle.fire_transition(draft.id, name, actors.get(name, lawyer), payload, recent_login=True)
    assert draft.state == state
    return draft


class LiveServer:
    """The app served over HTTP from a thread of the test process."""

    def __init__(self, app) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture
def live_app(app_factory, refdata):
    """An app with CSRF on, as in production (the test's own set-up runs in the ``app`` fixture)."""
    return app_factory(WTF_CSRF_ENABLED=True)


@pytest.fixture
def live_server(live_app):
    """The CSRF-protected app served on a free port."""
    with LiveServer(live_app) as server:
        yield server


# Per module, not per session: Playwright's sync API keeps an asyncio loop running in the main thread while it
# is open, and a later test on the same worker that calls asyncio.run() (pyHanko signs and validates that way)
# would fail with "cannot be called from a running event loop".
@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def output_dir(request) -> Path:
    """Where a test leaves its screenshots (test-output/ is git-ignored)."""
    folder = OUTPUT / request.node.name.replace("[", "-").replace("]", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def signed_in_page(browser, server, user, *, viewport: dict | None = None, timeout: int = 15_000, **context):
    """A page of ``user``'s own browser context (1280x900 unless ``viewport``; ``context``: more Playwright context
    options, e.g. ``locale``), signed in through the login form."""
    from tests.conftest import PASSWORD

    page = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, **context).new_page()
    page.set_default_timeout(timeout)
    page.goto(server.url + "/login")
    page.fill("#email", user.email)  # the sign-in page speaks the browser's language, not the user's
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#password) [type=submit]").click()
    return page
