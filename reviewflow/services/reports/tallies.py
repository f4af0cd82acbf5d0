"""Invitations per month of receipt, kind of draft, municipality and answer status, kept current by flush listeners.

The key of an invitation's cell is its draft's month of receipt (``Draft.received_date``) and kind, its municipality
and its status. Invitations are added (a consultation opened), change status (an answer) and are deleted through the
ORM, and a draft's received date or kind changes (or a draft is deleted) through the ORM too, so listeners on every
session's flush see each change and add its +1/-1 to the tally in the same transaction, one upsert in key order (two
writers never wait on each other in opposite orders):

- an invitation added, changed or deleted: -1 in its old cell, +1 in its new one (the draft's month and kind are
  read from the session when the draft is loaded, otherwise in one query);
- a draft whose received date or kind changes, or which is deleted (its invitations go with it by ``ON DELETE
  CASCADE``, unseen by the ORM): its invitations as they stood before the flush (counted in ``before_flush``) are
  taken out of their old cells and those standing after it are added to the new ones, so nothing is counted twice.

:func:`rebuild_invitation_tally` counts it afresh (the migration's backfill, a bulk load, ``reports-rebuild``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Connection, String, delete, event, func, insert, inspect, literal_column, select, type_coerce
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from reviewflow.models import Draft, Invitation, InvitationTally

# Where ``before_flush`` leaves for ``after_flush`` what the flush takes away (old cells, drafts moving as a whole).
PENDING = "reports.tally.pending"
KEY_ATTRIBUTES = ("draft_id", "municipality_id", "status")
# A draft's attributes that are part of its invitations' cells.
DRAFT_KEY_ATTRIBUTES = ("received_date", "kind")
_UNKNOWN = object()


def month_of(day: date) -> date:
    """The 1st of ``day``'s month: the tally's month key."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """The 1st of the month after ``month`` (a 1st)."""
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _status(value) -> str:
    return str(getattr(value, "value", value))


def _month_expression(connection: Connection, column):
    """``column``'s month as text ``YYYY-MM`` in SQL (grouped by, then turned into a date in Python)."""
    if connection.dialect.name == "postgresql":
        return func.to_char(column, literal_column("'YYYY-MM'"))
    return func.substr(column, 1, 7)  # SQLite keeps a date as text "YYYY-MM-DD"


def _month_of_key(key: str) -> date:
    return date(int(key[:4]), int(key[5:7]), 1)


def count_invitations(connection: Connection, draft_ids=None) -> Counter:
    """``{(month, kind, municipality id, status): invitations}`` counted from the invitations (all, or
    ``draft_ids``')."""
    month = _month_expression(connection, Draft.received_date)
    kind = type_coerce(Draft.kind, String)  # the stored text, as the tally keeps it
    query = (select(month, kind, Invitation.municipality_id, Invitation.status, func.count())
             .join(Draft, Draft.id == Invitation.draft_id)
             .group_by(month, Draft.kind, Invitation.municipality_id, Invitation.status))
    if draft_ids is not None:
        query = query.where(Invitation.draft_id.in_(sorted(draft_ids)))
    return Counter({(_month_of_key(key), k, m, _status(s)): n for key, k, m, s, n in connection.execute(query)})


def _known(history):
    """The value an attribute had before this flush, or ``_UNKNOWN`` (set while not loaded, or expired)."""
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return _UNKNOWN


def _leaving(session: Session, connection: Connection) -> list[tuple]:
    """``(draft id, municipality id, status)`` of each invitation this flush changes or deletes, as it stood before.

    From the attributes' history; an invitation changed without its old values loaded is read from the database
    (as it still stands: this runs before the flush).
    """
    keys, unread = [], []
    changed = [obj for obj in session.dirty if isinstance(obj, Invitation) and any(
        inspect(obj).attrs[name].history.has_changes() for name in KEY_ATTRIBUTES)]
    for obj in (*changed, *(obj for obj in session.deleted if isinstance(obj, Invitation))):
        old = tuple(_known(inspect(obj).attrs[name].history) for name in KEY_ATTRIBUTES)
        if _UNKNOWN in old:
            unread.append(obj.id)
        else:
            keys.append((old[0], old[1], _status(old[2])))
    if unread:
        keys += [(d, m, _status(s)) for d, m, s in connection.execute(
            select(Invitation.draft_id, Invitation.municipality_id, Invitation.status)
            .where(Invitation.id.in_(sorted(unread))))]
    return keys


