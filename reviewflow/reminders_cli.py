"""``flask --app reviewflow send-reminders``: the reminder scan, run once by an operator or a test."""

from __future__ import annotations

from datetime import datetime

import click

from reviewflow.models.base import utcnow


def _moment(value: str | None) -> datetime:
    """Parse ``--now`` (ISO 8601 with an offset); the current moment when absent."""
    if not value:
        return utcnow()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 moment: {value!r}") from exc
    if moment.tzinfo is None:
        raise click.BadParameter("give the offset too, e.g. 2026-12-21T08:00+02:00")
    return moment


@click.command("send-reminders", epilog=(
    "Exit status: 0 when the scan ran, also when some mails could not be sent (SMTP down or refusing): "
    "their claims stay, the next scan retries them, and a line \"warning: N reminder mail(s) wait for retry\" "
    "on standard error says how many. 2 for a bad option. 1 when the scan itself could not run "
    "(the database unreachable, an unexpected error)."
))
@click.option("--now", "now", default=None, metavar="ISO-MOMENT",
              help="Scan as if it were this moment, e.g. 2026-12-21T08:00+02:00 (default: now).")
def send_reminders_command(now: str | None) -> None:
    """Claim and send the reminders due now (the same scan beat runs); safe to repeat."""
    from reviewflow.services.reminders import scan_reminders

    report = scan_reminders(_moment(now))
    for line in report.sent:
        click.echo(f"sent {line}")
    for line in report.failed:
        click.echo(f"failed {line}", err=True)
    click.echo(report.summary())
    if report.failed:
        # The scan did its job: the claims stay and the next scan (beat, or this command again) retries
        # them. Exit 0 so cron does not page anyone for a mail server's hiccup; the warning says how many.
        click.echo(f"warning: {len(report.failed)} reminder mail(s) wait for retry on the next scan", err=True)
