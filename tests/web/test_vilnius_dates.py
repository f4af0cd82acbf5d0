"""Pages and the calendar feed show Vilnius dates: a comment at 22:30 UTC on 30 November is of 1 December."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import icalendar
from sqlalchemy import select, update

from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Draft, DraftState
from tests.conftest import login
from tests.pages.conftest import draft_in, make_people
from tests.web.conftest import text

LATE_EVENING_UTC = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)


def test_the_comments_table_dates_a_late_evening_comment_by_the_vilnius_day(app, make_user):
    people = make_people(make_user)
    draft = draft_in(DraftState.CONSULTATION, people)
    db.session.execute(update(Comment).where(Comment.id == draft.comment.id).values(created_at=LATE_EVENING_UTC))
    db.session.commit()
    client = app.test_client()
    login(client, people["lawyer"].email)
    page = text(client.get(f"/drafts/{draft.id}/table"))
    assert re.search(r"Vilniaus miesto savivaldybė, (<span[^>]*>)?2026-12-01", page)  # a date kept on one line
    assert "2026-11-30" not in page


def test_the_timeline_shows_vilnius_local_time(app, make_user):
    people = make_people(make_user)
    draft = draft_in(DraftState.REGISTERED, people)
    db.session.execute(update(AuditEntry).where(AuditEntry.draft_id == draft.id).values(created_at=LATE_EVENING_UTC))
    db.session.commit()
    client = app.test_client()
    login(client, people["lawyer"].email)
    page = text(client.get(f"/drafts/{draft.id}"))
    assert re.search(r'<time datetime="2026-11-30T22:30:00\+00:00">2026-12-01 00:30</time>', page)


def test_the_calendar_feed_keeps_the_deadline_day_and_stamps_in_utc(app, make_user):
    people = make_people(make_user)
    draft = draft_in(DraftState.ASSIGNED, people)  # the lawyer's feed lists the drafts assigned to them
    db.session.execute(update(Draft).where(Draft.id == draft.id).values(
        reply_deadline=date(2026, 12, 1), updated_at=LATE_EVENING_UTC))
    db.session.commit()
    token = people["lawyer"].calendar_token
    assert token
    response = app.test_client().get(f"/calendar/{token}.ics")
    (event,) = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 12, 1)  # an all-day event on the Vilnius day, no shift
    assert "DTSTART;VALUE=DATE:20261201" in response.get_data(as_text=True)
    assert event.decoded("dtstamp") == LATE_EVENING_UTC
    assert db.session.scalar(select(Draft.reply_deadline).where(Draft.id == draft.id)) == date(2026, 12, 1)
