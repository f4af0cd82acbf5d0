"""Consolidation: the comments table by provision, decisions, merging, contradictions, the position."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from reviewflow.documents.structure import provision_sort_key
from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import (
    AnswerStatus,
    AuditEntry,
    Comment,
    Decision,
    Draft,
    Invitation,
    PositionVersion,
    ProposalOrigin,
    Provision,
    Stance,
    User,
)
from reviewflow.permissions import can_add_lsa_proposal, can_decide_comments, may_propose_for_lsa
from reviewflow.services.consultation import get_comment_for, provision_values
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.payload import enum_field, is_db_id, text_field


@dataclass
class ProvisionGroup:
    """The comments on one provision, in document order, with a flag for contradicting proposals.

    ``provision`` is the anchor of the draft's structure the comments are on (nested ones included),
    or None for typed numbers that match no anchor and for general comments.
    """

    article: str | None
    part: str | None
    point: str | None
    provision: Provision | None = None
    comments: list[Comment] = field(default_factory=list)
    contradicting: bool = False

    @property
    def provision_id(self) -> int | None:
        """The anchor's id, if the group is on one."""
        return self.provision.id if self.provision else None

    @property
    def scope(self) -> str | None:
        """None for the draft's own provisions; the amending provision or the approved document otherwise."""
        return self.provision.scope if self.provision else None

    @property
    def label(self) -> str | None:
        """The anchor's label as people see it ("1 straipsniu keičiamo 5 straipsnio 2 dalis")."""
        return self.provision.label if self.provision else None


def _normal(text: str | None) -> str:
    """Whitespace- and case-insensitive form of a text, for comparing proposals."""
    return re.sub(r"\s+", " ", (text or "")).strip().casefold()


def _numbers(comment: Comment) -> tuple[str | None, str | None, str | None]:
    return tuple((value or "").strip() or None for value in (comment.article, comment.part, comment.point))


class Anchors:
    """A draft's provisions, to tell which provision a comment is on and where it stands in the document."""

    def __init__(self, draft_id: int) -> None:
        provisions = db.session.scalars(
            select(Provision).where(Provision.draft_id == draft_id).order_by(Provision.position)
        ).all()
        self.by_id = {p.id: p for p in provisions}
        # Typed numbers name the draft's own provision (never a quoted or approved document's one).
        self.own: dict[tuple, Provision] = {}
        for provision in provisions:
            if provision.scope is None:
                self.own.setdefault(_numbers(provision), provision)

    def provision_of(self, comment: Comment) -> Provision | None:
        """The anchor a comment was made on, or the draft's own provision with the numbers typed."""
        if comment.provision_id in self.by_id:
            return self.by_id[comment.provision_id]
        numbers = _numbers(comment)
        return self.own.get(numbers) if any(numbers) else None

    def key(self, comment: Comment) -> tuple:
        """What "the same provision" means for grouping and merging: the same anchor, else the same numbers."""
        provision = self.provision_of(comment)
        return ("anchor", provision.id) if provision else ("typed", *_numbers(comment))

    def order(self, comment: Comment) -> tuple:
        """Document order: general first, anchors by position, typed numbers after the anchor before them."""
        provision = self.provision_of(comment)
        if provision is not None:
            return (1, provision.position, 0, ())
        numbers = _numbers(comment)
        if not any(numbers):
            return (0,)
        typed = provision_sort_key(*numbers)
        before = [p.position for n, p in self.own.items() if any(n) and provision_sort_key(*n) <= typed]
        return (1, max(before, default=-1), 1, typed)


def unsubmitted_municipalities(draft_id: int) -> set[int]:
    """The municipalities whose comments on the draft are entered but not submitted: their answer is still
    pending. Submitting the answer, or closing the consultation (which submits what was entered), ends that."""
    return set(db.session.scalars(select(Invitation.municipality_id).where(
        Invitation.draft_id == draft_id, Invitation.status == AnswerStatus.PENDING)))


def is_submitted(comment: Comment, pending: set[int] | None = None) -> bool:
    """Whether LSA may treat the comment as submitted (decide on it, count it): LSA's own proposals always are;
    a municipality's once its answer is. ``pending``: :func:`unsubmitted_municipalities`, when known."""
    if comment.origin == ProposalOrigin.LSA or comment.municipality_id is None:
        return True
    if pending is None:
        known = getattr(comment, "submitted", None)  # set by consolidated_table for the whole table at once
        if known is not None:
            return known
        pending = unsubmitted_municipalities(comment.draft_id)
    return comment.municipality_id not in pending


