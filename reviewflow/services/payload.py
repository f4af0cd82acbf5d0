"""Reading user input into typed values, refusing bad input with messages a person understands."""

from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _

from reviewflow.errors import Invalid
from reviewflow.text import clean_text


def text_field(payload: dict, name: str, *, required: bool = True, max_length: int = 20000) -> str | None:
    """A cleaned string; ``None`` when optional and absent."""
    raw = payload.get(name)
    if raw is not None and not isinstance(raw, str):
        raise Invalid(_("%(name)s must be text.", name=name), {name: _("Must be text.")})
    value = clean_text(raw)
    value = value.strip() if value else value
    if not value:
        if required:
            raise Invalid(_("%(name)s is required.", name=name), {name: _("This field is required.")})
        return None
    if len(value) > max_length:
        message = _("%(name)s is too long (at most %(max)s characters).", name=name, max=max_length)
        raise Invalid(message, {name: message})
    return value


def date_field(payload: dict, name: str, *, required: bool = True) -> date | None:
    """An ISO date (YYYY-MM-DD)."""
    raw = payload.get(name)
    if raw in (None, ""):
        if required:
            raise Invalid(_("%(name)s is required.", name=name), {name: _("This field is required.")})
        return None
    if isinstance(raw, date):
        return raw
    try:
        if not isinstance(raw, str) or len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        message = _("%(name)s must be a date like 2026-11-27, got %(raw)r.", name=name, raw=raw)
        raise Invalid(message, {name: message}) from None


def enum_field(payload: dict, name: str, cls: type[enum.Enum], *, required: bool = True):
    """One of the values of ``cls``."""
    raw = payload.get(name)
    if raw in (None, ""):
        if required:
            raise Invalid(_("%(name)s is required.", name=name), {name: _("This field is required.")})
        return None
    try:
        return cls(raw)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        message = _("%(name)s must be one of %(allowed)s; got %(raw)r.", name=name, allowed=allowed, raw=raw)
        raise Invalid(message, {name: message}) from None


MAX_DB_ID = 2**31 - 1


def is_db_id(value: object) -> bool:
    """Whether ``value`` can be a row id (a positive integer the database can hold)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_DB_ID
