"""Lithuanian first, English per user: the locale selector, role labels and template helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reviewflow.extensions import babel
from reviewflow.models import Role
from reviewflow.services.clock import vilnius_date, vilnius_time

LANGUAGE_NAMES = {"lt": "Lietuvių", "en": "English"}
LANGUAGE_COOKIE = "lang"

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.LAWYER: _l("LSA lawyer"),
    Role.SPECIALIST: _l("Municipal specialist"),
    Role.COMMITTEE: _l("Committee member"),
    Role.BOARD: _l("Board member"),
}


def role_label(role: Role | str) -> str:
    """The role's name in the interface language."""
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)


API_LANGUAGES = ("lt", "en")
API_DEFAULT_LANGUAGE = "en"


def select_locale() -> str:
    """Pages: the signed-in user's language; otherwise the language cookie; else Lithuanian.

    The API (``/api/``) answers other systems as much as people: its messages follow the
    ``Accept-Language`` header and are English when the header asks for nothing we have.
    """
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    # Outside a request (CLI, Celery) there is no user and no cookie: the caller may force_locale.
    if not has_request_context():
        return default
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(API_LANGUAGES, default=API_DEFAULT_LANGUAGE)
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = request.args.get(LANGUAGE_COOKIE) or request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    return default


def remember_language(response, language: str):
    """Keep the visitor's language choice in a cookie that scripts cannot read."""
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response


def vilnius_date_text(moment: datetime | date | None) -> str:
    """Template filter ``vilnius_date``: a UTC timestamp's Vilnius calendar date as 2026-12-01 ('' for None)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return vilnius_date(moment).isoformat()
    return moment.isoformat()


def vilnius_datetime_text(moment: datetime | None) -> str:
    """Template filter ``vilnius_datetime``: a UTC timestamp as Vilnius local time, 2026-12-01 00:30."""
    return vilnius_time(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def init_babel(app: Flask) -> None:
    """Bind Flask-Babel with the catalogues shipped inside the package."""
    folder = Path(__file__).parent / "translations"
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(folder))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(get_locale=get_locale, LANGUAGE_NAMES=LANGUAGE_NAMES)
    app.jinja_env.filters["role_label"] = role_label
    # Dates people see are Vilnius dates: a comment at 22:30 UTC on 30 November is dated 1 December.
    app.jinja_env.filters["vilnius_date"] = vilnius_date_text
    app.jinja_env.filters["vilnius_datetime"] = vilnius_datetime_text

    @app.after_request
    def keep_language_choice(response):
        chosen = request.args.get(LANGUAGE_COOKIE)
        if chosen in app.config["LANGUAGES"]:
            remember_language(response, chosen)
        return response