def submitted_comments():
    """:func:`is_submitted` as a SQL condition on :class:`Comment`, for counts over many drafts (the reports): LSA's
    own proposals, and a municipality's comments unless its answer on that draft is still pending."""
    pending = select(Invitation.id).where(
        Invitation.draft_id == Comment.draft_id, Invitation.municipality_id == Comment.municipality_id,
        Invitation.status == AnswerStatus.PENDING)
    return or_(Comment.municipality_id.is_(None), ~pending.exists())


def _refuse_unsubmitted(comments: list[Comment]) -> None:
    """A decision waits for the answer: LSA decides on what a municipality submitted, not on what it is writing."""
    pending = unsubmitted_municipalities(comments[0].draft_id) if comments else set()
    waiting = [c for c in comments if not is_submitted(c, pending)]
    if waiting:
        names = ", ".join(dict.fromkeys(c.municipality.name for c in waiting))
        raise Conflict(_("Not submitted yet: %(municipalities)s has not submitted its answer. Decide once the "
                         "answer is submitted or the consultation closes.", municipalities=names))


def consolidated_table(draft_id: int) -> list[ProvisionGroup]:
    """Top-level comments grouped by provision in document order (a few queries, however many comments).

    Comments on a nested anchor (the new wording an amending provision quotes, a document the draft
    approves) are grouped by that anchor, never with the draft's own provision of the same numbers.
    A provision is flagged as contradicting when municipalities propose different wordings for it.
    """
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft_id)
        .options(selectinload(Comment.municipality), selectinload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    anchors = Anchors(draft_id)
    pending = unsubmitted_municipalities(draft_id)
    groups: dict[tuple, ProvisionGroup] = {}
    order: dict[tuple, tuple] = {}
    merged_by_target: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        comment.submitted = is_submitted(comment, pending)
        if comment.merged_into_id:
            merged_by_target[comment.merged_into_id].append(comment)
            continue
        key = anchors.key(comment)
        if key not in groups:
            provision = anchors.provision_of(comment)
            numbers = _numbers(provision) if provision else _numbers(comment)
            groups[key] = ProvisionGroup(*numbers, provision=provision)
            order[key] = anchors.order(comment)
        groups[key].comments.append(comment)
    for group in groups.values():
        for comment in group.comments:
            comment.merged_proposers = merged_by_target.get(comment.id, [])
        wordings = {_normal(c.proposed_wording) for c in group.comments
                    if c.proposed_wording and c.origin == ProposalOrigin.MUNICIPALITY}
        proposers = {c.municipality_id for c in group.comments
                     if c.proposed_wording and c.origin == ProposalOrigin.MUNICIPALITY}
        group.contradicting = len(wordings) > 1 and len(proposers) > 1
    return [groups[key] for key in sorted(groups, key=lambda k: order[k])]


def _decidable(comment_id: int, user: User) -> tuple[Comment, Draft]:
    comment, draft = get_comment_for(comment_id, user)
    if not can_decide_comments(user, draft):
        if draft.lawyer_id != user.id:
            raise Forbidden(_("Only the responsible lawyer decides on comments."))
        raise Conflict(_("Decisions are made during consolidation."))
    return comment, draft


def lsa_words(comment: Comment, decision: Decision | None, payload: dict) -> tuple[str | None, str | None]:
    """LSA's text and wording of a proposal after a decision (what the letter will say), or a refusal.

    Given values win; absent or empty ones keep what is stored. Then, by decision:

    - Pritarti: an empty text or wording is filled from the municipality's own (LSA takes it over);
    - Pritarti iš dalies: the text is filled from the municipality's, but the wording is LSA's own and
      required. LSA's words must not be the municipality's unchanged: the wording differs from the
      proposed one, or, where the lawyer keeps the municipality's wording on purpose, LSA's text differs
      from the municipality's (saying which part LSA supports);
    - Nepritarti: nothing is needed or filled; what was given is kept for a later change of mind.
    """
    text, wording = comment.lsa_text, comment.lsa_wording
    if "lsa_text" in payload:
        text = text_field(payload, "lsa_text", required=False, max_length=20000) or text
    if "lsa_wording" in payload:
        wording = text_field(payload, "lsa_wording", required=False, max_length=20000) or wording
    if decision in (Decision.ACCEPTED, Decision.PARTLY_ACCEPTED):
        text = text or comment.text
    if decision == Decision.ACCEPTED:
        wording = wording or comment.proposed_wording
    if decision == Decision.PARTLY_ACCEPTED:
        if not wording:
            message = _("Partly accepting needs LSA's own proposed wording.")
            raise Invalid(message, {"lsa_wording": message})
        if (comment.origin == ProposalOrigin.MUNICIPALITY
                and _normal(wording) == _normal(comment.proposed_wording)
                and _normal(text) == _normal(comment.text)):
            message = _("LSA's wording is the municipality's own: write what LSA supports of it "
                        "(change the wording, or say in LSA's text which part LSA supports).")
            raise Invalid(message, {"lsa_wording": message})
    return text, wording


def _follow(target: Comment) -> None:
    """Merged comments follow the one that stands for them: its decision, reasons and LSA's words."""
    for merged in db.session.scalars(select(Comment).where(Comment.merged_into_id == target.id)):
        merged.decision, merged.reasons, merged.decided_by_id = target.decision, target.reasons, target.decided_by_id
        merged.lsa_text, merged.lsa_wording = target.lsa_text, target.lsa_wording


def decide_comment(comment_id: int, user: User, payload: dict) -> Comment:
    """Pritarti / Pritarti iš dalies / Nepritarti with reasons (required for the last two) and LSA's words.

    ``lsa_text`` / ``lsa_wording`` are optional here; :func:`lsa_words` says how they are filled and checked.
    """
    comment, draft = _decidable(comment_id, user)
    if comment.merged_into_id:
        raise Conflict(_("This proposal was merged into another: decide on that one."))
    _refuse_unsubmitted([comment])
    decision = enum_field(payload, "decision", Decision)
    reasons = text_field(payload, "reasons", required=decision != Decision.ACCEPTED)
    comment.lsa_text, comment.lsa_wording = lsa_words(comment, decision, payload)
    comment.decision = decision
    comment.reasons = reasons
    comment.decided_by_id = user.id
    _follow(comment)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="decide_comment",
                              payload={"comment_id": comment.id, "decision": decision.value,
                                       "reasons": reasons}))
    db.session.commit()
    return comment


