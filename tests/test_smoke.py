"""The app starts, answers /healthz and signs a user in and out."""

from tests.conftest import login


def test_healthz_reports_database_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_login_and_home(client, make_user):
    user = make_user("lawyer")
    response = login(client, user.email)
    assert response.status_code == 302
    page = client.get("/")
    assert page.status_code == 200
    assert user.name in page.get_data(as_text=True)
