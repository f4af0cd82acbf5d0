"""A bulk decision with an inserted saved reason, clicked in Chromium in Lithuanian (issue 13, items 5, 6, 8).

Elements are found by their ids and roles, not by their words, so the walk holds in either language.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from reviewflow.extensions import db as _db
from reviewflow.models import Comment, DraftState
from reviewflow.services import consultation, internal_notes, lifecycle, saved_reasons
from tests.pages.conftest import draft_in, make_people
from tests.pages.test_merge_browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REASON = ("Nuostata nepriklauso savivaldybių kompetencijai, todėl pasiūlymas nesvarstytinas; "
          "klausimą sprendžia ministerija pagal savo kompetenciją.")


def serious(axe: Axe, page) -> list[str]:
    """axe-core's serious and critical findings on the page."""
    result = axe.run(page).response
    assert result["passes"], "axe did not run"
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.fixture
def table_world(make_user, db):
    """A draft with text in consolidation: Vilnius on 2 str. 1 d., Kaunas twice; a saved reason and a note."""
    people = make_people(make_user)
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    kaunas = [consultation.add_comment(draft, people["kaunas"], payload) for payload in (
        {"article": "2", "part": "2", "text": "Valstybinių funkcijų sąrašas per platus ir neaiškus savivaldybėms."},
        {"article": "1", "part": "1", "text": "Siūlome patikslinti paskirtį.", "proposed_wording": "Šis įstatymas "
         "nustato savivaldybių teises ir pareigas, įskaitant 2026-12-08 įsigaliojančias nuostatas."},
    )]
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    saved_reasons.add_saved_reason(people["lawyer"], {"text": REASON})
    saved_reasons.add_saved_reason(people["admin"], {"text": "Bendras argumentas visiems.", "shared": True})
    internal_notes.add_internal_note(draft.comment.id, people["committee"], {"text": "Aptarti komitete."})
    db.session.commit()
    return people, draft, [draft.comment, *kaunas]


def test_the_lawyer_decides_two_proposals_at_once_with_a_saved_reason(browser, live_server, table_world,
                                                                       output_dir):
    people, draft, (vilnius, kaunas_2_2, kaunas_1_1) = table_world
    page = signed_in(browser, live_server, people["lawyer"])
    page.goto(f"{live_server.url}/drafts/{draft.id}/table")
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    expect(page.locator("tr[id^=comment-]")).to_have_count(3)
    expect(page.locator(".rf-provision-text").first).to_contain_text("Šis įstatymas nustato")  # the text beside
    expect(page.locator(f"#notes-{vilnius.id}")).to_contain_text("Aptarti komitete.")
    page.screenshot(path=str(output_dir / "table.png"))
    page.screenshot(path=str(output_dir / "table-full.png"), full_page=True)
    axe = Axe()
    assert serious(axe, page) == []

    # Keyboard: the boxes are reached by Tab and ticked by Space, with the focus drawn.
    page.locator(f"#pick-{kaunas_1_1.id}").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(page.locator(f"#pick-{kaunas_1_1.id}")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(f"#pick-{kaunas_1_1.id}")).to_be_checked()
    outline = page.locator(f"#pick-{kaunas_1_1.id}").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    page.locator(f"#pick-{kaunas_2_2.id}").check()
    expect(page.locator("#bulk-count")).to_contain_text("2")

    page.locator("#bulk_decision").select_option("rejected")
    reasons = page.locator("#bulk_reasons")
    before = reasons.evaluate("e => e.clientHeight")
    page.locator("#pick-reason-bulk").select_option(label=page.locator("#pick-reason-bulk option").first.inner_text())
    page.locator("[data-insert-reason=pick-reason-bulk]").click()
    expect(reasons).to_have_value(REASON)
    assert reasons.evaluate("e => e.clientHeight") > before  # the field grew with the text
    reasons.press("End")
    reasons.type(" Papildoma pastaba.")
    page.screenshot(path=str(output_dir / "bulk.png"))
    with page.expect_navigation():
        page.locator("#bulk-form [type=submit]").click()

    # Asked in the page first: nothing is decided yet.
    expect(page.locator("input[name=bulk_confirmed]")).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(2)
    _db.session.expire_all()
    assert _db.session.get(Comment, kaunas_2_2.id).decision is None
    page.screenshot(path=str(output_dir / "confirm.png"), full_page=True)
    assert serious(axe, page) == []
    with page.expect_navigation():
        page.locator("form:has(input[name=bulk_confirmed]) [type=submit]").click()

    assert page.url.endswith(f"/table#comment-{kaunas_1_1.id}")  # back at the first ticked row, not the top
    expect(page.locator(".alert-success")).to_contain_text("2")
    _db.session.expire_all()
    decided = {c.id: (c.decision.value if c.decision else None, c.reasons)
               for c in _db.session.scalars(_db.select(Comment).where(Comment.draft_id == draft.id))}
    assert decided == {vilnius.id: (None, None),  # the one not ticked is untouched
                       kaunas_2_2.id: ("rejected", REASON + " Papildoma pastaba."),
                       kaunas_1_1.id: ("rejected", REASON + " Papildoma pastaba.")}
    page.screenshot(path=str(output_dir / "after.png"), full_page=True)

    # The saved reasons page, and deleting one: asked in the page, then told.
    with page.expect_navigation():
        page.locator("a[href='/reasons/']").first.click()
    page.screenshot(path=str(output_dir / "reasons.png"))
    assert serious(axe, page) == []
    own = page.locator("tr[id^=reason-]", has_text="Nuostata nepriklauso")
    with page.expect_navigation():
        own.locator("a[href$='/delete']").click()
    assert serious(axe, page) == []
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    expect(page.locator("tr[id^=reason-]")).to_have_count(1)  # the shared one stays
    page.context.close()
