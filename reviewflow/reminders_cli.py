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


@click.command("send-reminders")
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
    if report.failed:  # the claims stay and the next scan retries them; tell cron and the operator
        raise click.exceptions.Exit(1)
