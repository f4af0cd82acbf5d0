"""Reviewflow configuration: read from environment variables, with safe local defaults."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent


def _bool(value: str | None, default: bool = False) -> bool:
    """Read a yes/no environment value."""
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: dict, name: str, default: int) -> int:
    """Read an integer environment value, refusing garbage with a clear message."""
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise RuntimeError(f"{name} must be a whole number, got {raw!r}") from exc


def instance_dir(env: dict | None = None) -> Path:
    """Where the local SQLite database, the secret key and uploaded files live."""
    env = os.environ if env is None else env
    return Path(env.get("REVIEWFLOW_INSTANCE") or Path.cwd() / "instance").resolve()


def _secret_key(env: dict, folder: Path, production: bool) -> str:
    """Take SECRET_KEY from the environment or from a file generated once into instance/."""
    if env.get("SECRET_KEY"):
        return env["SECRET_KEY"]
    if production:
        raise RuntimeError("SECRET_KEY must be set in production mode")
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting together (web, worker) agree on one key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()


class Config:
    """Settings for one application instance; build it with :meth:`from_env`."""

    TESTING = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "lt"
    BABEL_DEFAULT_TIMEZONE = "Europe/Vilnius"
    LANGUAGES = ("lt", "en")
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024

    @classmethod
    def from_env(cls, env: dict | None = None) -> Config:
        """Build the configuration from environment variables."""
        env = dict(os.environ if env is None else env)
        self = cls()
        folder = instance_dir(env)
        production = _bool(env.get("REVIEWFLOW_PRODUCTION"))
        self.PRODUCTION = production
        self.INSTANCE_PATH = str(folder)
        # The migrations live beside config.py in a checkout (or an editable install); an installed
        # wheel has no checkout, so MIGRATIONS_DIR (or ./migrations) names the release's copy.
        beside = PROJECT_ROOT / "migrations"
        self.MIGRATIONS_DIR = env.get("MIGRATIONS_DIR") or str(
            beside if beside.is_dir() else Path.cwd() / "migrations"
        )
        self.SECRET_KEY = _secret_key(env, folder, production)
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL") or f"sqlite:///{folder / 'reviewflow.db'}"
        self.REDIS_URL = env.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        self.CELERY = {
            "broker_url": env.get("CELERY_BROKER_URL", self.REDIS_URL),
            "result_backend": env.get("CELERY_RESULT_BACKEND", self.REDIS_URL),
            "task_ignore_result": True,
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            # Redis hands an unacknowledged message (a killed worker's) out again after this long; every
            # countdown retry must wait less, or it is delivered twice. A killed render is taken over far
            # sooner by the application itself (services/render_recovery.py), not by this timeout.
            "broker_transport_options": {"visibility_timeout": 3600},
            "worker_prefetch_multiplier": 1,
            "broker_connection_retry_on_startup": True,
            "timezone": "UTC",
            "enable_utc": True,
        }
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI", self.REDIS_URL)
        # Failed attempts per account stay strict: this is what stops guessing one person's password.
        self.LOGIN_LIMIT_PER_ACCOUNT = env.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
        # All attempts per address are generous: a council office signs in from one NAT address, and
        # 65 people at nine o'clock, some mistyping, must not lock each other out. 300 a minute still
        # stops a spray over many accounts from one address (see README, "Sign-in limits").
        self.LOGIN_LIMIT_PER_ADDRESS = env.get("LOGIN_LIMIT_PER_ADDRESS", "300 per minute")
        self.SMTP_HOST = env.get("SMTP_HOST", "127.0.0.1")
        self.SMTP_PORT = _int(env, "SMTP_PORT", 1025)
        self.SMTP_USERNAME = env.get("SMTP_USERNAME") or None
        self.SMTP_PASSWORD = env.get("SMTP_PASSWORD") or None
        self.SMTP_STARTTLS = _bool(env.get("SMTP_STARTTLS"))
        self.MAIL_FROM = env.get("MAIL_FROM", "Reviewflow <reviewflow@lsa.lt>")
        self.BASE_URL = env.get("BASE_URL", "http://127.0.0.1:5000")
        self.UPLOAD_FOLDER = env.get("UPLOAD_FOLDER") or str(folder / "files")
        self.MAX_UPLOAD_BYTES = _int(env, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
        self.RECENT_LOGIN_MINUTES = _int(env, "RECENT_LOGIN_MINUTES", 30)
        self.DEFAULT_REPLY_WORKING_DAYS = _int(env, "DEFAULT_REPLY_WORKING_DAYS", 10)
        self.COMMENT_DEADLINE_WORKING_DAYS_BEFORE = _int(
            env, "COMMENT_DEADLINE_WORKING_DAYS_BEFORE", 3
        )
        self.REMINDER_DAYS_BEFORE = _int(env, "REMINDER_DAYS_BEFORE", 2)
        self.REMINDER_HOUR = _int(env, "REMINDER_HOUR", 8)
        self.REMINDER_SCAN_SECONDS = _int(env, "REMINDER_SCAN_SECONDS", 300)
        self.OUTBOX_SWEEP_SECONDS = _int(env, "OUTBOX_SWEEP_SECONDS", 60)
        # A render whose heartbeat is this old belongs to a killed worker and is taken over
        # (services/render_recovery.py); the heartbeat beats 4.5 times per period.
        self.RENDER_STALE_SECONDS = max(5, _int(env, "RENDER_STALE_SECONDS", 45))
        self.CELERY["beat_schedule"] = {
            "scan-reminders": {"task": "reviewflow.scan_reminders", "schedule": float(self.REMINDER_SCAN_SECONDS)},
            "sweep-outbox": {"task": "reviewflow.sweep_outbox", "schedule": float(self.OUTBOX_SWEEP_SECONDS)},
        }
        self.LETTER_NUMBER_PATTERN = env.get("LETTER_NUMBER_PATTERN", "S-{year}-{seq:04d}")
        try:  # refuse a broken pattern at start-up, not at the first approval
            sample = self.LETTER_NUMBER_PATTERN.format(year=2026, seq=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise RuntimeError(f"LETTER_NUMBER_PATTERN is not a valid pattern: {exc}") from exc
        if "{seq" not in self.LETTER_NUMBER_PATTERN or sample == self.LETTER_NUMBER_PATTERN.format(year=2026, seq=2):
            raise RuntimeError("LETTER_NUMBER_PATTERN must contain {seq}, e.g. S-{year}-{seq:04d}")
        self.LETTER_ANNEX_SEPARATE = _bool(env.get("LETTER_ANNEX_SEPARATE"))
        # The first signatory when none is set up yet (an administrator manages them under Signatories).
        # No invented person outside the demo: a real letter must never go out signed by a placeholder.
        demo = _bool(env.get("REVIEWFLOW_DEMO"))
        self.LETTER_SIGNATORY_POSITION = env.get("LETTER_SIGNATORY_POSITION", "Prezidentas" if demo else "")
        self.LETTER_SIGNATORY_NAME = env.get("LETTER_SIGNATORY_NAME", "Vardenis Pavardenis" if demo else "")
        # Seconds one LibreOffice DOCX-to-PDF conversion of a letter may take before it is killed.
        self.LETTER_PDF_TIMEOUT_SECONDS = _int(env, "LETTER_PDF_TIMEOUT_SECONDS", 120)
        self.PROXY_HOPS = _int(env, "PROXY_HOPS", 0)
        self.DEMO_MODE = _bool(env.get("REVIEWFLOW_DEMO"))
        # LSA's letterhead [verified facts, kept in configuration: see the domain notes].
        self.LSA_NAME = env.get("LSA_NAME", "Lietuvos savivaldybių asociacija")
        self.LSA_ADDRESS = env.get("LSA_ADDRESS", "T. Vrublevskio g. 6, LT-01143 Vilnius")
        self.LSA_PHONE = env.get("LSA_PHONE", "(8 5) 261 6063")
        self.LSA_EMAIL = env.get("LSA_EMAIL", "bendras@lsa.lt")
        self.LSA_JAR_CODE = env.get("LSA_JAR_CODE", "124111348")
        self.SESSION_COOKIE_SECURE = production
        self.REMEMBER_COOKIE_SECURE = production
        self.PREFERRED_URL_SCHEME = "https" if production else "http"
        return self


class TestConfig(Config):
    """Configuration for the test suite: CSRF off unless a test turns it on."""

    TESTING = True
    WTF_CSRF_ENABLED = False

    @classmethod
    def from_env(cls, env: dict | None = None) -> TestConfig:
        """Build the test configuration; the caller overrides what it needs."""
        self = super().from_env(env)
        self.RATELIMIT_ENABLED = True
        # A signatory the tests' letters are signed by (production has none until an administrator adds one).
        self.LETTER_SIGNATORY_POSITION = self.LETTER_SIGNATORY_POSITION or "Prezidentas"
        self.LETTER_SIGNATORY_NAME = self.LETTER_SIGNATORY_NAME or "Vardenis Pavardenis"
        # Cheap hashing keeps the suite fast; production uses argon2-cffi's defaults.
        self.ARGON2_PARAMETERS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
        return self
