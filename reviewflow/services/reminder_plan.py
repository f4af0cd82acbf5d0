"""Which reminders are due at a moment: read-only, counted in Vilnius working days.

Each reminder has stages: N working days before its deadline and the last working day itself, each
from a configured hour in Vilnius. Only the latest stage that has come is due, so a scan that ran
late never sends a stale "two days left" beside "today". Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from reviewflow import calendar
from reviewflow.extensions import db
from reviewflow.models import (
    OPEN_STATES,
    AnswerStatus,
    CommitteeMember,
    Draft,
    DraftState,
    Invitation,
    Municipality,
    Role,
    User,
    UserRole,
)
from reviewflow.services.clock import VILNIUS, vilnius_date


@dataclass(frozen=True)
class Settings:
    """The configurable timing of reminders."""

    days_before: int = 2
    hour: int = 8

    @classmethod
    def from_app(cls) -> Settings:
        """Read ``REMINDER_DAYS_BEFORE`` and ``REMINDER_HOUR`` from the app's configuration."""
        config = current_app.config
        return cls(int(config.get("REMINDER_DAYS_BEFORE", 2)), int(config.get("REMINDER_HOUR", 8)))


@dataclass(frozen=True)
class Due:
    """One reminder due now: what (kind), for whom, on which draft, for which deadline."""

    kind: str
    user_id: int
    draft_id: int
    deadline: date
    due_at: datetime
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, int, int, date]:
        """The claim's unique key."""
        return (self.kind, self.user_id, self.draft_id, self.deadline)


def at_hour(day: date, hour: int) -> datetime:
    """``hour``:00 on ``day`` in Vilnius, as an aware datetime."""
    return datetime.combine(day, time(hour), tzinfo=VILNIUS)


def stage_days(deadline: date, days_before: int) -> list[tuple[str, date]]:
    """The reminder days of a deadline: ("before", N working days earlier) and ("day", its last working day)."""
    day = calendar.subtract_working_days(deadline, 0)
    stages = [("before", calendar.subtract_working_days(deadline, days_before))] if days_before else []
    return [s for s in stages if s[1] < day] + [("day", day)]


def current_stage(deadline: date, now: datetime, settings: Settings) -> tuple[str, datetime] | None:
    """The latest stage of ``deadline`` that has come by ``now``; ``None`` before the first or after it."""
    if vilnius_date(now) > deadline:
        return None
    reached = None
    for stage, day in stage_days(deadline, settings.days_before):
        due_at = at_hour(day, settings.hour)
        if due_at <= now:
            reached = (stage, due_at)
    return reached


def passed_at(deadline: date, settings: Settings) -> datetime:
    """When a passed deadline is reported: the next working day after it, at the reminder hour."""
    return at_hour(calendar.add_working_days(deadline, 1), settings.hour)


def _users_with_role(role: Role) -> list[int]:
    return list(db.session.scalars(
        select(User.id).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == role, User.active.is_(True)).order_by(User.id)
    ))


def _active(user_ids: set[int]) -> set[int]:
    if not user_ids:
        return set()
    return set(db.session.scalars(select(User.id).where(User.id.in_(user_ids), User.active.is_(True))))


