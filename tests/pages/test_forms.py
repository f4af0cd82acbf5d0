"""What the pages answer to what people type: messages on the same page, input kept, filters in the URL."""

from __future__ import annotations

import re
from io import BytesIO

from flask import g

from reviewflow.models import DraftState as S
from reviewflow.services import lifecycle
from tests.conftest import login
from tests.documents.test_pdf_text import scan_pdf
from tests.pages.conftest import draft_in, registration_payload


def signed_in(app, user):
    """A test client signed in as ``user``.

    The test's pushed app context is shared by the client's requests, so Flask-Login's cached user
    is dropped first: otherwise the previous person would still be "signed in".
    """
    g.pop("_login_user", None)
    client = app.test_client()
    assert login(client, user.email).status_code == 302
    return client


def test_default_deadline_endpoint_counts_working_days(app, people):
    client = signed_in(app, people["lawyer"])
    answer = client.get("/drafts/default-deadline?received=2025-12-19").get_json()
    assert answer["default_deadline"] == "2026-01-08"
    assert client.get("/drafts/default-deadline?received=soon").status_code == 422


def test_registration_refusal_is_shown_next_to_the_field_with_the_input_kept(app, people):
    payload = registration_payload(title="Mano įvestas pavadinimas")
    payload["incoming_letter_date"], payload["received_date"] = "2026-03-10", "2026-03-02"
    response = signed_in(app, people["lawyer"]).post("/drafts/new", data=payload)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="incoming_letter_date-error"' in page
    assert "Mano įvestas pavadinimas" in page


def test_short_deadline_warning_is_flashed_after_registration(app, people):
    payload = registration_payload()
    payload["reply_deadline"] = payload["received_date"]
    client = signed_in(app, people["lawyer"])
    response = client.post("/drafts/new", data=payload, follow_redirects=True)
    assert response.status_code == 200
    assert "alert-warning" in response.get_data(as_text=True)


def test_list_filters_live_in_the_url_and_paginate(app, people):
    for _ in range(3):
        draft_in(S.REGISTERED, people)
    assigned = draft_in(S.ASSIGNED, people)
    client = signed_in(app, people["lawyer"])
    page = client.get("/drafts/?state=assigned").get_data(as_text=True)
    assert re.findall(r'href="/drafts/(\d+)"', page) == [str(assigned.id)]
    page = client.get("/drafts/?state=registered&sort=-received").get_data(as_text=True)
    assert len(set(re.findall(r'href="/drafts/(\d+)"', page))) == 3
    assert 'sort=-received' in page or 'sort=received' in page  # sort links keep the filter
    assert "state=registered" in page
    assert client.get("/drafts/?state=nonsense").status_code == 422


def test_draft_page_offers_exactly_the_allowed_actions(app, people):
    draft = draft_in(S.BOARD_REVIEW, people)
    for role in ("lawyer", "board", "committee", "specialist"):
        client = signed_in(app, people[role])
        g.pop("_login_user", None)
        page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
        shown = set(re.findall(rf'href="/drafts/{draft.id}/act/(\w+)"', page))
        assert shown == set(lifecycle.allowed_for(draft, people[role])), role


def test_specialist_sees_only_their_own_municipality(app, people):
    draft = draft_in(S.CONSULTATION, people)
    page = signed_in(app, people["kaunas"]).get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert 'id="statuses"' not in page
    assert "Vilniaus miesto savivaldybė" not in page
    assert "Per siauras" not in page  # Vilnius' comment
    answer = signed_in(app, people["kaunas"]).get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    assert "Per siauras" not in answer


