"""Firing lifecycle transitions: check the table, read the payload, apply the effect, audit, notify.

Each call is one unit of work: one transaction, one audit entry, notices mailed after the commit.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from reviewflow import calendar
from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import (
    AnswerStatus,
    AuditEntry,
    BoardDecision,
    Comment,
    Committee,
    CommitteeMember,
    CommitteeOpinion,
    Draft,
    Invitation,
    Municipality,
    PositionVersion,
    Role,
    Stance,
    User,
    UserRole,
)
from reviewflow.models.base import utcnow
from reviewflow.permissions import actor_of
from reviewflow.services import outbox, revision_scope
from reviewflow.services.clock import vilnius_today
from reviewflow.services.consultation import submit_open_answers
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.letters import create_letter
from reviewflow.services.notifications import notify
from reviewflow.services.payload import date_field, enum_field, text_field
from reviewflow.workflows import TRANSITIONS, DraftFacts, allowed_transitions, check_transition

REFUSALS = {"forbidden": Forbidden, "conflict": Conflict, "invalid": Invalid}


def fact_columns(draft_id: int) -> tuple:
    """The guard facts as labelled scalar subqueries: undecided comments, saved position versions.

    Read alone by :func:`draft_facts`, or in a page's own statement (the draft page reads them with the
    position, opinions and decisions) and handed to :func:`draft_facts` as ``counts``.
    """
    undecided = select(func.count(Comment.id)).where(
        Comment.draft_id == draft_id, Comment.decision.is_(None), Comment.merged_into_id.is_(None)
    ).scalar_subquery().label("undecided_comments")
    positions = select(func.count(PositionVersion.id)).where(
        PositionVersion.draft_id == draft_id
    ).scalar_subquery().label("position_versions")
    return undecided, positions


def draft_facts(draft: Draft, counts: tuple[int, int] | None = None) -> DraftFacts:
    """What the lifecycle table needs to know about ``draft`` (one statement, none when ``counts`` are given)."""
    undecided, positions = counts if counts is not None else db.session.execute(
        select(*fact_columns(draft.id))
    ).one()
    return DraftFacts(
        state=draft.state, lawyer_id=draft.lawyer_id, committee_id=draft.committee_id,
        undecided_comments=undecided or 0, has_position=(positions or 0) > 0,
    )


def allowed_for(draft: Draft, user: User, counts: tuple[int, int] | None = None) -> list[str]:
    """The transitions ``user`` may fire on ``draft`` now (``counts`` as :func:`fact_columns` reads them)."""
    return allowed_transitions(actor_of(user), draft_facts(draft, counts))


def fire_transition(draft_id: int, name: str, user: User, payload: dict, *,
                    recent_login: bool = False) -> Draft:
    """Move the draft along ``name``; refuses with 403/409/422 and then writes nothing."""
    draft = get_draft_for(draft_id, user, lock=True)
    refusal = check_transition(name, actor_of(user), draft_facts(draft))
    if refusal:
        db.session.rollback()
        raise REFUSALS[refusal.kind](refusal.message)
    transition = TRANSITIONS[name]
    try:
        recorded = EFFECTS[name](draft, user, payload or {}, recent_login)
    except Exception:
        db.session.rollback()
        outbox.discard_pending()
        raise
    from_state = draft.state
    draft.state = transition.target
    db.session.add(AuditEntry(
        draft_id=draft.id, actor_id=user.id, action=name, from_state=from_state.value,
        to_state=transition.target.value, payload=recorded,
    ))
    outbox.commit()
    return draft


# --- effects: read the payload, change the draft, return what goes on the record -------------

def _user_by_email(email: object, role: Role, field: str) -> User:
    email = email if isinstance(email, str) else ""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active or not user.has_role(role):
        message = _("%(email)r is not an active %(role)s in Reviewflow.", email=email, role=role.value)
        raise Invalid(message, {field: message})
    return user


def _committee(code: object, field: str = "committee") -> Committee:
    text = code if isinstance(code, str) else ""
    committee = db.session.scalar(select(Committee).where(Committee.code == text.strip().upper()))
    if committee is None:
        message = _("Unknown committee %(code)r.", code=code)
        raise Invalid(message, {field: message})
    return committee


def _members_of(committee_id: int) -> list[User]:
    return list(db.session.scalars(
        select(User).join(CommitteeMember, CommitteeMember.user_id == User.id)
        .where(CommitteeMember.committee_id == committee_id)
    ))


def _with_role(role: Role) -> list[User]:
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id).where(UserRole.role == role)
    ))


def _assign(draft, user, payload, recent):
    lawyer = _user_by_email(payload.get("lawyer"), Role.LAWYER, "lawyer")
    committee = _committee(payload["committee"]) if payload.get("committee") else None
    draft.lawyer_id = lawyer.id
    draft.committee_id = committee.id if committee else None
    db.session.flush()
    notify([lawyer], "assigned", draft)
    return {"lawyer": lawyer.email, "committee": committee.code if committee else None}


def default_comment_deadline(draft: Draft):
    """A configurable number of working days before the reply date."""
    days = current_app.config["COMMENT_DEADLINE_WORKING_DAYS_BEFORE"]
    return calendar.subtract_working_days(draft.reply_deadline, days)


def _consultation_scope(draft, payload) -> list[str] | None:
    """Set the draft's consultation scope from ``scope`` ("all", absent, or "changed"); the open labels if limited."""
    scope = payload.get("scope")
    if scope in (None, revision_scope.ALL):
        draft.consultation_scope = None
        return None
    if scope != revision_scope.CHANGED:
        message = _('scope must be "all" or "changed".')
        raise Invalid(message, {"scope": message})
    if draft.previous_revision_id is None:
        message = _("Only a later revision of a draft can be consulted on its changed provisions alone.")
        raise Invalid(message, {"scope": message})
    labels = [p.label for p in revision_scope.changed_provisions(draft)]
    if not labels:
        message = _("No provision changed or was added since the previous revision: consult on all of them.")
        raise Invalid(message, {"scope": message})
    draft.consultation_scope = revision_scope.CHANGED
    return labels


