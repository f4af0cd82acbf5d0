"""Merging, LSA's words and LSA's own proposals in Chromium, clicked the way a lawyer would (issue 8, items 7-8)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reviewflow.extensions import db as _db
from reviewflow.models import Comment, DraftState, Municipality, Provision
from reviewflow.services import consultation, lifecycle
from tests.pages.conftest import draft_in, make_people, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SAME = {"article": "2", "part": "1", "text": "Per siauras reguliavimas.", "proposed_wording": "Kitaip."}
AMENDED = "1 straipsniu keičiamo 5 straipsnio 2 dalis"
INDENT = "\u00a0" * 4


def signed_in(browser, server, user):
    """A page of ``user``'s own browser context, signed in through the login form."""
    return signed_in_page(browser, server, user)


def name_of(code: str) -> str:
    """A municipality's name by ISO code."""
    return _db.session.scalar(_db.select(Municipality.name).where(Municipality.iso_code == code))


@pytest.fixture
def two_same(make_user, db):
    """A draft in consolidation where Vilnius (LT-57) and Kaunas (LT-15) proposed the same on 2 str. 1 d."""
    people = make_people(make_user, language="en")
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    kaunas = consultation.add_comment(draft, people["kaunas"], dict(SAME))
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    db.session.add(Provision(draft_id=draft.id, position=100, article="5", part="2", scope="1 str.",
                             label=AMENDED, depth=1))
    db.session.commit()
    return people, draft, draft.comment, kaunas


@pytest.mark.parametrize("tick_kept_too", [False, True], ids=["tick-the-other", "tick-both"])
def test_the_lawyer_merges_identical_proposals_by_clicking(browser, live_server, two_same, tick_kept_too):
    people, draft, vilnius, kaunas = two_same
    page = signed_in(browser, live_server, people["lawyer"])
    page.goto(f"{live_server.url}/drafts/{draft.id}/table")
    expect(page.locator("tr[id^=comment-]")).to_have_count(2)

    page.get_by_text("Merge identical proposals on this provision").click()
    page.get_by_label("Keep this proposal").select_option(str(vilnius.id))
    page.get_by_role("checkbox", name=re.compile(re.escape(name_of("LT-15")))).check()
    if tick_kept_too:  # a lawyer may tick every identical proposal, the kept one included
        page.get_by_role("checkbox", name=re.compile(re.escape(name_of("LT-57")))).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Merge", exact=True).click()

    expect(page.locator(".alert-success")).to_contain_text("Proposals merged.")
    rows = page.locator("tr[id^=comment-]")
    expect(rows).to_have_count(1)  # the merged proposal appears once ...
    expect(rows.first).to_have_id(f"comment-{vilnius.id}")
    expect(rows.first).to_contain_text(name_of("LT-57"))  # ... with both municipalities that made it
    expect(rows.first.locator(".rf-merged")).to_contain_text(name_of("LT-15"))
    assert _db.session.get(Comment, kaunas.id).merged_into_id == vilnius.id

    # Its decision, with LSA's own wording, is the merged one's too.
    form = page.locator(f"#comment-{vilnius.id} form.rf-decide")
    form.get_by_label("Decision").select_option("partly_accepted")
    form.get_by_label("Reasons").fill("Iš dalies.")
    expect(form.get_by_label("LSA's proposed wording")).to_have_value("Kitaip.")  # prefilled
    form.get_by_label("LSA's proposed wording").fill("LSA siūloma redakcija.")
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile("Save decision")).click()
    expect(page.locator(".alert-success")).to_contain_text("Decision saved.")
    _db.session.expire_all()
    merged = _db.session.get(Comment, kaunas.id)
    assert (merged.decision.value, merged.lsa_wording) == ("partly_accepted", "LSA siūloma redakcija.")

    with page.expect_navigation():
        page.get_by_role("button", name=f"Unmerge {name_of('LT-15')}").click()
    expect(page.locator("tr[id^=comment-]")).to_have_count(2)
    page.context.close()


def test_the_lawyer_adds_lsas_own_proposal_on_a_nested_anchor(browser, live_server, two_same):
    people, draft, _vilnius, _kaunas = two_same
    quoted = _db.session.scalar(_db.select(Provision.id).where(Provision.label == AMENDED))
    page = signed_in(browser, live_server, people["lawyer"])
    page.goto(f"{live_server.url}/drafts/{draft.id}/table")
    form = page.locator("#proposal-form")
    picker = form.get_by_label("Provision")
    assert picker.locator(f"option[value='{quoted}']").text_content() == INDENT + AMENDED  # indented
    with page.expect_navigation():
        form.get_by_role("button", name="Add LSA's proposal").click()
    expect(form.locator(".invalid-feedback")).to_have_count(1)  # LSA's text is required

    picker.select_option(str(quoted))
    form.get_by_label("LSA's text of the proposal").fill("LSA siūlo sutrumpinti terminą.")
    form.get_by_label("LSA's proposed wording").fill("per 10 darbo dienų")
    with page.expect_navigation():
        form.get_by_role("button", name="Add LSA's proposal").click()
    group = page.locator("section.rf-group", has=page.get_by_role("heading", name=AMENDED))
    expect(group.locator(".rf-lsa-own")).to_have_count(1)
    expect(group).to_contain_text("LSA siūlo sutrumpinti terminą.")
    proposal = _db.session.scalar(_db.select(Comment).where(Comment.provision_id == quoted))
    assert (proposal.municipality_id, proposal.origin.value, proposal.decision.value) == (None, "lsa", "accepted")
    page.context.close()


def test_the_specialists_picker_shows_nested_anchors_indented(browser, live_server, make_user, db):
    people = make_people(make_user, language="en")
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    db.session.add(Provision(draft_id=draft.id, position=100, article="5", part="2", scope="1 str.",
                             label=AMENDED, depth=1))
    db.session.commit()
    page = signed_in(browser, live_server, people["kaunas"])
    page.goto(f"{live_server.url}/drafts/{draft.id}/answer")
    page.get_by_label("Provision").select_option(label=INDENT + AMENDED)
    page.get_by_label("Comment", exact=True).fill("Dėl keičiamo straipsnio.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add comment").click()
    expect(page.locator("#own-comments tbody tr")).to_contain_text(AMENDED)
    page.context.close()
