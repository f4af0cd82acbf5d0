"""The initiator's answer over the API: the answers per proposal LSA sent, one answer, and document imports."""

from __future__ import annotations

import json

from flask import request

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import ID, json_body
from reviewflow.documents.answer_tables import AnswerRow
from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import Comment, User
from reviewflow.services import answers


def answer_json(comment: Comment, proposers: list | None = None) -> dict:
    """One proposal LSA sent: what LSA asked, and what the initiator answered (null fields: not yet);
    ``municipalities``: the ISO codes of every municipality behind it, merged proposals included."""
    recorded_by = db.session.get(User, comment.initiator_recorded_by_id) if comment.initiator_recorded_by_id else None
    return {
        "comment_id": comment.id, "origin": comment.origin.value,
        "municipality": comment.municipality.iso_code if comment.municipality else None,
        "article": comment.article, "part": comment.part, "point": comment.point,
        "provision_id": comment.provision_id, "provision": answers.provision_text(comment),
        "decision": comment.decision.value if comment.decision else None,
        "lsa_text": comment.lsa_text, "lsa_wording": comment.lsa_wording,
        "outcome": comment.initiator_outcome, "arguments": comment.initiator_arguments,
        "source": comment.initiator_source,
        "recorded_at": comment.initiator_recorded_at.isoformat() if comment.initiator_recorded_at else None,
        "recorded_by": recorded_by.email if recorded_by else None,
        "municipalities": [m.iso_code for m in proposers or ()],
    }


def row_json(row: AnswerRow) -> dict:
    """A row of the answer document as read."""
    return {"number": row.number, "proposer": row.proposer, "date": row.date, "provision": row.provision,
            "article": row.article, "part": row.part, "point": row.point, "proposal": row.proposal,
            "opinion": row.opinion, "outcome": row.outcome, "arguments": row.arguments}


def _match_json(match: answers.ProposedMatch) -> dict:
    return {"row": match.row, "answer": row_json(match.answer),
            "comment_id": match.comment.id if match.comment else None, "score": match.score}


@bp.get(f"/drafts/<{ID}:draft_id>/answers")
def list_answers(draft_id: int):
    """Per proposal LSA sent, LSA's words and the initiator's answer, with counts per outcome (LSA staff)."""
    result = answers.answers_for(draft_id, api_user())
    return {"items": [answer_json(c, result.municipalities.get(c.id)) for c in result.items], "counts": result.counts}


@bp.put(f"/comments/<{ID}:comment_id>/initiator-answer")
def put_initiator_answer(comment_id: int):
    """Record the initiator's answer to one proposal LSA sent (``outcome``, ``arguments``, ``source``)."""
    comment = answers.record_answer(comment_id, api_user(), json_body())
    return answer_json(comment)


@bp.post(f"/drafts/<{ID}:draft_id>/answer-imports")
def post_answer_import(draft_id: int):
    """Read an answer document (multipart ``file``) and propose matches; nothing is saved."""
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    preview = answers.import_answers(draft_id, api_user(), upload.filename if upload else "", data)
    return {"source": preview.source, "matches": [_match_json(m) for m in preview.matches],
            "unmatched": [_match_json(m) for m in preview.unmatched], "other_rows": preview.other_rows}


@bp.post(f"/drafts/<{ID}:draft_id>/answer-imports/confirm")
def confirm_answer_import(draft_id: int):
    """Save the confirmed pairs: a JSON list of {row, comment_id, outcome, arguments}, or {source, matches}."""
    user = api_user()
    raw = request.get_data(cache=True)
    body: object = None
    if raw.strip().startswith(b"["):
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            message = f"The request body is not valid JSON: {exc}."
            raise Invalid(message, {"body": message}) from None
        matches, source = body, None
    else:
        body = json_body()
        matches, source = body.get("matches"), body.get("source")
    saved = answers.confirm_import(draft_id, user, matches, source if isinstance(source, str) else None)
    return {"items": [answer_json(c) for c in saved]}
