"""Security headers (a CSP with no inline script or style), CSRF refusals, production-mode checks."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from reviewflow.errors import problem, wants_problem_json

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
MIN_SECRET_KEY_LENGTH = 16
# Flask-WTF's refusals are English sentences (flask_wtf/csrf.py); each is shown as our own, translated one.
CSRF_REASONS = {
    "The CSRF token is missing.": _l("The form's security token is missing."),
    "The CSRF session token is missing.": _l(
        "Your session holds no security token: the session ended or the browser does not keep cookies."),
    "The CSRF token has expired.": _l("The form's security token has expired: the page was open too long."),
    "The CSRF token is invalid.": _l("The form's security token is not valid."),
    "The CSRF tokens do not match.": _l("The form's security token does not match your session (did you sign in "
                                        "again in another tab?)."),
    "The referrer header is missing.": _l("The browser did not say which page sent the form."),
    "The referrer does not match the host.": _l("The form was sent from another site."),
}


def csrf_reason(description: str | None) -> str:
    """Flask-WTF's reason for a CSRF refusal in the reader's language (a reason we do not know: a general one)."""
    reason = CSRF_REASONS.get((description or "").strip())
    return str(reason) if reason is not None else _("The form's security token is not valid.")


def check_production(app: Flask) -> None:
    """Refuse to start in production mode with a guessable secret or cookies that travel over http."""
    if not app.config.get("PRODUCTION"):
        return
    if len(app.config.get("SECRET_KEY") or "") < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters in production mode"
        )
    if not (app.config.get("SESSION_COOKIE_SECURE") and app.config.get("REMEMBER_COOKIE_SECURE")):
        raise RuntimeError("production mode needs HTTPS-only cookies (SESSION_COOKIE_SECURE)")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.logger.warning("production mode with SQLite: use PostgreSQL for real deployments")


def init_security(app: Flask) -> None:
    """Check production settings, trust a reverse proxy if told to, add headers, answer CSRF refusals."""
    check_production(app)
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Behind nginx the client address comes from X-Forwarded-For; without this every visitor
        # would share the proxy's address and the per-address login limit would lock them all out.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("PRODUCTION"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response

    @app.errorhandler(CSRFError)
    def refuse_csrf(exc: CSRFError):
        reason = csrf_reason(exc.description)
        if wants_problem_json():
            return problem(400, "CSRF token missing or invalid", reason)
        detail = reason + " " + _("Go back, reload the page and send the form again.")
        expired = (exc.description or "").strip() == "The CSRF token has expired."
        title = _("The form has expired") if expired else _("The form was not accepted")
        return render_template("errors/error.html", status=400, title=title, detail=detail), 400
