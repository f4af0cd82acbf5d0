"""Municipal consultation: invitations and their status, comments, "no comments", answers."""

from __future__ import annotations

from datetime import date
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import Select, and_, bindparam, exists, func, select
from sqlalchemy.orm import contains_eager, joinedload, load_only

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import (
    AnswerStatus,
    ApiToken,
    AuditEntry,
    Comment,
    Draft,
    DraftState,
    Invitation,
    Municipality,
    ProposalOrigin,
    Provision,
    Role,
    User,
    UserRole,
)
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_add_lsa_proposal, is_lsa_staff
from reviewflow.services import tokens
from reviewflow.services.clock import vilnius_today
from reviewflow.services.commits import commit_keeping_loaded
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.payload import date_field, is_db_id, provision_number, text_field
from reviewflow.services.revision_scope import check_open_for_comment

PROVISION_FIELDS = ("article", "part", "point")


def status_of(invitation: Invitation, today: date | None = None, draft_state: DraftState | None = None) -> str:
    """pending, answered, no_comments, overdue (pending after its deadline), or not_answered.

    ``not_answered`` ("Neatsakė"): still pending when the consultation is over (``draft_state`` given and
    past consultation): the municipality can no longer answer, so "waiting" would not be true.
    """
    if invitation.status == AnswerStatus.PENDING and draft_state is not None and draft_state != DraftState.CONSULTATION:
        return "not_answered"
    today = today or vilnius_today()
    if invitation.status == AnswerStatus.PENDING and today > invitation.deadline:
        return "overdue"
    return invitation.status.value


def invitation_statuses(draft_id: int) -> list[dict]:
    """Each invited municipality's status with its comment count (LSA staff only): one query."""
    comments = (select(func.count(Comment.id))
                .where(Comment.draft_id == draft_id, Comment.municipality_id == Invitation.municipality_id)
                .correlate(Invitation).scalar_subquery())
    rows = db.session.execute(
        select(Invitation, Municipality, Draft.state, comments)
        .join(Municipality, Municipality.id == Invitation.municipality_id)
        .join(Draft, Draft.id == Invitation.draft_id)
        .where(Invitation.draft_id == draft_id).order_by(Municipality.sort_key)
    ).all()
    today = vilnius_today()
    return [
        {
            "municipality": m.iso_code, "name": m.name, "county": m.county,
            "status": status_of(inv, today, state), "deadline": inv.deadline.isoformat(), "late": inv.late,
            "answered_at": inv.answered_at.isoformat() if inv.answered_at else None,
            "comments": count,
        }
        for inv, m, state, count in rows
    ]


def _own_invitation(draft: Draft, user: User, *, lock: bool = False) -> Invitation:
    """The invitation of the specialist's own municipality, or a refusal."""
    if not user.has_role(Role.SPECIALIST) or user.municipality_id is None:
        raise Forbidden(_("Only municipal specialists answer for their municipality."))
    # The municipality comes along: a new comment's answer names it (no second look-up).
    query = select(Invitation).options(joinedload(Invitation.municipality, innerjoin=True)).where(
        Invitation.draft_id == draft.id, Invitation.municipality_id == user.municipality_id
    )
    if lock:
        query = query.with_for_update(of=Invitation)  # the invitation's row, not the municipality's
    invitation = db.session.scalar(query)
    if invitation is None:
        raise NotFound(_("No such draft."))
    return invitation


def answering(draft_id: int, user: User) -> tuple[Draft, Invitation] | None:
    """The draft and the specialist's own invitation (locked, with its municipality) in one statement.

    For a comment post: the draft (the columns a post reads, see ``_ANSWERING_LOADS``) and the invitation as
    ``add_comment`` locks it, read together. ``None`` when either is missing or the user is no specialist: the
    caller then takes the usual way (``get_draft_for``, then ``add_comment`` reads the invitation), which
    refuses as before.
    """
    if not user.has_role(Role.SPECIALIST) or user.municipality_id is None:
        return None
    row = db.session.execute(_answering_query(), {"draft_id": draft_id, "municipality_id": user.municipality_id}
                             ).first()
    return (row[0], row[1]) if row is not None else None


