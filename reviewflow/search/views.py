"""The search results page: grouped by draft, newest first, each hit with its excerpt, a keyset pager both ways."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from reviewflow.drafts.forms import STATE_LABELS
from reviewflow.errors import Invalid
from reviewflow.services import search as search_service

bp = Blueprint("search", __name__, url_prefix="/search")
# What each kind of hit is called on the page.
HIT_LABELS = {"draft": _l("Draft"), "letter": _l("Letter"), "position": _l("LSA position"),
              "opinion": _l("Committee opinion"), "proposal": _l("LSA proposal"), "comment": _l("Comment"),
              "provision": _l("Draft text"), "note": _l("Internal note"), "reasons": _l("LSA's reasons")}


def cursor_arg(name: str = "cursor") -> int | None:
    """A draft id of the query string (``cursor`` or ``before``), or None: a bad one is the first page."""
    value = request.args.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) <= 12 else None


@bp.get("/")
@login_required
def results():
    """Search what the user may see; no ``q`` shows the empty form, a bad ``q`` its message (422)."""
    q = request.args.get("q", "")
    if not q.strip():
        return render_template("search/results.html", q="", results=None, error=None)
    cursor, before = cursor_arg(), cursor_arg("before")
    try:
        # Both in one address is no link of ours: the way back wins (the page a person came from).
        found = search_service.search(current_user, q, None if before else cursor, search_service.PER_PAGE,
                                      before=before)
    except Invalid as exc:
        return render_template("search/results.html", q=q, results=None, error=exc.detail), 422
    return render_template("search/results.html", q=q, results=found, error=None, hit_labels=HIT_LABELS,
                           first_page=bool(found.previous_cursor) or (bool(cursor or before) and not found.items),
                           STATE_LABELS=STATE_LABELS)
