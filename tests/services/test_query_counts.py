"""The pages' queries take a fixed number of SQL statements, however many drafts and comments there are."""

import itertools
from contextlib import contextmanager

from sqlalchemy import event

from reviewflow.extensions import db
from reviewflow.services import consolidation, consultation, lifecycle, queries
from reviewflow.services.drafts import register_draft


@contextmanager
def counted():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


_NUMBERS = itertools.count(1000)


def grow(cast, draft_payload, n):
    """Register ``n`` drafts, each assigned, in consultation, with two comments (each its own number)."""
    made = []
    for _ in range(n):
        payload = {**draft_payload, "number": f"XIVP-{next(_NUMBERS)}"}
        draft = register_draft(payload, cast["lawyer"]).draft
        lifecycle.fire_transition(draft.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email,
                                                                       "committee": "IVPK"})
        lifecycle.fire_transition(draft.id, "open_consultation", cast["lawyer"], {"municipalities": ["LT-57", "LT-15"]})
        consultation.add_comment(draft, cast["vilnius"], {"article": "1", "text": "Pastaba"})
        consultation.add_comment(draft, cast["kaunas"], {"article": "2", "text": "Kita"})
        made.append(draft)
    return made


def statements_for(cast, draft):
    db.session.expire_all()
    counts = {}
    calls = {
        "list": lambda: queries.list_drafts(cast["lawyer"], queries.DraftFilter(per_page=100)),
        "waiting": lambda: queries.waiting_for(cast["lawyer"]),
        "waiting_specialist": lambda: queries.waiting_for(cast["vilnius"]),
        "timeline": lambda: queries.timeline(draft.id),
        "statuses": lambda: consultation.invitation_statuses(draft.id),
        "table": lambda: consolidation.consolidated_table(draft.id),
        "workload": queries.lawyer_workload,
        "counts": lambda: queries.state_counts(cast["lawyer"]),
    }
    for name, call in calls.items():
        db.session.expire_all()
        with counted() as statements:
            call()
        counts[name] = len(statements)
    return counts


def test_query_counts_do_not_grow_with_the_data(cast, draft_payload):
    first = grow(cast, draft_payload, 1)[0]
    small = statements_for(cast, first)
    grow(cast, draft_payload, 12)
    large = statements_for(cast, first)
    assert small == large
    assert max(large.values()) <= 8  # including reloading the user's roles after expire_all
