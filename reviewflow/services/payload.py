"""Reading user input into typed values, refusing bad input with messages a person understands."""

from __future__ import annotations

import enum
import re
from datetime import date

from flask_babel import gettext as _

from reviewflow.errors import Invalid
from reviewflow.text import clean_text

# The longest text a person may write in one field (a comment, reasons, an opinion, a note): the API refuses a
# longer one, and the pages' forms refuse it with the same limit (never cut by the browser).
MAX_TEXT = 20000


def text_field(payload: dict, name: str, *, required: bool = True, max_length: int = MAX_TEXT) -> str | None:
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


# A provision's number as lawyers write it: "12", "12-1", an inserted "25¹" (or "25^1"), a point "4.1" or "1.1.1";
# the Seimas tables' amended provision "1 (5)" or "(2)". A trailing "." or a law's point "1)" is dropped.
_PROVISION_NUMBER = r"\d{1,4}(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\^\d{1,3})?(?:-\d{1,4})?(?:\.\d{1,4})*"
PROVISION_NUMBER = re.compile(rf"^(?:{_PROVISION_NUMBER}\s*)?(?:\(\s*{_PROVISION_NUMBER}\s*\))?$")


def provision_number(payload: dict, name: str) -> str | None:
    """An article, part or point typed by hand: a number ("12", "12-1", "4.1"), or ``None`` when empty.

    Anything else ("abc; DROP") is refused naming the field: it would go into the table and the letter's
    citations as it was typed.
    """
    typed = text_field(payload, name, required=False, max_length=16)
    if typed is None:
        return None
    value = typed.rstrip(".")
    if value.endswith(")") and "(" not in value:
        value = value[:-1].rstrip(".")  # a law's point is printed "1)"
    if not value or PROVISION_NUMBER.fullmatch(value) is None:
        messages = {
            "article": _("The article must be a number like 12, 12-1 or 25¹ (typed: „%(value)s“).", value=typed),
            "part": _("The part must be a number like 3 (typed: „%(value)s“).", value=typed),
            "point": _("The point must be a number like 4 or 4.1 (typed: „%(value)s“).", value=typed),
        }
        raise Invalid(messages[name], {name: messages[name]})
    if "^" in value:  # "25^1", as a plain-text copy writes an inserted article: stored raised, "25¹"
        head, _caret, raised = value.partition("^")
        value = head + raised.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return value