def _open_consultation(draft, user, payload, recent):
    deadline = date_field(payload, "comment_deadline", required=False) or default_comment_deadline(draft)
    if deadline >= draft.reply_deadline:
        message = _("The comment deadline %(deadline)s must be before the reply date %(reply)s.",
                    deadline=deadline.isoformat(), reply=draft.reply_deadline.isoformat())
        raise Invalid(message, {"comment_deadline": message})
    open_labels = _consultation_scope(draft, payload)
    codes = payload.get("municipalities")
    query = select(Municipality)
    if codes is not None:
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
            message = _("municipalities must be a non-empty list of codes like LT-57 (absent = all).")
            raise Invalid(message, {"municipalities": message})
        wanted = {c.strip().upper() for c in codes}
        query = query.where(Municipality.iso_code.in_(wanted))
    municipalities = list(db.session.scalars(query.order_by(Municipality.sort_key)))
    if codes is not None:
        unknown = wanted - {m.iso_code for m in municipalities}
        if unknown:
            message = _("Unknown municipality code(s): %(codes)s.", codes=", ".join(sorted(unknown)))
            raise Invalid(message, {"municipalities": message})
    for municipality in municipalities:
        db.session.add(Invitation(draft_id=draft.id, municipality_id=municipality.id, deadline=deadline))
    draft.comment_deadline = deadline
    db.session.flush()
    specialists = list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id).where(
            UserRole.role == Role.SPECIALIST,
            User.municipality_id.in_([m.id for m in municipalities]),
        )
    ))
    notify(specialists, "consultation_opened", draft)
    return {"comment_deadline": deadline.isoformat(), "municipalities": [m.iso_code for m in municipalities],
            "scope": revision_scope.CHANGED if open_labels else revision_scope.ALL,
            **({"open_provisions": open_labels} if open_labels else {})}


def _skip_consultation(draft, user, payload, recent):
    return {"reason": text_field(payload, "reason")}


def _close_consultation(draft, user, payload, recent):
    reason = text_field(payload, "reason", required=False)
    if draft.comment_deadline and vilnius_today() <= draft.comment_deadline and not reason:
        message = _("The comment deadline has not passed yet: give a reason for closing early.")
        raise Invalid(message, {"reason": message})
    submitted = submit_open_answers(draft)
    draft.consultation_closed_at = utcnow()
    db.session.flush()
    # All answers in at closing (those submitted earlier too): the history must match the page's summary.
    received = db.session.scalar(select(func.count(Invitation.id)).where(
        Invitation.draft_id == draft.id, Invitation.status != AnswerStatus.PENDING)) or 0
    return {"reason": reason, "answers_submitted": submitted, "answers_received": received}


def _send_to_committee(draft, user, payload, recent):
    committee = _committee(payload["committee"]) if payload.get("committee") else draft.committee
    if committee is None:
        message = _("Name the committee: none was set at assignment.")
        raise Invalid(message, {"committee": message})
    draft.committee_id = committee.id
    db.session.flush()
    notify(_members_of(committee.id), "committee_asked", draft)
    return {"committee": committee.code}


