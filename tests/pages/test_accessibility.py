"""axe-core, run inside Chromium on the main pages of every role, finds no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from reviewflow.models import DraftState as S
from tests.conftest import PASSWORD
from tests.pages.conftest import draft_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pages_for(drafts: dict) -> dict[str, list[str]]:
    """The main pages each role works on."""
    c, k, b = drafts["consultation"], drafts["consolidation"], drafts["board"]
    return {
        "lawyer": ["/my", "/drafts/", "/drafts/?state=consultation&sort=-received", "/drafts/new",
                   f"/drafts/{c.id}", f"/drafts/{c.id}/extend", f"/drafts/{k.id}/table",
                   f"/drafts/{k.id}/position", f"/drafts/{k.id}", "/notifications/", f"/drafts/{k.id}/table/import"],
        "admin": ["/my", f"/drafts/{drafts['registered'].id}/act/assign", "/admin/signatories",
                  "/admin/signatories/new"],
        "specialist": ["/my", f"/drafts/{c.id}/answer", f"/drafts/{c.id}/answer/no-comments",
                       f"/drafts/{c.id}/answer/import",
                       f"/drafts/{c.id}/answer/comments/{c.comment.id}/edit",
                       f"/drafts/{c.id}/answer/comments/{c.comment.id}/delete"],
        "committee": ["/my", f"/drafts/{b.id}/table"],
        "board": ["/my", f"/drafts/{b.id}", f"/drafts/{b.id}/act/approve"],
    }


def test_main_pages_have_no_serious_accessibility_violations(browser, live_server, people, db):
    drafts = {
        "registered": draft_in(S.REGISTERED, people),
        "consultation": draft_in(S.CONSULTATION, people, with_file=True),
        "consolidation": draft_in(S.CONSOLIDATION, people, with_file=True),
        "board": draft_in(S.BOARD_REVIEW, people),
    }
    db.session.commit()
    axe = Axe()
    problems, checked = [], 0
    for role, paths in pages_for(drafts).items():
        context = browser.new_context(bypass_csp=True)  # axe is injected as a script
        page = context.new_page()
        page.goto(live_server.url + "/login")
        page.fill("#email", people[role].email)
        page.fill("#password", PASSWORD)
        with page.expect_navigation():
            page.click("form:has(#password) [type=submit]")
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (role, path, response.status)
            result = axe.run(page).response
            assert result["passes"], "axe did not run"
            checked += 1
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{role} {path}: {violation['id']} {violation['help']} {targets}")
        context.close()
    assert checked == sum(len(paths) for paths in pages_for(drafts).values())
    assert not problems, "\n".join(problems)
