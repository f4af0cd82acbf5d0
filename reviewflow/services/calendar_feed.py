"""A person's deadlines as an iCalendar feed, reached at a secret per-user URL that can be reset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from icalendar import Calendar, Event
from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import AnswerStatus, Draft, DraftState, Invitation, Role, User
from reviewflow.models.accounts import new_session_token
from reviewflow.services.reminder_plan import OPEN_STATES
from reviewflow.services.reminder_texts import language_of, short_title

LABELS = {
    "lt": {"reply": "Atsakymo terminas", "comments": "Savivaldybių pastabų terminas",
           "committee": "Komiteto nuomonė (atsakymo terminas)",
           "board": "Valdybos sprendimas (atsakymo terminas)", "calendar": "Reviewflow terminai"},
    "en": {"reply": "Reply deadline", "comments": "Municipal comments deadline",
           "committee": "Committee opinion (reply deadline)",
           "board": "Board decision (reply deadline)", "calendar": "Reviewflow deadlines"},
}


@dataclass(frozen=True)
class Deadline:
    """One dated item in a person's calendar."""

    what: str  # reply, comments, committee, board
    day: date
    draft: Draft


def user_by_calendar_token(token: str) -> User | None:
    """The active user whose feed ``token`` opens, or ``None``."""
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    return user if user is not None and user.active else None


def reset_calendar_token(user_id: int) -> str:
    """Give the user a new feed URL; the old one stops working at once."""
    user = db.session.get(User, user_id)
    user.calendar_token = new_session_token()
    db.session.commit()
    return user.calendar_token


def deadlines_for(user: User) -> list[Deadline]:
    """The deadlines of open drafts that concern ``user``, by the roles they hold."""
    items: list[Deadline] = []
    if user.has_role(Role.LAWYER, Role.ADMIN):
        query = select(Draft).where(Draft.state.in_(OPEN_STATES))
        if not user.has_role(Role.ADMIN):
            query = query.where(Draft.lawyer_id == user.id)
        for draft in db.session.scalars(query):
            items.append(Deadline("reply", draft.reply_deadline, draft))
            if draft.state == DraftState.CONSULTATION and draft.comment_deadline:
                items.append(Deadline("comments", draft.comment_deadline, draft))
    if user.has_role(Role.SPECIALIST) and user.municipality_id:
        for draft, deadline in db.session.execute(
            select(Draft, Invitation.deadline).join(Invitation, Invitation.draft_id == Draft.id)
            .where(Invitation.municipality_id == user.municipality_id,
                   Invitation.status == AnswerStatus.PENDING, Draft.state == DraftState.CONSULTATION)
        ):
            items.append(Deadline("comments", deadline, draft))
    if user.has_role(Role.COMMITTEE) and user.committee_ids:
        for draft in db.session.scalars(select(Draft).where(
            Draft.state == DraftState.COMMITTEE_REVIEW, Draft.committee_id.in_(user.committee_ids)
        )):
            items.append(Deadline("committee", draft.reply_deadline, draft))
    if user.has_role(Role.BOARD):
        for draft in db.session.scalars(select(Draft).where(Draft.state == DraftState.BOARD_REVIEW)):
            items.append(Deadline("board", draft.reply_deadline, draft))
    unique = {(i.what, i.draft.id, i.day): i for i in items}
    return sorted(unique.values(), key=lambda i: (i.day, i.draft.id, i.what))


def build_calendar(user: User) -> bytes:
    """The user's deadlines as an RFC 5545 calendar of all-day events, in the user's language."""
    labels = LABELS[language_of(user.language)]
    base = current_app.config["BASE_URL"].rstrip("/")
    host = base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "reviewflow"
    calendar = Calendar()
    calendar.add("prodid", "-//LSA//Reviewflow//LT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", labels["calendar"])
    calendar.add("x-wr-timezone", "Europe/Vilnius")
    for item in deadlines_for(user):
        link = f"{base}/drafts/{item.draft.id}"
        event = Event()
        # Stable per item and deadline, so a calendar app updates the event instead of doubling it.
        event.add("uid", f"{item.what}-{item.draft.id}-{item.day.isoformat()}@{host}")
        event.add("dtstamp", item.draft.updated_at or datetime.now(UTC))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", f"{labels[item.what]}: {item.draft.number_raw}")
        event.add("description", f"{short_title(item.draft.title, 300)}\n{link}")
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
