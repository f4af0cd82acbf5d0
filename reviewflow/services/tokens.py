"""Bearer tokens for the JSON API: issued for a password, stored only as a SHA-256 digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from reviewflow.errors import DomainError, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import ApiToken, User
from reviewflow.models.base import utcnow
from reviewflow.services.accounts import authenticate
from reviewflow.services.commits import commit_keeping_loaded
from reviewflow.text import clean_text

PREFIX = "rf_"
# Writing last_used_at on every request would turn each read into a write; once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


class WrongCredentials(DomainError):
    """The e-mail and password do not match an active account."""

    status = 401
    title = "Unauthorized"


def digest_of(raw: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _credential(payload: dict, name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or not value.strip():
        message = f"{name} is required and must be text."
        raise Invalid(message, {name: message})
    return clean_text(value)


def issue_token(payload: dict) -> tuple[str, ApiToken]:
    """A new token for ``{"email", "password", "label"?}``; the raw token is returned only here."""
    email = _credential(payload, "email")
    password = payload.get("password")
    if not isinstance(password, str) or not password:
        raise Invalid("password is required and must be text.", {"password": "This field is required."})
    label = payload.get("label")
    label = (clean_text(label) or "").strip()[:80] if isinstance(label, str) else ""
    user = authenticate(email, password)
    if user is None:
        raise WrongCredentials("Wrong e-mail or password.")
    raw = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(user_id=user.id, digest=digest_of(raw), label=label, created_at=now)
    db.session.add(token)
    user.last_login_at = now  # a token is issued for a password: that is a login
    db.session.commit()
    return raw, token


@cache
def token_query() -> Select:
    """The token with its user, roles and committees by ``digest`` (every API request needs them): one statement.

    Built once per process: SQLAlchemy caches the SQL of a statement, but building the statement object and
    its cache key again would cost as much on every request as the rest of the token check.
    """
    user = joinedload(ApiToken.user)
    return (select(ApiToken).where(ApiToken.digest == bindparam("digest"))
            .options(user.joinedload(User.role_links), user.joinedload(User.committee_links)))


def is_well_formed(raw: str | None) -> bool:
    """Whether ``raw`` can be a token at all (no look-up for anything else)."""
    return bool(raw) and raw.startswith(PREFIX) and len(raw) <= 200


def authenticate_token(raw: str | None) -> ApiToken | None:
    """The live token for ``raw`` (its user active), or ``None``."""
    if not is_well_formed(raw):
        return None
    token = db.session.scalars(token_query(), {"digest": digest_of(raw)}).unique().first()
    if not is_live(token):
        return None
    touch_token(token)
    return token


def is_live(token: ApiToken | None) -> bool:
    """Whether a token read by its digest may be used: not revoked, its user active."""
    return token is not None and token.revoked_at is None and token.user.active


def touch_token(token: ApiToken) -> bool:
    """Record the token's use (at most once a minute); whether that committed, ending the transaction it was
    read in and any lock taken with it."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at <= TOUCH_EVERY:
        return False
    token.last_used_at = now
    commit_keeping_loaded()  # the request goes on with the token and its user: keep them loaded
    return True


def is_recent_token(token: ApiToken) -> bool:
    """Whether the token was issued within the recent-login window (it then counts as a fresh login)."""
    window = timedelta(minutes=current_app.config["RECENT_LOGIN_MINUTES"])
    return utcnow() - token.created_at <= window


def revoke_token(token_id: int, user: User) -> ApiToken:
    """Revoke one of the user's own tokens; revoking twice changes nothing."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token


def list_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, newest first (without the secrets, which are never stored)."""
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id)
    ))
