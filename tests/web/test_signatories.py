"""Signatories (admin pages), the letter's subject and signatory on the draft page, duplicates, revisions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Draft, DraftState, Signatory
from reviewflow.services.drafts import register_draft
from reviewflow.services.letters import generated_subject
from tests.conftest import login
from tests.pages.conftest import registration_payload
from tests.web.conftest import ROLES, role_user, text

SEEDED = ("Prezidentas", "Vardenis Pavardenis")  # from LETTER_SIGNATORY_* when none exists


def signatories() -> list[tuple[str, str, bool, bool]]:
    db.session.rollback()
    return [(s.name, s.position, s.active, s.is_default)
            for s in db.session.scalars(select(Signatory).order_by(Signatory.id))]


def test_reference_data_seeds_one_default_signatory_once(app, refdata):
    from reviewflow.services.reference import load_reference_data

    load_reference_data()
    assert signatories() == [(SEEDED[1], SEEDED[0], True, True)]


@pytest.mark.parametrize("role", ROLES)
def test_signatory_pages_are_for_administrators_only(app, make_user, role):
    user = role_user(make_user, role)
    client = app.test_client()
    login(client, user.email)
    seeded = db.session.scalar(select(Signatory.id))
    expected = 200 if role == "admin" else 403
    for page in ("/admin/signatories", "/admin/signatories/new", f"/admin/signatories/{seeded}"):
        assert client.get(page).status_code == expected, page
    for action in ("default", "deactivate"):
        assert client.post(f"/admin/signatories/{seeded}/{action}").status_code == (302 if role == "admin" else 403)


def test_an_administrator_adds_edits_makes_default_and_deactivates(signed_in):
    _, client = signed_in("admin")
    page = text(client.get("/admin/signatories"))
    assert re.search(rf"{SEEDED[1]}</a></td>\s*<td>{SEEDED[0]}</td>\s*<td><span class=\"badge text-bg-primary\">", page)
    response = client.post("/admin/signatories/new", data={"name": "Ona  Onaitė", "position": "Prezidentė",
                                                           "active": "y", "is_default": "y"})
    assert response.status_code == 302
    assert signatories() == [(SEEDED[1], SEEDED[0], True, False), ("Ona Onaitė", "Prezidentė", True, True)]
    ona = db.session.scalar(select(Signatory).where(Signatory.name == "Ona Onaitė"))
    client.post(f"/admin/signatories/{ona.id}", data={"name": "Ona Onaitė", "position": "Viceprezidentė",
                                                      "active": "y", "is_default": "y"})
    seeded = db.session.scalar(select(Signatory.id).where(Signatory.name == SEEDED[1]))
    assert client.post(f"/admin/signatories/{seeded}/default").status_code == 302
    assert signatories() == [(SEEDED[1], SEEDED[0], True, True), ("Ona Onaitė", "Viceprezidentė", True, False)]
    client.post(f"/admin/signatories/{seeded}/deactivate")
    assert signatories() == [(SEEDED[1], SEEDED[0], False, False), ("Ona Onaitė", "Viceprezidentė", True, False)]
    # An inactive signatory cannot be made the default; the page says why.
    client.post(f"/admin/signatories/{seeded}/default")
    assert signatories()[0] == (SEEDED[1], SEEDED[0], False, False)
    refused = client.post("/admin/signatories/new", data={"name": "", "position": "X"})
    assert refused.status_code == 422 and 'id="name-error"' in text(refused)


def draft_for(lawyer, **extra) -> Draft:
    return register_draft({**registration_payload(), **extra}, lawyer).draft


def test_the_draft_page_shows_the_subject_and_the_lawyer_corrects_it(signed_in):
    lawyer, client = signed_in("lawyer")
    draft = draft_for(lawyer, title="LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 PAKEITIMO ĮSTATYMAS")
    page = text(client.get(f"/drafts/{draft.id}"))
    assert "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymas" in page
    subject = re.search(r'id="letter-subject">([^<]*)<', page).group(1).strip()
    assert subject == generated_subject(draft)
    assert "VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 PAKEITIMO ĮSTATYMO PROJEKTO" in subject
    assert f"{SEEDED[0]} {SEEDED[1]}" in re.search(r'id="letter-signatory">([^<]*)<', page).group(1)
    response = client.post(f"/drafts/{draft.id}/letter-subject", data={"letter_subject": "DĖL PATAISYTO"})
    assert response.status_code == 302
    page = text(client.get(f"/drafts/{draft.id}"))
    assert re.search(r'id="letter-subject">([^<]*)<', page).group(1).strip() == "DĖL PATAISYTO"
    client.post(f"/drafts/{draft.id}/letter-subject", data={"letter_subject": ""})
    db.session.expire_all()
    assert db.session.get(Draft, draft.id).letter_subject is None


def test_lsa_staff_choose_the_signatory_on_the_draft_page(signed_in):
    lawyer, client = signed_in("lawyer")
    draft = draft_for(lawyer)
    ona = Signatory(name="Ona Onaitė", position="Viceprezidentė", active=True)
    db.session.add(ona)
    db.session.commit()
    page = text(client.get(f"/drafts/{draft.id}"))
    assert f'<option value="{ona.id}">Viceprezidentė Ona Onaitė</option>' in page
    assert client.post(f"/drafts/{draft.id}/signatory", data={"signatory": str(ona.id)}).status_code == 302
    page = text(client.get(f"/drafts/{draft.id}"))
    assert "Viceprezidentė Ona Onaitė" in re.search(r'id="letter-signatory">([^<]*)<', page).group(1)
    db.session.expire_all()
    assert db.session.get(Draft, draft.id).signatory_id == ona.id


def test_after_approval_the_forms_are_gone_and_posting_is_refused(signed_in):
    lawyer, client = signed_in("lawyer")
    draft = draft_for(lawyer)
    draft.state = DraftState.APPROVED
    db.session.commit()
    page = text(client.get(f"/drafts/{draft.id}"))
    assert 'id="letter-subject"' in page and 'id="letter-subject-form"' not in page
    assert 'id="signatory-form"' not in page
    assert client.post(f"/drafts/{draft.id}/letter-subject", data={"letter_subject": "X"}).status_code == 403


def test_a_specialist_never_sees_the_letter_requisites(signed_in, make_user):
    lawyer = make_user("lawyer")
    draft = draft_for(lawyer)
    _, client = signed_in("specialist")
    assert client.post(f"/drafts/{draft.id}/letter-subject", data={"letter_subject": "X"}).status_code == 404


def test_registering_a_duplicate_warns_with_a_link_and_registers_only_when_confirmed(signed_in):
    lawyer, client = signed_in("lawyer")
    existing = draft_for(lawyer, number="XIVP-3597(2)")
    payload = {**registration_payload(), "number": "Nr. XIVP-3597(2)."}
    refused = client.post("/drafts/new", data=payload)
    page = text(refused)
    assert refused.status_code == 409
    assert f'href="/drafts/{existing.id}"' in page and 'id="duplicate-warning"' in page
    assert 'name="allow_duplicate"' in page
    db.session.rollback()
    assert db.session.scalars(select(Draft.id)).all() == [existing.id]
    accepted = client.post("/drafts/new", data={**payload, "allow_duplicate": "y"})
    assert accepted.status_code == 302
    assert len(db.session.scalars(select(Draft.id)).all()) == 2


def test_a_new_revision_links_to_the_previous_one_on_its_page(signed_in):
    lawyer, client = signed_in("lawyer")
    first = draft_for(lawyer, number="XIVP-3597(1)")
    response = client.post("/drafts/new", data={**registration_payload(), "number": "XIVP-3597 (2)"},
                           follow_redirects=True)
    page = text(response)
    assert "XIVP-3597(1)" in page
    assert re.search(rf'<a href="/drafts/{first.id}" id="previous-revision">XIVP-3597\(1\)</a>', page)
