"""A small fixed archive for the reports, written row by row so every figure can be counted by hand.

Seven drafts (received dates in 2026; "today" is 2026-11-30):

- D1 law, Seimas, lawyer A, IVPK: received 03-02, reply by 03-20, sent 03-18 (2 working days early).
  Vilnius answered with comments, Kaunas "no comments", Akmenė (Šiaulių county) never answers.
  Comments: accepted (initiator: taken), partly accepted (initiator: not taken), rejected, one merged into
  the first (not counted again), and an LSA proposal accepted (no answer recorded).
- D2 Government resolution, Government, lawyer A: received 03-16, reply by 04-01, sent 04-03 (late, -2).
  Consultation skipped, committee skipped. One LSA proposal rejected.
- D3 law, Seimas, lawyer B: received 04-07, withdrawn during consultation (Vilnius had answered,
  Akmenė not): left out of participation. One comment not decided.
- D4 ministerial order, Ministry of the Interior, lawyer B: received 11-16, in consultation now, reply by 12-04
  (within 10 working days of 11-30). Vilnius and Akmenė still pending, Kaunas "no comments".
- D5 law, Seimas, lawyer A: received 11-02, assigned, reply by 11-27 (overdue on 11-30). Registered at
  22:30 UTC on 11-02, which is already 11-03 in Vilnius: 0 working days before its assignment on 11-03.
- D6 law, Seimas, lawyer B: received 02-27, sent 03-13 on its reply date (margin 0). Only registered on record.
- D7 other, Seimas, lawyer A: received 11-20, in consolidation, reply by 2027-01-15.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

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
)

TODAY = date(2026, 11, 30)
SEIMAS = "Lietuvos Respublikos Seimas"
GOVERNMENT = "Lietuvos Respublikos Vyriausybė"
INTERIOR = "Lietuvos Respublikos vidaus reikalų ministerija"


@dataclass
class World:
    """The people and drafts of the fixed archive."""

    people: dict
    drafts: dict


def at(day: str, hour: int = 9, minute: int = 0) -> datetime:
    """A UTC moment on ``day`` (ISO)."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC).replace(hour=hour,
                                                                                                minute=minute)


def _draft(n: int, kind: DraftKind, institution: str, lawyer, received: str, deadline: str, state: DraftState,
           sent: str | None = None, committee: str | None = None) -> Draft:
    institution_id = db.session.scalar(select(Institution.id).where(Institution.name_lt == institution))
    committee_id = db.session.scalar(select(Committee.id).where(Committee.code == committee)) if committee else None
    draft = Draft(title=f"Projektas D{n}", number_raw=f"XIVP-90{n}", number=f"XIVP-90{n}", kind=kind,
                  institution_id=institution_id, incoming_letter_number=f"S-{n}",
                  incoming_letter_date=date.fromisoformat(received), received_date=date.fromisoformat(received),
                  reply_deadline=date.fromisoformat(deadline), state=state, lawyer_id=lawyer.id,
                  committee_id=committee_id, sent_date=date.fromisoformat(sent) if sent else None)
    db.session.add(draft)
    db.session.flush()
    return draft


def _moves(draft: Draft, actor, *steps: tuple[str, str, datetime]) -> None:
    """Audit entries (action, state after, when); each starts from the state the one before left."""
    source = None
    for action, target, moment in steps:
        db.session.add(AuditEntry(draft_id=draft.id, actor_id=actor.id, action=action, from_state=source,
                                  to_state=target, payload={}, created_at=moment))
        source = target


def _invite(draft: Draft, code: str, status: AnswerStatus) -> None:
    municipality_id = db.session.scalar(select(Municipality.id).where(Municipality.iso_code == code))
    db.session.add(Invitation(draft_id=draft.id, municipality_id=municipality_id, deadline=draft.reply_deadline,
                              status=status))


def _comment(draft: Draft, author, code: str | None, decision: Decision | None, outcome: str | None = None,
             merged_into: Comment | None = None) -> Comment:
    municipality_id = db.session.scalar(select(Municipality.id).where(Municipality.iso_code == code)) if code else None
    comment = Comment(draft_id=draft.id, municipality_id=municipality_id, author_id=author.id,
                      origin=ProposalOrigin.MUNICIPALITY if code else ProposalOrigin.LSA, text="Pastaba.",
                      decision=decision, initiator_outcome=outcome,
                      merged_into_id=merged_into.id if merged_into else None)
    db.session.add(comment)
    db.session.flush()
    return comment


