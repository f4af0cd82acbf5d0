"""``GET /healthz``: ok when the database and Redis answer, 503 naming the part that is down."""

from tests.support.services import free_port


def test_healthz_is_ok_when_everything_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_names_redis_when_it_is_down(app_factory):
    app = app_factory(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "down", "database": "ok", "redis": "down"}


def test_healthz_names_the_database_when_it_is_down(app_factory):
    app = app_factory(SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://x@127.0.0.1:{free_port()}/none")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "down", "database": "down", "redis": "ok"}


def test_healthz_needs_no_login_and_no_csrf_token(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.is_json
