"""The guarantees underneath: the unique claim key and the sending lease."""

import pytest
from sqlalchemy.exc import IntegrityError

from reviewflow.extensions import db
from reviewflow.models import Draft, User
from reviewflow.models.reminders import ReminderClaim
from reviewflow.services import reminders
from reviewflow.services.reminder_plan import plan_reminders
from tests.reminders.conftest import vilnius
from tests.reminders.helpers import claims, consultation, reminder_notices


def test_a_second_claim_of_the_same_reminder_is_refused_by_the_database(cast, registered):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    (due,) = plan_reminders(vilnius("2026-12-22"))
    user, draft = db.session.get(User, due.user_id), db.session.get(Draft, due.draft_id)
    # Two scans that both planned before either claimed: the second INSERT loses.
    assert reminders._claim(due, user, draft, vilnius("2026-12-22")) is True
    assert reminders._claim(due, user, draft, vilnius("2026-12-22")) is False
    assert len(claims()) == 1 and len(reminder_notices(user)) == 1
    db.session.add(ReminderClaim(kind=due.kind, user_id=due.user_id, draft_id=due.draft_id,
                                 deadline=due.deadline, due_at=due.due_at))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_only_one_sender_holds_a_claim_at_a_time(cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    reminders.claim_due(vilnius("2026-12-22"))
    (claim,) = claims()
    assert reminders._take_lease(ReminderClaim, claim.id) is True
    assert reminders._take_lease(ReminderClaim, claim.id) is False  # a concurrent scan backs off
    assert reminders.deliver_pending(vilnius("2026-12-22")).sent == []
    assert smtp_sink.messages == []


def test_a_changed_deadline_is_a_new_reminder(cast, registered, smtp_sink):
    from tests.reminders.helpers import set_dates

    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    reminders.scan_reminders(vilnius("2026-12-22"))
    set_dates(registered, comments="2026-12-30", reply="2027-01-20")  # the lawyer extended it
    reminders.scan_reminders(vilnius("2026-12-28"))
    assert [(c.kind, c.deadline.isoformat()) for c in claims()] == [
        ("municipal_before", "2026-12-28"), ("municipal_before", "2026-12-30")]
    assert len(smtp_sink.messages) == 2


def test_a_reminder_that_is_no_longer_true_when_smtp_returns_is_cancelled(cast, registered, smtp_sink):
    from reviewflow.services import consultation as consultation_service

    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    smtp_sink.stop()
    reminders.scan_reminders(vilnius("2026-12-22"))
    consultation_service.answer_no_comments(registered, cast["kaunas"])  # answered meanwhile
    smtp_sink.start()
    reminders.scan_reminders(vilnius("2026-12-22", 10))
    assert [c.status for c in claims()] == ["cancelled"]
    assert smtp_sink.messages == []
