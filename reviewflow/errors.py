"""Domain exceptions, and the one place that turns them (and HTTP errors) into answers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A refusal by a service, with a message a person can read."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know that it does."""

    status = 404
    title = "Not found"


class Forbidden(DomainError):
    """The caller's role does not allow the action."""

    status = 403
    title = "Forbidden"


class Conflict(DomainError):
    """The state of the thing does not allow the action now."""

    status = 409
    title = "Conflict"


class Invalid(DomainError):
    """The input is wrong; ``errors`` names the fields."""

    status = 422
    title = "Unprocessable content"


# Refusals a person can act on where they stand (fix the input, wait for the right stage): pages show them
# beside the form. Forbidden and NotFound are never caught by a page: they answer 403 / 404 like any route.
RECOVERABLE = (Invalid, Conflict)


def wants_problem_json() -> bool:
    """API callers get application/problem+json, people get pages."""
    return request.path.startswith("/api/")


def problem(status: int, title: str, detail: str, **extra: object):
    """An RFC 9457 problem response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def init_errors(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(DomainError)
    def handle_domain_error(exc: DomainError):
        if wants_problem_json():
            extra = {"errors": exc.errors} if exc.errors else {}
            if isinstance(exc, Conflict) and getattr(exc, "current", None) is not None:
                extra["current"] = exc.current
            extra.update(getattr(exc, "problem_extra", None) or {})  # e.g. the draft a duplicate names
            return problem(exc.status, exc.title, exc.detail, **extra)
        # A refusal by a service is written for people (translated): show it, whatever its status.
        return render_template("errors/error.html", status=exc.status, detail=exc.detail, own_detail=True), \
            exc.status

    @app.errorhandler(HTTPException)
    def handle_http_error(exc: HTTPException):
        if wants_problem_json():
            return problem(exc.code or 500, exc.name, exc.description or exc.name)
        if exc.code in (301, 302, 303, 307, 308):
            return exc
        return (
            render_template("errors/error.html", status=exc.code, detail=exc.description),
            exc.code,
        )
