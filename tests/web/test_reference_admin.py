"""Issue 13, item 13: administrators edit institutions, committees and members in the browser; the list ships full."""

from __future__ import annotations

import csv
from importlib import resources

from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Committee, Institution
from tests.conftest import login
from tests.web.conftest import role_user

FINANCE = "Lietuvos Respublikos finansų ministerija"


def _client(app, user):
    client = app.test_client()
    assert login(client, user.email).status_code == 302
    return client


def test_an_administrator_adds_and_corrects_an_institution_with_refusals_in_lithuanian(app, make_user):
    admin = _client(app, role_user(make_user, "admin"))
    form = {"name_lt": "Lietuvos Respublikos energetikos ministerija (test)", "name_lt_dative": "",
            "name_en": "Ministry of Energy", "email": "raštinė", "active": "y"}
    refused = admin.post("/admin/institutions/new", data=form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Šį laukelį būtina užpildyti." in page
    assert "Įveskite teisingą el. pašto adresą." in page
    form.update(name_lt_dative="Lietuvos Respublikos energetikos ministerijai (test)", email="info@enmin.lt")
    assert admin.post("/admin/institutions/new", data=form).status_code == 302
    db.session.rollback()
    saved = db.session.scalar(select(Institution).where(Institution.name_en == "Ministry of Energy",
                                                        Institution.email == "info@enmin.lt"))
    assert (saved.name_lt_dative, saved.active) == ("Lietuvos Respublikos energetikos ministerijai (test)", True)
    duplicate = admin.post(f"/admin/institutions/{saved.id}", data={**form, "name_lt": FINANCE.upper()})
    assert duplicate.status_code == 422
    assert "Institucija tokiu pavadinimu jau yra sąraše." in duplicate.get_data(as_text=True)
    assert admin.post(f"/admin/institutions/{saved.id}", data={**form, "active": ""}).status_code == 302
    db.session.rollback()
    assert db.session.get(Institution, saved.id).active is False
    assert "Lietuvos Respublikos energetikos ministerija (test)" in admin.get("/admin/institutions").get_data(
        as_text=True)
    lawyer = _client(app, role_user(make_user, "lawyer"))
    assert lawyer.post(f"/admin/institutions/{saved.id}", data=form).status_code == 403


def test_an_administrator_adds_and_removes_a_committee_member(app, make_user):
    admin = _client(app, role_user(make_user, "admin"))
    member = make_user("committee", committees=[])
    lawyer = make_user("lawyer")
    committee_id = db.session.scalar(select(Committee.id).where(Committee.code == "FIN"))
    page = admin.get(f"/admin/committees/{committee_id}").get_data(as_text=True)
    assert member.email in page and lawyer.email not in page  # only people with the committee role are offered
    refused = admin.post(f"/admin/committees/{committee_id}/members", data={"member": lawyer.email})
    assert refused.status_code == 422 and "Pasirinkite vieną iš pateiktų variantų." in refused.get_data(as_text=True)
    assert admin.post(f"/admin/committees/{committee_id}/members", data={"member": member.email}).status_code == 302
    db.session.rollback()
    assert [link.user_id for link in db.session.get(Committee, committee_id).members] == [member.id]
    assert admin.post(f"/admin/committees/{committee_id}/members/{member.id}/remove").status_code == 302
    db.session.rollback()
    assert db.session.get(Committee, committee_id).members == []
    taken = admin.post(f"/admin/committees/{committee_id}", data={"code": "ivpk", "name_lt": "Finansų", "active": "y"})
    assert taken.status_code == 422 and "Kodą IVPK jau turi kitas komitetas." in taken.get_data(as_text=True)


def test_the_shipped_institutions_cover_ministries_government_seimas_and_agencies(app):
    with resources.files("reviewflow.refdata").joinpath("institutions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    names = {r["name_lt"] for r in rows}
    ministries = {n for n in names if n.startswith("Lietuvos Respublikos") and n.endswith("ministerija")}
    assert len(ministries) == 14
    assert {"Lietuvos Respublikos Vyriausybė", "Lietuvos Respublikos Vyriausybės kanceliarija",
            "Lietuvos Respublikos Seimo Valstybės valdymo ir savivaldybių komitetas", "Viešųjų pirkimų tarnyba",
            "Nacionalinė žemės tarnyba prie Aplinkos ministerijos"} <= names
    dative_endings = {"ministerija": "ministerijai", "komitetas": "komitetui", "tarnyba": "tarnybai",
                      "kanceliarija": "kanceliarijai", "Seimas": "Seimui", "Vyriausybė": "Vyriausybei",
                      "inspekcija": "inspekcijai", "agentūra": "agentūrai", "departamentas": "departamentui",
                      "kontrolė": "kontrolei", "įstaiga": "įstaigai"}
    for row in rows:
        words, dative = row["name_lt"].split(), row["name_lt_dative"].split()
        at = next(i for i, w in enumerate(words) if w in dative_endings)  # the head noun, before "prie …"
        # Only the head noun and the adjectives agreeing with it change ("Valstybinė" -> "Valstybinei").
        expected = [w[:-1] + "ei" if w.endswith("inė") else w for w in words[:at]] + \
            [dative_endings[words[at]]] + words[at + 1:]
        assert dative == expected, row["name_lt"]
        assert row["name_en"], row["name_lt"]


def test_the_english_interface_shows_english_names(app, make_user):
    from reviewflow.services.reference import load_reference_data

    load_reference_data()
    lawyer = role_user(make_user, "lawyer", language="en")
    page = _client(app, lawyer).get("/drafts/new").get_data(as_text=True)
    assert f'<option value="{FINANCE}">Ministry of Finance</option>' in page


def test_reloading_the_shipped_files_keeps_what_an_administrator_corrected(app, make_user):
    from reviewflow.services.reference import load_reference_data

    load_reference_data()
    admin = _client(app, role_user(make_user, "admin"))
    finance = db.session.scalar(select(Institution).where(Institution.name_lt == FINANCE))
    corrected = {"name_lt": "Lietuvos Respublikos finansų ministerija (pataisyta)",
                 "name_lt_dative": "Lietuvos Respublikos finansų ministerijai (pataisyta)",
                 "name_en": "Ministry of Finance", "email": "", "active": "y"}
    assert admin.post(f"/admin/institutions/{finance.id}", data=corrected).status_code == 302
    ivpk = db.session.scalar(select(Committee).where(Committee.code == "IVPK"))
    assert admin.post(f"/admin/committees/{ivpk.id}", data={
        "code": "IVPK", "name_lt": "Informacinės visuomenės komitetas (pataisyta)", "name_en": "", "active": "y",
    }).status_code == 302
    db.session.rollback()
    untouched = db.session.scalar(select(Institution).where(Institution.name_lt != corrected["name_lt"]))
    untouched.name_lt_dative = "sugadinta"  # changed behind the admin pages: the file's value comes back
    db.session.commit()
    report = load_reference_data()
    db.session.expire_all()
    assert (report.kept["institutions"], report.kept["committees"]) == (1, 1)
    assert (report.added["institutions"], report.updated["institutions"]) == (0, 1)
    assert "institutions: 0 added, 1 updated, 1 kept as edited by an administrator" in str(report)
    kept = db.session.get(Institution, finance.id)
    assert (kept.name_lt, kept.name_lt_dative) == (corrected["name_lt"], corrected["name_lt_dative"])
    assert db.session.scalar(select(Institution.id).where(Institution.name_lt == FINANCE)) is None  # not re-added
    assert db.session.get(Committee, ivpk.id).name_lt == "Informacinės visuomenės komitetas (pataisyta)"
    assert untouched.name_lt_dative != "sugadinta"
