"""Sending e-mail over SMTP with a deterministic Message-ID (so a resend is recognisably the same)."""

from __future__ import annotations

import smtplib
from email import policy
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app

# Python's header folder drops the space between two encoded words when it folds a long non-ASCII
# subject ("15 straipsnių" arrives as "15straipsnių"); headers stay on one line up to SMTP's limit.
MAIL_POLICY = policy.default.clone(max_line_length=998)


def build_message(to: str, subject: str, text: str, html: str | None, message_id: str) -> EmailMessage:
    """A plain-text e-mail with an optional HTML alternative."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = current_app.config["MAIL_FROM"].rsplit("@", 1)[-1].strip("> ")
    message["Message-ID"] = f"<{message_id}@{domain}>"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_message(message: EmailMessage) -> None:
    """Send through the configured SMTP server; raises on failure so the caller can retry."""
    config = current_app.config
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=15) as smtp:
        if config.get("SMTP_STARTTLS"):
            smtp.starttls()
        if config.get("SMTP_USERNAME"):
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(message)
