"""Revisions of a draft: the chain, what changed since the previous revision, and were LSA's proposals heard.

Only :func:`carry_over_comments` writes (one commit); the rest reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from reviewflow.documents.compare import Fate, ProvisionChange, Status, compare_provisions, proposal_fate
from reviewflow.errors import Conflict, Forbidden
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Draft, DraftState, Provision, User
from reviewflow.permissions import can_see_initiator_answers, can_see_proposal_fate, draft_visibility, is_lsa_staff
from reviewflow.services.answers import sent_proposals
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.revision_scope import provisions_open_for_comment as provisions_open_for_comment  # re-export

# A chain longer than this is a data error (a loop of links); stop walking rather than hang.
MAX_CHAIN = 200


@dataclass
class ProposalFate:
    """One proposal LSA sent on the earlier revision, what became of it, and the initiator's answer.

    ``provision`` is the earlier revision's provision it was on (None: general or not anchored), ``new_label``
    where that provision now is; ``outcome`` is the initiator's recorded answer (None: none, or not for
    this user).
    """

    comment: Comment
    provision: Provision | None
    fate: Fate | None
    new_label: str | None = None
    outcome: str | None = None


@dataclass
class Changes:
    """A draft compared with its previous revision (``previous`` None: it is the first)."""

    draft: Draft
    previous: Draft | None
    items: list[ProvisionChange] = field(default_factory=list)
    # None: the user may not see what became of LSA's proposals; empty: there were none.
    proposals: list[ProposalFate] | None = None

    @property
    def counts(self) -> dict[str, int]:
        """How many provisions got each status."""
        counts = dict.fromkeys(("added", "removed", "changed", "unchanged"), 0)
        for item in self.items:
            counts[item.status.value] += 1
        return counts


def revision_chain(draft_id: int, user: User) -> list[Draft]:
    """Every revision linked to this draft, oldest to newest, that ``user`` may see (the draft included)."""
    draft = get_draft_for(draft_id, user)
    root, seen = draft, {draft.id}
    while root.previous_revision_id is not None and root.previous_revision_id not in seen and len(seen) < MAX_CHAIN:
        seen.add(root.previous_revision_id)
        root = db.session.get(Draft, root.previous_revision_id)
    ids, frontier = {root.id} | seen, [root.id]
    while frontier and len(ids) < MAX_CHAIN:
        later = db.session.scalars(select(Draft.id).where(Draft.previous_revision_id.in_(frontier))).all()
        frontier = [i for i in later if i not in ids]
        ids.update(frontier)
    query = (select(Draft).where(Draft.id.in_(ids), draft_visibility(user))
             .order_by(func.coalesce(Draft.revision, 0), Draft.id))
    return list(db.session.scalars(query))


def _provisions(draft: Draft) -> list[Provision]:
    return list(db.session.scalars(select(Provision).where(Provision.draft_id == draft.id)
                                   .order_by(Provision.position, Provision.id)))


def changes(draft_id: int, user: User) -> Changes:
    """The comparison with the previous revision, and per proposal LSA sent on it, its fate in this text.

    Whoever sees the draft sees what changed (the earlier text is the initiator's public draft, even to a
    municipality not invited to the earlier revision); the fates follow :func:`can_see_proposal_fate`.
    """
    draft = get_draft_for(draft_id, user)
    previous = draft.previous_revision
    if previous is None:
        return Changes(draft=draft, previous=None)
    old = _provisions(previous)
    result = Changes(draft=draft, previous=previous, items=compare_provisions(old, _provisions(draft)))
    if can_see_proposal_fate(user, previous):
        answers_visible = can_see_initiator_answers(user, previous)
        result.proposals = [_fate(comment, old, result.items, answers_visible) for comment in sent_proposals(previous)]
    return result


def _fate(comment: Comment, old: list[Provision], items: list[ProvisionChange], answers_visible: bool) -> ProposalFate:
    provision = comment.provision if comment.provision_id is not None else _typed_provision(comment, old)
    wording = comment.lsa_wording if comment.lsa_wording is not None else comment.proposed_wording
    change = next((c for c in items if provision is not None and c.old is provision), None)
    return ProposalFate(
        comment=comment, provision=provision, fate=proposal_fate(wording, provision, items),
        new_label=change.new_label if change else None,
        outcome=comment.initiator_outcome if answers_visible else None,
    )


def _typed_provision(comment: Comment, old: list[Provision]) -> Provision | None:
    """The draft's own provision with the typed article / part / point (a comment left without an anchor)."""
    if not (comment.article or comment.part or comment.point):
        return None
    wanted = (comment.article or None, comment.part or None, comment.point or None)
    return next((p for p in old if p.scope is None and (p.article, p.part, p.point) == wanted), None)


