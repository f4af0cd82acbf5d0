"""Who may do what: role decorators for routes and ``can_*`` predicates for objects and templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from reviewflow.models import DraftState, Role, User

LSA_STAFF = (Role.ADMIN, Role.LAWYER)
# The stages from which LSA's own bodies see a draft: the board once LSA's position is before it, a committee
# from consolidation on (its draft only). draft_visibility and the refusals below share them.
BOARD_STAGES = (DraftState.BOARD_REVIEW, DraftState.APPROVED, DraftState.SENT)
COMMITTEE_STAGES = (DraftState.CONSOLIDATION, DraftState.COMMITTEE_REVIEW, *BOARD_STAGES)


def roles_required(*roles: Role) -> Callable:
    """Route decorator: signed in and holding one of ``roles``, else 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_lsa_staff(user: User) -> bool:
    """LSA's own people: lawyers and administrators."""
    return user.is_authenticated and user.has_role(*LSA_STAFF)


def can_manage_users(user: User) -> bool:
    """Administrators manage accounts and reference data."""
    return user.is_authenticated and user.has_role(Role.ADMIN)


# --- drafts --------------------------------------------------------------------------------

def actor_of(user: User):
    """The lifecycle's view of a user."""
    from reviewflow.workflows import Actor

    return Actor(
        user_id=user.id,
        roles=frozenset(role.value for role in user.roles),
        committee_ids=frozenset(user.committee_ids),
    )


def draft_visibility(user: User):
    """Who sees which draft, as one SQL condition on ``Draft`` for lists and single drafts alike.

    LSA staff see every draft; a specialist the drafts their municipality was invited to; committee
    members their committees' drafts from consolidation on; board members drafts that reached the board.
    Anything else is hidden, and a hidden draft answers 404; only the draft's committee and the board, who will
    see it at a later stage, are told why and when (403, :func:`early_refusal`).
    """
    from sqlalchemy import exists, false, or_, true

    from reviewflow.models import Draft, Invitation

    if not user.is_authenticated:
        return false()
    if is_lsa_staff(user):
        return true()
    conditions = []
    if user.has_role(Role.SPECIALIST) and user.municipality_id:
        conditions.append(exists().where(
            Invitation.draft_id == Draft.id, Invitation.municipality_id == user.municipality_id
        ))
    if user.has_role(Role.COMMITTEE) and user.committee_ids:
        conditions.append(Draft.committee_id.in_(user.committee_ids) & Draft.state.in_(COMMITTEE_STAGES))
    if user.has_role(Role.BOARD):
        conditions.append(Draft.state.in_(BOARD_STAGES))
    return or_(*conditions) if conditions else false()


def early_refusal(user: User, draft) -> str | None:
    """Why a member of LSA's committee or board may not open a draft yet, in words; None: keep it hidden (404).

    The committee's refusal comes first: a person on both sees the draft sooner as a committee member.
    """
    return committee_refusal(user, draft) or board_refusal(user, draft)


def board_refusal(user: User, draft) -> str | None:
    """Why a board member may not open a draft before it reaches the board, in words; None: keep it hidden.

    The board approves LSA's position, so it sees a draft from board review on (:func:`draft_visibility`).
    A board member who follows a link to an earlier draft is told so and when to expect it (403), instead
    of "no such draft": the draft's existence is no secret to LSA's own board. Everyone else keeps the 404.
    """
    from flask_babel import gettext as _

    if not user.is_authenticated or not user.has_role(Role.BOARD):
        return None
    return _stage_refusal(
        draft, BOARD_STAGES, _("This draft was withdrawn before it came to the board."),
        lambda state, deadline: _(
            "This draft is not before the board yet: it is at the stage “%(state)s”. The board sees it when "
            "LSA's position is submitted for its approval, before the reply deadline %(deadline)s.",
            state=state, deadline=deadline))