def answering_by_token(raw: str, draft_id: int) -> tuple[ApiToken, tuple[Draft, Invitation] | None] | None:
    """For an API comment post: the live token for ``raw`` (as ``tokens.authenticate_token`` gives it) with what
    :func:`answering` gives for its user, both in one statement.

    ``None`` when that statement finds nothing (no such token, or its user is no specialist invited to the
    draft) or the token is revoked or its user deactivated: the caller then takes the usual way, which
    authenticates, refuses and answers exactly as before. The pair is ``None`` when recording the token's use
    committed, which released the invitation's lock: the caller reads it again with :func:`answering`.
    """
    if not tokens.is_well_formed(raw):
        return None
    row = db.session.execute(_answering_by_token_query(), {"digest": tokens.digest_of(raw), "draft_id": draft_id}
                             ).first()
    if row is None or not tokens.is_live(row[0]):
        return None
    token, draft, invitation = row
    if tokens.touch_token(token):
        return token, None
    return token, (draft, invitation)


# What a comment post reads of the draft (add_comment, check_open_for_comment) and of the municipality (the
# comment's answer names it): the draft's other 23 columns would cost more to load than the rest of the read.
# Anything else asked of these objects later is loaded then, one statement, as for any unloaded attribute.
_ANSWERING_LOADS = (
    load_only(Draft.id, Draft.state, Draft.kind, Draft.consultation_scope, Draft.previous_revision_id),
    joinedload(Invitation.municipality, innerjoin=True).load_only(Municipality.iso_code),
)


@cache
def _answering_query() -> Select:
    """:func:`answering`'s statement, built once per process (building it cost as much as running it)."""
    return (
        select(Draft, Invitation).join(Invitation, Invitation.draft_id == Draft.id)
        .options(*_ANSWERING_LOADS)
        # No separate visibility test: a specialist sees every draft their municipality is invited to.
        .where(Draft.id == bindparam("draft_id"), Invitation.municipality_id == bindparam("municipality_id"))
        .with_for_update(of=Invitation)  # the invitation's row, as add_comment locks it
    )


@cache
def _answering_by_token_query() -> Select:
    """:func:`answering_by_token`'s statement: the token query of ``tokens`` joined to :func:`answering`'s.

    Of the token and its user it reads what a comment post asks of them (whether they are live; who writes,
    for which municipality): the specialist role is tested in the statement itself, so the user's roles and
    committees, which every other request loads with the token, are not read here.
    """
    specialist = exists().where(UserRole.user_id == User.id, UserRole.role == Role.SPECIALIST)
    return (
        select(ApiToken, Draft, Invitation)
        .join(User, User.id == ApiToken.user_id)
        # The same conditions as answering(): the user's municipality invited to this draft, the user a specialist.
        .join(Invitation, and_(Invitation.municipality_id == User.municipality_id,
                               Invitation.draft_id == bindparam("draft_id")))
        .join(Draft, Draft.id == Invitation.draft_id)
        .options(load_only(ApiToken.id, ApiToken.user_id, ApiToken.created_at, ApiToken.last_used_at,
                           ApiToken.revoked_at),
                 contains_eager(ApiToken.user).load_only(User.id, User.email, User.active, User.municipality_id),
                 *_ANSWERING_LOADS)
        .where(ApiToken.digest == bindparam("digest"), specialist)
        .with_for_update(of=Invitation)
    )


def _require_open(draft: Draft, invitation: Invitation) -> None:
    if draft.state != DraftState.CONSULTATION:
        raise Conflict(_("The consultation is closed: comments can no longer be added or changed."))
    if invitation.status != AnswerStatus.PENDING:
        raise Conflict(_("Your municipality's answer has been submitted: it can no longer be changed."))


def provision_values(draft: Draft, payload: dict) -> dict:
    """Article / part / point and the anchor a payload names; a chosen ``provision_id`` wins over typed numbers.

    Typed numbers leave no anchor (``provision_id`` None), so a comment moved off an anchor does not keep it.
    """
    values = {name: provision_number(payload, name) for name in PROVISION_FIELDS}
    values["provision_id"] = None
    provision_id = payload.get("provision_id")
    if provision_id is not None:
        provision = db.session.get(Provision, provision_id) if is_db_id(provision_id) else None
        if provision is None or provision.draft_id != draft.id:
            message = _("The chosen provision is not part of this draft.")
            raise Invalid(message, {"provision_id": message})
        # An anchor read from the draft is valid as it stands, nested ones included ("Aprašo 1 punktas").
        return {"article": provision.article, "part": provision.part, "point": provision.point,
                "provision_id": provision.id}
    if (values.get("part") or values.get("point")) and not values.get("article") and draft.kind.value == "law":
        message = _("Name the article the part or point belongs to.")
        raise Invalid(message, {"article": message})
    return values