def build_world(make_user) -> World:
    """Write the archive described in the module's docstring; returns its people and drafts."""
    people = {
        "admin": make_user("admin"), "board": make_user("board"),
        "lawyer_a": make_user("lawyer", email="a-lawyer@example.lt"),
        "lawyer_b": make_user("lawyer", email="b-lawyer@example.lt"),
        "specialist": make_user("specialist", municipality="LT-57"),
        "committee": make_user("committee", committees=["IVPK"]),
    }
    a, b = people["lawyer_a"], people["lawyer_b"]
    people["lawyer_a"].name, people["lawyer_b"].name = "Aldona Teisininkė", "Bronius Teisininkas"
    S = DraftState
    d1 = _draft(1, DraftKind.LAW, SEIMAS, a, "2026-03-02", "2026-03-20", S.SENT, "2026-03-18", "IVPK")
    _moves(d1, a, ("register", "registered", at("2026-03-02")), ("assign", "assigned", at("2026-03-03")),
           ("open_consultation", "consultation", at("2026-03-04")),
           ("add_comment", "consultation", at("2026-03-05")),  # not a move: ignored
           ("close_consultation", "consolidation", at("2026-03-10")),
           ("send_to_committee", "committee_review", at("2026-03-12")),
           ("give_opinion", "board_review", at("2026-03-13")),
           ("approve", "approved", at("2026-03-16")), ("mark_sent", "sent", at("2026-03-18")))
    _invite(d1, "LT-57", AnswerStatus.ANSWERED)
    _invite(d1, "LT-15", AnswerStatus.NO_COMMENTS)
    _invite(d1, "LT-01", AnswerStatus.PENDING)
    first = _comment(d1, people["specialist"], "LT-57", Decision.ACCEPTED, "taken")
    _comment(d1, people["specialist"], "LT-57", Decision.PARTLY_ACCEPTED, "not_taken")
    _comment(d1, people["specialist"], "LT-57", Decision.REJECTED)
    _comment(d1, people["specialist"], "LT-57", Decision.ACCEPTED, merged_into=first)
    _comment(d1, a, None, Decision.ACCEPTED)

    d2 = _draft(2, DraftKind.GOVERNMENT_RESOLUTION, GOVERNMENT, a, "2026-03-16", "2026-04-01", S.SENT, "2026-04-03")
    _moves(d2, a, ("register", "registered", at("2026-03-16")), ("assign", "assigned", at("2026-03-17")),
           ("skip_consultation", "consolidation", at("2026-03-20")),
           ("skip_committee", "board_review", at("2026-03-25")),
           ("approve", "approved", at("2026-03-30")), ("mark_sent", "sent", at("2026-04-03")))
    _comment(d2, a, None, Decision.REJECTED)

    d3 = _draft(3, DraftKind.LAW, SEIMAS, b, "2026-04-07", "2026-05-05", S.WITHDRAWN, committee="IVPK")
    _moves(d3, b, ("register", "registered", at("2026-04-07")), ("assign", "assigned", at("2026-04-08")),
           ("open_consultation", "consultation", at("2026-04-09")),
           ("withdraw", "withdrawn", at("2026-04-14")))
    _invite(d3, "LT-57", AnswerStatus.ANSWERED)
    _invite(d3, "LT-01", AnswerStatus.PENDING)
    _comment(d3, people["specialist"], "LT-57", None)

    d4 = _draft(4, DraftKind.MINISTERIAL_ORDER, INTERIOR, b, "2026-11-16", "2026-12-04", S.CONSULTATION)
    _moves(d4, b, ("register", "registered", at("2026-11-16")), ("assign", "assigned", at("2026-11-19")),
           ("open_consultation", "consultation", at("2026-11-20")))
    _invite(d4, "LT-57", AnswerStatus.PENDING)
    _invite(d4, "LT-15", AnswerStatus.NO_COMMENTS)
    _invite(d4, "LT-01", AnswerStatus.PENDING)

    d5 = _draft(5, DraftKind.LAW, SEIMAS, a, "2026-11-02", "2026-11-27", S.ASSIGNED)
    _moves(d5, a, ("register", "registered", at("2026-11-02", 22, 30)),
           ("assign", "assigned", at("2026-11-03", 10)))

    d6 = _draft(6, DraftKind.LAW, SEIMAS, b, "2026-02-27", "2026-03-13", S.SENT, "2026-03-13")
    _moves(d6, b, ("register", "registered", at("2026-02-27")))

    d7 = _draft(7, DraftKind.OTHER, SEIMAS, a, "2026-11-20", "2027-01-15", S.CONSOLIDATION)
    _moves(d7, a, ("register", "registered", at("2026-11-20")))
    db.session.commit()
    return World(people, {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5, "d6": d6, "d7": d7})
