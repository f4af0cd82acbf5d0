"""Pages refuse bad input clearly and keep what was typed: draft numbers, letters, provisions, long texts (trial 4)."""

from __future__ import annotations

import re

from flask import render_template_string
from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Comment, Draft
from reviewflow.models import DraftState as S
from reviewflow.services.payload import MAX_TEXT
from tests.pages.conftest import draft_in, registration_payload
from tests.pages.test_forms import signed_in


def test_a_number_without_letter_or_digit_is_refused_at_its_field_with_the_input_kept(app, people):
    response = signed_in(app, people["lawyer"]).post("/drafts/new", data={
        **registration_payload("Mano pavadinimas"), "number": "%%%"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="number-error"[^>]*>\s*<span[^>]*>Projekto numeryje turi būti bent viena raidė ar skaitmuo',
                     page)
    assert "Mano pavadinimas" in page and 'value="%%%"' in page
    assert db.session.scalar(select(Draft).where(Draft.number == "%%%")) is None


def test_the_same_incoming_letter_is_a_warning_the_lawyer_can_pass(app, people):
    client = signed_in(app, people["lawyer"])
    assert client.post("/drafts/new", data=registration_payload()).status_code == 302
    first = db.session.scalar(select(Draft))
    again = {**registration_payload("Antras to paties rašto projektas"), "number": "XIVP-2436"}
    warned = client.post("/drafts/new", data=again)
    page = warned.get_data(as_text=True)
    assert warned.status_code == 409
    assert "Šios institucijos raštas (13.2-31)-3-352 jau užregistruotas su projektu XIVP-2435(2):" in page
    assert f'href="/drafts/{first.id}"' in page and 'name="allow_same_letter"' in page
    assert "Antras to paties rašto projektas" in page  # nothing typed is lost
    assert client.post("/drafts/new", data={**again, "allow_same_letter": "y"}).status_code == 302
    assert db.session.scalar(select(Draft).where(Draft.number == "XIVP-2436")).incoming_letter_number == \
        "(13.2-31)-3-352"


def test_a_typed_provision_that_is_not_a_number_is_refused_with_the_text_kept(app, people):
    draft = draft_in(S.CONSULTATION, people)
    response = signed_in(app, people["specialist"]).post(f"/drafts/{draft.id}/answer/comments", data={
        "article": "abc; DROP", "text": "Mano ilga pastaba apie projektą."})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="article-error"[^>]*>\s*<span[^>]*>Straipsnio numeris turi būti skaičius, pvz\., 12, 12-1 '
                     r'ar 25¹ \(įvesta: „abc; DROP“\)', page)
    assert 'value="abc; DROP"' in page and "Mano ilga pastaba apie projektą." in page
    assert db.session.scalar(select(Comment).where(Comment.article == "abc; DROP")) is None


def test_a_comment_over_the_limit_is_refused_with_its_length_and_kept(app, people):
    draft = draft_in(S.CONSULTATION, people)
    client = signed_in(app, people["specialist"])
    form = client.get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*id="text"[^>]*>', form).group(0)
    assert "maxlength" not in textarea and f'data-max-length="{MAX_TEXT}"' in textarea
    assert f"Ne daugiau kaip {MAX_TEXT} simbolių." in form
    pasted = "Pastaba. " * 13_334  # 120,006 characters, as pasted in the trial
    response = client.post(f"/drafts/{draft.id}/answer/comments", data={"text": pasted})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"Leidžiama ne daugiau kaip {MAX_TEXT} simbolių (šiame tekste jų {len(pasted)})." in page
    assert pasted.strip() in page  # the whole text is back in the form, not cut
    assert db.session.query(Comment).filter(Comment.text.like("Pastaba. Pastaba.%")).count() == 0


def test_no_long_text_field_on_the_pages_has_a_cutting_maxlength(app):
    from flask_wtf import FlaskForm

    from reviewflow.drafts.forms import ExtendForm, LetterSubjectForm
    from reviewflow.drafts.forms_actions import _field
    from reviewflow.drafts.forms_consolidation import BulkDecideForm, NoteForm
    from reviewflow.drafts.forms_review import CommentForm, DecideForm, PositionForm, ProposalForm
    from reviewflow.drafts.views_answers import AnswerForm
    from reviewflow.reasons.forms import SavedReasonForm

    with app.test_request_context():
        actions = type("Actions", (FlaskForm,), {"text": _field("text", True, {}),
                                                 "reason": _field("reason", False, {})})()
        fields = [actions.text, actions.reason,
                  CommentForm().text, CommentForm().proposed_wording, DecideForm().reasons, DecideForm().lsa_text,
                  DecideForm().lsa_wording, ProposalForm().lsa_text, PositionForm().text, BulkDecideForm().bulk_reasons,
                  NoteForm().text, AnswerForm().arguments, SavedReasonForm().text, ExtendForm().reason,
                  LetterSubjectForm().letter_subject]
        for field in fields:
            html = render_template_string("{{ field() }}", field=field)
            limit = next(v.max for v in field.validators if hasattr(v, "max"))
            assert "maxlength" not in html and f'data-max-length="{limit}"' in html, (field.name, html)
            assert str(limit) in str(field.description), field.name
