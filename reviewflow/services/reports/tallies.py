"""Invitations per municipality and answer status, kept current by a flush listener (the participation report).

Invitations are added (a consultation opened), change status (an answer) and are deleted only through the
ORM, so a listener on every session's ``after_flush`` sees each change and adds its +1/-1 to the tally in
the same transaction, one upsert in key order (two writers never wait on each other in opposite orders).
:func:`rebuild_invitation_tally` counts it afresh (the migration's backfill; a bulk load).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, delete, event, func, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reviewflow.models import Invitation, InvitationTally


def _status(value) -> str:
    return str(getattr(value, "value", value))


def _changes(session: Session) -> Counter:
    """``{(municipality id, status): +n / -n}`` that this flush made to the invitations."""
    change: Counter = Counter()
    for obj in session.new:
        if isinstance(obj, Invitation):
            change[(obj.municipality_id, _status(obj.status))] += 1
    for obj in session.dirty:
        if not isinstance(obj, Invitation):
            continue
        state = inspect(obj)
        status, municipality = state.attrs.status.history, state.attrs.municipality_id.history
        if status.has_changes() or municipality.has_changes():
            old_status = status.deleted[0] if status.deleted else obj.status
            old_municipality = municipality.deleted[0] if municipality.deleted else obj.municipality_id
            change[(old_municipality, _status(old_status))] -= 1
            change[(obj.municipality_id, _status(obj.status))] += 1
    for obj in session.deleted:
        if isinstance(obj, Invitation):
            state = inspect(obj)
            status = state.attrs.status.history
            old_status = status.deleted[0] if status.deleted else obj.status
            change[(obj.municipality_id, _status(old_status))] -= 1
    return Counter({key: n for key, n in change.items() if n})


def add_to_tally(connection: Connection, change: Counter) -> None:
    """Add ``change`` to the tally in one upsert, keys in order."""
    if not change:
        return
    rows = [{"municipality_id": m, "status": s, "invitations": n} for (m, s), n in sorted(change.items())]
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(InvitationTally).values(rows)
    connection.execute(statement.on_conflict_do_update(
        index_elements=[InvitationTally.municipality_id, InvitationTally.status],
        set_={"invitations": InvitationTally.invitations + statement.excluded.invitations}))


def rebuild_invitation_tally(connection: Connection) -> int:
    """Count every invitation afresh into the tally; returns the rows written."""
    connection.execute(delete(InvitationTally))
    rows = [{"municipality_id": m, "status": _status(s), "invitations": n} for m, s, n in connection.execute(
        select(Invitation.municipality_id, Invitation.status, func.count())
        .group_by(Invitation.municipality_id, Invitation.status))]
    if rows:
        connection.execute(insert(InvitationTally), rows)
    return len(rows)


def _after_flush(session: Session, _context) -> None:
    """Add what this flush changed in the invitations to the tally."""
    change = _changes(session)
    if change:
        add_to_tally(session.connection(), change)


def install_tally_listener() -> None:
    """Keep the tally current on every session's flush (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
