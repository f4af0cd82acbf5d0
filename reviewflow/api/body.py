"""Reading API input: JSON bodies, references to people and bodies, query parameters."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date

from flask import g, request
from werkzeug.exceptions import BadRequest

from reviewflow.errors import Invalid
from reviewflow.services.payload import MAX_DB_ID
from reviewflow.text import clean_text

# Database ids are 32-bit integers in PostgreSQL; anything larger cannot name a row.
MAX_ID = MAX_DB_ID
ID = f"int(max={MAX_ID})"  # the same bound as the app-wide converter (reviewflow.RowIdConverter)
# No request of this API nests deeper than a handful of levels; 64 leaves room and stays far from
# the decoder's recursion limit (a body nested 100,000 deep would otherwise raise RecursionError).
MAX_NESTING = 64
_ESCAPES = re.compile(rb'\\\\|\\"')  # an escaped backslash or an escaped quote inside a string
_STRING = re.compile(rb'"[^"]*"')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')
_DEPTH_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def nesting_depth(raw: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest, counted without decoding it.

    Brackets inside strings do not count. The scan runs at C speed (translate, regex, accumulate),
    so it is cheap on the largest body the app accepts. For text that is not valid JSON it still
    counts the valid prefix right, which is all a decoder could reach before failing.
    """
    structure = _ESCAPES.sub(b"", raw).translate(None, _NOT_STRUCTURE)
    # What follows a quote left open is inside an unterminated string: the decoder stops there.
    brackets = _STRING.sub(b"", structure).split(b'"', 1)[0]
    steps = memoryview(brackets.translate(_DEPTH_STEP)).cast("b")  # +1 for an opening, -1 for a closing
    return max(itertools.accumulate(steps), default=0)


def _is_form() -> bool:
    """Form and multipart bodies (file uploads) are not JSON: their bytes are not scanned."""
    return request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded")


def refuse_deep_json() -> None:
    """Refuse (400) a body nested deeper than :data:`MAX_NESTING`, before any JSON decoder sees it."""
    if _is_form() or g.get("json_nesting_checked"):  # the blueprint's hook checked this request's body already
        return
    raw = request.get_data(cache=True)
    if raw and nesting_depth(raw) > MAX_NESTING:
        raise BadRequest(f"The request body nests arrays or objects more than {MAX_NESTING} levels deep.")
    g.json_nesting_checked = True


def peek_json() -> object | None:
    """The decoded body for code that runs before the view (a rate-limit key), or ``None``; never raises."""
    raw = b"" if _is_form() else request.get_data(cache=True)
    if not raw.strip() or nesting_depth(raw) > MAX_NESTING:
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def json_body() -> dict:
    """The request body as a JSON object; an empty body is an empty object. Anything else is 422."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    refuse_deep_json()  # also here: a view may be reached without the blueprint's hook (tests, reuse)
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        message = f"The request body is not valid JSON: {exc}."
        raise Invalid(message, {"body": message}) from None
    if not isinstance(body, dict):
        message = f"The request body must be a JSON object, not {type(body).__name__}."
        raise Invalid(message, {"body": message})
    return body


def _reference(value: object, *, many: bool) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if many and isinstance(value, list):
        return [clean_text(item) if isinstance(item, str) else item for item in value]
    return json.dumps(value)


def with_references(body: dict, *names: str, lists: tuple[str, ...] = ()) -> dict:
    """Make the named references (e-mails, codes, names) cleaned text; ``lists`` may be lists of them.

    The services look these up by text; a number or an object becomes its JSON text, which then
    matches nothing and is refused as unknown by the service itself, after its own role checks,
    so the caller still learns 403 before 422.
    """
    fixed = dict(body)
    for name in (*names, *lists):
        if fixed.get(name) is not None:
            fixed[name] = _reference(fixed[name], many=name in lists)
    return fixed


def with_ids(body: dict, name: str, *, many: bool = False) -> dict:
    """Make ``name`` (an id or a list of ids) safe to look up; a bad id becomes one that names nothing."""
    def fix(value: object) -> int:
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
        return value if ok else -1

    fixed = dict(body)
    value = fixed.get(name)
    if value is None:
        return fixed
    if many:
        fixed[name] = [fix(item) for item in value] if isinstance(value, list) else []
    else:
        fixed[name] = fix(value)
    return fixed


def query_text(name: str) -> str | None:
    """A cleaned query-string value, or ``None``."""
    value = clean_text(request.args.get(name))
    return value.strip() or None if value is not None else None


def query_date(name: str) -> date | None:
    """An ISO date from the query string."""
    value = query_text(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = f"{name} must be a date like 2026-11-27, got {value!r}."
        raise Invalid(message, {name: message}) from None


def query_int(name: str, default: int, *, low: int, high: int) -> int:
    """A whole number from the query string, within ``low..high``."""
    value = query_text(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        message = f"{name} must be a whole number from {low} to {high}, got {value!r}."
        raise Invalid(message, {name: message})
    return number
