"""Flask-Login wiring: a session is valid only while the user's session token is unchanged."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from reviewflow.extensions import db
from reviewflow.models import User


def load_user(session_id: str) -> User | None:
    """Load the user for a session id ``"<id>:<token>"``; a rotated token ends the session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    # One statement: the user with roles and committees joined (every request needs both).
    user = db.session.scalars(
        select(User).where(User.id == int(user_id))
        .options(joinedload(User.role_links), joinedload(User.committee_links))
    ).unique().first()
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def init_login(app: Flask, manager: LoginManager) -> None:
    """Bind Flask-Login to the app."""
    manager.init_app(app)
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = _l("Please sign in to see this page.")
    manager.login_message_category = "warning"
    manager.session_protection = "basic"
