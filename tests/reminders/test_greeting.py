"""Mails greet without the person's name in Lithuanian: the nominative ("Laba diena, Jonas") is wrong there
and the vocative cannot be formed safely for every name (foreign names, unknown gender, name and surname)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.models import OutboxJob
from reviewflow.services import lifecycle
from reviewflow.services.notifications import MAIL_TASK, deliver_notification_mail


@pytest.mark.parametrize(("language", "greeting"), [("lt", "Laba diena,"), ("en", "Hello, {name},")])
def test_a_notice_mail_greets_as_the_language_allows(app, smtp_sink, cast, registered, db, language, greeting):
    cast["lawyer"].language = language
    db.session.commit()
    lifecycle.fire_transition(registered.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == MAIL_TASK))
    assert deliver_notification_mail(job.id) is True
    (message,) = smtp_sink.to(cast["lawyer"].email)
    expected = greeting.format(name=cast["lawyer"].name)
    assert message.get_body(("plain",)).get_content().splitlines()[0] == expected
    assert f"<p>{expected}</p>" in message.get_body(("html",)).get_content()
