"""The municipal consultation and consolidation over the API: comments, answers, decisions, position."""

from __future__ import annotations

from reviewflow.api import bp
from reviewflow.api.auth import api_user, preloaded_answering
from reviewflow.api.body import ID, json_body, with_ids, with_references
from reviewflow.api.serialize import comment_json, invitation_json
from reviewflow.errors import Forbidden
from reviewflow.models import ProposalOrigin
from reviewflow.permissions import can_see_all_comments, can_see_outcome
from reviewflow.services import consolidation, consultation, outcome
from reviewflow.services.drafts import get_draft_for

DECISION_FIELDS = ("decision", "reasons")
LSA_FIELDS = ("lsa_text", "lsa_wording")


@bp.get(f"/drafts/<{ID}:draft_id>/comments")
def list_comments(draft_id: int):
    """LSA, committees and the board see the whole table; a specialist only their municipality's."""
    user = api_user()
    draft = get_draft_for(draft_id, user)
    groups = consolidation.consolidated_table(draft.id)
    if can_see_all_comments(user):
        items = [comment_json(c, internal=True) for g in groups for c in g.comments]
        provisions = [{"article": g.article, "part": g.part, "point": g.point, "provision_id": g.provision_id,
                       "scope": g.scope, "label": g.label,
                       "contradicting": g.contradicting, "comments": [c.id for c in g.comments]}
                      for g in groups]
        return {"items": items, "provisions": provisions}
    # LSA's own proposals and LSA's words are internal: a specialist sees only their municipality's comments.
    own = [c for g in groups for top in g.comments for c in (top, *top.merged_proposers)
           if c.origin == ProposalOrigin.MUNICIPALITY and c.municipality_id == user.municipality_id]
    sent = can_see_outcome(user, draft)  # LSA's decisions reach the municipality once the letter is sent
    body: dict = {"items": [comment_json(c, internal=False, outcome=sent) for c in own]}
    if sent:
        body["sent_date"] = draft.sent_date.isoformat() if draft.sent_date else None
        body["newer_revisions"] = [{"id": d.id, "number_raw": d.number_raw, "revision": d.revision}
                                   for d in outcome.newer_revisions(draft, user)]
    return body


@bp.post(f"/drafts/<{ID}:draft_id>/comments")
def post_comment(draft_id: int):
    """A specialist adds a comment for their municipality (marked late after its deadline)."""
    user = api_user()
    # The draft with the invitation (locked) read with the token (auth.py), else in one read of their own;
    # otherwise the usual way, which refuses as before.
    draft, invitation = (preloaded_answering() or consultation.answering(draft_id, user)
                         or (get_draft_for(draft_id, user), None))
    comment = consultation.add_comment(draft, user, with_ids(json_body(), "provision_id"), invitation=invitation)
    return comment_json(comment, internal=False), 201


@bp.post(f"/drafts/<{ID}:draft_id>/proposals")
def post_lsa_proposal(draft_id: int):
    """A proposal of LSA's own (lawyer during consolidation, committee during its review), accepted."""
    user = api_user()
    comment = consolidation.add_lsa_proposal(draft_id, user, with_ids(json_body(), "provision_id"))
    return comment_json(comment, internal=True), 201


@bp.get(f"/comments/<{ID}:comment_id>")
def get_comment(comment_id: int):
    """One comment the caller may see."""
    user = api_user()
    comment, draft = consultation.get_comment_for(comment_id, user)
    internal = can_see_all_comments(user)
    return comment_json(comment, internal=internal, outcome=not internal and can_see_outcome(user, draft))


@bp.patch(f"/comments/<{ID}:comment_id>")
def patch_comment(comment_id: int):
    """``decision``/``reasons`` (with LSA's words): the lawyer decides; ``lsa_text``/``lsa_wording`` alone:
    the lawyer writes LSA's words; other fields: the specialist edits (LSA's fields are 403 for them)."""
    user = api_user()
    body = json_body()
    if any(name in body for name in DECISION_FIELDS):
        comment = consolidation.decide_comment(comment_id, user, body)
    elif any(name in body for name in LSA_FIELDS):
        comment = consolidation.edit_lsa_words(comment_id, user, body)
    else:
        comment = consultation.edit_comment(comment_id, user, with_ids(body, "provision_id"))
    return comment_json(comment, internal=can_see_all_comments(user))


@bp.delete(f"/comments/<{ID}:comment_id>")
def delete_comment(comment_id: int):
    """A specialist deletes their municipality's comment while its answer is open."""
    consultation.delete_comment(comment_id, api_user())
    return "", 204


@bp.post(f"/comments/<{ID}:comment_id>/merge")
def merge_comments(comment_id: int):
    """Merge identical proposals (``{"comments": [ids]}``) into this one; every proposer is kept."""
    user = api_user()
    others = with_ids(json_body(), "comments", many=True).get("comments") or []
    consolidation.merge_comments(comment_id, others, user)
    return _table_row(comment_id, user)


@bp.post(f"/comments/<{ID}:comment_id>/unmerge")
def unmerge_comment(comment_id: int):
    """Let a merged comment stand on its own again, undecided."""
    user = api_user()
    comment = consolidation.unmerge_comment(comment_id, user)
    return comment_json(comment, internal=True)


def _table_row(comment_id: int, user) -> dict:
    """The comment as it stands in the consolidated table, with its merged proposers."""
    comment, draft = consultation.get_comment_for(comment_id, user)
    for group in consolidation.consolidated_table(draft.id):
        for top in group.comments:
            if top.id == comment.id:
                return comment_json(top, internal=True)
    return comment_json(comment, internal=True)


@bp.post(f"/drafts/<{ID}:draft_id>/no-comments")
def post_no_comments(draft_id: int):
    """The specialist's municipality answers "pastabų neturime"."""
    user = api_user()
    return invitation_json(consultation.answer_no_comments(get_draft_for(draft_id, user), user))


@bp.post(f"/drafts/<{ID}:draft_id>/answer")
def post_answer(draft_id: int):
    """Submit the municipality's comments as its answer; they cannot change afterwards."""
    user = api_user()
    return invitation_json(consultation.submit_answer(get_draft_for(draft_id, user), user))


@bp.post(f"/drafts/<{ID}:draft_id>/deadline-extensions")
def post_deadline_extension(draft_id: int):
    """Give one municipality more time (``{"municipality", "deadline", "reason"?}``), audited."""
    user = api_user()
    body = with_references(json_body(), "municipality")
    return invitation_json(consultation.extend_deadline(get_draft_for(draft_id, user), user, body))


@bp.get(f"/drafts/<{ID}:draft_id>/position")
def get_position(draft_id: int):
    """The latest LSA position; ``{"version": 0, "stance": null, "text": ""}`` before the first save."""
    user = api_user()
    draft = get_draft_for(draft_id, user)
    if not can_see_all_comments(user):
        raise Forbidden("The LSA position is internal until it is sent.")
    return consolidation.current_position(draft.id)


@bp.put(f"/drafts/<{ID}:draft_id>/position")
def put_position(draft_id: int):
    """Save a new version; the body names the version it was based on (409 with the current one if stale)."""
    return consolidation.save_position(draft_id, api_user(), json_body())
