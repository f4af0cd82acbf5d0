"""A long Lithuanian subject arrives exactly as written (no space lost where a header would fold)."""

from reviewflow.mail import build_message, send_message

SUBJECT = ("Reviewflow: Jūsų savivaldybės prašoma iki 2026-12-21 pateikti pastabas dėl projekto XIVP-2435(2) "
           "„Vietos savivaldos įstatymo Nr. I-533 3, 6 ir 15 straipsnių pakeitimo įstatymo projektas“.")


def test_a_long_lithuanian_subject_survives_the_trip(app, smtp_sink):
    send_message(build_message("ona@vilnius.lt", SUBJECT, "Tekstas ąčęėįšųūž", "<p>Tekstas</p>", "test-1"))
    (message,) = smtp_sink.messages
    assert message["Subject"] == SUBJECT
    assert message["Message-ID"].startswith("<test-1@")
    assert message.get_body(("plain",)).get_content().strip() == "Tekstas ąčęėįšųūž"
