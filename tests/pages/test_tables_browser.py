"""Word and Excel both ways in the pages: the municipality's Word round trip in Chromium (in Lithuanian), and
the lawyer's decisions workbook through the upload, the preview with its conflict and the confirmation."""

from __future__ import annotations

import io
import re

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale, gettext
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from reviewflow.models import Comment, DraftState, Provision
from reviewflow.services import consolidation, consultation, lifecycle
from tests.conftest import PASSWORD, login
from tests.pages.conftest import draft_in, make_people


def lt(message: str) -> str:
    """What a Lithuanian reader sees for ``message`` (the catalogue's translation, once compiled)."""
    with force_locale("lt"):
        return gettext(message)


@pytest.mark.browser
@pytest.mark.slow
def test_a_specialist_answers_in_word_and_confirms_the_comments_found(browser, live_server, make_user, db,
                                                                    output_dir, tmp_path):
    people = make_people(make_user)  # Lithuanian interface
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    specialist = people["specialist"]
    # bypass_csp: axe-core is injected as a script to check the preview page.
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="lt-LT",
                               bypass_csp=True).new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/login")
    page.fill("#email", specialist.email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#password) [type=submit]").click()

    page.goto(f"{live_server.url}/drafts/{draft.id}/answer")
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    with page.expect_navigation():
        page.locator("#word-excel a").click()
    expect(page.locator("h1")).to_have_text(lt("Answer in Word or Excel"))
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    assert download.value.suggested_filename == "pastabos-XIVP-2435-2.docx"
    path = tmp_path / "pastabos.docx"
    download.value.save_as(path)

    # Filled in Word: a comment on a prefilled provision, and a row typed below that names nothing in the draft.
    document = docx.Document(str(path))
    table = document.tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "2 straipsnio 2 dalis")
    row.cells[1].text = "Valstybinės funkcijos turi būti finansuojamos."
    row.cells[2].text = "…ir gauna tam valstybės biudžeto lėšų."
    typed = table.add_row().cells
    typed[0].text, typed[1].text = "Preambulė", "Papildyti įstatymo tikslą."
    document.save(str(path))

    page.locator("#comments-upload input[type=file]").set_input_files(str(path))
    with page.expect_navigation():
        page.locator("#comments-upload [type=submit]").click()
    placed, unplaced = page.locator(".rf-placed tr.rf-found-row"), page.locator(".rf-unplaced tr.rf-found-row")
    expect(placed).to_have_count(1)
    expect(unplaced).to_have_count(1)
    expect(placed.first.locator("select option:checked")).to_have_text("2 straipsnio 2 dalis")
    expect(unplaced.first).to_contain_text("Preambulė")
    assert db.session.scalar(select(db.func.count(Comment.id)).where(Comment.draft_id == draft.id)) == 1
    page.screenshot(path=str(output_dir / "preview.png"), full_page=True)
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []

    # The unplaced row is kept only because the specialist says it is a general comment.
    unplaced.first.locator("select").select_option("general")
    with page.expect_navigation():
        page.locator("#save-found").click()
    expect(page.locator(".alert-success")).to_contain_text(re.compile(r"2"))
    expect(page.locator("#own-comments")).to_contain_text("Valstybinės funkcijos turi būti finansuojamos.")
    expect(page.locator("#own-comments")).to_contain_text("Papildyti įstatymo tikslą.")
    anchor = db.session.scalar(select(Provision.id).where(Provision.draft_id == draft.id,
                                                          Provision.label == "2 straipsnio 2 dalis"))
    saved = db.session.scalars(select(Comment).where(Comment.draft_id == draft.id).order_by(Comment.id)).all()
    assert [(c.provision_id, c.proposed_wording, c.municipality_id) for c in saved[1:]] == [
        (anchor, "…ir gauna tam valstybės biudžeto lėšų.", specialist.municipality_id),
        (None, None, specialist.municipality_id)]
    page.context.close()


def test_the_lawyer_imports_decisions_sees_the_conflict_and_keeps_the_browsers_decision(app, make_user, db):
    people = make_people(make_user, language="en")
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    kaunas = consultation.add_comment(draft, people["kaunas"], {"article": "2", "part": "2", "text": "Kita."})
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    client = app.test_client()
    login(client, people["lawyer"].email)
    table = client.get(f"/drafts/{draft.id}/table").get_data(as_text=True)
    assert f"/drafts/{draft.id}/table/import" in table
    exported = client.get(f"/drafts/{draft.id}/table/decisions.xlsx")
    assert exported.status_code == 200
    consolidation.decide_comment(kaunas.id, people["lawyer"], {"decision": "rejected", "reasons": "Ne."})
    workbook = load_workbook(io.BytesIO(exported.data))
    ws = workbook["Sprendimai"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "ID")
    for row in range(header + 1, ws.max_row + 1):
        ws.cell(row=row, column=6, value="Pritarti")
    out = io.BytesIO()
    workbook.save(out)

    preview = client.post(f"/drafts/{draft.id}/table/import", data={"file": (io.BytesIO(out.getvalue()), "s.xlsx")},
                          content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert f'name="seen" value="{kaunas.id}"' in html and 'class="table table-sm align-top rf-conflicts"' in html
    assert f'id="apply-{draft.comment.id}" checked' in html and f'id="apply-{kaunas.id}">' in html
    # Proposals named as the table names them, decisions in the reader's language (English here).
    assert "2 straipsnio 2 dalis · Kauno miesto savivaldybė</a>" in html and "Accept (Pritarti)" in html
    form = {"rows": [str(draft.comment.id), str(kaunas.id)], "apply": [str(draft.comment.id)],
            "seen": [str(kaunas.id)]}
    for cid in (draft.comment.id, kaunas.id):
        form[f"new-{cid}-decision"], form[f"base-{cid}-decision"] = "accepted", ""
    confirmed = client.post(f"/drafts/{draft.id}/table/import/confirm", data=form)
    assert confirmed.status_code == 200 and "rf-decisions-result" in confirmed.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Comment, draft.comment.id).decision.value == "accepted"
    assert db.session.get(Comment, kaunas.id).decision.value == "rejected"

    refused = client.post(f"/drafts/{draft.id}/table/import", data={"file": (io.BytesIO(b"not excel"), "s.xlsx")},
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and "invalid-feedback" in refused.get_data(as_text=True)
