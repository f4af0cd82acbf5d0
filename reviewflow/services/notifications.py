"""In-app notices and their e-mails, written in the recipient's language, mailed after the commit."""

from __future__ import annotations

from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from reviewflow.extensions import db
from reviewflow.mail import build_message, short_subject
from reviewflow.models import Draft, Notification, OutboxJob, User
from reviewflow.models.base import utcnow
from reviewflow.services import outbox

MAIL_TASK = "reviewflow.send_notification_mail"


def _message(kind: str, draft: Draft) -> str:
    """The notice text for ``kind``, in the active locale."""
    title = draft.title if len(draft.title) < 120 else draft.title[:117] + "…"
    texts = {
        "assigned": _("Draft %(number)s “%(title)s” was assigned to you.", number=draft.number_raw, title=title),
        "consultation_opened": _(
            "Your municipality is asked to comment on draft %(number)s “%(title)s” by %(deadline)s.",
            number=draft.number_raw, title=title, deadline=draft.comment_deadline,
        ),
        "committee_asked": _(
            "Draft %(number)s “%(title)s” waits for your committee's opinion.",
            number=draft.number_raw, title=title,
        ),
        "board_asked": _(
            "Draft %(number)s “%(title)s” waits for the board's decision.",
            number=draft.number_raw, title=title,
        ),
        "returned": _(
            "The board returned draft %(number)s “%(title)s” for revision.",
            number=draft.number_raw, title=title,
        ),
        "approved": _(
            "The board approved the position on draft %(number)s “%(title)s”.",
            number=draft.number_raw, title=title,
        ),
        "letter_sent": _(
            "LSA sent its letter on draft %(number)s “%(title)s”: see LSA's decisions on your municipality's "
            "comments.", number=draft.number_raw, title=title,
        ),
        "answers_recorded": _(
            "The initiator's answers to LSA's proposals on draft %(number)s “%(title)s” are recorded: see what "
            "became of your municipality's comments.", number=draft.number_raw, title=title,
        ),
    }
    return texts[kind]


def notify(users: list[User], kind: str, draft: Draft, anchor: str = "") -> None:
    """Create a notice per user and queue its e-mail; the caller commits (two flushes in all).

    ``anchor`` points the link at a part of the draft's page ("outcome": what became of the comments).
    """
    notices = []
    for user in {u.id: u for u in users if u.active}.values():
        with force_locale(user.language):
            message = _message(kind, draft)
        notices.append(Notification(user_id=user.id, draft_id=draft.id, kind=kind, message=message,
                                    url=f"/drafts/{draft.id}" + (f"#{anchor}" if anchor else "")))
    if not notices:
        return
    db.session.add_all(notices)
    db.session.flush()
    outbox.enqueue_new([(MAIL_TASK, f"notification:{n.id}", {"notification_id": n.id}) for n in notices])


def deliver_notification_mail(job_id: int) -> bool:
    """Send the e-mail of one notice (the Celery task's body); ``False`` when nothing was to do.

    Claiming, retries and failures as :func:`outbox.deliver_mail_job` does them for every mail job.
    """
    return outbox.deliver_mail_job(job_id, _notification_message, "notification")


def _notification_message(job: OutboxJob) -> EmailMessage | None:
    """The mail of the job's notice, in its recipient's language; ``None`` when the notice or user is gone."""
    notice = db.session.get(Notification, job.args["notification_id"])
    user = db.session.get(User, notice.user_id) if notice else None
    if notice is None or user is None:
        return None
    base = current_app.config["BASE_URL"].rstrip("/")
    link = base + (notice.url or "/")
    with force_locale(user.language):
        subject = short_subject(_("Reviewflow: %(message)s", message=notice.message))
        text = render_template("emails/notification.txt", notice=notice, user=user, link=link)
        html = render_template("emails/notification.html", notice=notice, user=user, link=link)
    return build_message(user.email, subject, text, html, f"notification-{notice.id}")


def unread_count(user_id: int) -> int:
    """How many notices the user has not read."""
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    ) or 0


def list_notifications(user_id: int, limit: int = 50) -> list[Notification]:
    """The user's latest notices."""
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ))


def mark_all_read(user_id: int) -> None:
    """Mark every notice of the user read."""
    db.session.execute(
        update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
