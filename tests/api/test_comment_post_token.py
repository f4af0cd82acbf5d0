"""A comment post reads its token with the draft and the specialist's locked invitation in one statement
(``consultation.answering_by_token``): every check of the token and every refusal stays as it was."""

from __future__ import annotations

from reviewflow.models import ApiToken, Comment
from reviewflow.models.base import utcnow
from tests.api.conftest import Api, stored_token
from tests.support.sql import statements_run

TEXT = {"text": "Siūlome patikslinti 2 straipsnį."}


def _comments(db) -> int:
    return db.session.query(Comment).count()


def test_a_revoked_token_or_a_deactivated_specialist_cannot_post(client, cast, db, in_consultation):
    revoked = stored_token(cast["vilnius"])
    db.session.query(ApiToken).filter_by(user_id=cast["vilnius"].id).update({"revoked_at": utcnow()})
    db.session.commit()
    assert Api(client, revoked).post(f"/drafts/{in_consultation.id}/comments", json=TEXT).status_code == 401
    deactivated = stored_token(cast["kaunas"])
    cast["kaunas"].active = False
    db.session.commit()
    response = Api(client, deactivated).post(f"/drafts/{in_consultation.id}/comments", json=TEXT)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="reviewflow"'
    assert _comments(db) == 0


def test_the_first_post_marks_the_token_used_and_still_posts(client, cast, db, in_consultation):
    # Marking the token used commits (releasing the invitation's lock): the invitation is then read again.
    raw = stored_token(cast["vilnius"])
    response = Api(client, raw).post(f"/drafts/{in_consultation.id}/comments", json=TEXT)
    assert response.status_code == 201
    assert response.get_json()["municipality"] == "LT-57"
    assert response.get_json()["author"] == cast["vilnius"].email
    db.session.expire_all()
    assert db.session.query(ApiToken).filter_by(user_id=cast["vilnius"].id).one().last_used_at is not None
    assert _comments(db) == 1


def test_a_post_reads_token_draft_and_invitation_in_one_statement(client, cast, db, in_consultation):
    api = Api(client, stored_token(cast["vilnius"]))
    api.post(f"/drafts/{in_consultation.id}/comments", json=TEXT)  # marks the token used
    with statements_run(lambda sql: not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))) as run:
        response = api.post(f"/drafts/{in_consultation.id}/comments", json={"text": "Antra", "article": "2"})
    assert response.status_code == 201
    assert response.get_json()["article"] == "2"
    # The token with the draft and the invitation; the comment; its search rows; the audit entry.
    assert len(run) == 4
    assert "api_token" in run[0] and "invitation" in run[0]


def test_the_refusals_of_a_post_are_unchanged(client, cast, db, in_consultation, make_user):
    not_invited = make_user("specialist", municipality="LT-13")
    refused = {
        "lawyer": (cast["lawyer"], 403),  # no specialist: the usual way refuses
        "not invited": (not_invited, 404),  # a specialist whose municipality is not invited
    }
    for name, (user, status) in refused.items():
        response = Api(client, stored_token(user)).post(f"/drafts/{in_consultation.id}/comments", json=TEXT)
        assert response.status_code == status, name
    assert Api(client, "rf_unknown").post(f"/drafts/{in_consultation.id}/comments", json=TEXT).status_code == 401
    assert _comments(db) == 0