def _municipal(now: datetime, settings: Settings, horizon: date) -> list[Due]:
    today = vilnius_date(now)
    rows = db.session.execute(
        select(Invitation.draft_id, Invitation.deadline, User.id)
        .join(Draft, Draft.id == Invitation.draft_id)
        .join(User, User.municipality_id == Invitation.municipality_id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(Draft.state == DraftState.CONSULTATION, Invitation.status == AnswerStatus.PENDING,
               Invitation.deadline >= today, Invitation.deadline <= horizon,
               UserRole.role == Role.SPECIALIST, User.active.is_(True))
    ).all()
    due = []
    for draft_id, deadline, user_id in rows:
        stage = current_stage(deadline, now, settings)
        if stage:
            due.append(Due(f"municipal_{stage[0]}", user_id, draft_id, deadline, stage[1]))
    return due


def _waiting(now: datetime, settings: Settings, horizon: date) -> list[Due]:
    """The lawyer before the reply date; committee and board members while the draft waits for them."""
    today = vilnius_date(now)
    drafts = db.session.scalars(
        select(Draft).where(Draft.state.in_(OPEN_STATES), Draft.reply_deadline >= today,
                            Draft.reply_deadline <= horizon)
    ).all()
    committees = {d.committee_id for d in drafts if d.state == DraftState.COMMITTEE_REVIEW}
    members: dict[int, list[int]] = {}
    if committees:
        for committee_id, user_id in db.session.execute(
            select(CommitteeMember.committee_id, User.id).join(User, User.id == CommitteeMember.user_id)
            .where(CommitteeMember.committee_id.in_(committees), User.active.is_(True))
        ):
            members.setdefault(committee_id, []).append(user_id)
    board = _users_with_role(Role.BOARD) if any(d.state == DraftState.BOARD_REVIEW for d in drafts) else []
    lawyers = _active({d.lawyer_id for d in drafts if d.lawyer_id})
    due = []
    for draft in drafts:
        stage = current_stage(draft.reply_deadline, now, settings)
        if stage is None:
            continue
        recipients = [("reply", draft.lawyer_id)] if draft.lawyer_id in lawyers else []
        if draft.state == DraftState.COMMITTEE_REVIEW:
            recipients += [("committee", u) for u in members.get(draft.committee_id, [])]
        if draft.state == DraftState.BOARD_REVIEW:
            recipients += [("board", u) for u in board]
        due += [Due(f"{who}_{stage[0]}", user_id, draft.id, draft.reply_deadline, stage[1])
                for who, user_id in recipients]
    return due


def _missed_answers(now: datetime, settings: Settings) -> list[Due]:
    """Once per draft and passed comment deadline: the lawyer hears who has not answered."""
    today = vilnius_date(now)
    rows = db.session.execute(
        select(Draft.id, Draft.lawyer_id, Invitation.deadline, Municipality.name, Municipality.sort_key)
        .join(Invitation, Invitation.draft_id == Draft.id)
        .join(Municipality, Municipality.id == Invitation.municipality_id)
        .where(Draft.state == DraftState.CONSULTATION, Draft.lawyer_id.is_not(None),
               Invitation.status == AnswerStatus.PENDING, Invitation.deadline < today)
        .order_by(Draft.id, Invitation.deadline, Municipality.sort_key)
    ).all()
    groups: dict[tuple[int, int, date], list[str]] = {}
    for draft_id, lawyer_id, deadline, name, _sort in rows:
        groups.setdefault((draft_id, lawyer_id, deadline), []).append(name)
    lawyers = _active({lawyer for _d, lawyer, _dl in groups})
    due = []
    for (draft_id, lawyer_id, deadline), names in groups.items():
        moment = passed_at(deadline, settings)
        if lawyer_id in lawyers and moment <= now:
            due.append(Due("missed_answers", lawyer_id, draft_id, deadline, moment,
                           {"municipalities": names}))
    return due


def _overdue(now: datetime, settings: Settings) -> list[Due]:
    """Once per draft and reply deadline: the lawyer and every administrator hear it is overdue."""
    today = vilnius_date(now)
    drafts = db.session.scalars(
        select(Draft).where(Draft.state.in_(OPEN_STATES), Draft.reply_deadline < today)
    ).all()
    if not drafts:
        return []
    admins = _users_with_role(Role.ADMIN)
    lawyers = _active({d.lawyer_id for d in drafts if d.lawyer_id})
    due = []
    for draft in drafts:
        moment = passed_at(draft.reply_deadline, settings)
        if moment > now:
            continue
        recipients = ([draft.lawyer_id] if draft.lawyer_id in lawyers else []) + admins
        due += [Due("overdue", user_id, draft.id, draft.reply_deadline, moment)
                for user_id in dict.fromkeys(recipients)]
    return due


def plan_reminders(now: datetime, settings: Settings | None = None) -> list[Due]:
    """Every reminder due at ``now`` (claimed or not), in a stable order."""
    if now.tzinfo is None:
        raise ValueError("plan_reminders needs an aware datetime")
    settings = settings or Settings.from_app()
    today = vilnius_date(now)
    # Generous in calendar days; the stage computation decides exactly.
    horizon = today + timedelta(days=2 * settings.days_before + 21)
    due = (_municipal(now, settings, horizon) + _waiting(now, settings, horizon)
           + _missed_answers(now, settings) + _overdue(now, settings))
    due.sort(key=lambda d: (d.due_at, d.draft_id, d.kind, d.user_id))
    return due
