"""Fixtures for reminders: a real SMTP sink (aiosmtpd) and an app that sends to it."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import date, datetime, time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from reviewflow.extensions import db as _db
from reviewflow.services.clock import VILNIUS
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401

BASE_URL = "https://reviewflow.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """A real SMTP server on a fixed local port that keeps every message; can be stopped and restarted."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def app(app_factory, smtp_sink):
    """The application sending mail to the sink; the test's own work runs in a second app's context."""
    settings = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp_sink.port, "BASE_URL": BASE_URL,
                "REMINDER_DAYS_BEFORE": 2, "REMINDER_HOUR": 8}
    application = app_factory(**settings)
    with app_factory(**settings).app_context():
        yield application
        _db.session.remove()


def vilnius(day: str, hour: int = 8, minute: int = 0) -> datetime:
    """A moment in Vilnius: ``vilnius("2026-12-22")`` is 08:00 that day."""
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=VILNIUS)
