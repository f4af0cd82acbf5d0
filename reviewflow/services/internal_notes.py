"""Internal notes on proposals: for LSA staff and the draft's committee, never for municipalities."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reviewflow.errors import Forbidden, NotFound
from reviewflow.extensions import db
from reviewflow.models import Comment, InternalNote, User
from reviewflow.permissions import can_read_internal_notes, can_write_internal_note
from reviewflow.services.consultation import get_comment_for
from reviewflow.services.payload import text_field


def _readable(comment_id: int, user: User, draft_id: int | None = None):
    """The comment and its draft, when ``user`` may read its notes; a specialist is told nothing exists.

    ``draft_id``, when given, is the draft the caller believes the comment is on (a page's address).
    """
    comment, draft = get_comment_for(comment_id, user)
    if not can_read_internal_notes(user, draft) or (draft_id is not None and draft.id != draft_id):
        raise NotFound(_("No such comment."))
    return comment, draft


def notes_by_comment(draft, user: User) -> dict[int, list[InternalNote]]:
    """Every note on the draft's proposals, by comment id, oldest first (two queries, however many)."""
    if not can_read_internal_notes(user, draft):
        return {}
    notes = db.session.scalars(
        select(InternalNote).join(Comment, Comment.id == InternalNote.comment_id)
        .where(Comment.draft_id == draft.id)
        .options(selectinload(InternalNote.author))
        .order_by(InternalNote.created_at, InternalNote.id)
    ).all()
    grouped: dict[int, list[InternalNote]] = defaultdict(list)
    for note in notes:
        grouped[note.comment_id].append(note)
    return dict(grouped)


def notes_on(comment_id: int, user: User) -> list[InternalNote]:
    """The notes on one proposal, oldest first."""
    comment, _draft = _readable(comment_id, user)
    return list(db.session.scalars(
        select(InternalNote).where(InternalNote.comment_id == comment.id)
        .options(selectinload(InternalNote.author)).order_by(InternalNote.created_at, InternalNote.id)
    ))


def add_internal_note(comment_id: int, user: User, payload: dict, *, draft_id: int | None = None) -> InternalNote:
    """Add a note to a proposal (the note itself records who wrote it and when)."""
    comment, draft = _readable(comment_id, user, draft_id)
    if not can_write_internal_note(user, draft):
        raise Forbidden(_("Only LSA staff and the draft's committee write internal notes."))
    note = InternalNote(comment_id=comment.id, author_id=user.id, text=text_field(payload, "text", max_length=5000))
    db.session.add(note)
    db.session.commit()
    return note
