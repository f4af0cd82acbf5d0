"""The reports' stored facts counted afresh from the source rows: a repair after a bulk load or a restore."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from reviewflow.extensions import db
from reviewflow.models import DraftStageTime, InvitationTally
from reviewflow.services.reports.stage_times import rebuild_stage_times
from reviewflow.services.reports.tallies import rebuild_invitation_tally


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild wrote: stage-time rows and the drafts they describe, tally cells and the invitations counted."""

    stage_times: int
    drafts: int
    tally_cells: int
    invitations: int


def rebuild_report_facts() -> Rebuilt:
    """Recompute every draft's stage times from its audit record and the invitation tally from the invitations,
    in one transaction (running it again writes the same rows)."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        # Writers' flush listeners wait until this commits, so none adds to a cell between its count and its write.
        connection.exec_driver_sql("LOCK TABLE draft_stage_time, invitation_tally IN SHARE ROW EXCLUSIVE MODE")
    stage_times = rebuild_stage_times(connection)
    tally_cells = rebuild_invitation_tally(connection)
    drafts, invitations = connection.execute(select(
        select(func.count(func.distinct(DraftStageTime.draft_id))).scalar_subquery(),
        select(func.coalesce(func.sum(InvitationTally.invitations), 0)).scalar_subquery())).one()
    db.session.commit()
    return Rebuilt(stage_times, int(drafts), tally_cells, int(invitations))
