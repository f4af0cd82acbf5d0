"""Issue 13, items 14-15 and the new user's walkthrough: forms that say what they need, in the reader's language."""

from __future__ import annotations

import re
from io import BytesIO
from types import SimpleNamespace

from sqlalchemy import select

from reviewflow.documents.letter import DEFAULT_TEMPLATE
from reviewflow.extensions import db
from reviewflow.models import Draft
from reviewflow.models import DraftState as S
from tests.pages.conftest import DRAFT_TEXT, draft_in, registration_payload
from tests.pages.test_forms import signed_in
from tests.pure.samples import docx_bytes


def test_required_fields_are_marked_and_labels_use_plain_lithuanian(app, people):
    page = signed_in(app, people["lawyer"]).get("/drafts/new").get_data(as_text=True)
    assert re.search(r'<label[^>]*for="title"[^>]*>Pavadinimas</label><span class="rf-required[^"]*"[^>]*>\*</span>',
                     page)
    assert re.search(r'<textarea[^>]*aria-required="true"[^>]*id="title"', page) or \
        re.search(r'<textarea[^>]*id="title"[^>]*aria-required="true"', page)
    assert "Gauto rašto numeris" in page and "Gauto rašto data" in page
    assert "Seimo teisės aktų informacinėje sistemoje" in page and "Teisės aktų registro (TAR)" in page
    assert not re.search(r'for="related_act"[^>]*>[^<]*</label><span class="rf-required', page)  # optional: no mark


def test_wtforms_own_messages_and_a_backwards_period_are_refused_in_lithuanian(app, people):
    client = signed_in(app, people["lawyer"])
    response = client.get("/drafts/?deadline_from=2026-12-10&deadline_to=2026-12-01")
    assert response.status_code == 422
    assert "Laikotarpio pabaiga (2026-12-01) yra ankstesnė nei jo pradžia (2026-12-10)." in \
        response.get_data(as_text=True)
    page = client.get("/drafts/?deadline_from=10.12.2026").get_data(as_text=True)
    assert "Netinkama data: įveskite datą, pvz., 2026-11-27." in page and "Not a valid date value" not in page
    page = client.get("/drafts/?state=nonsense").get_data(as_text=True)
    # The filter names the value it did not apply (trial 4, B11).
    assert "Nežinoma reikšmė „nonsense“: pasirinkite vieną iš sąrašo." in page and "Not a valid choice" not in page


def test_a_refused_registration_keeps_the_attached_file(app, people):
    client = signed_in(app, people["lawyer"])
    payload = registration_payload(title="Su failu")
    good_date = payload["incoming_letter_date"]
    payload["incoming_letter_date"] = "2999-01-01"  # after the received date: refused
    response = client.post("/drafts/new", data={**payload, "draft_text": (BytesIO(docx_bytes(*DRAFT_TEXT)),
                                                                          "projektas.docx")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Pridėtas failas: projektas.docx" in page
    token = re.search(r'name="kept_draft_text" value="([^"]+)"', page).group(1)
    response = client.post("/drafts/new", data={**payload, "incoming_letter_date": good_date,
                                                "kept_draft_text": token})
    assert response.status_code == 302
    draft = db.session.scalar(select(Draft).where(Draft.title == "Su failu"))
    assert [(f.role, f.original_name) for f in draft.files] == [("draft_text", "projektas.docx")]
    assert len(draft.provisions) >= 3  # the kept bytes are the file itself, read for its provisions


def test_a_title_over_the_limit_is_refused_with_the_limit_not_cut(app, people):
    client = signed_in(app, people["lawyer"])
    assert 'maxlength' not in re.search(r"<textarea[^>]*id=\"title\"[^>]*>", client.get("/drafts/new")
                                        .get_data(as_text=True)).group(0)
    title = ("Ilgas pavadinimas " * 400)[:6959]
    response = client.post("/drafts/new", data=registration_payload(title=title))
    assert response.status_code == 422
    assert "Leidžiama ne daugiau kaip 2000 simbolių (šiame tekste jų 6959)." in response.get_data(as_text=True)
    assert db.session.scalar(select(Draft.id).where(Draft.title.startswith("Ilgas"))) is None


def test_counties_are_listed_in_lithuanian_alphabet_order(app, people):
    draft = draft_in(S.ASSIGNED, people)
    page = signed_in(app, people["lawyer"]).get(f"/drafts/{draft.id}/act/open_consultation").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="counties".*?</select>', page, re.S).group(0)
    counties = re.findall(r'<option[^>]*>([^<]+)</option>', select_html)
    assert counties.index("Panevėžio apskritis") < counties.index("Šiaulių apskritis") \
        < counties.index("Tauragės apskritis") < counties.index("Vilniaus apskritis")


def test_a_409_page_names_states_as_people_do(app, people):
    draft = draft_in(S.CONSULTATION, people)
    response = signed_in(app, people["lawyer"]).get(f"/drafts/{draft.id}/act/assign")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "būsena &#39;Savivaldybių konsultacija&#39;, jo negalima paskirti; reikalinga būsena: Užregistruotas." \
        in page
    assert "consultation" not in page.split("<main", 1)[-1] and "registered" not in page.split("<main", 1)[-1]


def test_a_lawyer_refused_the_table_learns_whose_draft_it_is(app, people, make_user):
    draft = draft_in(S.ASSIGNED, people)
    response = signed_in(app, make_user("lawyer")).get(f"/drafts/{draft.id}/table")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Pastabų lentelė atsiveria, kai prasideda savivaldybių konsultavimas." in page
    assert f"Šis projektas jums nepaskirtas: atsakingas teisininkas – {people['lawyer'].name}." in page
    assert "Jūsų vaidmuo to neleidžia" not in page


def test_the_initiators_answer_starts_empty_and_is_required(app):
    from reviewflow.drafts.views_answers import _answer_form

    comment = SimpleNamespace(id=1, initiator_outcome=None, initiator_arguments=None, initiator_source=None)
    with app.test_request_context():
        form = _answer_form(comment)
        assert form.outcome.data == "" and form.outcome.choices[0].value == ""
        assert 'selected value=""' in str(form.outcome) or re.search(r'<option selected value="">', str(form.outcome))
        assert form.outcome.flags.required


def test_the_letter_template_in_use_can_be_downloaded_to_edit_in_word(app, people):
    response = signed_in(app, people["admin"]).get("/admin/letter-template/letter.docx")
    assert response.status_code == 200 and response.data == DEFAULT_TEMPLATE.read_bytes()
    assert "rasto-sablonas-numatytasis.docx" in response.headers["Content-Disposition"]
    page = signed_in(app, people["admin"]).get("/admin/letter-template").get_data(as_text=True)
    assert 'href="/admin/letter-template/letter.docx"' in page and 'href="/admin/letter-template/annex.docx"' in page
