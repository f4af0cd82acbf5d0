"""The API speaks English unless Accept-Language asks for Lithuanian; pages keep Lithuanian first."""

import pytest

from tests.conftest import PASSWORD

MISSING_DRAFT = "/api/v1/drafts/999999"


@pytest.fixture
def token(make_user):
    """A bearer token of a lawyer whose own interface language is Lithuanian."""
    from reviewflow.services.tokens import issue_token

    user = make_user("lawyer", language="lt")
    raw, _ = issue_token({"email": user.email, "password": PASSWORD})
    return raw


def _detail(client, token, **headers):
    response = client.get(MISSING_DRAFT, headers={"Authorization": f"Bearer {token}", **headers})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    return response.get_json()["detail"]


def test_api_errors_are_english_by_default_even_for_a_lithuanian_user(client, token):
    assert _detail(client, token) == "No such draft."


@pytest.mark.parametrize("header", ["lt", "lt-LT,lt;q=0.9,en;q=0.5", "de, lt;q=0.5"])
def test_api_errors_follow_accept_language(client, token, header):
    assert _detail(client, token, **{"Accept-Language": header}) == "Tokio projekto nėra."


@pytest.mark.parametrize("header", ["en", "de", "en-GB,en;q=0.9,lt;q=0.1"])
def test_api_errors_stay_english_unless_lithuanian_is_preferred(client, token, header):
    assert _detail(client, token, **{"Accept-Language": header}) == "No such draft."


def test_pages_ignore_accept_language(client):
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert '<html lang="lt">' in page.get_data(as_text=True)
