"""The personal calendar feed, the reminder settings and the send-reminders command."""

import icalendar

from reviewflow.extensions import db
from reviewflow.models import DraftState, User
from reviewflow.reminders_cli import send_reminders_command
from tests.conftest import login
from tests.reminders.conftest import BASE_URL
from tests.reminders.helpers import claims, consultation, put_in_state


def events(response) -> list:
    calendar = icalendar.Calendar.from_ical(response.data)
    return sorted(calendar.walk("VEVENT"), key=lambda e: (e.decoded("dtstart"), str(e["summary"])))


def test_the_feed_lists_the_deadlines_that_concern_each_person(client, cast, registered):
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-57"])
    lawyer = client.get(f"/calendar/{cast['lawyer'].calendar_token}.ics")
    assert lawyer.status_code == 200
    assert lawyer.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert lawyer.headers["Cache-Control"] == "private, no-store"
    found = [(str(e["summary"]), e.decoded("dtstart").isoformat()) for e in events(lawyer)]
    assert found == [("Savivaldybių pastabų terminas: XIVP-2435(2)", "2026-12-14"),
                     ("Atsakymo terminas: XIVP-2435(2)", "2026-12-28")]
    (event,) = events(client.get(f"/calendar/{cast['vilnius'].calendar_token}.ics"))
    assert event.decoded("dtstart").isoformat() == "2026-12-14"
    assert str(event["url"]) == f"{BASE_URL}/drafts/{registered.id}"
    assert events(client.get(f"/calendar/{cast['kaunas'].calendar_token}.ics")) == []
    assert events(client.get(f"/calendar/{cast['ivpk'].calendar_token}.ics")) == []
    put_in_state(registered, DraftState.COMMITTEE_REVIEW, committee="IVPK")
    (committee,) = events(client.get(f"/calendar/{cast['ivpk'].calendar_token}.ics"))
    assert str(committee["summary"]).startswith("Komiteto nuomonė")


def test_event_uids_are_stable_between_fetches(client, cast, registered):
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-57"])
    url = f"/calendar/{cast['lawyer'].calendar_token}.ics"
    assert [str(e["uid"]) for e in events(client.get(url))] == [str(e["uid"]) for e in events(client.get(url))]


def test_the_feed_speaks_the_users_language(client, make_user, cast, registered):
    english = make_user("specialist", municipality="LT-57", language="en")
    consultation(cast, registered, comments="2026-12-14", reply="2026-12-28", municipalities=["LT-57"])
    (event,) = events(client.get(f"/calendar/{english.calendar_token}.ics"))
    assert str(event["summary"]) == "Municipal comments deadline: XIVP-2435(2)"


def test_an_unknown_token_or_an_inactive_user_gets_404(client, cast):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get("/calendar/.ics").status_code == 404
    cast["lawyer"].active = False
    db.session.commit()
    assert client.get(f"/calendar/{cast['lawyer'].calendar_token}.ics").status_code == 404


def test_resetting_the_address_kills_the_old_one(client, cast):
    user = cast["vilnius"]
    old = user.calendar_token
    assert client.post("/profile/calendar/reset").status_code in (302, 401)  # signed out: refused
    assert db.session.get(User, user.id).calendar_token == old
    login(client, user.email)
    response = client.post("/profile/calendar/reset")
    assert response.status_code == 302 and response.headers["Location"].endswith("/profile")
    db.session.expire_all()
    new = db.session.get(User, user.id).calendar_token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_a_user_chooses_the_daily_digest(client, cast):
    user = cast["lawyer"]
    login(client, user.email)
    assert client.post("/profile/reminders", data={"mode": "digest"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).digest_mode is True
    assert client.post("/profile/reminders", data={"mode": "weekly"}).status_code == 400
    client.post("/profile/reminders", data={"mode": "single"})
    db.session.expire_all()
    assert db.session.get(User, user.id).digest_mode is False


def test_send_reminders_runs_the_scan_once_and_prints_what_it_sent(app, cast, registered, smtp_sink):
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    runner = app.test_cli_runner()
    early = runner.invoke(send_reminders_command, ["--now", "2026-12-22T07:59+02:00"])
    assert early.exit_code == 0 and "0 due" in early.output
    result = runner.invoke(send_reminders_command, ["--now", "2026-12-21T08:00+02:00"])
    assert result.exit_code == 0, result.output
    assert "0 due" in result.output  # Monday 21st is three working days before: not yet
    result = runner.invoke(send_reminders_command, ["--now", "2026-12-22T08:00+02:00"])
    assert result.exit_code == 0, result.output
    assert f"municipal_before to {cast['kaunas'].email} on XIVP-2435(2) (deadline 2026-12-28)" in result.output
    again = runner.invoke(send_reminders_command, ["--now", "2026-12-22T08:30+02:00"])
    assert "0 newly claimed, 0 mail(s) sent" in again.output
    assert len(smtp_sink.messages) == len(claims()) == 1


def test_send_reminders_refuses_a_moment_without_offset_and_warns_when_smtp_is_down(app, cast, registered,
                                                                                    smtp_sink):
    runner = app.test_cli_runner()
    assert runner.invoke(send_reminders_command, ["--now", "2026-12-22T08:00"]).exit_code == 2
    consultation(cast, registered, comments="2026-12-28", reply="2027-01-20", municipalities=["LT-15"])
    smtp_sink.stop()
    down = runner.invoke(send_reminders_command, ["--now", "2026-12-22T08:00+02:00"])
    # The scan did its job (the claim is kept for the next scan): exit 0, with a warning saying how many wait.
    assert down.exit_code == 0, down.output
    assert "failed municipal_before" in down.output
    assert "warning: 1 reminder mail(s) wait for retry on the next scan" in down.output
    assert "1 newly claimed, 0 mail(s) sent, 1 failed" in down.output
    smtp_sink.start()
    up = runner.invoke(send_reminders_command, ["--now", "2026-12-22T08:05+02:00"])
    assert up.exit_code == 0 and "1 mail(s) sent" in up.output and "warning" not in up.output


def test_send_reminders_help_documents_the_exit_status(app):
    help_text = app.test_cli_runner().invoke(send_reminders_command, ["--help"]).output
    assert "Exit status: 0 when the scan ran" in help_text and "wait for retry" in help_text
