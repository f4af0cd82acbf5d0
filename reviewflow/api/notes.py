"""Internal notes on proposals over the API: LSA staff and the draft's committee; a municipality gets 404."""

from __future__ import annotations

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import ID, json_body
from reviewflow.models import InternalNote
from reviewflow.services import internal_notes


def note_json(note: InternalNote) -> dict:
    """One note with its author and time (UTC)."""
    return {"id": note.id, "comment_id": note.comment_id, "text": note.text,
            "author": {"email": note.author.email, "name": note.author.name},
            "created_at": note.created_at.isoformat()}


@bp.get(f"/comments/<{ID}:comment_id>/notes")
def list_notes(comment_id: int):
    """The internal notes on one proposal, oldest first."""
    return {"items": [note_json(n) for n in internal_notes.notes_on(comment_id, api_user())]}


@bp.post(f"/comments/<{ID}:comment_id>/notes")
def post_note(comment_id: int):
    """Add an internal note (``{"text": …}``)."""
    note = internal_notes.add_internal_note(comment_id, api_user(), json_body())
    return note_json(note), 201


def note_schemas() -> dict:
    """The OpenAPI schemas of internal notes."""
    from reviewflow.api.openapi import obj

    text = {"type": "string"}
    return {
        "InternalNote": obj({"id": {"type": "integer"}, "comment_id": {"type": "integer"}, "text": text,
                             "author": obj({"email": text, "name": text}),
                             "created_at": {"type": "string", "format": "date-time"}}),
        "InternalNoteList": obj({"items": {"type": "array", "items": {"$ref": "#/components/schemas/InternalNote"}}}),
        "InternalNoteInput": obj({"text": {"type": "string", "minLength": 1, "maxLength": 5000}}, ("text",)),
    }


def note_paths() -> dict:
    """The OpenAPI paths of internal notes (a municipality's specialist gets 404: they do not exist for them)."""
    from reviewflow.api.openapi import _id, _op, body, ok, ref

    comment = _id("comment_id")
    return {"/comments/{comment_id}/notes": {
        "get": _op("Internal notes on a proposal (LSA staff, board, the draft's committee)",
                   ok(ref("InternalNoteList"), "200", "OK", "404"), params=[comment]),
        "post": _op("Add an internal note to a proposal", ok(ref("InternalNote"), "201", "Added", "404", "422"),
                    params=[comment], request=body(ref("InternalNoteInput"))),
    }}
