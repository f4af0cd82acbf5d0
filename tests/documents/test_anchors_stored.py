"""Uploading a draft's text stores its anchors with scope, citation, short form and depth; a scan warns."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from reviewflow.models import Provision
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import attach_file, register_draft
from tests.documents.test_anchors_pdf import blank_page_pdf
from tests.pure.samples import docx_bytes

AMENDING_RESOLUTION = docx_bytes(
    "Lietuvos Respublikos Vyriausybė n u t a r i a:",
    "1. Pakeisti nutarimo Nr. 470 2 punktą ir jį išdėstyti taip:",
    "„2. Pavesti:",
    "2.3. ministerijai teikti pagalbą.“",
    "2. Patvirtinti Nuomos tvarkos aprašą (pridedama).",
    "PATVIRTINTA",
    "Vyriausybės 2026 m. nutarimu Nr. 1",
    "NUOMOS TVARKOS APRAŠAS",
    "I SKYRIUS",
    "1. Aprašas nustato tvarką.",
)


def payload() -> dict:
    today = vilnius_today()
    return {
        "title": "Dėl nutarimo Nr. 470 pakeitimo", "number": "26-1234(2)", "kind": "government_resolution",
        "institution": "Lietuvos Respublikos Vyriausybė", "incoming_letter_number": "1-1",
        "incoming_letter_date": (today - timedelta(days=2)).isoformat(),
        "received_date": (today - timedelta(days=1)).isoformat(),
        "reply_deadline": (today + timedelta(days=40)).isoformat(),
    }


def stored(db, draft_id: int) -> list[tuple]:
    rows = db.session.scalars(select(Provision).where(Provision.draft_id == draft_id).order_by(Provision.position))
    return [(p.label, p.scope, p.point, p.citation, p.short, p.depth) for p in rows]


def test_attached_draft_text_stores_every_anchor_field(db, make_user):
    lawyer = make_user("lawyer")
    draft = register_draft(payload(), lawyer).draft
    record = attach_file(draft.id, lawyer, "draft_text", "projektas.docx", AMENDING_RESOLUTION)
    assert record.structure_warning is None
    assert stored(db, draft.id) == [
        ("1 punktas", None, "1", "Projekto 1 punkto", "1 p.", 0),
        ("1 punktu keičiamo 2 punktas", "1 p.", "2", "Projekto 1 punktu keičiamo nutarimo 2 punkto", "1 (2) p.", 1),
        ("1 punktu keičiamo 2.3 papunktis", "1 p.", "2.3", "Projekto 1 punktu keičiamo nutarimo 2.3 papunkčio",
         "1 (2.3) p.", 1),
        ("2 punktas", None, "2", "Projekto 2 punkto", "2 p.", 0),
        ("Aprašo I skyrius", "Aprašas", None, "Projektu tvirtinamo Aprašo I skyriaus", "Aprašo I sk.", 0),
        ("Aprašo 1 punktas", "Aprašas", "1", "Projektu tvirtinamo Aprašo 1 punkto", "Aprašo 1 p.", 0),
    ]


def test_a_scanned_pdf_warns_and_keeps_the_anchors_of_the_readable_copy(db, make_user):
    lawyer = make_user("lawyer")
    draft = register_draft(payload(), lawyer).draft
    attach_file(draft.id, lawyer, "draft_text", "projektas.docx", AMENDING_RESOLUTION)
    record = attach_file(draft.id, lawyer, "draft_text", "skenuota.pdf", blank_page_pdf())
    assert "pastabos jam bus teikiamos bendrai, ne dėl atskirų nuostatų" in record.structure_warning
    assert record.content_type == "application/pdf"
    assert len(stored(db, draft.id)) == 6


def test_attaching_a_scan_in_the_browser_flashes_why_comments_will_be_general(db, make_user, client):
    import io

    from tests.conftest import login

    lawyer = make_user("lawyer", language="en")
    draft = register_draft(payload(), lawyer).draft
    login(client, lawyer.email)
    page = client.post(f"/drafts/{draft.id}/files", follow_redirects=True, data={
        "role": "draft_text", "file": (io.BytesIO(blank_page_pdf()), "skenuota.pdf"),
    })
    assert page.status_code == 200
    assert "general, not per provision" in page.get_data(as_text=True)


def test_a_new_draft_text_keeps_the_comments_on_the_provisions_it_still_has(db, make_user):
    from reviewflow.models import Comment
    from reviewflow.services import consultation, lifecycle

    lawyer, vilnius = make_user("lawyer"), make_user("specialist", municipality="LT-57")
    draft = register_draft(payload(), lawyer).draft
    attach_file(draft.id, lawyer, "draft_text", "projektas.docx", AMENDING_RESOLUTION)
    lifecycle.fire_transition(draft.id, "assign", lawyer, {"lawyer": lawyer.email})
    lifecycle.fire_transition(draft.id, "open_consultation", lawyer, {"municipalities": ["LT-57"]})
    by_label = {p.label: p.id for p in db.session.scalars(select(Provision).where(Provision.draft_id == draft.id))}
    kept = consultation.add_comment(draft, vilnius, {"provision_id": by_label["1 punktu keičiamo 2.3 papunktis"],
                                                     "text": "Per siauras."})
    gone = consultation.add_comment(draft, vilnius, {"provision_id": by_label["Aprašo 1 punktas"], "text": "Kita."})
    # The corrected text drops the approved description: its point is gone, the quoted sub-point stays.
    corrected = docx_bytes(
        "Lietuvos Respublikos Vyriausybė n u t a r i a:",
        "1. Pakeisti nutarimo Nr. 470 2 punktą ir jį išdėstyti taip:",
        "„2. Pavesti:",
        "2.3. ministerijai teikti pagalbą ir konsultacijas.“",
    )
    attach_file(draft.id, lawyer, "draft_text", "projektas-2.docx", corrected)
    db.session.expire_all()
    new_ids = {p.label: p.id for p in db.session.scalars(select(Provision).where(Provision.draft_id == draft.id))}
    assert db.session.get(Comment, kept.id).provision_id == new_ids["1 punktu keičiamo 2.3 papunktis"]
    assert db.session.get(Comment, gone.id).provision_id is None
    assert db.session.get(Comment, gone.id).text == "Kita."
