"""Deadline reminders, each exactly once: claim a row with a unique key, then send, retry until sent.

A scan (beat every few minutes, or ``flask send-reminders``) plans what is due at ``now``, claims
each reminder by INSERTing its :class:`ReminderClaim` together with its in-app notice (a duplicate
key means another scan got there first), then sends every claim not yet sent. The claim is
committed before SMTP is touched and marked sent right after, so a failed send is retried by the
next scan and a sent one is never sent again. A short lease keeps two concurrent scans from
sending the same claim. The scan commits per claim on purpose: each claim is its own unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from reviewflow import calendar
from reviewflow.extensions import db
from reviewflow.mail import build_message, send_message
from reviewflow.models import AnswerStatus, Draft, DraftState, Invitation, Notification, User
from reviewflow.models.base import utcnow
from reviewflow.models.reminders import ReminderClaim, ReminderDigest
from reviewflow.services import notifications
from reviewflow.services.clock import vilnius_date
from reviewflow.services.reminder_plan import Due, plan_reminders
from reviewflow.services.reminder_texts import (
    language_of,
    reminder_message,
    reminder_subject,
    short_title,
    text,
)

LEASE = timedelta(minutes=5)
WAITING_STATES = {"committee": DraftState.COMMITTEE_REVIEW, "board": DraftState.BOARD_REVIEW}


@dataclass
class ScanReport:
    """What one scan did: reminders due, newly claimed, mails sent and failed (as printable lines)."""

    due: int = 0
    claimed: int = 0
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for logs and the command line."""
        return (f"{self.due} due, {self.claimed} newly claimed, {len(self.sent)} mail(s) sent, "
                f"{len(self.failed)} failed (retried on the next scan)")


def scan_reminders(now: datetime | None = None) -> ScanReport:
    """Claim every reminder due at ``now`` and send every claimed one not yet sent."""
    now = now or utcnow()
    report = ScanReport()
    claim_due(now, report)
    deliver_pending(now, report)
    return report


def claim_due(now: datetime, report: ScanReport | None = None) -> int:
    """Insert a claim and an in-app notice for each due reminder not claimed yet; returns how many."""
    report = report or ScanReport()
    plan = plan_reminders(now)
    report.due += len(plan)
    if not plan:
        return 0
    draft_ids = {d.draft_id for d in plan}
    claimed = {tuple(row) for row in db.session.execute(
        select(ReminderClaim.kind, ReminderClaim.user_id, ReminderClaim.draft_id, ReminderClaim.deadline)
        .where(ReminderClaim.draft_id.in_(draft_ids))
    )}
    fresh = [d for d in plan if d.key not in claimed]
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({d.user_id for d in fresh})))}
    drafts = {d.id: d for d in db.session.scalars(select(Draft).where(Draft.id.in_(draft_ids)))}
    count = 0
    for due in fresh:
        if _claim(due, users[due.user_id], drafts[due.draft_id], now):
            count += 1
    report.claimed += count
    return count


def _claim(due: Due, user: User, draft: Draft, now: datetime) -> bool:
    """One claim and its notice in one transaction; ``False`` when the key was already taken."""
    language = language_of(user.language)
    today = vilnius_date(now)
    params = {"number": draft.number_raw, "title": short_title(draft.title), "deadline": due.deadline.isoformat(),
              "left": max(calendar.working_days_between(today, due.deadline), 0),
              "municipalities": ", ".join(due.details.get("municipalities", []))}
    message = reminder_message(language, due.kind, **{**params, "deadline": due.deadline})
    notice = Notification(user_id=user.id, draft_id=draft.id, kind=f"reminder_{due.kind}",
                          message=message, params=params, url=f"/drafts/{draft.id}")
    db.session.add(notice)
    try:
        db.session.flush()
        db.session.add(ReminderClaim(
            kind=due.kind, user_id=user.id, draft_id=draft.id, deadline=due.deadline, due_at=due.due_at,
            channel="digest" if user.digest_mode else "mail", notification_id=notice.id,
        ))
        db.session.commit()
    except IntegrityError:  # a concurrent scan claimed the same reminder first
        db.session.rollback()
        return False
    return True


