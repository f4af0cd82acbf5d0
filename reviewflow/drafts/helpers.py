"""Small glue between forms, services and pages: payloads from forms, service errors onto forms."""

from __future__ import annotations

from datetime import date

from flask import abort
from flask_wtf import FlaskForm

from reviewflow.errors import DomainError


def payload_of(form: FlaskForm, *names: str) -> dict:
    """The form's data as a service payload: dates as ISO text, empty optional values left out."""
    payload = {}
    for name in names or [f.short_name for f in form if f.short_name not in ("csrf_token", "confirm")]:
        value = form[name].data
        if isinstance(value, date):
            value = value.isoformat()
        if value in (None, "", []):
            continue
        payload[name] = value
    return payload


def show_errors(form: FlaskForm | None, exc: DomainError) -> list[str]:
    """Put a service's refusal next to the fields it names; return the messages that fit no field."""
    if not exc.errors:
        return [exc.detail]
    general, placed = [], set()
    for name, message in exc.errors.items():
        field = form._fields.get(name) if form is not None else None
        if field is not None:
            field.errors = [*(field.errors or []), message]
            placed.add(message)
    for message in exc.errors.values():
        if message not in placed and message not in general:
            general.append(message)
    return general


def require(allowed: bool) -> None:
    """Refuse with 403 unless ``allowed`` (the permission predicates decide, the view only asks)."""
    if not allowed:
        abort(403)