def committee_refusal(user: User, draft) -> str | None:
    """Why a member of the draft's committee may not open it before consolidation, in words; None: not theirs.

    A committee sees its drafts from consolidation on (:func:`draft_visibility`). A member who follows a link to
    an earlier one is told the stage and when the committee will see it (403), like the board; a member of
    another committee, or anyone else, keeps "no such draft" (404).
    """
    from flask_babel import gettext as _

    if not user.is_authenticated or not user.has_role(Role.COMMITTEE):
        return None
    if draft.committee_id is None or draft.committee_id not in user.committee_ids:
        return None
    committee = draft.committee.label
    return _stage_refusal(
        draft, COMMITTEE_STAGES,
        _("This draft was withdrawn before it came to your committee (%(committee)s).", committee=committee),
        lambda state, deadline: _(
            "This draft is not before your committee yet: it is at the stage “%(state)s”. Your committee "
            "(%(committee)s) sees it when LSA's lawyer consolidates the municipalities' comments, before the "
            "reply deadline %(deadline)s.", state=state, committee=committee, deadline=deadline))


def _stage_refusal(draft, stages: tuple, withdrawn_before: str, not_yet: Callable[[str, str], str]) -> str | None:
    """The refusal shared by the committee and the board: ``not_yet`` (the stage's name, the reply deadline) and,
    during consultation, the municipalities' deadline; for a withdrawn draft the stage it was withdrawn at."""
    from flask_babel import gettext as _
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import AuditEntry
    from reviewflow.workflows.lifecycle import state_name

    if draft.state in stages:
        return None  # visible anyway: nothing to refuse
    if draft.state == DraftState.WITHDRAWN:
        withdrawn_at = db.session.scalar(select(AuditEntry.from_state).where(
            AuditEntry.draft_id == draft.id, AuditEntry.action == "withdraw").order_by(AuditEntry.id.desc()))
        if withdrawn_at in {stage.value for stage in stages}:  # they did see it: "before it came to…" is untrue
            return _("This draft was withdrawn at the stage “%(state)s”.",
                     state=state_name(DraftState(withdrawn_at)))
        return withdrawn_before
    text = not_yet(state_name(draft.state), draft.reply_deadline.isoformat())
    if draft.state == DraftState.CONSULTATION and draft.comment_deadline is not None:
        text += " " + _("Municipalities comment until %(date)s.", date=draft.comment_deadline.isoformat())
    return text


def can_register_draft(user: User) -> bool:
    """LSA lawyers and administrators register incoming drafts."""
    return is_lsa_staff(user)


def can_see_all_comments(user: User) -> bool:
    """Everyone but municipal specialists sees the whole comments table (read-only for some)."""
    return is_lsa_staff(user) or user.has_role(Role.COMMITTEE, Role.BOARD)


def can_decide_comments(user: User, draft) -> bool:
    """The responsible lawyer decides on comments and writes the position during consolidation."""
    from reviewflow.models import DraftState as S

    return (
        user.has_role(Role.LAWYER) and draft.lawyer_id == user.id and draft.state == S.CONSOLIDATION
    )


def can_comment_for(user: User, invitation, draft) -> bool:
    """A specialist of the invited municipality, while the answer is open and consultation runs."""
    from reviewflow.models import AnswerStatus
    from reviewflow.models import DraftState as S

    return (
        invitation is not None
        and user.has_role(Role.SPECIALIST)
        and user.municipality_id == invitation.municipality_id
        and draft.state == S.CONSULTATION
        and invitation.status == AnswerStatus.PENDING
    )


# --- pages for drafts (appended by the pages' helper) ---------------------------------------

def can_extend_deadline(user: User, draft) -> bool:
    """The responsible lawyer (or an administrator) gives a municipality more time during consultation."""
    from reviewflow.models import DraftState as S

    return (
        user.is_authenticated and (user.has_role(Role.ADMIN) or draft.lawyer_id == user.id)
        and draft.state == S.CONSULTATION
    )


def can_reassign_draft(user: User, draft) -> bool:
    """LSA lawyers and administrators change the lawyer or committee of an assigned, open draft."""
    return (
        user.is_authenticated and user.has_role(Role.LAWYER, Role.ADMIN)
        and draft.lawyer_id is not None and draft.is_open
    )


