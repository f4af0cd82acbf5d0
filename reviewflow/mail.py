"""Sending e-mail over SMTP with a deterministic Message-ID (so a resend is recognisably the same)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app


def build_message(to: str, subject: str, text: str, html: str | None, message_id: str) -> EmailMessage:
    """A plain-text e-mail with an optional HTML alternative."""
    message = EmailMessage()
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
