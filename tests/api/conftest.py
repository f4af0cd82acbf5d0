"""Fixtures for the JSON API: the cast from the service tests, each with a bearer token."""

from __future__ import annotations

import secrets

import pytest

from tests.conftest import PASSWORD
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


class Api:
    """The Flask test client speaking JSON with one person's bearer token."""

    def __init__(self, client, token: str | None) -> None:
        self.client = client
        self.token = token

    def call(self, method: str, path: str, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return self.client.open("/api/v1" + path, method=method, headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self.call("POST", path, json=json, **kw) if json is not None else self.call("POST", path, **kw)

    def put(self, path, json=None, **kw):
        return self.call("PUT", path, json=json, **kw)

    def patch(self, path, json=None, **kw):
        return self.call("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


def issue_token(client, email: str, password: str = PASSWORD) -> str:
    """A token through the real endpoint."""
    response = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]


def stored_token(user) -> str:
    """A real token row for ``user`` without the password round trip (argon2 is slow on purpose)."""
    from reviewflow.extensions import db
    from reviewflow.models import ApiToken
    from reviewflow.services.tokens import PREFIX, digest_of

    raw = PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, digest=digest_of(raw), label="test"))
    db.session.commit()
    return raw


@pytest.fixture
def api(client, cast):  # noqa: F811
    """``api["lawyer"].post(...)``: one API client per person of the cast, each with a fresh token."""
    return {name: Api(client, stored_token(user)) for name, user in cast.items()}


def fire(draft, name: str, user, **payload):
    """Arrange a state through the service (the API's own path is walked in test_walk)."""
    from reviewflow.services.lifecycle import fire_transition

    return fire_transition(draft.id, name, user, payload, recent_login=True)


@pytest.fixture
def in_consultation(cast, registered):  # noqa: F811
    """A draft assigned to the lawyer (committee IVPK) in consultation with Vilnius and Kaunas."""
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    return registered
