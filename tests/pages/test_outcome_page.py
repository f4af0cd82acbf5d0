"""The outcome on the pages: a municipality sees nothing of LSA's decisions before the letter is sent and its own
comments' decisions, reasons and answers after; the mark_sent form offers the e-mail to the initiator; the answers
page names every municipality behind a merged proposal."""

from __future__ import annotations

import html as html_lib

import pytest
from sqlalchemy import select

from reviewflow.models import AuditEntry, OutboxJob
from reviewflow.services import answers, drafts, lifecycle
from reviewflow.services.outcome import INITIATOR_MAIL_TASK
from tests.conftest import login
from tests.documents.signing_kit import make_signer
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401
from tests.services.outcome_world import approved, mark_sent, store_signed  # noqa: F401


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


def page(client, who, draft_id: int) -> str:
    login(client, who.email)
    response = client.get(f"/drafts/{draft_id}")
    assert response.status_code == 200
    return html_lib.unescape(response.get_data(as_text=True))


def test_a_municipality_sees_the_outcome_of_its_own_comments_only_after_sending(app, cast, approved,  # noqa: F811
                                                                               draft_payload):  # noqa: F811
    draft = approved.draft
    before = page(app.test_client(), cast["vilnius"], draft.id)
    assert 'id="outcome"' not in before and 'id="letter"' not in before
    assert "Vilniaus priežastys" not in before and "/letter" not in before

    mark_sent(approved, cast["lawyer"])
    answers.record_answer(approved.fifth.id, cast["lawyer"], {"outcome": "taken", "arguments": "Įrašyta į 5 str."})
    newer = drafts.register_draft(dict(draft_payload, number="XIVP-2435(3)"), cast["lawyer"]).draft
    lifecycle.fire_transition(newer.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    lifecycle.fire_transition(newer.id, "open_consultation", cast["lawyer"], {"municipalities": ["LT-15"]})

    vilnius = page(app.test_client(), cast["vilnius"], draft.id)
    assert 'id="outcome"' in vilnius and f'id="outcome-{approved.fifth.id}"' in vilnius
    assert 'data-decision="rejected"' in vilnius and "Vilniaus priežastys." in vilnius
    assert 'data-outcome="taken"' in vilnius and "Įrašyta į 5 str." in vilnius
    assert "Kauno priežastys" not in vilnius and "Seniūnijų nuostatus" not in vilnius
    assert "LSA vidinis" not in vilnius
    assert f"/drafts/{draft.id}/letter" in vilnius  # the sent letter is offered
    assert 'class="rf-newer-revision"' not in vilnius  # not invited to the newer revision

    kaunas = page(app.test_client(), cast["kaunas"], draft.id)
    assert f'id="outcome-{approved.fifth_kaunas.id}"' in kaunas and f'id="outcome-{approved.tenth.id}"' in kaunas
    assert 'data-decision="partly_accepted"' in kaunas and "Kauno priežastys." in kaunas
    assert "Vilniaus priežastys" not in kaunas and "Vilniaus atmestinas" not in kaunas
    assert f'<a class="rf-newer-revision" href="/drafts/{newer.id}">XIVP-2435(3)</a>' in kaunas


def test_the_mark_sent_form_offers_the_e_mail_to_the_initiator(app, cast, approved, signer, db):  # noqa: F811
    draft = approved.draft
    draft.institution.email = "dokumentai@lrs.lt"
    db.session.commit()
    client = app.test_client()
    login(client, cast["lawyer"].email)
    assert 'name="email_initiator"' not in client.get(f"/drafts/{draft.id}/act/mark_sent").get_data(as_text=True)
    store_signed(approved, cast["lawyer"], signer)  # now there is a signed letter to e-mail
    form = client.get(f"/drafts/{draft.id}/act/mark_sent").get_data(as_text=True)
    assert 'name="email_initiator"' in form and "dokumentai@lrs.lt" in form and "checked" in form
    # The lawyer unticks it: the letter is marked sent and nothing is mailed; the choice is on the record.
    sent = client.post(f"/drafts/{draft.id}/act/mark_sent", data={"sent_date": draft.received_date.isoformat(),
                                                                   "sent_via": "e_delivery"})
    assert sent.status_code == 302
    assert db.session.scalars(select(OutboxJob).where(OutboxJob.task == INITIATOR_MAIL_TASK)).all() == []
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mark_sent"))
    assert entry.payload["email_initiator"] is False


def test_the_answers_page_names_every_municipality_behind_a_merged_proposal(app, cast, approved):  # noqa: F811
    mark_sent(approved, cast["lawyer"])
    client = app.test_client()
    login(client, cast["lawyer"].email)
    html = html_lib.unescape(client.get(f"/drafts/{approved.draft.id}/answers").get_data(as_text=True))
    row = html.split(f'id="proposal-{approved.fifth.id}"', 1)[1].split("</tr>", 1)[0]
    assert '<span class="rf-proposers">Kauno miesto savivaldybė, Vilniaus miesto savivaldybė</span>' in row
    tenth = html.split(f'id="proposal-{approved.tenth.id}"', 1)[1].split("</tr>", 1)[0]
    assert '<span class="rf-proposers">Kauno miesto savivaldybė</span>' in tenth