def test_extend_refusal_keeps_the_choice(app, people):
    draft = draft_in(S.CONSULTATION, people)
    response = signed_in(app, people["lawyer"]).post(f"/drafts/{draft.id}/extend", data={
        "municipality": "LT-15", "deadline": draft.reply_deadline.isoformat(),
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="deadline-error"' in page
    assert re.search(r'<option selected value="LT-15">|<option value="LT-15" selected>', page)


def test_notifications_are_listed_and_marked_read(app, people):
    draft_in(S.ASSIGNED, people)  # assignment notifies the lawyer
    client = signed_in(app, people["lawyer"])
    assert "list-group-item-primary" in client.get("/notifications/").get_data(as_text=True)
    client.post("/notifications/read")
    assert "list-group-item-primary" not in client.get("/notifications/").get_data(as_text=True)


def test_the_position_form_shows_the_letters_opening_sentence_for_each_stance(app, people):
    draft = draft_in(S.CONSOLIDATION, people)
    client = signed_in(app, people["lawyer"])
    page = client.get(f"/drafts/{draft.id}/position").get_data(as_text=True)
    their_date = draft.incoming_letter_date.isoformat()
    # The registered title "Vietos savivaldos įstatymo pakeitimo projektas" in the accusative, as the letter
    # will print it, and each stance's closing words, so the lawyer does not repeat them in the position.
    assert f"išnagrinėjusi Jūsų {their_date} raštu Nr. (13.2-31)-3-352 pateiktą" in page
    assert "pateiktą Vietos savivaldos įstatymo pakeitimo projektą" in page
    assert "Projektui pritaria su toliau išdėstytomis pastabomis ir pasiūlymais." in page
    assert "Projektui nepritaria." in page


def test_registering_a_scanned_pdf_says_comments_will_be_general(app, people):
    payload = {**registration_payload(), "draft_text": (BytesIO(scan_pdf()), "skenuotas.pdf")}
    client = signed_in(app, people["lawyer"])
    response = client.post("/drafts/new", data=payload, content_type="multipart/form-data", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    # The file is kept, and the lawyer is told at once what the scan means for the municipalities.
    assert "skenuotas.pdf" in page
    assert "pastabos jam bus teikiamos bendrai, ne dėl atskirų nuostatų" in page


def test_a_letter_version_beyond_any_id_is_not_found_not_a_server_error(app, people):
    draft = draft_in(S.REGISTERED, people)
    client = signed_in(app, people["lawyer"])
    for version in ("99999999999999999999", "-1", "abc", "0"):
        assert client.get(f"/drafts/{draft.id}/letter?version={version}").status_code == 404


def test_the_draft_page_says_where_it_stands_and_who_did_not_answer(app, people):
    draft = draft_in(S.CONSULTATION, people)  # Vilnius has a comment it has not submitted; Kaunas nothing
    lawyer = signed_in(app, people["lawyer"])
    page = lawyer.get(f"/drafts/{draft.id}").get_data(as_text=True)
    summary = re.search(r'id="consultation-summary">([^<]*)<', page).group(1)
    # Vilnius's entered comments are not an answer yet, and the summary says they are waiting to be submitted.
    assert summary == (f"Atsakė 0 iš 2: 0 su pastabomis, 0 pastabų neturi; dar neatsakė 2 (iš jų 1 įvedė pastabas, "
                       f"bet dar nepateikė). Terminas: {draft.comment_deadline.isoformat()}.")
    step = re.search(r'id="next-step">([^<]*)<', page).group(1)
    assert step == (f"Savivaldybės teikia pastabas iki {draft.comment_deadline.isoformat()}; "
                    f"paskui {people['lawyer'].name} jas apibendrina.")
    assert '<details id="statuses-details">' in page  # the 60-row table is folded
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    page = lawyer.get(f"/drafts/{draft.id}").get_data(as_text=True)
    summary = re.search(r'id="consultation-summary">([^<]*)<', page).group(1)
    assert summary.startswith("Atsakė 1 iš 2: 1 su pastabomis, 0 pastabų neturi; neatsakė 1.")
    kaunas_row = re.search(r'<tr data-status="(\w+)" data-county="[^"]*">\s*<td>Kauno miesto', page)
    assert kaunas_row.group(1) == "not_answered" and "Neatsakė" in page


def test_the_drafts_list_offers_institutions_in_lithuanian_alphabet_order(app, people):
    page = signed_in(app, people["lawyer"]).get("/drafts/").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="institution".*?</select>', page, re.S).group(0)
    names = re.findall(r'<option value="([^"]+)"', select)
    # A byte order would put "Seimas" (capital S) before every lowercase ministry name.
    assert names.index("Lietuvos Respublikos aplinkos ministerija") < names.index("Lietuvos Respublikos Seimas")


def test_submitting_the_answer_needs_the_confirmation_box(app, people):
    from reviewflow.services import consultation

    draft = draft_in(S.CONSULTATION, people)  # Vilnius has a comment, not submitted
    vilnius = signed_in(app, people["specialist"])
    page = vilnius.get(f"/drafts/{draft.id}/answer").get_data(as_text=True)
    assert 'id="confirm-submit" required' in page
    refused = vilnius.post(f"/drafts/{draft.id}/answer/submit", data={}, follow_redirects=True)
    assert "Pažymėkite langelį, kad patvirtintumėte." in refused.get_data(as_text=True)
    assert consultation.status_of(_invitation(draft, "LT-57")) == "pending"
    vilnius.post(f"/drafts/{draft.id}/answer/submit", data={"confirm": "y"})
    assert consultation.status_of(_invitation(draft, "LT-57")) == "answered"


def _invitation(draft, iso_code: str):
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import Invitation, Municipality

    db.session.expire_all()
    return db.session.scalar(select(Invitation).join(Municipality).where(
        Invitation.draft_id == draft.id, Municipality.iso_code == iso_code))
