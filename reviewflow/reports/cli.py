"""``flask --app reviewflow reports-rebuild``: count the reports' stored facts afresh (a repair; safe to run again)."""

from __future__ import annotations

import click


@click.command("reports-rebuild")
def reports_rebuild_command():
    """Rebuild the stored stage times (from the audit record) and the invitation tally (from the invitations)."""
    from reviewflow.services.reports.rebuild import rebuild_report_facts

    made = rebuild_report_facts()
    click.echo(f"Report facts rebuilt: {made.stage_times} stage times of {made.drafts} drafts; "
               f"{made.tally_cells} invitation tally cells counting {made.invitations} invitations.")
