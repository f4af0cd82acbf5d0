"""Municipalities hear the outcome: once LSA's letter is sent, each invited municipality sees LSA's decision and
reasons on its own comments, later the initiator's answers and newer revisions, and is told so; the signed
letter may be e-mailed to the initiator, once, through the outbox.

Who sees what is decided in :mod:`reviewflow.permissions` (:func:`can_see_outcome`); this module gathers the
data and queues the notices and mails inside the caller's unit of work (the caller commits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.mail import Attachment, build_message
from reviewflow.models import (
    Comment,
    Draft,
    Invitation,
    Letter,
    OutboxJob,
    ProposalOrigin,
    Role,
    User,
    UserRole,
)
from reviewflow.permissions import can_see_outcome, draft_visibility
from reviewflow.services import files, outbox
from reviewflow.services.consolidation import consolidated_table
from reviewflow.services.letters import letter_subject_for
from reviewflow.services.notifications import notify
from reviewflow.services.signing import download_name, mimetype_of, signed_letter_of

INITIATOR_MAIL_TASK = "reviewflow.send_initiator_letter_mail"
ANCHOR = "outcome"  # the draft page's section the notices link to


@dataclass
class Outcome:
    """What a municipality sees on a sent draft: its own comments (with LSA's decisions and reasons and the
    initiator's answers, which merged comments share with the proposal that stands for them) and the newer
    revisions of the draft it may open."""

    comments: list[Comment] = field(default_factory=list)
    newer_revisions: list[Draft] = field(default_factory=list)


def outcome_for(draft: Draft, user: User) -> Outcome | None:
    """The outcome ``user``'s municipality may see on ``draft``; ``None`` before sending or for anyone else."""
    if not can_see_outcome(user, draft):
        return None
    own = [c for group in consolidated_table(draft.id) for top in group.comments
           for c in (top, *top.merged_proposers)
           if c.origin == ProposalOrigin.MUNICIPALITY and c.municipality_id == user.municipality_id]
    return Outcome(comments=own, newer_revisions=newer_revisions(draft, user))


def newer_revisions(draft: Draft, user: User) -> list[Draft]:
    """The revisions registered after ``draft`` (linked to it) that ``user`` may open, oldest first."""
    return list(db.session.scalars(
        select(Draft).where(Draft.previous_revision_id == draft.id, draft_visibility(user))
        .order_by(func.coalesce(Draft.revision, 0), Draft.id)
    ))


# --- notices -----------------------------------------------------------------------------------

def _specialists_of(municipality_ids) -> list[User]:
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.SPECIALIST, User.municipality_id.in_(municipality_ids))
        .order_by(User.id)
    ))


def notify_letter_sent(draft: Draft) -> None:
    """Tell the specialists of every invited municipality that the letter went out (in-app and e-mail); those
    that sent comments are pointed at LSA's decisions on them, the others (no comments, no answer) at the letter."""
    invited = select(Invitation.municipality_id).where(Invitation.draft_id == draft.id)
    commented = select(Comment.municipality_id).where(Comment.draft_id == draft.id,
                                                      Comment.municipality_id.is_not(None))
    notify(_specialists_of(invited.where(Invitation.municipality_id.in_(commented))), "letter_sent", draft,
           anchor=ANCHOR)
    others = invited.where(Invitation.municipality_id.not_in(commented))
    notify(_specialists_of(others), "letter_sent_without_comments", draft, anchor="letter")


def notify_answers_recorded(draft: Draft, comment_ids: list[int]) -> None:
    """Tell the specialists of the municipalities whose comments (or comments merged into them) got the
    initiator's answer in this one recording action; a proposal of LSA's own concerns no municipality."""
    if not comment_ids:
        return
    municipalities = set(db.session.scalars(
        select(Comment.municipality_id).where(
            Comment.draft_id == draft.id, Comment.municipality_id.is_not(None),
            or_(Comment.id.in_(comment_ids), Comment.merged_into_id.in_(comment_ids)))
    ))
    if municipalities:
        notify(_specialists_of(municipalities), "answers_recorded", draft, anchor=ANCHOR)


# --- the signed letter e-mailed to the initiator -----------------------------------------------

def initiator_address(draft: Draft) -> str | None:
    """Where the signed letter may be e-mailed: the institution's address, when it has one and a signed
    letter is stored (otherwise there is nothing to offer)."""
    address = (draft.institution.email or "").strip() if draft.institution else ""
    return address if address and signed_letter_of(draft.id) is not None else None


def queue_initiator_mail(draft: Draft, payload: dict) -> dict:
    """Queue the signed letter for the initiator per ``email_initiator`` (default: yes when the institution has
    an address and a signed letter is stored); returns what goes on the audit entry. One job per draft: a
    draft is sent once, and the outbox's unique key keeps a second job from ever being written."""
    wanted = payload.get("email_initiator")
    if wanted is not None and not isinstance(wanted, bool):
        message = _("email_initiator is true or false.")
        raise Invalid(message, {"email_initiator": message})
    address = (draft.institution.email or "").strip() if draft.institution else ""
    letter = signed_letter_of(draft.id)
    if wanted is None:
        wanted = bool(address and letter)
    if not wanted:
        return {"email_initiator": False}
    if not address:
        message = _("%(institution)s has no e-mail address in Reviewflow: the letter cannot be e-mailed to it.",
                    institution=draft.institution.name_lt)
        raise Invalid(message, {"email_initiator": message})
    if letter is None:
        message = _("Upload the signed letter first: only the signed letter is e-mailed to the initiator.")
        raise Invalid(message, {"email_initiator": message})
    # The file of record at the moment of sending goes out, even if another signed file replaces it later.
    outbox.enqueue(INITIATOR_MAIL_TASK, f"initiator-letter:{draft.id}", draft_id=draft.id, letter_id=letter.id,
                   to=address, stored_name=letter.signed_stored_name, filename=download_name(letter),
                   mimetype=mimetype_of(letter))
    return {"email_initiator": True, "initiator_email": address, "signed_letter_version": letter.version}


def deliver_initiator_mail(job_id: int) -> bool:
    """Send the signed letter of one job to the initiator (the Celery task's body), exactly once."""
    return outbox.deliver_mail_job(job_id, _initiator_message, "initiator letter")


class MissingLetterFile(LookupError):
    """The signed file is recorded but gone from storage: retrying cannot help, an administrator must look."""


def _initiator_message(job: OutboxJob) -> EmailMessage | None:
    """The mail to the initiator with the signed file attached, in Lithuanian (the initiator's language)."""
    draft = db.session.get(Draft, job.args["draft_id"])
    letter = db.session.get(Letter, job.args["letter_id"])
    if draft is None or letter is None:
        return None
    # Signed letters are kept with the letters (as services.signing stores them).
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "letters"
    try:
        data = files.read_stored(folder, job.args["stored_name"])
    except FileNotFoundError:
        raise MissingLetterFile(f"signed letter file {job.args['stored_name']} is missing") from None
    context = {"draft": draft, "letter": letter, "subject": letter_subject_for(draft),
               "sent_date": draft.sent_date.isoformat() if draft.sent_date else ""}
    with force_locale("lt"):
        subject = _("Letter No. %(number)s: %(subject)s", number=letter.our_number, subject=context["subject"])
        text = render_template("emails/initiator_letter.txt", **context)
        html = render_template("emails/initiator_letter.html", **context)
    attachment = Attachment(job.args["filename"], data, job.args["mimetype"])
    return build_message(job.args["to"], subject[:300], text, html, f"initiator-letter-{letter.id}",
                         attachments=[attachment])
