"""The profile's API tokens page: a token is shown once, works on the API, and can be revoked."""

from tests.conftest import PASSWORD, login


def test_issue_use_and_revoke_a_token(client, make_user):
    user = make_user("lawyer")
    login(client, user.email)
    assert client.get("/profile").status_code == 200
    refused = client.post("/profile/tokens", data={"label": "TAIS", "password": "wrong-password-1"})
    assert refused.status_code == 422
    page = client.post("/profile/tokens", data={"label": "TAIS", "password": PASSWORD})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "TAIS" in html
    token = html.split('font-monospace" type="text" readonly value="')[1].split('"')[0]
    api = client.get("/api/v1/drafts", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    from reviewflow.services.tokens import list_tokens

    (record,) = list_tokens(user)
    assert client.post(f"/profile/tokens/{record.id}/revoke").status_code == 302
    assert client.get("/api/v1/drafts", headers={"Authorization": f"Bearer {token}"}).status_code == 401
