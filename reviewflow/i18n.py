"""Lithuanian first, English per user: the locale selector and template helpers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_login import current_user

from reviewflow.extensions import babel


def select_locale() -> str:
    """The signed-in user's language; otherwise a ``?lang=`` choice kept in a cookie; else Lithuanian."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = request.args.get("lang") or request.cookies.get("lang")
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_babel(app: Flask) -> None:
    """Bind Flask-Babel with the catalogues shipped inside the package."""
    folder = Path(__file__).parent / "translations"
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(folder))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"]:
            response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax",
                                secure=app.config.get("SESSION_COOKIE_SECURE", False))
        return response