def _skip_committee(draft, user, payload, recent):
    reason = text_field(payload, "reason")
    notify(_with_role(Role.BOARD), "board_asked", draft)
    return {"reason": reason}


def _give_opinion(draft, user, payload, recent):
    opinion = enum_field(payload, "opinion", Stance)
    text = text_field(payload, "text")
    meeting = date_field(payload, "meeting_date")
    if meeting > vilnius_today():
        message = _("The meeting date cannot be in the future.")
        raise Invalid(message, {"meeting_date": message})
    db.session.add(CommitteeOpinion(
        draft_id=draft.id, committee_id=draft.committee_id, opinion=opinion.value, text=text,
        meeting_date=meeting, given_by_id=user.id,
    ))
    notify(_with_role(Role.BOARD), "board_asked", draft)
    return {"opinion": opinion.value, "text": text, "meeting_date": meeting.isoformat()}


def is_recent(user: User) -> bool:
    """Whether the user signed in within the recent-login window."""
    window = timedelta(minutes=current_app.config["RECENT_LOGIN_MINUTES"])
    return user.last_login_at is not None and utcnow() - user.last_login_at <= window


def _approve(draft, user, payload, recent):
    if not recent:
        raise Forbidden(_("Approving needs a recent login: confirm your password and try again."))
    number = text_field(payload, "decision_number", max_length=32)
    decided = date_field(payload, "decision_date")
    if decided > vilnius_today():
        message = _("The decision date cannot be in the future.")
        raise Invalid(message, {"decision_date": message})
    version = db.session.scalar(
        select(func.max(PositionVersion.version)).where(PositionVersion.draft_id == draft.id)
    ) or 0
    db.session.add(BoardDecision(
        draft_id=draft.id, decision_number=number, decision_date=decided, decided_by_id=user.id,
        position_version=version,
    ))
    if draft.lawyer:
        notify([draft.lawyer], "approved", draft)
    db.session.flush()
    letter = create_letter(draft, user)
    return {"decision_number": number, "decision_date": decided.isoformat(), "position_version": version,
            "our_number": letter.our_number}


def _return_for_revision(draft, user, payload, recent):
    reason = text_field(payload, "reason")
    if draft.lawyer:
        notify([draft.lawyer], "returned", draft)
    return {"reason": reason}


class SentVia(enum.StrEnum):
    """How the letter went out (``mark_sent``'s ``sent_via``)."""

    E_DELIVERY = "e_delivery"  # e. pristatymas, the state's e-delivery system
    EMAIL = "email"
    POST = "post"
    OTHER = "other"


def _mark_sent(draft, user, payload, recent):
    sent = date_field(payload, "sent_date")
    if sent > vilnius_today():
        message = _("The sending date cannot be in the future.")
        raise Invalid(message, {"sent_date": message})
    via = enum_field(payload, "sent_via", SentVia, required=False)
    draft.sent_date, draft.sent_via = sent, via.value if via else None
    from reviewflow.services import outcome

    mailed = outcome.queue_initiator_mail(draft, payload)
    outcome.notify_letter_sent(draft)
    return {"sent_date": sent.isoformat(), "sent_via": draft.sent_via, **mailed}


def _withdraw(draft, user, payload, recent):
    return {"reason": text_field(payload, "reason")}


EFFECTS: dict[str, Callable] = {
    "assign": _assign,
    "open_consultation": _open_consultation,
    "skip_consultation": _skip_consultation,
    "close_consultation": _close_consultation,
    "send_to_committee": _send_to_committee,
    "skip_committee": _skip_committee,
    "give_opinion": _give_opinion,
    "approve": _approve,
    "return_for_revision": _return_for_revision,
    "mark_sent": _mark_sent,
    "withdraw": _withdraw,
}
assert set(EFFECTS) == set(TRANSITIONS), "every transition in the table has an effect"


def reassign_draft(draft_id: int, user: User, payload: dict) -> Draft:
    """Change the responsible lawyer or committee of an open, assigned draft (audited)."""
    draft = get_draft_for(draft_id, user, lock=True)
    if not user.has_role(Role.LAWYER, Role.ADMIN):
        raise Forbidden(_("Only LSA lawyers and administrators reassign drafts."))
    if draft.lawyer_id is None or not draft.is_open:
        raise Conflict(_("Only an assigned, open draft can be reassigned."))
    before = {"lawyer": draft.lawyer.email if draft.lawyer else None,
              "committee": draft.committee.code if draft.committee else None}
    recorded = _assign(draft, user, payload, False)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="reassign",
                              from_state=draft.state.value, to_state=draft.state.value,
                              payload={"before": before, "after": recorded}))
    outbox.commit()
    return draft
