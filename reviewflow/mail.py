"""Sending e-mail over SMTP with a deterministic Message-ID (so a resend is recognisably the same)."""

from __future__ import annotations

import re
import smtplib
import textwrap
from collections.abc import Sequence
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from typing import NamedTuple

from flask import current_app

# Python's header folder drops the space between two encoded words when it folds a long non-ASCII
# subject ("15 straipsnių" arrives as "15straipsnių"); headers stay on one line up to SMTP's limit.
MAIL_POLICY = policy.default.clone(max_line_length=998)

# Every character that breaks a line somewhere (CR, LF, VT, FF, the file/group/record separators,
# NEL, U+2028, U+2029), with the blanks around it: the email package refuses some of them in a header
# and a mail reader may break the line at the others.
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# Other control characters have no place in a header either (a tab becomes a space).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")


class Attachment(NamedTuple):
    """A file attached to a mail: its name as the reader sees it, its bytes and its media type."""

    filename: str
    data: bytes
    mimetype: str = "application/octet-stream"


def fold_header(value: str) -> str:
    """One line of text for a mail header built from user text: each run of line breaks becomes a space."""
    value = _LINE_BREAKS.sub(" ", str(value)).replace("\t", " ")
    return _CONTROLS.sub("", value).strip()


def build_message(to: str, subject: str, text: str, html: str | None, message_id: str,
                  attachments: Sequence[Attachment] = ()) -> EmailMessage:
    """A plain-text e-mail with an optional HTML alternative and attached files; headers folded to one line each."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = fold_header(to)
    message["Subject"] = fold_header(subject)
    message["Date"] = formatdate(localtime=False)
    domain = current_app.config["MAIL_FROM"].rsplit("@", 1)[-1].strip("> ")
    message["Message-ID"] = f"<{fold_header(message_id)}@{domain}>"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        # The body becomes one part of a multipart/mixed message; the file's name is folded like a header.
        maintype, _slash, subtype = attachment.mimetype.partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype or "octet-stream",
                               filename=fold_header(attachment.filename))
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


def is_transient(exc: BaseException) -> bool:
    """Whether retrying the same mail later may succeed: the network or a server saying "try again"
    (4xx) yes; a mail that cannot be built, or a server refusing it for good (5xx), no."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return not 500 <= exc.smtp_code < 600
    return isinstance(exc, (smtplib.SMTPException, OSError))


SUBJECT_CHARS = 150  # an inbox shows about this much; the rest of the message is in the body


def short_subject(text: str, limit: int = SUBJECT_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit`` characters
    (a cut mid-word, "…kas nutiko jūsų s", reads as a fault)."""
    return textwrap.shorten(" ".join(text.split()), width=limit, placeholder=" …")
