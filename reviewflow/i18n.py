"""Lithuanian first, English per user: the locale selector, role labels and template helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reviewflow.extensions import babel
from reviewflow.models import Role
from reviewflow.services.clock import vilnius_date, vilnius_time
from reviewflow.services.reference import lt_sort_key

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


def local_name(item) -> str:
    """An institution's or committee's name in the reader's language: the English one where the data has it."""
    english = getattr(item, "name_en", None)
    return english if english and str(get_locale()) == "en" else item.name_lt


class WTFormsTranslations:
    """WTForms' own messages ("Not a valid date value.", "Field cannot be longer than…") read from the app's
    catalogue: WTForms ships no Lithuanian, so Flask-WTF's default (WTForms' catalogue) would leave them in
    English. The caller formats the result itself, so nothing is interpolated here."""

    def gettext(self, string: str) -> str:
        """The message in the reader's language."""
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural message in the reader's language."""
        return get_translations().ungettext(singular, plural, n)


def init_babel(app: Flask) -> None:
    """Bind Flask-Babel with the catalogues shipped inside the package."""
    folder = Path(__file__).parent / "translations"
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(folder))
    babel.init_app(app, locale_selector=select_locale)
    import flask_wtf.form

    # Flask-WTF hands every form this object when WTF_I18N_ENABLED (its default): make it ours.
    flask_wtf.form.translations = WTFormsTranslations()
    app.jinja_env.globals.update(get_locale=get_locale, LANGUAGE_NAMES=LANGUAGE_NAMES)
    app.jinja_env.filters["role_label"] = role_label
    # Dates people see are Vilnius dates: a comment at 22:30 UTC on 30 November is dated 1 December.
    app.jinja_env.filters["vilnius_date"] = vilnius_date_text
    app.jinja_env.filters["vilnius_datetime"] = vilnius_datetime_text
    # Lithuanian alphabet order for names people pick from (counties: Šiaulių after Panevėžio, before Tauragės).
    app.jinja_env.filters["local_name"] = local_name
    app.jinja_env.filters["lt_sorted"] = lambda values: sorted(values, key=lt_sort_key)

    @app.after_request
    def keep_language_choice(response):
        chosen = request.args.get(LANGUAGE_COOKIE)
        if chosen in app.config["LANGUAGES"]:
            remember_language(response, chosen)
        return response
