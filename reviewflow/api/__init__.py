"""The JSON API v1: the same services and permissions as the pages, for other systems, with bearer tokens."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def register_api(app: Flask) -> None:
    """Mount the API: bearer tokens only (no session cookie), hence exempt from CSRF."""
    from reviewflow.api import (  # noqa: F401  (routes)
        answers,
        auth,
        comments,
        drafts,
        letters,
        notes,
        openapi,
        people,
        reports,
        revisions,
        search,
        signed_letters,
    )
    from reviewflow.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
