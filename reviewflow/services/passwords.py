"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

from reviewflow.errors import Invalid

_DEFAULT = PasswordHasher()


def _hasher() -> PasswordHasher:
    """argon2id with the library's defaults; the test suite configures cheaper parameters.

    Verification reads the parameters from the stored hash, so hashes made either way verify.
    """
    params = current_app.config.get("ARGON2_PARAMETERS")
    return PasswordHasher(**params) if params else _DEFAULT

MIN_LENGTH = 10
# A short list of the passwords people reach for first; length alone does not stop them.
COMMON = {
    "password12", "password123", "qwertyuiop", "1234567890", "slaptazodis", "slaptažodis",
    "0123456789", "qwerty1234", "administrator", "lietuva123", "reviewflow", "letmein123",
}


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_policy(password: str | None, email: str = "") -> None:
    """Refuse empty, short, common or e-mail-derived passwords with a clear message."""
    if not password or not password.strip():
        message = _("The password is empty.")
        raise Invalid(message, {"password": message})
    if len(password) < MIN_LENGTH:
        message = _("The password is too short: use at least %(min)d characters.", min=MIN_LENGTH)
        raise Invalid(message, {"password": message})
    lowered = password.lower()
    local = email.split("@")[0].lower()
    if lowered in COMMON or len(set(password)) < 4 or (local and local in lowered):
        message = _("The password is too easy to guess: choose a longer or less predictable one.")
        raise Invalid(message, {"password": message})