def add_comment(draft: Draft, user: User, payload: dict, *, invitation: Invitation | None = None) -> Comment:
    """A specialist's comment for their municipality; late ones are accepted and marked late.

    ``invitation``: the user's own, already read with its lock in this transaction (:func:`answering`).
    """
    if invitation is None or invitation.municipality_id != user.municipality_id or invitation.draft_id != draft.id:
        invitation = _own_invitation(draft, user, lock=True)
    _require_open(draft, invitation)
    provision = provision_values(draft, payload)
    check_open_for_comment(draft, provision)  # a consultation limited to the changed provisions
    comment = Comment(
        # The id, not the object: the flush then has one relationship less to work through (the answer's
        # comment.municipality is the invitation's, found in the session without a statement).
        draft_id=draft.id, municipality_id=invitation.municipality_id, author_id=user.id,
        text=text_field(payload, "text"),
        proposed_wording=text_field(payload, "proposed_wording", required=False),
        late=vilnius_today() > invitation.deadline,
        **provision,
    )
    db.session.add(comment)
    db.session.flush()
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="add_comment",
                              payload={"comment_id": comment.id, "late": comment.late}))
    # The caller answers with the comment, its draft and the user: no reason to read them back.
    commit_keeping_loaded()
    return comment


def get_comment_for(comment_id: int, user: User) -> tuple[Comment, Draft]:
    """A comment the user may see: LSA staff any; a specialist their own municipality's only.

    Proposals of LSA's own (no municipality) are internal: a specialist never learns of them.
    """
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(_("No such comment."))
    draft = get_draft_for(comment.draft_id, user)
    if not is_lsa_staff(user) and not user.has_role(Role.COMMITTEE, Role.BOARD):
        if comment.origin == ProposalOrigin.LSA or comment.municipality_id != user.municipality_id:
            raise NotFound(_("No such comment."))
    return comment, draft


def edit_comment(comment_id: int, user: User, payload: dict) -> Comment:
    """Change one's municipality's comment while the answer is open."""
    comment, draft = get_comment_for(comment_id, user)
    invitation = _own_invitation(draft, user, lock=True)
    if comment.municipality_id != invitation.municipality_id:
        raise NotFound(_("No such comment."))
    _require_open(draft, invitation)
    if "text" in payload:
        comment.text = text_field(payload, "text")
    if "proposed_wording" in payload:
        comment.proposed_wording = text_field(payload, "proposed_wording", required=False)
    if any(name in payload for name in (*PROVISION_FIELDS, "provision_id")):
        merged = {name: getattr(comment, name) for name in PROVISION_FIELDS}
        merged.update({k: v for k, v in payload.items() if k in (*PROVISION_FIELDS, "provision_id")})
        values = provision_values(draft, merged)
        if any(getattr(comment, name) != value for name, value in values.items()):
            check_open_for_comment(draft, values)  # moving it, not rewording it where it stands
        for name, value in values.items():
            setattr(comment, name, value)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="edit_comment",
                              payload={"comment_id": comment.id}))
    db.session.commit()
    return comment


def delete_comment(comment_id: int, user: User) -> None:
    """Delete one's municipality's comment while the answer is open (or a proposal of LSA's own, see below)."""
    comment, draft = get_comment_for(comment_id, user)
    if comment.origin == ProposalOrigin.LSA:
        _delete_lsa_proposal(comment, draft, user)
        return
    invitation = _own_invitation(draft, user, lock=True)
    if comment.municipality_id != invitation.municipality_id:
        raise NotFound(_("No such comment."))
    _require_open(draft, invitation)
    db.session.delete(comment)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="delete_comment",
                              payload={"comment_id": comment_id}))
    db.session.commit()


