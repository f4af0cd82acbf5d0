"""Bearer-token authentication for the API, and the endpoints that issue, list and revoke tokens."""

from __future__ import annotations

from flask import current_app, g, request
from werkzeug.exceptions import Unauthorized

from reviewflow.api import bp
from reviewflow.api.body import ID, json_body, peek_json, refuse_deep_json
from reviewflow.api.serialize import token_json
from reviewflow.errors import problem
from reviewflow.extensions import limiter
from reviewflow.models import ApiToken, User
from reviewflow.services import consultation, tokens

# Endpoints that answer without a token.
PUBLIC = {"api.openapi", "api.issue_token"}


def _account_key() -> str:
    """Throttle failed token requests per account, as the sign-in form does."""
    body = peek_json()  # runs before the view: must survive any body, however broken or deep
    email = body.get("email") if isinstance(body, dict) else None
    return "login-account:" + (email.strip().lower() if isinstance(email, str) else "")


def _failed(response) -> bool:
    """Only failed attempts count against the account."""
    return response.status_code != 200


def unauthorized(detail: str):
    """401 problem+json with the challenge a client needs."""
    response = problem(401, "Unauthorized", detail)
    response.headers["WWW-Authenticate"] = 'Bearer realm="reviewflow"'
    return response


@bp.before_request
def limit_nesting():
    """A body nested too deep is refused (400) first, on every endpoint, signed in or not."""
    refuse_deep_json()


@bp.before_request
def require_token():
    """Every endpoint but the public ones needs ``Authorization: Bearer <token>``; cookies count for nothing."""
    if request.endpoint in PUBLIC:
        return None
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return unauthorized("Send a token as 'Authorization: Bearer <token>' (POST /api/v1/auth/token).")
    if request.endpoint == "api.post_comment":
        # The API's most frequent write reads the token with the draft and the locked invitation in one
        # statement; when that finds nothing, the usual way below authenticates (or refuses) as for any request.
        found = consultation.answering_by_token(raw.strip(), request.view_args["draft_id"])
        if found is not None:
            g.api_token, g.answering = found
            return None
    token = tokens.authenticate_token(raw.strip())
    if token is None:
        return unauthorized("The token is unknown, revoked, or its account is deactivated.")
    g.api_token = token
    return None


def preloaded_answering() -> tuple | None:
    """The draft and the locked invitation ``require_token`` read with the token of a comment post, or ``None``."""
    return g.pop("answering", None)


def api_user() -> User:
    """The person the presented token belongs to."""
    token: ApiToken | None = g.get("api_token")
    if token is None:  # only reachable if a public endpoint asks for a user
        raise Unauthorized()
    return token.user


def recent_login() -> bool:
    """A token issued within the recent-login window counts as a recent login (for ``approve``)."""
    return tokens.is_recent_token(g.api_token)


@bp.post("/auth/token")
# The same shared scopes as the sign-in form (reviewflow/auth/views.py): one count for both doors.
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], scope="sign-in-address")
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], scope="sign-in-account",
                      key_func=_account_key, deduct_when=_failed,
                      exempt_when=lambda: _account_key() == "login-account:")  # no e-mail names no account
def issue_token():
    """Exchange an e-mail and password for a bearer token."""
    raw, token = tokens.issue_token(json_body())
    return {"token": raw, **token_json(token)}, 200


@bp.delete("/auth/token")
def revoke_current_token():
    """Revoke the token presented with this request."""
    tokens.revoke_token(g.api_token.id, api_user())
    return "", 204


@bp.get("/auth/tokens")
def list_tokens():
    """The caller's tokens (never their secrets)."""
    return {"items": [token_json(t) for t in tokens.list_tokens(api_user())]}


@bp.delete(f"/auth/tokens/<{ID}:token_id>")
def revoke_token(token_id: int):
    """Revoke one of the caller's tokens."""
    tokens.revoke_token(token_id, api_user())
    return "", 204
