"""Drafts over the API: register, list, read, files, transitions and the record."""

from __future__ import annotations

import io

from flask import request, send_file, url_for

from reviewflow.api import bp
from reviewflow.api.auth import api_user, recent_login
from reviewflow.api.body import ID, json_body, query_date, query_int, query_text, with_ids, with_references
from reviewflow.api.serialize import audit_json, draft_json, draft_summary, file_json
from reviewflow.errors import NotFound
from reviewflow.models import Draft, Role, User
from reviewflow.permissions import can_see_all_comments, is_lsa_staff, visible_timeline
from reviewflow.services import queries
from reviewflow.services.consultation import invitation_statuses
from reviewflow.services.drafts import (
    attach_file,
    get_draft_for,
    invitation_for,
    read_file,
    register_draft,
    update_draft,
)
from reviewflow.services.lifecycle import allowed_for, fire_transition
from reviewflow.services.timeline_text import load_names

MAX_PAGE = 100_000


def draft_answer(draft: Draft, user: User, warning: str | None = None) -> dict:
    """The draft as ``user`` may see it: LSA staff get every municipality, a specialist only their own."""
    municipalities = invitation_statuses(draft.id) if is_lsa_staff(user) else None
    mine = None
    if municipalities is None and user.has_role(Role.SPECIALIST):
        mine = invitation_for(draft.id, user.municipality_id)
    return draft_json(draft, allowed=allowed_for(draft, user), warning=warning,
                      municipalities=municipalities, my_invitation=mine)


@bp.post("/drafts")
def create_draft():
    """Register an incoming draft."""
    user = api_user()
    registered = register_draft(with_ids(with_references(json_body(), "institution"), "revision_of"), user)
    body = draft_answer(registered.draft, user, registered.warning)
    same = registered.same_letter
    # A warning, never a refusal (one letter may bring two drafts): the other draft of the same incoming letter.
    body["same_letter"] = {"id": same.id, "number": same.number_raw, "title": same.title} if same else None
    return body, 201, {"Location": url_for("api.get_draft", draft_id=registered.draft.id)}


@bp.get("/drafts")
def list_drafts():
    """The drafts the caller may see, filtered, sorted and paginated."""
    page = queries.list_drafts(api_user(), queries.DraftFilter(
        state=query_text("state"), institution=query_text("institution"), lawyer=query_text("lawyer"),
        committee=query_text("committee"), kind=query_text("kind"), deadline_from=query_date("deadline_from"),
        deadline_to=query_date("deadline_to"), received_from=query_date("received_from"),
        received_to=query_date("received_to"), text=query_text("q"),
        sort=query_text("sort") or "deadline", page=query_int("page", 1, low=1, high=MAX_PAGE),
        per_page=query_int("per_page", 25, low=1, high=100), after=query_text("after"),
    ))
    # ``total`` stops at queries.COUNT_CAP (``total_capped`` then true); ``next_after`` pages on by keyset.
    return {"items": [draft_summary(d) for d in page.items], "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": page.pages, "total_capped": page.total_capped,
            "next_after": page.next_after}


@bp.get(f"/drafts/<{ID}:draft_id>")
def get_draft(draft_id: int):
    """One draft: state, deadlines, what the caller may do next, the municipalities' answers."""
    user = api_user()
    return draft_answer(get_draft_for(draft_id, user), user)


@bp.patch(f"/drafts/<{ID}:draft_id>")
def patch_draft(draft_id: int):
    """Correct the letter's subject (empty or null: the generated one) or choose its signatory, before approval."""
    user = api_user()
    body = with_ids(json_body(), "signatory_id")
    return draft_answer(update_draft(draft_id, user, body), user)


@bp.post(f"/drafts/<{ID}:draft_id>/transitions")
def post_transition(draft_id: int):
    """Fire a lifecycle transition: 403 when the caller may not, 409 in the wrong state, 422 bad payload."""
    user = api_user()
    body = with_references(json_body(), "name", "lawyer", "committee", lists=("municipalities",))
    draft = fire_transition(draft_id, body.get("name") or "", user, body, recent_login=recent_login())
    return draft_answer(draft, user)


@bp.get(f"/drafts/<{ID}:draft_id>/timeline")
def get_timeline(draft_id: int):
    """The steps on the draft's record the caller may see, as the draft page shows them (a municipality sees the
    lifecycle steps, not the others' comments)."""
    user = api_user()
    draft = get_draft_for(draft_id, user)
    entries = visible_timeline(user, queries.timeline(draft.id))
    names = load_names(entries)
    items = [audit_json(e, names) for e in entries]
    if not can_see_all_comments(user):
        # The page shows a municipality each step in words only: the raw payload would name the other invited
        # municipalities (open_consultation) and LSA's inner figures.
        for item in items:
            item["payload"] = {}
    return {"items": items}


@bp.post(f"/drafts/<{ID}:draft_id>/files")
def upload_file(draft_id: int):
    """Attach a DOCX or PDF (multipart fields ``file`` and ``role``); checked by content."""
    upload = request.files.get("file")
    # A missing file goes to the service as an empty one, so its role check still comes first.
    data = upload.read() if upload else b""
    record = attach_file(draft_id, api_user(), request.form.get("role", ""),
                         upload.filename if upload else "", data)
    location = url_for("api.download_file", draft_id=draft_id, file_id=record.id)
    return file_json(record), 201, {"Location": location}


@bp.get(f"/drafts/<{ID}:draft_id>/files/<{ID}:file_id>")
def download_file(draft_id: int, file_id: int):
    """Download a draft's file."""
    try:
        record, data = read_file(draft_id, file_id, api_user())
    except FileNotFoundError:
        raise NotFound("The file is recorded but missing from storage; tell an administrator.") from None
    return send_file(io.BytesIO(data), mimetype=record.content_type, as_attachment=True,
                     download_name=record.original_name or f"file-{record.id}")
