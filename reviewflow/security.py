"""Security headers (a CSP with no inline script) and production-mode checks."""

from __future__ import annotations

from flask import Flask

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def init_security(app: Flask) -> None:
    """Refuse unsafe production settings and add the headers to every response."""
    if app.config.get("PRODUCTION"):
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and not app.config.get(
            "ALLOW_SQLITE_IN_PRODUCTION"
        ):
            app.logger.warning("production mode with SQLite: use PostgreSQL for real deployments")

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config.get("PRODUCTION"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
