"""Reviewflow: the review of draft legal acts at the Association of Local Authorities in Lithuania."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from config import Config


def create_app(config: Config | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, CLI, error handlers."""
    config = config or Config.from_env()
    app = Flask(__name__, instance_path=config.INSTANCE_PATH)
    app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    register_celery(app)
    register_security(app)
    register_converters(app)
    register_blueprints(app)
    register_errors(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of :mod:`reviewflow.extensions`."""
    from reviewflow import i18n
    from reviewflow.auth import sessions, throttle
    from reviewflow.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIR"], render_as_batch=True)
    csrf.init_app(app)
    throttle.init_throttle(app)
    limiter.init_app(app)
    sessions.init_login(app, login_manager)
    i18n.init_babel(app)


def register_celery(app: Flask) -> None:
    """Attach the Celery app (``app.extensions["celery"]``)."""
    from reviewflow.celery_app import celery_init_app

    celery_init_app(app)


def register_security(app: Flask) -> None:
    """Security headers and cookie policy."""
    from reviewflow.security import init_security

    init_security(app)


def _numbers_up_to(limit: int) -> str:
    """A regular expression for the decimal numbers 0..``limit`` (leading zeros allowed)."""
    digits = str(limit)
    shorter = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    same_length = [
        digits[:i] + f"[0-{int(d) - 1}]" + (rf"\d{{{len(digits) - i - 1}}}" if i < len(digits) - 1 else "")
        for i, d in enumerate(digits) if d != "0"
    ]
    return "0*(?:" + "|".join([*shorter, *same_length, digits]) + ")"


class RowIdConverter(IntegerConverter):
    """``<int:…>`` bounded by what a database id can hold, so a larger number is 404, never a 500.

    SQLite raises OverflowError on a number beyond 64 bits and PostgreSQL refuses one beyond its
    32-bit ``integer``. The bound is in the URL pattern itself, not only in ``to_python``: a number
    out of range then matches no route at all, so every method answers 404 (a failed conversion
    after the path matched would answer 405 to a POST where a GET route shares the path).
    """

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        from reviewflow.services.payload import MAX_DB_ID

        max = MAX_DB_ID if max is None else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
        if not signed and not fixed_digits:
            self.regex = _numbers_up_to(max)


def register_converters(app: Flask) -> None:
    """Replace Flask's ``int`` URL converter app-wide (before any route is added) with :class:`RowIdConverter`."""
    app.url_map.converters["int"] = RowIdConverter


def register_blueprints(app: Flask) -> None:
    """Mount every feature's blueprint."""
    from reviewflow.admin import views_deactivate, views_outbox, views_reference  # noqa: F401  (join admin_bp)
    from reviewflow.admin.views import bp as admin_bp
    from reviewflow.auth.tokens_views import bp as tokens_bp
    from reviewflow.auth.views import bp as auth_bp
    from reviewflow.health import bp as health_bp
    from reviewflow.letters import views_signed  # noqa: F401  (its routes join letters_bp)
    from reviewflow.letters.views import bp as letters_bp
    from reviewflow.main.views import bp as main_bp
    from reviewflow.reasons.views import bp as reasons_bp
    from reviewflow.reminders_views import bp as reminders_bp
    from reviewflow.reports.views import bp as reports_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(tokens_bp)
    app.register_blueprint(main_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(letters_bp)
    app.register_blueprint(reminders_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(reasons_bp)
    from reviewflow.api import register_api
    from reviewflow.drafts import register_pages

    register_api(app)
    register_pages(app)
    from reviewflow.search import register_search

    register_search(app)


def register_errors(app: Flask) -> None:
    """Turn domain exceptions and HTTP errors into pages or problem+json in one place."""
    from reviewflow.errors import init_errors

    init_errors(app)


def register_cli(app: Flask) -> None:
    """Add the ``flask --app reviewflow`` commands."""
    from reviewflow.cli import init_cli

    init_cli(app)