def _delete_lsa_proposal(comment: Comment, draft: Draft, user: User) -> None:
    """Those who may add LSA's own proposals now (lawyer in consolidation, committee in review) may remove them."""
    if not can_add_lsa_proposal(user, draft):
        raise Forbidden(_("Only the lawyer (during consolidation) or the committee (during its review) "
                          "removes LSA's own proposals."))
    for merged in db.session.scalars(select(Comment).where(Comment.merged_into_id == comment.id)):
        merged.merged_into_id, merged.decision, merged.reasons = None, None, None
        merged.lsa_text = merged.lsa_wording = None
    db.session.delete(comment)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="delete_lsa_proposal",
                              payload={"comment_id": comment.id}))
    db.session.commit()


def _finish(invitation: Invitation, user: User, status: AnswerStatus) -> None:
    invitation.status = status
    invitation.answered_at = utcnow()
    invitation.answered_by_id = user.id if user else None
    invitation.late = vilnius_today() > invitation.deadline


def answer_no_comments(draft: Draft, user: User) -> Invitation:
    """"Pastabų neturime": the municipality answers that it has no comments."""
    invitation = _own_invitation(draft, user, lock=True)
    _require_open(draft, invitation)
    if db.session.scalar(select(func.count(Comment.id)).where(
        Comment.draft_id == draft.id, Comment.municipality_id == invitation.municipality_id
    )):
        raise Conflict(_("Your municipality has comments: delete them or submit them as the answer."))
    _finish(invitation, user, AnswerStatus.NO_COMMENTS)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="no_comments", payload={}))
    db.session.commit()
    return invitation


def submit_answer(draft: Draft, user: User) -> Invitation:
    """Submit the municipality's comments as its answer; after this they cannot change."""
    invitation = _own_invitation(draft, user, lock=True)
    _require_open(draft, invitation)
    count = db.session.scalar(select(func.count(Comment.id)).where(
        Comment.draft_id == draft.id, Comment.municipality_id == invitation.municipality_id
    ))
    if not count:
        raise Conflict(_('There are no comments to submit: add some, or answer "no comments".'))
    _finish(invitation, user, AnswerStatus.ANSWERED)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="submit_answer",
                              payload={"comments": count, "late": invitation.late}))
    db.session.commit()
    return invitation


def submit_open_answers(draft: Draft) -> int:
    """On closing the consultation: every pending answer with comments is submitted as it stands."""
    with_comments = set(db.session.scalars(
        select(Comment.municipality_id).where(Comment.draft_id == draft.id).distinct()
    ))
    submitted = 0
    for invitation in db.session.scalars(select(Invitation).where(
        Invitation.draft_id == draft.id, Invitation.status == AnswerStatus.PENDING
    )):
        if invitation.municipality_id in with_comments:
            _finish(invitation, None, AnswerStatus.ANSWERED)
            submitted += 1
    return submitted


def extend_deadline(draft: Draft, user: User, payload: dict) -> Invitation:
    """Give one municipality more time (audited); only during the consultation, by the lawyer."""
    if not (user.has_role(Role.ADMIN) or draft.lawyer_id == user.id):
        raise Forbidden(_("Only the responsible lawyer extends a municipality's deadline."))
    if draft.state != DraftState.CONSULTATION:
        raise Conflict(_("Deadlines can be extended only while the consultation is open."))
    raw = payload.get("municipality")
    code = raw.strip().upper() if isinstance(raw, str) else ""
    invitation = db.session.scalar(
        select(Invitation).join(Municipality, Municipality.id == Invitation.municipality_id)
        .where(Invitation.draft_id == draft.id, Municipality.iso_code == code)
    )
    if invitation is None:
        if code:
            message = _("Municipality %(code)s was not invited to comment on this draft.", code=code)
        else:
            message = _("Municipality (none) was not invited to comment on this draft.")
        raise Invalid(message, {"municipality": message})
    new = date_field(payload, "deadline")
    if new <= invitation.deadline:
        message = _("The new deadline must be after the current one (%(current)s).",
                    current=invitation.deadline.isoformat())
        raise Invalid(message, {"deadline": message})
    if new >= draft.reply_deadline:
        message = _("The new deadline must be before the reply date.")
        raise Invalid(message, {"deadline": message})
    old = invitation.deadline
    invitation.deadline = new
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="extend_deadline",
                              payload={"municipality": code, "from": old.isoformat(), "to": new.isoformat(),
                                       "reason": text_field(payload, "reason", required=False)}))
    db.session.commit()
    return invitation
