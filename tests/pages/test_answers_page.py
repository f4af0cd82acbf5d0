"""The initiator's answer page: the lawyer uploads the answer document, corrects a match, confirms."""

from __future__ import annotations

import io

from tests.conftest import login
from tests.documents.answer_docs import committee_conclusion
from tests.services.answers_world import sent  # noqa: F401
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


def test_upload_preview_correct_and_confirm(client, cast, sent, db):  # noqa: F811
    login(client, cast["lawyer"].email)
    url = f"/drafts/{sent.draft.id}/answers"
    page = client.get(url)
    assert page.status_code == 200
    assert sent.fifth.lsa_text in page.get_data(as_text=True)

    preview = client.post(f"{url}/import", data={"file": (io.BytesIO(committee_conclusion()), "Išvada.docx")},
                          content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert 'name="rows" value="2"' in html and 'name="rows" value="4"' in html and 'name="rows" value="5"' in html
    assert f'<option value="{sent.fifth.id}" selected>' in html
    db.session.expire_all()
    assert sent.fifth.initiator_outcome is None  # the preview saves nothing

    # The lawyer keeps row 2, drops row 4, and assigns the unmatched row 5 to LSA's own proposal.
    confirmed = client.post(f"{url}/import/confirm", data={
        "source": "Išvada.docx", "rows": ["2", "4", "5"],
        "comment-2": str(sent.fifth.id), "outcome-2": "taken", "arguments-2": "",
        "comment-4": "", "outcome-4": "not_taken", "arguments-4": "Prieštarauja.",
        "comment-5": str(sent.own.id), "outcome-5": "partly", "arguments-5": "Bus svarstoma.",
    })
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert (sent.fifth.initiator_outcome, sent.own.initiator_outcome, sent.tenth.initiator_outcome) == (
        "taken", "partly", None)
    assert sent.own.initiator_source == "Išvada.docx"
    shown = client.get(url).get_data(as_text=True)
    assert 'data-outcome="taken">1<' in shown and 'data-outcome="unanswered">1<' in shown


def test_the_lawyer_records_an_answer_by_hand(client, cast, sent, db):  # noqa: F811
    login(client, cast["lawyer"].email)
    prefix = f"a{sent.tenth.id}"
    saved = client.post(f"/drafts/{sent.draft.id}/answers/{sent.tenth.id}", data={
        f"{prefix}-outcome": "not_taken", f"{prefix}-arguments": "Prieštarauja įstatymui.",
        f"{prefix}-source": "Raštas"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert (sent.tenth.initiator_outcome, sent.tenth.initiator_arguments) == ("not_taken", "Prieštarauja įstatymui.")


def test_specialists_and_committee_members_get_403(client, cast, sent):  # noqa: F811
    for who in ("vilnius", "ivpk"):
        login(client, cast[who].email)
        url = f"/drafts/{sent.draft.id}/answers"
        assert client.get(url).status_code == 403
        assert client.post(f"{url}/{sent.fifth.id}", data={f"a{sent.fifth.id}-outcome": "taken"}).status_code == 403
        assert client.post(f"{url}/import", data={"file": (io.BytesIO(committee_conclusion()), "x.docx")},
                           content_type="multipart/form-data").status_code == 403
        assert client.post(f"{url}/import/confirm", data={"rows": ["2"], "comment-2": str(sent.fifth.id),
                                                         "outcome-2": "taken"}).status_code == 403
        client.post("/logout")
