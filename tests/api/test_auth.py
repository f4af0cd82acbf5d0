"""Bearer tokens: issued for a password, stored only as a digest, revocable; 401 without one."""

from __future__ import annotations

import hashlib

from reviewflow.models import ApiToken
from tests.api.conftest import Api, issue_token
from tests.conftest import PASSWORD, login


def test_a_token_is_issued_and_only_its_digest_is_stored(client, make_user, db):
    user = make_user("lawyer")
    response = client.post("/api/v1/auth/token", json={"email": user.email.upper(), "password": PASSWORD,
                                                        "label": "DVS"})
    assert response.status_code == 200
    token = response.get_json()["token"]
    stored = db.session.query(ApiToken).one()
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (stored.digest, stored.label)
    me = Api(client, token).get("/me")
    assert me.status_code == 200 and me.get_json()["email"] == user.email
    listed = Api(client, token).get("/auth/tokens").get_json()["items"]
    assert [(t["label"], t["revoked_at"]) for t in listed] == [("DVS", None)]
    assert "token" not in listed[0]


def test_wrong_password_is_401_problem(client, make_user):
    user = make_user("lawyer")
    response = client.post("/api/v1/auth/token", json={"email": user.email, "password": "wrong"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "Wrong e-mail or password."


def test_token_requests_are_throttled_per_account(client, make_user):
    user = make_user("lawyer")
    for _ in range(5):
        assert client.post("/api/v1/auth/token", json={"email": user.email, "password": "x"}).status_code == 401
    throttled = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert throttled.status_code == 429
    assert throttled.mimetype == "application/problem+json"


def test_no_token_bad_token_and_session_cookie_are_401(client, make_user):
    user = make_user("lawyer")
    for headers in ({}, {"Authorization": "Bearer rf_nonsense"}, {"Authorization": "Basic eDp5"}):
        response = client.get("/api/v1/drafts", headers=headers)
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.get_json()["detail"]
    login(client, user.email)
    assert client.get("/").status_code == 200  # signed in on the web
    assert client.get("/api/v1/me").status_code == 401  # but the API ignores the cookie


def test_revoking_the_presented_token(client, make_user):
    user = make_user("specialist", municipality="LT-57")
    keep, drop = issue_token(client, user.email), issue_token(client, user.email)
    assert Api(client, drop).delete("/auth/token").status_code == 204
    assert Api(client, drop).get("/me").status_code == 401
    assert Api(client, keep).get("/me").status_code == 200
    revoked = [t for t in Api(client, keep).get("/auth/tokens").get_json()["items"] if t["revoked_at"]]
    assert len(revoked) == 1
    assert Api(client, keep).delete(f"/auth/tokens/{revoked[0]['id']}").status_code == 204


def test_another_persons_token_cannot_be_revoked(client, make_user, db):
    mine = issue_token(client, make_user("lawyer").email)
    theirs = issue_token(client, make_user("lawyer").email)
    their_id = Api(client, theirs).get("/auth/tokens").get_json()["items"][0]["id"]
    assert Api(client, mine).delete(f"/auth/tokens/{their_id}").status_code == 404
    assert Api(client, theirs).get("/me").status_code == 200


def test_a_deactivated_accounts_token_stops_working(client, make_user, db):
    user = make_user("lawyer")
    token = issue_token(client, user.email)
    user.active = False
    db.session.commit()
    assert Api(client, token).get("/me").status_code == 401


def test_the_openapi_document_needs_no_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json()["openapi"].startswith("3.")


def test_bad_token_request_bodies_are_422(client):
    for data in ("not json", "[1, 2]", '{"email": 5, "password": "x"}', "{}"):
        response = client.post("/api/v1/auth/token", data=data, content_type="application/json")
        assert response.status_code == 422, data
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["detail"]


def test_a_password_change_ends_api_access_too(client, make_user, db):
    from reviewflow.services.accounts import change_password
    from tests.conftest import PASSWORD

    user = make_user("lawyer")
    first, second = issue_token(client, user.email), issue_token(client, user.email)
    assert Api(client, first).get("/me").status_code == 200
    change_password(user, PASSWORD, "a-brand-new-passphrase-77")
    assert Api(client, first).get("/me").status_code == 401
    assert Api(client, second).get("/me").status_code == 401
