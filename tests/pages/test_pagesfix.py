"""Issue 13's follow-ups on the pages: confirmations in the page, comments in document order, the board's
answer for a draft not yet before it, one name for registering, CSRF refusals in the reader's language."""

from __future__ import annotations

import re

from reviewflow.extensions import db
from reviewflow.models import Comment
from reviewflow.models import DraftState as S
from reviewflow.services import consultation
from tests.api.conftest import stored_token
from tests.pages.conftest import draft_in, make_people
from tests.pages.test_forms import signed_in


def test_deleting_a_comment_is_asked_in_the_page_first_then_told_in_the_past_tense(app, people):
    draft = draft_in(S.CONSULTATION, people)  # Vilnius has one comment, its answer still open
    comment_id = draft.comment.id
    vilnius = signed_in(app, people["specialist"])
    base = f"/drafts/{draft.id}/answer/comments/{comment_id}/delete"
    page = vilnius.get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    assert f'href="{base}"' in page  # a link to the question, not a button that deletes at once
    asked = vilnius.get(base)
    assert asked.status_code == 200
    assert "Ištrinti šią pastabą? Ištrintos pastabos atkurti nebus galima." in asked.get_data(as_text=True)
    assert "Per siauras reguliavimas." in asked.get_data(as_text=True)
    unconfirmed = vilnius.post(base, data={})  # an old page or a script: asked, nothing deleted
    assert unconfirmed.status_code == 200 and db.session.get(Comment, comment_id) is not None
    done = vilnius.post(base, data={"confirm": "y"}, follow_redirects=True)
    assert "Pastaba ištrinta." in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Comment, comment_id) is None


def test_closing_a_consultation_early_is_confirmed_and_said_so(app, make_user):
    people = make_people(make_user, language="en")
    draft = draft_in(S.CONSULTATION, people)  # Kaunas has not answered and its deadline is weeks away
    lawyer = signed_in(app, people["lawyer"])
    url = f"/drafts/{draft.id}/act/close_consultation"
    form = lawyer.get(url).get_data(as_text=True)
    assert "I confirm closing the consultation early: 2 municipalities have not answered" in form
    refused = lawyer.post(url, data={"reason": "Skubu."})
    assert refused.status_code == 422 and draft.state == S.CONSULTATION
    done = lawyer.post(url, data={"reason": "Skubu.", "confirm": "y"}, follow_redirects=True)
    assert "Consultation closed before its deadline." in done.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.state == S.CONSOLIDATION


def test_the_answer_page_lists_the_comments_in_document_order_general_first(app, people):
    draft = draft_in(S.CONSULTATION, people)  # first: "Per siauras reguliavimas." on 2 str. 1 d.
    consultation.add_comment(draft, people["specialist"], {"text": "Bendra pastaba."})
    consultation.add_comment(draft, people["specialist"], {"article": "1", "text": "Dėl paskirties."})
    consultation.add_comment(draft, people["specialist"], {"article": "10", "text": "Dėl dešimto."})
    page = signed_in(app, people["specialist"]).get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    table = page[page.index('id="own-comments"'):]
    order = ["Bendra pastaba.", "Dėl paskirties.", "Per siauras reguliavimas.", "Dėl dešimto."]
    assert sorted(order, key=table.index) == order


def test_a_board_member_is_told_a_draft_is_not_before_the_board_yet_on_the_page_and_in_the_api(app, people):
    draft = draft_in(S.CONSULTATION, people)
    board = signed_in(app, people["board"])
    page = board.get(f"/drafts/{draft.id}")
    assert page.status_code == 403
    said = page.get_data(as_text=True)
    assert "Šis projektas valdybai dar nepateiktas: jo etapas – „Savivaldybių konsultacija“." in said
    assert f"iki atsakymo termino {draft.reply_deadline.isoformat()}" in said
    headers = {"Authorization": f"Bearer {stored_token(people['board'])}", "Accept-Language": "lt"}
    api = app.test_client().get(f"/api/v1/drafts/{draft.id}", headers=headers)
    assert api.status_code == 403
    assert api.get_json()["detail"].startswith("Šis projektas valdybai dar nepateiktas")
    # Whoever is neither on the board nor on the draft's committee keeps "no such draft" (test_committee_access.py).
    assert signed_in(app, people["kaunas"]).get(f"/drafts/{draft_in(S.ASSIGNED, people).id}").status_code == 404


def test_registering_has_one_name_in_the_menu_the_list_the_heading_and_the_button(app, people):
    lawyer = signed_in(app, people["lawyer"])
    pages = lawyer.get("/drafts/new").get_data(as_text=True) + lawyer.get("/drafts/").get_data(as_text=True)
    assert "Užregistruoti projektą" not in pages
    form = lawyer.get("/drafts/new").get_data(as_text=True)
    assert re.search(r"<h1[^>]*>Registruoti projektą</h1>", form)
    assert re.search(r'<button class="btn btn-primary" type="submit">Registruoti projektą</button>', form)


def test_a_csrf_refusal_names_its_reason_in_the_readers_language(app_factory, make_user):
    client = app_factory(WTF_CSRF_ENABLED=True).test_client()
    missing = client.post("/login", data={"email": "x@lsa.lt", "password": "x"})  # Lithuanian by default
    assert missing.status_code == 400
    said = missing.get_data(as_text=True)
    assert "Trūksta formos saugos žymės." in said and "The CSRF" not in said
    client.get("/login?lang=en")  # a session exists now, with its token; English chosen
    wrong = client.post("/login?lang=en", data={"email": "x@lsa.lt", "password": "x", "csrf_token": "forged"})
    assert "The form&#39;s security token is not valid." in wrong.get_data(as_text=True)


def test_withdrawing_a_draft_needs_the_box_ticked_then_says_it_was_withdrawn(app, people):
    draft = draft_in(S.ASSIGNED, people)
    lawyer = signed_in(app, people["lawyer"])
    url = f"/drafts/{draft.id}/act/withdraw"
    assert "Patvirtinu: atšaukti šį projektą." in lawyer.get(url).get_data(as_text=True)
    assert lawyer.post(url, data={"reason": "Iniciatorius atsiėmė."}).status_code == 422
    done = lawyer.post(url, data={"reason": "Iniciatorius atsiėmė.", "confirm": "y"}, follow_redirects=True)
    assert "Projektas atšauktas." in done.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.state == S.WITHDRAWN
