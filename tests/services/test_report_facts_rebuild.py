"""``flask --app reviewflow reports-rebuild`` counts both stored report facts afresh, and again to the same rows."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from reviewflow.extensions import db
from reviewflow.models import DraftStageTime, InvitationTally
from reviewflow.reports.cli import reports_rebuild_command
from tests.services.reports_world import build_world


def facts() -> tuple[list, list]:
    """Every stored stage time and tally cell."""
    return (sorted(db.session.execute(select(DraftStageTime.draft_id, DraftStageTime.stage, DraftStageTime.days,
                                             DraftStageTime.stays)).all()),
            sorted(db.session.execute(select(InvitationTally.received_month, InvitationTally.kind,
                                             InvitationTally.municipality_id, InvitationTally.status,
                                             InvitationTally.invitations)).all()))


def test_the_rebuild_command_restores_lost_and_wrong_facts_and_is_idempotent(app, make_user):
    build_world(make_user)
    kept = facts()
    # Lost stage times, and a tally gone wrong (as after a bulk load that went around the application).
    db.session.execute(delete(DraftStageTime))
    db.session.execute(update(InvitationTally).values(invitations=InvitationTally.invitations + 5))
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(reports_rebuild_command)
    # Hand count (tests/services/reports_world.py): stage times D1 7, D2 5, D3 3, D4 2, D5 1 = 18 of 5 drafts;
    # invitations D1 3 (March, law), D3 2 (April, law), D4 3 (November, ministerial order): 8 cells of 1 each.
    assert first.exit_code == 0 and first.output == (
        "Report facts rebuilt: 18 stage times of 5 drafts; 8 invitation tally cells counting 8 invitations.\n")
    db.session.expire_all()
    assert facts() == kept
    again = runner.invoke(reports_rebuild_command)
    assert again.output == first.output
    db.session.expire_all()
    assert facts() == kept