def decide_comments(draft_id: int, user: User, comment_ids: list, payload: dict) -> list[Comment]:
    """One decision and reasons for several proposals of one draft, in one transaction (all or none).

    Every id must be a standing proposal of this draft (not merged into another); LSA's words of each are
    filled and checked as for a single decision (:func:`lsa_words`), so partly accepting needs each
    proposal's own wording already written.
    """
    draft = get_draft_for(draft_id, user, lock=True)
    if not can_decide_comments(user, draft):
        if draft.lawyer_id != user.id:
            raise Forbidden(_("Only the responsible lawyer decides on comments."))
        raise Conflict(_("Decisions are made during consolidation."))
    if not isinstance(comment_ids, list) or not comment_ids or not all(is_db_id(i) for i in comment_ids):
        message = _("Choose the proposals to decide on.")
        raise Invalid(message, {"comments": message})
    decision = enum_field(payload, "decision", Decision)
    reasons = text_field(payload, "reasons", required=decision != Decision.ACCEPTED)
    chosen = db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids))).all()
    if len(chosen) != len(set(comment_ids)) or any(c.draft_id != draft.id for c in chosen):
        message = _("Some of the chosen proposals are not on this draft.")
        raise Invalid(message, {"comments": message})
    if any(c.merged_into_id for c in chosen):
        raise Conflict(_("A chosen proposal was merged into another: decide on that one."))
    _refuse_unsubmitted(list(chosen))
    for comment in sorted(chosen, key=lambda c: c.id):
        try:
            comment.lsa_text, comment.lsa_wording = lsa_words(comment, decision, {})
        except Invalid as exc:  # say whose proposal stops the batch: the form has no field of its own for it
            who = comment.municipality.name if comment.municipality else _("LSA's own proposal")
            raise Invalid(_("%(who)s: %(problem)s", who=who, problem=exc.detail)) from None
        comment.decision, comment.reasons, comment.decided_by_id = decision, reasons, user.id
        _follow(comment)
        db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="decide_comment",
                                  payload={"comment_id": comment.id, "decision": decision.value,
                                           "reasons": reasons, "bulk": True}))
    db.session.commit()
    return list(chosen)