def can_attach_file(user: User, draft) -> bool:
    """LSA staff add files to an open draft."""
    return is_lsa_staff(user) and draft.is_open


def can_see_invitation_statuses(user: User) -> bool:
    """Only LSA staff see every invited municipality's status."""
    return is_lsa_staff(user)


def can_open_answer_page(user: User, invitation) -> bool:
    """A specialist of an invited municipality sees its answer page (editable only while open)."""
    return (
        invitation is not None and user.is_authenticated and user.has_role(Role.SPECIALIST)
        and user.municipality_id == invitation.municipality_id
    )


def can_see_consolidation(user: User, draft) -> bool:
    """The comments table is for LSA staff, committee and board members, once comments can exist."""
    from reviewflow.models import DraftState as S

    return can_see_all_comments(user) and draft.state not in (S.REGISTERED, S.ASSIGNED)


def consolidation_refusal(user: User, draft) -> str | None:
    """Why ``user`` may not open the draft's comments table or decide on it, in words (None: they may).

    A lawyer refused there needs to know the draft is not theirs and whose it is, not "your role does not allow".
    """
    from flask_babel import gettext as _

    from reviewflow.models import DraftState as S

    if not can_see_all_comments(user):
        return None if can_see_consolidation(user, draft) else _("Your role does not allow this.")
    reasons = []
    if draft.state in (S.REGISTERED, S.ASSIGNED):
        reasons.append(_("The comments table opens when the municipal consultation starts."))
    if user.has_role(Role.LAWYER) and draft.lawyer_id != user.id:
        reasons.append(_("This draft is not assigned to you: its responsible lawyer is %(name)s.",
                         name=draft.lawyer.name) if draft.lawyer is not None
                       else _("This draft is not assigned to you: it has no responsible lawyer yet."))
    return " ".join(reasons) or None


def can_see_audit_entry(user: User, entry) -> bool:
    """Everyone who sees a draft sees its lifecycle steps; the details of comments only those who
    see the whole comments table (a municipality never learns about the others' comments)."""
    from reviewflow.workflows import TRANSITIONS

    return can_see_all_comments(user) or entry.action in TRANSITIONS or entry.action == "register"


def visible_timeline(user: User, entries) -> list:
    """The steps of a draft's record ``user`` may see: the draft page's history and the API's timeline alike."""
    return [entry for entry in entries if can_see_audit_entry(user, entry)]


# --- proposals of LSA's own (issue 8) ----------------------------------------------------------

def may_propose_for_lsa(user: User, draft) -> bool:
    """Who may ever add a proposal of LSA's own to a draft: its lawyer, or a member of its committee."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.LAWYER) and draft.lawyer_id == user.id:
        return True
    return user.has_role(Role.COMMITTEE) and draft.committee_id is not None \
        and draft.committee_id in user.committee_ids


def can_add_lsa_proposal(user: User, draft) -> bool:
    """The lawyer during consolidation, the draft's committee members during committee review."""
    from reviewflow.models import DraftState as S

    if not may_propose_for_lsa(user, draft):
        return False
    if draft.state == S.CONSOLIDATION:
        return user.has_role(Role.LAWYER) and draft.lawyer_id == user.id
    if draft.state == S.COMMITTEE_REVIEW:
        return user.has_role(Role.COMMITTEE) and draft.committee_id in user.committee_ids
    return False


def can_edit_letter_requisites(user: User, draft) -> bool:
    """LSA staff correct the letter's subject and choose its signatory until the board approves."""
    from reviewflow.models import DraftState as S

    before_approval = (S.REGISTERED, S.ASSIGNED, S.CONSULTATION, S.CONSOLIDATION, S.COMMITTEE_REVIEW,
                       S.BOARD_REVIEW)
    return is_lsa_staff(user) and draft.state in before_approval


# --- the response letter (issue 9, fault 0) ----------------------------------------------------

