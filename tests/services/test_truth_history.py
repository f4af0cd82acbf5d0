"""What LSA reads about a municipality's comments tells the truth: entered is not submitted, and the provision a
sentence names after "dėl" is in the genitive, as the letter writes it."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from reviewflow.errors import Conflict
from reviewflow.models import AuditEntry, DraftState, Provision
from reviewflow.services import consolidation, consultation, queries
from reviewflow.services.timeline_text import timeline_texts
from tests.api.conftest import stored_token
from tests.pages.conftest import draft_in, make_people


def _texts(app, draft_id: int, language: str = "lt") -> list[str]:
    entries = queries.timeline(draft_id)
    with app.test_request_context(), force_locale(language):
        texts = timeline_texts(entries)
    return [texts[e.id] for e in entries if e.id in texts]


def test_an_entered_comment_reads_as_entered_and_submitting_is_its_own_event(app, make_user):
    people = make_people(make_user)
    draft = draft_in(DraftState.CONSULTATION, people)  # Vilnius entered a comment on 2 str. 1 d., not submitted
    texts = _texts(app, draft.id)
    assert "Įvesta Vilniaus m. sav. pastaba dėl 2 str. 1 d." in texts
    assert not [t for t in texts if t.startswith("Pateikta")]
    assert "Comment of Vilniaus m. sav. on 2 str. 1 d. entered" in _texts(app, draft.id, "en")

    consultation.submit_answer(draft, people["specialist"])
    assert _texts(app, draft.id)[-1] == "Vilniaus m. sav. pateikė atsakymą (pastabų: 1)"


def test_a_provision_after_del_is_in_the_genitive_the_letter_uses(app, make_user, db):
    people = make_people(make_user)
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    own = db.session.scalar(select(Provision).where(Provision.draft_id == draft.id, Provision.article == "2",
                                                    Provision.part == "2"))
    assert (own.label, own.citation) == ("2 straipsnio 2 dalis", "Projekto 2 straipsnio 2 dalies")
    article = db.session.scalar(select(Provision).where(Provision.draft_id == draft.id, Provision.article == "2",
                                                        Provision.part.is_(None)))
    # The new wording an amending article quotes, as the structure reader stores it (documents/structure.py).
    nested = Provision(draft_id=draft.id, position=99, article="7", part="2", scope="1 str.", depth=1,
                       label="1 straipsniu keičiamo 7 straipsnio 2 dalis", short="1 (7) str. 2 d.",
                       citation="Projekto 1 straipsniu keičiamo įstatymo 7 straipsnio 2 dalies")
    db.session.add(nested)
    db.session.commit()
    for provision in (own, article, nested):
        consultation.add_comment(draft, people["kaunas"], {"provision_id": provision.id, "text": "Pastaba."})
    texts = _texts(app, draft.id)
    assert "Įvesta Kauno m. sav. pastaba dėl 2 straipsnio 2 dalies" in texts
    assert "Įvesta Kauno m. sav. pastaba dėl 2 straipsnio" in texts
    assert "Įvesta Kauno m. sav. pastaba dėl 1 straipsniu keičiamo įstatymo 7 straipsnio 2 dalies" in texts
    # English keeps the label as people see it.
    assert "Comment of Kauno m. sav. on 2 straipsnio 2 dalis entered" in _texts(app, draft.id, "en")

    # Decisions, merges and the initiator's answers name it the same way (one sentence maker for all).
    lawyer = people["lawyer"]
    consultation.submit_answer(draft, people["kaunas"])
    from reviewflow.services import lifecycle

    lifecycle.fire_transition(draft.id, "close_consultation", lawyer, {"reason": "Laikas."}, recent_login=True)
    comment = next(c for g in consolidation.consolidated_table(draft.id) for c in g.comments
                   if c.provision_id == nested.id)
    consolidation.decide_comment(comment.id, lawyer, {"decision": "rejected", "reasons": "Ne."})
    assert _texts(app, draft.id)[-1] == \
        "Nepritarta Kauno m. sav. pasiūlymui dėl 1 straipsniu keičiamo įstatymo 7 straipsnio 2 dalies"


def test_a_comment_not_submitted_is_neither_decided_nor_counted_as_submitted(app, client, make_user, db):
    people = make_people(make_user, language="en")
    draft = draft_in(DraftState.CONSULTATION, people)
    comment = draft.comment
    # The API tells staff which comments are only entered.
    headers = {"Authorization": f"Bearer {stored_token(people['lawyer'])}", "Accept-Language": "en"}
    items = client.get(f"/api/v1/drafts/{draft.id}/comments", headers=headers).get_json()["items"]
    assert [(i["id"], i["submitted"]) for i in items] == [(comment.id, False)]
    assert client.get(f"/api/v1/comments/{comment.id}", headers=headers).get_json()["submitted"] is False

    # A draft in consolidation that still holds an unsubmitted answer (never reached by closing, which submits
    # what was entered): the decision service refuses, one by one and in bulk, saying why.
    draft.state = DraftState.CONSOLIDATION
    db.session.commit()
    with app.test_request_context(), force_locale("en"):
        with pytest.raises(Conflict, match="Not submitted yet: Vilniaus miesto savivaldybė has not submitted"):
            consolidation.decide_comment(comment.id, people["lawyer"], {"decision": "accepted"})
        with pytest.raises(Conflict, match="Not submitted yet"):
            consolidation.decide_comments(draft.id, people["lawyer"], [comment.id], {"decision": "accepted"})
    answer = client.patch(f"/api/v1/comments/{comment.id}", headers=headers, json={"decision": "accepted"})
    assert answer.status_code == 409 and "Not submitted yet" in answer.get_json()["detail"]
    db.session.expire_all()
    assert consolidation.consolidated_table(draft.id)[0].comments[0].decision is None
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.action == "decide_comment")).all()

    draft.state = DraftState.CONSULTATION
    db.session.commit()
    consultation.submit_answer(draft, people["specialist"])
    items = client.get(f"/api/v1/drafts/{draft.id}/comments", headers=headers).get_json()["items"]
    assert [i["submitted"] for i in items] == [True]