CARRY_ACTION = "carry_over_comments"
# Comments are carried while the new revision's comments are still worked on, not once the board has it.
CARRY_STATES = (DraftState.REGISTERED, DraftState.ASSIGNED, DraftState.CONSULTATION, DraftState.CONSOLIDATION)


@dataclass
class Carried:
    """The comments copied to the new revision: ``pairs`` of (new comment, the earlier one it came from)."""

    draft: Draft
    previous: Draft
    pairs: list[tuple[Comment, Comment]] = field(default_factory=list)
    skipped: int = 0  # on provisions that are gone, general ones, or carried before


def carried_from(draft_id: int) -> dict[int, int]:
    """For a draft's carried comments, the id of the earlier revision's comment each came from.

    Read from ``Comment.carried_from_id``; the carry-over's audit entry keeps the same links as the timeline's
    record of who carried what when.
    """
    rows = db.session.execute(select(Comment.id, Comment.carried_from_id).where(
        Comment.draft_id == draft_id, Comment.carried_from_id.is_not(None)))
    return {new: old for new, old in rows}


def carried_comments(draft_id: int) -> list[Comment]:
    """The draft's comments carried over from an earlier revision, each with its origin loaded, oldest first."""
    return list(db.session.scalars(
        select(Comment).where(Comment.draft_id == draft_id, Comment.carried_from_id.is_not(None))
        .options(joinedload(Comment.carried_from), joinedload(Comment.provision), joinedload(Comment.municipality))
        .order_by(Comment.id)))


def carry_over_comments(draft_id: int, user: User) -> Carried:
    """Copy the earlier revision's comments and decisions onto the provisions of this one that still exist.

    A comment follows its provision (renumbered ones too, matched as in :func:`changes`); comments on a
    removed provision and general ones stay behind. Merges are kept among the carried comments. The
    initiator's answer is not carried (it answered the earlier letter), nor an attachment (its file belongs
    to the earlier comment). Running it again carries only what was not carried before.
    """
    draft = get_draft_for(draft_id, user, lock=True)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators carry comments over to a new revision."))
    previous = draft.previous_revision
    if previous is None:
        raise Conflict(_("This draft is not a later revision of another: there is nothing to carry over."))
    if draft.state not in CARRY_STATES:
        raise Conflict(_("Comments are carried over before the new revision goes to the committee or the board."))
    old = _provisions(previous)
    target = {id(c.old): c.new for c in compare_provisions(old, _provisions(draft))
              if c.status in (Status.CHANGED, Status.UNCHANGED)}
    done = set(carried_from(draft.id).values())
    result = Carried(draft=draft, previous=previous)
    copies: dict[int, Comment] = {}
    comments = db.session.scalars(select(Comment).where(Comment.draft_id == previous.id).order_by(Comment.id)).all()
    for comment in comments:
        source = comment.provision if comment.provision_id is not None else _typed_provision(comment, old)
        provision = target.get(id(source)) if source is not None else None
        if provision is None or comment.id in done:
            result.skipped += 1
            continue
        copy = Comment(
            draft_id=draft.id, municipality_id=comment.municipality_id, origin=comment.origin,
            author_id=comment.author_id, provision_id=provision.id, article=provision.article,
            part=provision.part, point=provision.point, text=comment.text,
            proposed_wording=comment.proposed_wording, lsa_text=comment.lsa_text, lsa_wording=comment.lsa_wording,
            late=comment.late, decision=comment.decision, reasons=comment.reasons,
            decided_by_id=comment.decided_by_id, carried_from_id=comment.id,
        )
        db.session.add(copy)
        copies[comment.id] = copy
        result.pairs.append((copy, comment))
    db.session.flush()
    for copy, comment in result.pairs:
        if comment.merged_into_id in copies:
            copy.merged_into_id = copies[comment.merged_into_id].id
    if result.pairs:
        db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action=CARRY_ACTION, payload={
            "from_draft_id": previous.id, "comments": {str(c.id): o.id for c, o in result.pairs}}))
    db.session.commit()
    return result
