"""Files chosen on the registration form, kept across a refused submission so nobody has to attach them again.

A browser never re-fills a file input, so a form sent back with a message would silently drop the files.
The files that passed their own checks are kept under ``UPLOAD_FOLDER/pending`` by a random token; the
session (signed, per person) maps each role to its token and name, and the form carries the token back in a
hidden field: a file is reused only when both agree. A successful registration, or a fresh form, forgets them.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app, request, session

KEY = "pending_uploads"
ROLES = ("draft_text", "explanatory_note")
MAX_AGE_SECONDS = 24 * 3600  # files left by an abandoned form are swept after a day
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "pending"


def _sweep(folder: Path) -> None:
    """Remove kept files older than a day (abandoned forms)."""
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # another request removed it meanwhile


def _path(token: object) -> Path | None:
    return _folder() / token if isinstance(token, str) and _TOKEN.match(token) else None


def kept() -> dict[str, dict]:
    """The files kept for this person's form, by role: ``{"token": …, "name": …}``."""
    value = session.get(KEY)
    return {role: item for role, item in value.items() if role in ROLES} if isinstance(value, dict) else {}


def collect(form) -> list[tuple[str, str, bytes]]:
    """The files to register ``(role, filename, bytes)``: a newly chosen file, else the kept one the form names."""
    uploads, stored = [], kept()
    for role in ROLES:
        chosen = form[role].data
        if chosen and getattr(chosen, "filename", ""):
            data = chosen.read()
            chosen.seek(0)
            uploads.append((role, chosen.filename, data))
            continue
        item = stored.get(role)
        path = _path(item["token"]) if item else None
        if path is not None and request.form.get(f"kept_{role}") == item["token"] and path.is_file():
            uploads.append((role, item["name"], path.read_bytes()))
    return uploads


def keep(form, uploads: list[tuple[str, str, bytes]]) -> None:
    """Keep the files that passed their own checks, for the form shown again with its messages."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    stored = kept()
    for role, name, data in uploads:
        if form[role].errors:
            continue  # the file itself was refused: the person must choose another
        previous = stored.get(role)
        if previous and previous["name"] == name and (path := _path(previous["token"])) and path.is_file() \
                and path.read_bytes() == data:
            continue  # the same kept file, sent back again
        forget_role(stored, role)
        token = secrets.token_urlsafe(24)
        (folder / token).write_bytes(data)
        stored[role] = {"token": token, "name": name}
    session[KEY] = stored


def forget_role(stored: dict, role: str) -> None:
    """Drop one kept file (its bytes and its entry)."""
    item = stored.pop(role, None)
    path = _path(item["token"]) if item else None
    if path is not None:
        path.unlink(missing_ok=True)


def forget() -> None:
    """Drop every kept file of this person's form (registered, or a fresh form opened)."""
    stored = kept()
    for role in list(stored):
        forget_role(stored, role)
    session.pop(KEY, None)
