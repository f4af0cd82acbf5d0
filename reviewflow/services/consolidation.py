"""Consolidation: the comments table by provision, decisions, merging, contradictions, the position."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from reviewflow.documents.structure import provision_sort_key
from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Decision, Draft, PositionVersion, Stance, User
from reviewflow.permissions import can_decide_comments
from reviewflow.services.consultation import get_comment_for
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.payload import enum_field, is_db_id, text_field


@dataclass
class ProvisionGroup:
    """The comments on one provision, in document order, with a flag for contradicting proposals."""

    article: str | None
    part: str | None
    point: str | None
    comments: list[Comment] = field(default_factory=list)
    contradicting: bool = False


def _normal(text: str | None) -> str:
    """Whitespace- and case-insensitive form of a text, for comparing proposals."""
    return re.sub(r"\s+", " ", (text or "")).strip().casefold()


def consolidated_table(draft_id: int) -> list[ProvisionGroup]:
    """Top-level comments grouped by provision in document order (one query plus eager loads).

    A provision is flagged as contradicting when municipalities propose different wordings for it.
    """
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft_id)
        .options(selectinload(Comment.municipality), selectinload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    groups: dict[tuple, ProvisionGroup] = {}
    merged_by_target: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        if comment.merged_into_id:
            merged_by_target[comment.merged_into_id].append(comment)
            continue
        key = (comment.article, comment.part, comment.point)
        groups.setdefault(key, ProvisionGroup(*key)).comments.append(comment)
    for group in groups.values():
        for comment in group.comments:
            comment.merged_proposers = merged_by_target.get(comment.id, [])
        wordings = {_normal(c.proposed_wording) for c in group.comments if c.proposed_wording}
        proposers = {c.municipality_id for c in group.comments if c.proposed_wording}
        group.contradicting = len(wordings) > 1 and len(proposers) > 1
    return [groups[key] for key in sorted(groups, key=lambda k: provision_sort_key(*k))]


def _decidable(comment_id: int, user: User) -> tuple[Comment, Draft]:
    comment, draft = get_comment_for(comment_id, user)
    if not can_decide_comments(user, draft):
        if draft.lawyer_id != user.id:
            raise Forbidden(_("Only the responsible lawyer decides on comments."))
        raise Conflict(_("Decisions are made during consolidation."))
    return comment, draft


def decide_comment(comment_id: int, user: User, payload: dict) -> Comment:
    """Pritarti / Pritarti iš dalies / Nepritarti; reasons are required for the last two."""
    comment, draft = _decidable(comment_id, user)
    if comment.merged_into_id:
        raise Conflict(_("This proposal was merged into another: decide on that one."))
    decision = enum_field(payload, "decision", Decision)
    reasons = text_field(payload, "reasons", required=decision != Decision.ACCEPTED)
    comment.decision = decision
    comment.reasons = reasons
    comment.decided_by_id = user.id
    for merged in db.session.scalars(select(Comment).where(Comment.merged_into_id == comment.id)):
        merged.decision, merged.reasons, merged.decided_by_id = decision, reasons, user.id
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="decide_comment",
                              payload={"comment_id": comment.id, "decision": decision.value,
                                       "reasons": reasons}))
    db.session.commit()
    return comment


def merge_comments(target_id: int, other_ids: list[int], user: User) -> Comment:
    """Merge identical proposals into ``target``; every proposer stays on record."""
    target, draft = _decidable(target_id, user)
    if not isinstance(other_ids, list) or not all(is_db_id(i) for i in other_ids):
        raise Invalid(_("comments must be a list of comment ids."), {"comments": _("A list of comment ids.")})
    if not other_ids or target_id in other_ids:
        raise Invalid(_("Choose other comments to merge into this one."), {"comments": _("Choose comments.")})
    others = db.session.scalars(select(Comment).where(Comment.id.in_(other_ids))).all()
    if len(others) != len(set(other_ids)) or any(c.draft_id != draft.id for c in others):
        raise Invalid(_("Some of the chosen comments are not on this draft."), {"comments": _("Unknown.")})
    key = (target.article, target.part, target.point)
    if any((c.article, c.part, c.point) != key for c in others):
        raise Invalid(_("Only proposals on the same provision can be merged."), {"comments": _("Mixed.")})
    if target.merged_into_id or any(c.merged_into_id for c in others):
        raise Conflict(_("A chosen comment is already merged."))
    for comment in others:
        # Comments already merged into one of the others follow it to the new target.
        for child in db.session.scalars(select(Comment).where(Comment.merged_into_id == comment.id)):
            child.merged_into_id = target.id
        comment.merged_into_id = target.id
        comment.decision, comment.reasons = target.decision, target.reasons
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="merge_comments",
                              payload={"into": target.id, "merged": sorted(other_ids)}))
    db.session.commit()
    return target


def unmerge_comment(comment_id: int, user: User) -> Comment:
    """Undo a merge: the comment stands on its own again, undecided."""
    comment, draft = _decidable(comment_id, user)
    if not comment.merged_into_id:
        raise Conflict(_("This comment is not merged."))
    previous = comment.merged_into_id
    comment.merged_into_id, comment.decision, comment.reasons = None, None, None
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="unmerge_comment",
                              payload={"comment_id": comment.id, "was_in": previous}))
    db.session.commit()
    return comment


def current_position(draft_id: int) -> dict:
    """The latest position version; version 0 with no stance before the first save."""
    latest = db.session.scalar(
        select(PositionVersion).where(PositionVersion.draft_id == draft_id)
        .order_by(PositionVersion.version.desc()).limit(1)
    )
    if latest is None:
        return {"version": 0, "stance": None, "text": ""}
    return {"version": latest.version, "stance": latest.stance.value, "text": latest.text,
            "author": latest.author.name, "saved_at": latest.created_at.isoformat()}


class StaleVersion(Conflict):
    """The save was based on an older version; ``current`` carries what is there now."""

    def __init__(self, current: dict) -> None:
        super().__init__(
            _("Someone saved version %(version)s of the position after the one you edited: "
              "compare the texts and save again.", version=current["version"]),
        )
        self.current = current


def save_position(draft_id: int, user: User, payload: dict) -> dict:
    """Save a new version of the LSA position; a save based on a stale version is refused."""
    draft = get_draft_for(draft_id, user, lock=True)
    if draft.lawyer_id != user.id:
        raise Forbidden(_("Only the responsible lawyer writes the LSA position."))
    if not can_decide_comments(user, draft):
        raise Conflict(_("The position is written during consolidation."))
    based_on = payload.get("version")
    current = current_position(draft.id)
    if not isinstance(based_on, int) or isinstance(based_on, bool) or based_on != current["version"]:
        raise StaleVersion(current)
    stance = enum_field(payload, "stance", Stance)
    text = text_field(payload, "text", max_length=100_000)
    version = (db.session.scalar(
        select(func.max(PositionVersion.version)).where(PositionVersion.draft_id == draft.id)
    ) or 0) + 1
    db.session.add(PositionVersion(draft_id=draft.id, version=version, stance=stance, text=text,
                                   author_id=user.id))
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="save_position",
                              payload={"version": version, "stance": stance.value}))
    db.session.commit()
    return current_position(draft.id)
