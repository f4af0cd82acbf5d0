"""Reading user input into typed values, refusing bad input with messages a person understands."""

from __future__ import annotations

import enum
from datetime import date

from reviewflow.errors import Invalid
from reviewflow.text import clean_text


def text_field(payload: dict, name: str, *, required: bool = True, max_length: int = 20000) -> str | None:
    """A cleaned string; ``None`` when optional and absent."""
    raw = payload.get(name)
    if raw is not None and not isinstance(raw, str):
        raise Invalid(f"{name} must be text.", {name: "Must be text."})
    value = clean_text(raw)
    value = value.strip() if value else value
    if not value:
        if required:
            raise Invalid(f"{name} is required.", {name: "This field is required."})
        return None
    if len(value) > max_length:
        message = f"{name} is too long (at most {max_length} characters)."
        raise Invalid(message, {name: message})
    return value


def date_field(payload: dict, name: str, *, required: bool = True) -> date | None:
    """An ISO date (YYYY-MM-DD)."""
    raw = payload.get(name)
    if raw in (None, ""):
        if required:
            raise Invalid(f"{name} is required.", {name: "This field is required."})
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        message = f"{name} must be a date like 2026-11-27, got {raw!r}."
        raise Invalid(message, {name: message}) from None


def enum_field(payload: dict, name: str, cls: type[enum.Enum], *, required: bool = True):
    """One of the values of ``cls``."""
    raw = payload.get(name)
    if raw in (None, ""):
        if required:
            raise Invalid(f"{name} is required.", {name: "This field is required."})
        return None
    try:
        return cls(raw)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        message = f"{name} must be one of {allowed}; got {raw!r}."
        raise Invalid(message, {name: message}) from None
