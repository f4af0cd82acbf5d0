"""In-app notices and their e-mails, written in the recipient's language, mailed after the commit."""

from __future__ import annotations

from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from reviewflow.extensions import db
from reviewflow.mail import build_message, short_subject
from reviewflow.models import Draft, Notification, OutboxJob, User
from reviewflow.models.base import utcnow
from reviewflow.services import outbox
from reviewflow.services.reminder_texts import text as reminder_text

MAIL_TASK = "reviewflow.send_notification_mail"


def _title(title: str) -> str:
    """A draft title cut to fit a notice line."""
    return title if len(title) < 120 else title[:117] + "…"


# One function per kind: the notice's text from its stored parameters, in the active locale. Written when the
# notice is read (page, mail), so that a reader sees it in the language they read in now, whoever acted.

def _assigned(p: dict) -> str:
    return _("Draft %(number)s “%(title)s” was assigned to you.", number=p["number"], title=p["title"])


def _consultation_opened(p: dict) -> str:
    return _("Your municipality is asked to comment on draft %(number)s “%(title)s” by %(deadline)s.",
             number=p["number"], title=p["title"], deadline=p["deadline"])


def _committee_asked(p: dict) -> str:
    return _("Draft %(number)s “%(title)s” waits for your committee's opinion.", number=p["number"], title=p["title"])


def _board_asked(p: dict) -> str:
    return _("Draft %(number)s “%(title)s” waits for the board's decision.", number=p["number"], title=p["title"])


def _returned(p: dict) -> str:
    return _("The board returned draft %(number)s “%(title)s” for revision.", number=p["number"], title=p["title"])


def _approved(p: dict) -> str:
    return _("The board approved the position on draft %(number)s “%(title)s”.", number=p["number"],
             title=p["title"])


def _letter_sent(p: dict) -> str:
    return _("LSA sent its letter on draft %(number)s “%(title)s”: see LSA's decisions on your municipality's "
             "comments.", number=p["number"], title=p["title"])


def _letter_sent_without_comments(p: dict) -> str:
    # To a municipality that had no comments (or did not answer): no "your comments" to look at, only the letter.
    return _("LSA sent its letter on draft %(number)s “%(title)s”. The letter is on the draft's page.",
             number=p["number"], title=p["title"])


def _answers_recorded(p: dict) -> str:
    return _("The initiator's answers to LSA's proposals on draft %(number)s “%(title)s” are recorded: see what "
             "became of your municipality's comments.", number=p["number"], title=p["title"])


RENDERERS = {
    "assigned": _assigned,
    "consultation_opened": _consultation_opened,
    "committee_asked": _committee_asked,
    "board_asked": _board_asked,
    "returned": _returned,
    "approved": _approved,
    "letter_sent": _letter_sent,
    "letter_sent_without_comments": _letter_sent_without_comments,
    "answers_recorded": _answers_recorded,
}
REMINDER_PREFIX = "reminder_"


def params_for(kind: str, draft: Draft) -> dict:
    """What a notice of ``kind`` on ``draft`` is written from (JSON-safe)."""
    params = {"number": draft.number_raw, "title": _title(draft.title)}
    if kind == "consultation_opened":
        params["deadline"] = str(draft.comment_deadline)
    return params


def render(notice: Notification, language: str | None = None) -> str:
    """The notice's text in ``language`` (the active locale when ``None``); rows stored before the notice kept
    its parameters, and kinds unknown here, show the text they were stored with."""
    params = notice.params
    if params is None:
        return notice.message
    if notice.kind.startswith(REMINDER_PREFIX):
        if language is None:
            locale = get_locale()
            language = locale.language if locale else "lt"
        return reminder_text(language, notice.kind[len(REMINDER_PREFIX):], **params)
    renderer = RENDERERS.get(notice.kind)
    if renderer is None:
        return notice.message
    if language is None:
        return renderer(params)
    with force_locale(language):
        return renderer(params)


def notify(users: list[User], kind: str, draft: Draft, anchor: str = "") -> None:
    """Create a notice per user and queue its e-mail; the caller commits (two flushes in all).

    ``anchor`` points the link at a part of the draft's page ("outcome": what became of the comments).
    The notice keeps its parameters and is written when read; ``message`` keeps the recipient's language of
    now for anything that reads the stored text.
    """
    params = params_for(kind, draft)
    notices = []
    for user in {u.id: u for u in users if u.active}.values():
        with force_locale(user.language):
            message = RENDERERS[kind](params)
        notices.append(Notification(user_id=user.id, draft_id=draft.id, kind=kind, message=message, params=params,
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
        message = render(notice)
        subject = short_subject(_("Reviewflow: %(message)s", message=message))
        text = render_template("emails/notification.txt", notice=notice, message=message, user=user, link=link)
        html = render_template("emails/notification.html", notice=notice, message=message, user=user, link=link)
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
