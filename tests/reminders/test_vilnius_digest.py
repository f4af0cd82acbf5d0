"""E-mails are dated by the Vilnius day: a digest gathered at 22:30 UTC is the next day's digest."""

from datetime import UTC, date, datetime

from reviewflow.extensions import db
from reviewflow.models.reminders import ReminderDigest
from reviewflow.services import consultation as consultation_service
from reviewflow.services.reminders import scan_reminders
from tests.reminders.helpers import consultation


def test_a_digest_sent_at_half_past_midnight_in_vilnius_carries_that_day(cast, registered, smtp_sink):
    lawyer = cast["lawyer"]
    lawyer.digest_mode = True
    db.session.commit()
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-15"])
    consultation_service.answer_no_comments(registered, cast["kaunas"])
    # 22:30 UTC on Tuesday 22 December is 00:30 on Wednesday 23 December in Vilnius.
    scan_reminders(datetime(2026, 12, 22, 22, 30, tzinfo=UTC))
    (digest,) = smtp_sink.to(lawyer.email)
    assert digest["Subject"] == "Reviewflow: priminimai 2026-12-23 (1)"
    assert "2026-12-23" in digest.get_body(("plain",)).get_content()
    assert db.session.query(ReminderDigest.digest_date).scalar() == date(2026, 12, 23)