def edit_lsa_words(comment_id: int, user: User, payload: dict) -> Comment:
    """The lawyer changes LSA's text and wording of a proposal (during consolidation), decision unchanged."""
    comment, draft = _decidable(comment_id, user)
    if comment.merged_into_id:
        raise Conflict(_("This proposal was merged into another: change that one."))
    mixed = sorted(set(payload) & {"text", "proposed_wording", "article", "part", "point", "provision_id"})
    if mixed:
        message = _("LSA's words are changed apart from the municipality's comment.")
        raise Invalid(message, {name: message for name in mixed})
    comment.lsa_text, comment.lsa_wording = lsa_words(comment, comment.decision, payload)
    _follow(comment)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="edit_lsa_words",
                              payload={"comment_id": comment.id}))
    db.session.commit()
    return comment


def add_lsa_proposal(draft_id: int, user: User, payload: dict) -> Comment:
    """A proposal of LSA's own that no municipality made (the lawyer's, or the committee's).

    Fields: ``provision_id`` or ``article``/``part``/``point``, ``lsa_text`` (required), ``lsa_wording``.
    It has no municipality, origin "lsa", and is accepted from the start: it is LSA's own, so it goes
    into the letter once the board approves.
    """
    draft = get_draft_for(draft_id, user, lock=True)
    if not can_add_lsa_proposal(user, draft):
        if may_propose_for_lsa(user, draft):
            raise Conflict(_("LSA's own proposals are added during consolidation (the lawyer) "
                             "or committee review (the committee)."))
        raise Forbidden(_("Only the responsible lawyer or the draft's committee adds LSA's own proposals."))
    text = text_field(payload, "lsa_text")
    wording = text_field(payload, "lsa_wording", required=False)
    comment = Comment(
        draft_id=draft.id, municipality_id=None, origin=ProposalOrigin.LSA, author_id=user.id,
        text=text, proposed_wording=wording, lsa_text=text, lsa_wording=wording,
        decision=Decision.ACCEPTED, decided_by_id=user.id, late=False,
        **provision_values(draft, payload),
    )
    db.session.add(comment)
    db.session.flush()
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="add_lsa_proposal",
                              payload={"comment_id": comment.id, "provision_id": comment.provision_id}))
    db.session.commit()
    return comment


def merge_comments(target_id: int, other_ids: list[int], user: User) -> Comment:
    """Merge identical proposals into ``target``; every proposer stays on record.

    Only proposals on the same provision merge: the same anchor (a nested one is not the draft's own
    provision of the same numbers), or the same typed numbers.
    """
    target, draft = _decidable(target_id, user)
    if not isinstance(other_ids, list) or not all(is_db_id(i) for i in other_ids):
        raise Invalid(_("comments must be a list of comment ids."), {"comments": _("A list of comment ids.")})
    if not other_ids or target_id in other_ids:
        raise Invalid(_("Choose other comments to merge into this one."), {"comments": _("Choose comments.")})
    others = db.session.scalars(select(Comment).where(Comment.id.in_(other_ids))).all()
    if len(others) != len(set(other_ids)) or any(c.draft_id != draft.id for c in others):
        raise Invalid(_("Some of the chosen comments are not on this draft."), {"comments": _("Unknown.")})
    anchors = Anchors(draft.id)
    key = anchors.key(target)
    if any(anchors.key(c) != key for c in others):
        raise Invalid(_("Only proposals on the same provision can be merged."), {"comments": _("Mixed.")})
    if target.merged_into_id or any(c.merged_into_id for c in others):
        raise Conflict(_("A chosen comment is already merged."))
    for comment in others:
        # Comments already merged into one of the others follow it to the new target.
        for child in db.session.scalars(select(Comment).where(Comment.merged_into_id == comment.id)):
            child.merged_into_id = target.id
        comment.merged_into_id = target.id
    db.session.flush()
    _follow(target)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="merge_comments",
                              payload={"into": target.id, "merged": sorted(other_ids)}))
    db.session.commit()
    return target


def unmerge_comment(comment_id: int, user: User) -> Comment:
    """Undo a merge: the comment stands on its own again, undecided, LSA's words to be written anew."""
    comment, draft = _decidable(comment_id, user)
    if not comment.merged_into_id:
        raise Conflict(_("This comment is not merged."))
    previous = comment.merged_into_id
    comment.merged_into_id, comment.decision, comment.reasons = None, None, None
    comment.lsa_text = comment.lsa_wording = None
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
    return position_json(latest, latest.author.name if latest is not None else None)


def position_json(version: PositionVersion | None, author: str | None) -> dict:
    """A position version as pages and the API show it (``author`` its author's name); version 0 for none."""
    if version is None:
        return {"version": 0, "stance": None, "text": ""}
    return {"version": version.version, "stance": version.stance.value, "text": version.text,
            "author": author, "saved_at": version.created_at.isoformat()}


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
