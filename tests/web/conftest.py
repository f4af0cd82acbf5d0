"""Fixtures for the web tests: signed-in clients per role, HTML helpers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from reviewflow.extensions import db as _db
from reviewflow.models import User
from tests.conftest import login

ROLES = ("admin", "lawyer", "specialist", "committee", "board")


@pytest.fixture
def app(app_factory):
    """The app the test clients talk to; the test's own database work runs in a second app's context.

    Flask reuses an already pushed app context of the same app for every request, so the top-level
    ``app`` fixture (which keeps one pushed) lets ``g`` and the database session leak from one client
    to the next: Flask-Login's cached ``g._login_user`` then answers for the wrong browser. Keeping the
    test's context on a different app instance gives each request its own context, as in production.
    """
    web_app = app_factory()
    data_app = app_factory()
    with data_app.app_context():
        yield web_app
        _db.session.remove()


def role_user(make_user, role: str, **kwargs):
    """A user holding ``role`` with whatever that role needs (a municipality, a committee)."""
    if role == "specialist":
        kwargs.setdefault("municipality", "LT-57")
    if role == "committee":
        kwargs.setdefault("committees", ["IVPK"])
    return make_user(role, **kwargs)


@pytest.fixture
def signed_in(app, make_user):
    """``signed_in("admin")`` -> (user, client) with that user signed in through the real form."""

    def build(role: str, **kwargs):
        user = role_user(make_user, role, **kwargs)
        client = app.test_client()
        assert login(client, user.email).status_code == 302
        return user, client

    return build


def user_count() -> int:
    """How many users exist, read afresh from the database."""
    _db.session.rollback()
    return _db.session.scalar(select(func.count(User.id)))


def text(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and attributes.get("name"):
            self.inputs.setdefault(attributes["name"], attributes)


def inputs(response) -> dict[str, dict]:
    """The form controls on a page by name (the first of each name), with their attributes."""
    parser = _FormParser()
    parser.feed(text(response))
    return parser.inputs


def csrf_token(response) -> str:
    """The CSRF token a page's first form carries."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text(response)) or re.search(
        r'name="csrf_token" value="([^"]+)"', text(response)
    )
    assert match, "no CSRF token on the page"
    return match.group(1)