def _arriving(session: Session) -> list[tuple]:
    """``(draft id, municipality id, status)`` of each invitation this flush added or changed, as it stands now."""
    return [(obj.draft_id, obj.municipality_id, _status(obj.status)) for obj in (*session.new, *session.dirty)
            if isinstance(obj, Invitation) and (obj in session.new or any(
                inspect(obj).attrs[name].history.has_changes() for name in KEY_ATTRIBUTES))]


def _draft_key(received: date, kind) -> tuple[date, str]:
    return month_of(received), _status(kind)


def _draft_keys(session: Session, connection: Connection, draft_ids: set[int]) -> dict[int, tuple[date, str]]:
    """Each draft's (month of receipt, kind): from the session where the draft is at hand, the rest in one query."""
    keys: dict[int, tuple[date, str]] = {}
    for obj in session.new:
        if isinstance(obj, Draft) and obj.id in draft_ids:
            keys[obj.id] = _draft_key(obj.received_date, obj.kind)
    for draft_id in draft_ids - set(keys):
        obj = session.identity_map.get(identity_key(Draft, draft_id))
        if obj is not None and all(name in inspect(obj).dict for name in DRAFT_KEY_ATTRIBUTES):  # loaded: no query
            keys[draft_id] = _draft_key(obj.received_date, obj.kind)
    missing = sorted(draft_ids - set(keys))
    if missing:
        keys.update({i: _draft_key(d, k) for i, d, k in connection.execute(
            select(Draft.id, Draft.received_date, type_coerce(Draft.kind, String)).where(Draft.id.in_(missing)))})
    return keys


def add_to_tally(connection: Connection, change: Counter) -> None:
    """Add ``change`` (``{(month, kind, municipality id, status): n}``) to the tally in one upsert, keys in order."""
    change = Counter({key: n for key, n in change.items() if n})
    if not change:
        return
    rows = [{"received_month": month, "kind": kind, "municipality_id": m, "status": s, "invitations": n}
            for (month, kind, m, s), n in sorted(change.items())]
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(InvitationTally).values(rows)
    connection.execute(statement.on_conflict_do_update(
        index_elements=[InvitationTally.received_month, InvitationTally.kind, InvitationTally.municipality_id,
                        InvitationTally.status],
        set_={"invitations": InvitationTally.invitations + statement.excluded.invitations}))


def rebuild_invitation_tally(connection: Connection) -> int:
    """Count every invitation afresh into the tally; returns the cells written."""
    connection.execute(delete(InvitationTally))
    rows = [{"received_month": month, "kind": kind, "municipality_id": m, "status": s, "invitations": n}
            for (month, kind, m, s), n in sorted(count_invitations(connection).items())]
    if rows:
        connection.execute(insert(InvitationTally), rows)
    return len(rows)


def _before_flush(session: Session, _context, _instances) -> None:
    """Note what the flush is about to take away: invitations' old cells, and the invitations (as they stand
    now) of drafts whose month or kind changes or which are deleted."""
    rekeyed = {obj.id for obj in session.dirty
               if isinstance(obj, Draft) and obj.id is not None
               and any(inspect(obj).attrs[name].history.has_changes() for name in DRAFT_KEY_ATTRIBUTES)}
    rekeyed |= {obj.id for obj in session.deleted if isinstance(obj, Draft)}
    connection = session.connection() if rekeyed or session.dirty or session.deleted else None
    leaving = _leaving(session, connection) if connection is not None else []
    if rekeyed or leaving:
        # Read through the connection (no autoflush), from the rows as the database holds them before the flush.
        before = count_invitations(connection, rekeyed) if rekeyed else Counter()
        session.info[PENDING] = (rekeyed, before, leaving)
    else:
        session.info.pop(PENDING, None)  # a flush that failed may have left one behind


def _after_flush(session: Session, _context) -> None:
    """Add what this flush changed in the invitations (and in drafts' months and kinds) to the tally."""
    rekeyed, before, leaving = session.info.pop(PENDING, (set(), Counter(), []))
    change: Counter = Counter()
    for key in _arriving(session):
        change[key] += 1
    for key in leaving:
        change[key] -= 1
    change = Counter({key: n for key, n in change.items() if n and key[0] not in rekeyed})
    if not change and not rekeyed:
        return
    connection = session.connection()
    total: Counter = Counter()
    if change:
        drafts = _draft_keys(session, connection, {draft_id for draft_id, _m, _s in change})
        for (draft_id, municipality_id, status), n in change.items():
            total[(*drafts[draft_id], municipality_id, status)] += n
    if rekeyed:
        total.update(count_invitations(connection, rekeyed))  # where they stand now (nothing for a deleted draft)
        total.subtract(before)
    add_to_tally(connection, total)


def install_tally_listener() -> None:
    """Keep the tally current on every session's flush (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
