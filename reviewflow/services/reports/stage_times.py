"""Working days per draft and stage, stored when a draft changes state (the stages report reads only these).

A stage lasts from the audit entry that moved the draft into it to the next one that moved it on, counted
in working days between their Vilnius dates; a draft back in a stage (returned by the board) adds the time
of each stay; a stage not yet left is not counted. A listener on every session's ``after_flush`` recomputes
the facts of each draft whose state-changing audit entries the flush wrote, in the same transaction, from
that draft's few entries; :func:`rebuild_stage_times` does the same for every draft (migration, bulk loads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, event, insert, inspect, select
from sqlalchemy.orm import Session

from reviewflow import calendar
from reviewflow.models import AuditEntry, Draft, DraftStageTime, DraftState
from reviewflow.services.clock import vilnius_date
from reviewflow.workflows import TRANSITIONS

# The stages a draft waits in, in lifecycle order (sent and withdrawn are ends, not stages).
STAGES = (DraftState.REGISTERED, DraftState.ASSIGNED, DraftState.CONSULTATION, DraftState.CONSOLIDATION,
          DraftState.COMMITTEE_REVIEW, DraftState.BOARD_REVIEW, DraftState.APPROVED)
STAGE_CODES = frozenset(s.value for s in STAGES)
# Audit actions that move a draft between states (other entries keep the state: a subject edit, a file).
MOVES = ("register", *TRANSITIONS)
BATCH = 500


def stage_times(moves: Iterable[tuple[str, datetime]]) -> dict[str, tuple[int, int]]:
    """``{stage: (working days, finished stays)}`` from one draft's moves ``(state entered, when)`` in order."""
    facts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    previous: tuple[str, datetime] | None = None
    for stage, moment in moves:
        if previous is not None and previous[0] in STAGE_CODES:
            fact = facts[previous[0]]
            fact[0] += calendar.working_days_between(vilnius_date(previous[1]), vilnius_date(moment))
            fact[1] += 1
        previous = (stage, moment)
    return {stage: (days, stays) for stage, (days, stays) in facts.items()}


def _moves_of(connection: Connection, draft_ids: list[int]):
    return connection.execute(
        select(AuditEntry.draft_id, AuditEntry.to_state, AuditEntry.created_at)
        .where(AuditEntry.draft_id.in_(draft_ids), AuditEntry.action.in_(MOVES), AuditEntry.to_state.is_not(None))
        .order_by(AuditEntry.draft_id, AuditEntry.created_at, AuditEntry.id))


def write_stage_times(connection: Connection, draft_ids: Iterable[int]) -> int:
    """Recompute the stored facts of ``draft_ids`` from their audit record; returns the rows written."""
    ids = sorted(set(draft_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        moves: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
        for draft_id, stage, moment in _moves_of(connection, chunk):
            moves[draft_id].append((stage, moment))
        rows = [{"draft_id": draft_id, "stage": stage, "days": days, "stays": stays}
                for draft_id, entries in moves.items() for stage, (days, stays) in stage_times(entries).items()]
        connection.execute(delete(DraftStageTime).where(DraftStageTime.draft_id.in_(chunk)))
        if rows:
            connection.execute(insert(DraftStageTime), rows)
        written += len(rows)
    return written


def rebuild_stage_times(connection: Connection) -> int:
    """Recompute the facts of every draft (the migration's backfill; a bulk load that bypassed the ORM)."""
    return write_stage_times(connection, connection.scalars(select(Draft.id)).all())


def _is_move(entry: AuditEntry) -> bool:
    return entry.draft_id is not None and entry.action in MOVES and entry.to_state is not None


def _after_flush(session: Session, _context) -> None:
    """Recompute the facts of the drafts whose state-changing audit entries this flush wrote or changed."""
    touched = {e.draft_id for e in session.new if isinstance(e, AuditEntry) and _is_move(e)}
    for entry in session.dirty:
        if isinstance(entry, AuditEntry) and entry.draft_id is not None and any(
                inspect(entry).attrs[name].history.has_changes()
                for name in ("draft_id", "action", "to_state", "created_at")):
            touched.add(entry.draft_id)
    touched |= {e.draft_id for e in session.deleted if isinstance(e, AuditEntry) and e.draft_id is not None}
    touched -= {d.id for d in session.deleted if isinstance(d, Draft)}
    if touched:
        write_stage_times(session.connection(), touched)


def install_stage_time_listener() -> None:
    """Keep the stored stage times current on every session's flush (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
