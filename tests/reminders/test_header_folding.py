"""Every mail header built from user text is one line: a line break in a title never stops a mail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.mail import build_message, fold_header, send_message, short_subject
from reviewflow.models import OutboxJob
from reviewflow.services import lifecycle
from reviewflow.services.notifications import MAIL_TASK, deliver_notification_mail

BREAKS = {
    "line feed": "\n", "carriage return": "\r", "CRLF and indent": "\r\n  ", "vertical tab": "\v",
    "form feed": "\f", "next line (U+0085)": "\x85", "line separator (U+2028)": "\u2028",
    "paragraph separator (U+2029)": "\u2029", "record separator": "\x1e", "several": "\n\u2028\r\n",
}


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_each_kind_of_line_break_becomes_one_space(brk):
    assert fold_header(f"Savivaldos{brk}įstatymo projektas") == "Savivaldos įstatymo projektas"


def test_tabs_and_other_controls_do_not_reach_a_header():
    assert fold_header("\tDėl\x00 projekto\x07 \x1b") == "Dėl projekto"


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_subject_with_a_line_break_is_sent_on_one_line(app, smtp_sink, brk):
    send_message(build_message("ona@vilnius.lt", f"Reviewflow: pirma eilutė{brk}antra eilutė", "Tekstas",
                               None, "fold-1"))
    (message,) = smtp_sink.messages
    assert message["Subject"] == "Reviewflow: pirma eilutė antra eilutė"


@pytest.mark.parametrize("brk", ["\n", "\u2028"], ids=["line feed", "U+2028"])
def test_the_assignment_mail_of_a_title_with_a_line_break_goes_out(app, smtp_sink, cast, registered, db, brk):
    registered.title = f"Vietos savivaldos įstatymo{brk}pakeitimo įstatymo projektas"
    db.session.commit()
    lifecycle.fire_transition(registered.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email})
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == MAIL_TASK))
    assert deliver_notification_mail(job.id) is True
    (message,) = smtp_sink.to(cast["lawyer"].email)
    assert "Vietos savivaldos įstatymo pakeitimo įstatymo projektas" in message["Subject"]
    assert "\n" not in str(message["Subject"]) and "\u2028" not in str(message["Subject"])
    db.session.expire_all()
    job = db.session.get(OutboxJob, job.id)
    assert job.done_at is not None and job.failed_at is None and job.last_error is None


def test_a_long_subject_is_cut_at_a_word_with_an_ellipsis():
    title = "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymo projektas " * 3
    subject = short_subject(f"Reviewflow: Išsiųstas LSA raštas dėl {title}: kas nutiko jūsų savivaldybės pastaboms")
    assert len(subject) <= 150 and subject.endswith(" …")
    assert subject.rsplit(" ", 2)[-2] in title.split()  # the last word kept is whole
    assert short_subject("Trumpa\ntema") == "Trumpa tema"