def deliver_pending(now: datetime | None = None, report: ScanReport | None = None) -> ScanReport:
    """Send every claimed reminder not yet sent: single mails, then today's digests."""
    now = now or utcnow()
    report = report or ScanReport()
    for claim_id in db.session.scalars(
        select(ReminderClaim.id).where(ReminderClaim.channel == "mail", ReminderClaim.status == "pending")
        .order_by(ReminderClaim.id)
    ).all():
        _deliver_single(claim_id, report)
    _gather_digests(now)
    for digest_id in db.session.scalars(
        select(ReminderDigest.id).where(ReminderDigest.status == "pending").order_by(ReminderDigest.id)
    ).all():
        _deliver_digest(digest_id, report)
    return report


def _take_lease(model: type[ReminderClaim] | type[ReminderDigest], row_id: int) -> bool:
    """Atomically mark the row as being sent by this scan; ``False`` when sent or leased elsewhere."""
    moment = utcnow()
    result = db.session.execute(
        update(model)
        .where(model.id == row_id, model.status == "pending",
               or_(model.lease_until.is_(None), model.lease_until < moment))
        .values(lease_until=moment + LEASE, attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _send(row: ReminderClaim | ReminderDigest, message_id: str, build) -> str | None:
    """Build and send one mail for ``row`` and record the outcome; returns the error, if any."""
    try:
        send_message(build(message_id))
    except Exception as exc:  # SMTP down or refusing: keep the claim for the next scan
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        row.lease_until = None
        db.session.commit()
        current_app.logger.warning("reminder mail %s not sent: %s", message_id, row.last_error)
        return row.last_error
    row.status, row.sent_at = "sent", utcnow()
    row.message_id = message_id
    row.last_error = None
    row.lease_until = None
    return None


def _link(draft_id: int) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + f"/drafts/{draft_id}"


def _profile_link() -> str:
    return current_app.config["BASE_URL"].rstrip("/") + "/profile"


def _deliver_single(claim_id: int, report: ScanReport) -> None:
    if not _take_lease(ReminderClaim, claim_id):
        return
    claim = db.session.get(ReminderClaim, claim_id)
    user = db.session.get(User, claim.user_id)
    draft = db.session.get(Draft, claim.draft_id)
    notice = db.session.get(Notification, claim.notification_id) if claim.notification_id else None
    if not is_still_due(claim, draft, user):
        claim.status, claim.lease_until = "cancelled", None
        db.session.commit()
        return
    language = language_of(user.language)
    item = {"message": notifications.render(notice, language) if notice else claim.kind, "link": _link(draft.id)}

    def build(message_id: str):
        context = {"user": user, "items": [item], "language": language, "t": _texts(language, user),
                   "profile_link": _profile_link()}
        with force_locale(language):
            body = render_template("emails/reminder.txt", **context)
            html = render_template("emails/reminder.html", **context)
        subject = reminder_subject(language, claim.kind, draft.number_raw)
        return build_message(user.email, subject, body, html, message_id)

    line = f"{claim.kind} to {user.email} on {draft.number_raw} (deadline {claim.deadline.isoformat()})"
    error = _send(claim, f"reminder-{claim.id}", build)
    if error:
        report.failed.append(f"{line}: {error}")
        return
    db.session.commit()
    report.sent.append(f"reminder-{claim.id} {line}")


def is_still_due(claim: ReminderClaim, draft: Draft, user: User) -> bool:
    """Whether what the reminder says is still true when its mail goes (it may have waited for SMTP)."""
    who = claim.kind.split("_", 1)[0]
    if not user.active or not draft.is_open:
        return False
    if who in ("municipal", "missed") and draft.state != DraftState.CONSULTATION:
        return False
    if who == "municipal":
        return db.session.scalar(select(Invitation.id).where(
            Invitation.draft_id == draft.id, Invitation.municipality_id == user.municipality_id,
            Invitation.status == AnswerStatus.PENDING, Invitation.deadline == claim.deadline,
        )) is not None
    if who in WAITING_STATES:
        return draft.state == WAITING_STATES[who]
    if who in ("reply", "missed"):  # the draft may have gone to another lawyer meanwhile
        return draft.lawyer_id == user.id
    return True


def _texts(language: str, user: User) -> dict[str, str]:
    """The fixed words of a reminder mail."""
    return {key: text(language, key, name=user.name)
            for key in ("greeting", "digest_intro", "open", "settings")}


def _gather_digests(now: datetime) -> None:
    """Put each digest user's waiting reminders into that user's digest of today (one per day)."""
    today = vilnius_date(now)
    user_ids = db.session.scalars(
        select(ReminderClaim.user_id).where(ReminderClaim.channel == "digest",
                                            ReminderClaim.digest_id.is_(None)).distinct()
    ).all()
    for user_id in user_ids:
        digest = ReminderDigest(user_id=user_id, digest_date=today)
        db.session.add(digest)
        try:
            db.session.flush()
        except IntegrityError:  # today's digest exists already: these wait for tomorrow's
            db.session.rollback()
            continue
        db.session.execute(
            update(ReminderClaim)
            .where(ReminderClaim.user_id == user_id, ReminderClaim.channel == "digest",
                   ReminderClaim.digest_id.is_(None))
            .values(digest_id=digest.id).execution_options(synchronize_session=False)
        )
        db.session.commit()


def _deliver_digest(digest_id: int, report: ScanReport) -> None:
    if not _take_lease(ReminderDigest, digest_id):
        return
    digest = db.session.get(ReminderDigest, digest_id)
    user = db.session.get(User, digest.user_id)
    rows = db.session.execute(
        select(ReminderClaim, Notification, Draft)
        .join(Draft, Draft.id == ReminderClaim.draft_id)
        .outerjoin(Notification, Notification.id == ReminderClaim.notification_id)
        .where(ReminderClaim.digest_id == digest_id).order_by(ReminderClaim.due_at, ReminderClaim.id)
    ).all()
    language = language_of(user.language)
    for claim, _notice, draft in rows:
        if not is_still_due(claim, draft, user):
            claim.status = "cancelled"
    rows = [row for row in rows if row[0].status != "cancelled"]
    items = [{"message": notifications.render(notice, language) if notice else claim.kind, "link": _link(draft.id)}
             for claim, notice, draft in rows]

    def build(message_id: str):
        context = {"user": user, "items": items, "language": language, "t": _texts(language, user),
                   "profile_link": _profile_link(), "digest_date": digest.digest_date.isoformat()}
        with force_locale(language):
            body = render_template("emails/reminder_digest.txt", **context)
            html = render_template("emails/reminder_digest.html", **context)
        subject = text(language, "subject_digest", date=digest.digest_date.isoformat(), count=len(items))
        return build_message(user.email, subject, body, html, message_id)

    line = f"digest of {len(items)} to {user.email} for {digest.digest_date.isoformat()}"
    message_id = f"reminder-digest-{digest.id}"
    if items:
        error = _send(digest, message_id, build)
        if error:
            report.failed.append(f"{line}: {error}")
            return
    else:  # nothing in it is still true: close it without a mail
        digest.status, digest.lease_until = "cancelled", None
    for claim, _notice, _draft in rows:
        claim.status, claim.sent_at, claim.message_id = digest.status, digest.sent_at, message_id
    db.session.commit()
    if items:
        report.sent.append(f"{message_id} {line}")


def set_digest_mode(user_id: int, digest: bool) -> None:
    """Choose one daily digest (``True``) or single reminder mails (``False``) for the user."""
    user = db.session.get(User, user_id)
    user.digest_mode = bool(digest)
    db.session.commit()
