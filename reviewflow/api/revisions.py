"""Revisions over the API: a draft's chain of revisions and what changed since the previous one."""

from __future__ import annotations

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import ID
from reviewflow.documents.compare import ProvisionChange
from reviewflow.models import Draft
from reviewflow.services import revisions


def revision_json(draft: Draft, current: Draft) -> dict:
    """One revision in the chain; ``current`` marks the draft asked about."""
    return {"id": draft.id, "number": draft.number_raw, "revision": draft.revision, "title": draft.title,
            "state": draft.state.value, "received_date": draft.received_date.isoformat(),
            "previous_revision_id": draft.previous_revision_id, "current": draft.id == current.id}


def change_json(change: ProvisionChange) -> dict:
    """One provision across the two revisions, with the word difference of a changed one."""
    return {"status": change.status.value, "renumbered": change.renumbered,
            "old_provision_id": change.old.id if change.old is not None else None,
            "new_provision_id": change.new.id if change.new is not None else None,
            "old_label": change.old_label, "new_label": change.new_label,
            "old_text": change.old.text if change.old is not None else None,
            "new_text": change.new.text if change.new is not None else None,
            "diff": [{"op": s.op, "text": s.text} for s in change.diff]}


def fate_json(item: revisions.ProposalFate) -> dict:
    """One proposal LSA sent on the earlier revision and what became of it."""
    comment = item.comment
    return {"comment_id": comment.id, "provision_id": item.provision.id if item.provision else None,
            "provision": item.provision.label if item.provision else None, "new_label": item.new_label,
            "lsa_text": comment.lsa_text or comment.text,
            "wording": comment.lsa_wording if comment.lsa_wording is not None else comment.proposed_wording,
            "fate": item.fate.value if item.fate else None, "initiator_outcome": item.outcome}


@bp.get(f"/drafts/<{ID}:draft_id>/revisions")
def list_revisions(draft_id: int):
    """The draft's revisions, oldest first, among those the caller may see."""
    user = api_user()
    chain = revisions.revision_chain(draft_id, user)
    current = next(d for d in chain if d.id == draft_id)
    return {"items": [revision_json(d, current) for d in chain]}


@bp.get(f"/drafts/<{ID}:draft_id>/changes")
def get_changes(draft_id: int):
    """The comparison with the previous revision; ``proposals`` null when the caller may not see the fates."""
    result = revisions.changes(draft_id, api_user())
    previous = result.previous
    return {
        "draft_id": result.draft.id, "previous_revision_id": previous.id if previous else None,
        "previous_number": previous.number_raw if previous else None,
        "counts": result.counts, "items": [change_json(c) for c in result.items],
        "proposals": None if result.proposals is None else [fate_json(p) for p in result.proposals],
    }


@bp.post(f"/drafts/<{ID}:draft_id>/carry-over")
def post_carry_over(draft_id: int):
    """Copy the previous revision's comments and decisions onto this one's provisions that still exist."""
    result = revisions.carry_over_comments(draft_id, api_user())
    return {"from_draft_id": result.previous.id, "skipped": result.skipped,
            "items": [{"comment_id": new.id, "carried_from_comment_id": old.id, "provision_id": new.provision_id,
                       "decision": new.decision.value if new.decision else None} for new, old in result.pairs]}
