"""A made-up archive for the reports benchmark, written with bulk INSERTs (no services, no per-row ORM objects).

Deterministic (a seeded random generator). Each draft gets a realistic life: received over the last two
years, a reply date 10–30 days on, the audit entries of its state changes, invitations to the municipalities
(all 60 for most drafts), their answers, comments with LSA's decisions and sometimes the initiator's answer.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select

from reviewflow.extensions import db
from reviewflow.models import (
    AnswerStatus,
    AuditEntry,
    Comment,
    Committee,
    Decision,
    Draft,
    DraftKind,
    DraftState,
    Institution,
    Invitation,
    Municipality,
    ProposalOrigin,
    Role,
    User,
    UserRole,
)
from reviewflow.services.reports.stage_times import rebuild_stage_times
from reviewflow.services.reports.tallies import rebuild_invitation_tally

CHUNK = 5_000
LAWYERS = ("Aldona Petraitienė", "Šarūnas Jonaitis", "Živilė Kazlauskė", "Česlovas Urbonas", "Rūta Žukauskienė")
ROUTE = [("register", "registered"), ("assign", "assigned"), ("open_consultation", "consultation"),
         ("close_consultation", "consolidation"), ("send_to_committee", "committee_review"),
         ("give_opinion", "board_review"), ("approve", "approved"), ("mark_sent", "sent")]


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def seed_lawyers() -> list[int]:
    """Five lawyers (and nothing else: no password anyone can use)."""
    ids = []
    for n, name in enumerate(LAWYERS, start=1):
        user = User(email=f"lawyer{n}@bench.lt", name=name, password_hash="!", language="lt")
        db.session.add(user)
        db.session.flush()
        db.session.add(UserRole(user_id=user.id, role=Role.LAWYER))
        ids.append(user.id)
    return ids


def seed_archive(count: int, today: date, author_id: int, lawyer_ids: list[int], seed: int = 11) -> dict[str, int]:
    """``count`` drafts with their audit entries, invitations and comments; returns how many rows of each."""
    rng = random.Random(seed)
    institutions = list(db.session.scalars(select(Institution.id)))
    committees = list(db.session.scalars(select(Committee.id)))
    municipalities = list(db.session.scalars(select(Municipality.id)))
    kinds = list(DraftKind)
    first_id = (db.session.scalar(select(db.func.max(Draft.id))) or 0) + 1
    drafts, entries, invitations, comments = [], [], [], []
    for i in range(count):
        draft_id = first_id + i
        received = today - timedelta(days=rng.randint(1, 730))
        deadline = received + timedelta(days=rng.randint(10, 30))
        roll = rng.random()
        steps = 8 if roll < 0.75 else (rng.randint(1, 7) if roll < 0.95 else rng.randint(1, 4))
        withdrawn = 0.95 <= roll
        skip_consultation = rng.random() < 0.1
        moment, route = received, []
        for action, state in ROUTE[:steps]:
            if skip_consultation and action in ("open_consultation", "close_consultation"):
                if action == "open_consultation":
                    route.append(("skip_consultation", "consolidation", moment))
                continue
            moment = min(moment + timedelta(days=rng.randint(0, 4)), today)
            route.append((action, state, moment))
        if withdrawn:
            route.append(("withdraw", "withdrawn", min(moment + timedelta(days=1), today)))
        state = route[-1][1]
        sent = route[-1][2] if state == "sent" else None
        drafts.append({
            "id": draft_id, "title": f"Projektas Nr. {i}", "number_raw": f"XIVP-{10000 + i}",
            "number": f"XIVP-{10000 + i}", "kind": rng.choice(kinds), "institution_id": rng.choice(institutions),
            "incoming_letter_number": f"S-{i}", "incoming_letter_date": received, "received_date": received,
            "reply_deadline": deadline, "state": DraftState(state),
            "lawyer_id": rng.choice(lawyer_ids) if steps > 1 else None,
            "committee_id": rng.choice(committees) if rng.random() < 0.7 else None, "sent_date": sent,
            "created_at": _at(received, 8), "updated_at": _at(received, 8),
        })
        source = None
        for action, target, day in route:
            entries.append({"draft_id": draft_id, "actor_id": author_id, "action": action, "from_state": source,
                            "to_state": target, "payload": {}, "created_at": _at(day, rng.randint(6, 20))})
            source = target
        if any(a == "open_consultation" for a, _, _ in route):
            closed = any(a == "close_consultation" for a, _, _ in route)
            for municipality_id in municipalities:
                answer = rng.random()
                status = (AnswerStatus.ANSWERED if answer < 0.25 else AnswerStatus.NO_COMMENTS if answer < 0.55
                          else AnswerStatus.PENDING)
                invitations.append({"draft_id": draft_id, "municipality_id": municipality_id, "deadline": deadline,
                                    "status": status, "late": False})
                if status == AnswerStatus.ANSWERED and rng.random() < 0.2:
                    decided = closed and rng.random() < 0.9
                    comments.append({
                        "draft_id": draft_id, "municipality_id": municipality_id, "origin": ProposalOrigin.MUNICIPALITY,
                        "author_id": author_id, "text": "Pastaba dėl savivaldybių funkcijų.", "late": False,
                        "decision": rng.choice(list(Decision)) if decided else None,
                        "initiator_outcome": rng.choice(("taken", "partly", "not_taken", None, None))
                        if state == "sent" else None,
                        "created_at": _at(received, 9), "updated_at": _at(received, 9)})
    _bulk(Draft, drafts)
    _bulk(AuditEntry, entries)
    _bulk(Invitation, invitations)
    _bulk(Comment, comments)
    # Bulk INSERTs bypass the flush listeners that keep the reports' stored facts: fill them as the migration does.
    rebuild_stage_times(db.session.connection())
    rebuild_invitation_tally(db.session.connection())
    db.session.commit()
    return {"drafts": len(drafts), "audit_entries": len(entries), "invitations": len(invitations),
            "comments": len(comments)}
