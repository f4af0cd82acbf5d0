"""Security headers, cookie flags, CSRF refusal and production-mode settings."""

import re

import pytest

from config import Config
from reviewflow import create_app
from tests.conftest import PASSWORD, login
from tests.web.conftest import csrf_token, text


def test_security_headers_forbid_inline_script_and_style(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # local mode is plain http


@pytest.mark.parametrize("role", ["admin", "lawyer"])
def test_pages_have_no_inline_script_style_or_handlers(signed_in, role):
    _, client = signed_in(role)
    pages = ["/", "/profile"] + (["/admin/users", "/admin/users/new", "/admin/reference"] if role == "admin" else [])
    for page in pages:
        html = text(client.get(page))
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), page
        assert not re.search(r"<style", html), page
        assert not re.search(r"\sstyle=", html), page
        assert not re.search(r"\son[a-z]+=", html), page


def test_vendored_assets_are_served_from_the_app(client):
    for path in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
                 "vendor/htmx/htmx.min.js", "app.css", "app.js"):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        response.close()
    assert "cdn" not in text(client.get("/login")).lower()


def test_session_cookie_is_httponly_and_samesite_but_not_secure_locally(client, make_user):
    user = make_user("lawyer")
    cookie = login(client, user.email).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_production_mode_cookies_are_secure(app_factory, make_user, tmp_path):
    config = Config.from_env({"REVIEWFLOW_PRODUCTION": "1", "SECRET_KEY": "s" * 40,
                              "REVIEWFLOW_INSTANCE": str(tmp_path)})
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    assert config.PREFERRED_URL_SCHEME == "https"
    prod = app_factory(PRODUCTION=True, SECRET_KEY="s" * 40, SESSION_COOKIE_SECURE=True,
                       REMEMBER_COOKIE_SECURE=True)
    user = make_user("lawyer")
    response = prod.test_client().post("/login", data={"email": user.email, "password": PASSWORD},
                                       base_url="https://localhost")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_production_mode_without_secret_key_refuses_to_start(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Config.from_env({"REVIEWFLOW_PRODUCTION": "1", "REVIEWFLOW_INSTANCE": str(tmp_path)})
    assert not (tmp_path / "secret_key").exists()


def test_production_mode_refuses_a_short_secret_or_http_cookies(tmp_path):
    env = {"REVIEWFLOW_PRODUCTION": "1", "REVIEWFLOW_INSTANCE": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Config.from_env({**env, "SECRET_KEY": "short"}))
    config = Config.from_env({**env, "SECRET_KEY": "k" * 40})
    config.SESSION_COOKIE_SECURE = False
    with pytest.raises(RuntimeError, match="HTTPS-only"):
        create_app(config)


def test_csrf_refusal_is_readable(app_factory, make_user):
    user = make_user("lawyer")
    client = app_factory(WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    page = text(response)
    assert "Forma nepriimta" in page  # the token is missing, not expired (tests/pages/test_pagesfix.py: reasons)
    assert "atnaujinkite puslapį" in page


def test_forms_work_with_csrf_on(app_factory, make_user):
    user = make_user("lawyer")
    client = app_factory(WTF_CSRF_ENABLED=True).test_client()
    token = csrf_token(client.get("/login"))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert client.post("/logout").status_code == 400  # a logout without the token is refused too
    token = csrf_token(client.get("/"))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302