def can_read_letter(user: User, draft) -> bool:
    """Who may read a draft's letter (page, DOCX, PDF, annex) among those who see the draft.

    Before it is sent the letter holds every municipality's proposals and LSA's position, which only
    those who see the whole comments table see; once LSA has sent it, everyone who sees the draft.
    """
    from reviewflow.models import DraftState as S

    return user.is_authenticated and (draft.state == S.SENT or can_see_all_comments(user))


# --- the initiator's answer (issue 10, H9) -----------------------------------------------------

def can_see_initiator_answers(user: User, draft) -> bool:
    """The initiator's answers to LSA's proposals are LSA's working record: its lawyers and administrators."""
    return is_lsa_staff(user)


def can_see_proposal_fate(user: User, earlier) -> bool:
    """What became of LSA's proposals on an earlier revision: LSA staff, board and committee members; the
    municipalities once LSA's letter on that revision was sent (its proposals are public from then on)."""
    from reviewflow.models import DraftState as S

    if is_lsa_staff(user) or user.has_role(Role.BOARD, Role.COMMITTEE):
        return True
    return earlier.state == S.SENT


def can_record_initiator_answer(user: User, draft) -> bool:
    """LSA's lawyers and administrators record the answer once the letter is sent."""
    from reviewflow.models import DraftState as S

    return is_lsa_staff(user) and draft.state == S.SENT


# --- the consolidation table: internal notes and saved reasons (issue 13, items 6-7) ------------

def can_read_internal_notes(user: User, draft) -> bool:
    """LSA staff (lawyers, administrators, the board) and the members of the draft's committee; never a
    municipality. The draft must already be visible to them (the services load it through its visibility)."""
    if not user.is_authenticated:
        return False
    if is_lsa_staff(user) or user.has_role(Role.BOARD):
        return True
    return user.has_role(Role.COMMITTEE) and draft.committee_id is not None \
        and draft.committee_id in user.committee_ids


def internal_notes_visibility(user: User):
    """:func:`can_read_internal_notes` as one SQL condition on ``Draft`` (search), the same rule."""
    from sqlalchemy import false, true

    from reviewflow.models import Draft

    if not user.is_authenticated:
        return false()
    if is_lsa_staff(user) or user.has_role(Role.BOARD):
        return true()
    if user.has_role(Role.COMMITTEE) and user.committee_ids:
        return Draft.committee_id.in_(user.committee_ids)
    return false()


def can_write_internal_note(user: User, draft) -> bool:
    """Whoever reads a draft's internal notes may add one."""
    return can_read_internal_notes(user, draft)


def can_keep_saved_reasons(user: User) -> bool:
    """Lawyers keep reasons of their own; administrators keep the shared ones."""
    return user.is_authenticated and user.has_role(Role.LAWYER, Role.ADMIN)


def can_edit_saved_reason(user: User, reason) -> bool:
    """A lawyer edits their own reasons; an administrator the shared ones (and their own)."""
    if not can_keep_saved_reasons(user):
        return False
    if reason.owner_id is None:
        return user.has_role(Role.ADMIN)
    return reason.owner_id == user.id


# --- municipalities hear the outcome (issue 10, item 12) ----------------------------------------

def can_see_outcome(user: User, draft) -> bool:
    """A specialist of an invited municipality sees, once LSA's letter is sent, LSA's decision and reasons
    on each of its own municipality's comments and later the initiator's answers to them (never anyone
    else's). Before sending all of it is LSA's working record: the position may still change."""
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import DraftState, Invitation

    if not user.is_authenticated or not user.has_role(Role.SPECIALIST) or not user.municipality_id:
        return False
    if draft.state != DraftState.SENT:
        return False
    return db.session.scalar(select(Invitation.id).where(
        Invitation.draft_id == draft.id, Invitation.municipality_id == user.municipality_id)) is not None


# --- reports (issue 11) ------------------------------------------------------------------------

def can_read_reports(user: User) -> bool:
    """LSA staff and the board read the reports; municipalities and committees do not."""
    return user.is_authenticated and user.has_role(Role.ADMIN, Role.LAWYER, Role.BOARD)
