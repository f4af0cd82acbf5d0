"""The invitation tally keyed by month of receipt equals a fresh count after every kind of write that moves it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import AnswerStatus, Draft, DraftKind, Invitation, InvitationTally, Municipality
from reviewflow.services import consultation, lifecycle
from reviewflow.services.drafts import register_draft
from reviewflow.services.reports.tallies import month_of


def stored() -> dict[tuple[date, str, str, str], int]:
    """The tally's non-empty cells as ``{(month, kind, municipality code, status): invitations}``."""
    return {(month, kind, code, status): n for month, kind, code, status, n in db.session.execute(
        select(InvitationTally.received_month, InvitationTally.kind, Municipality.iso_code, InvitationTally.status,
               InvitationTally.invitations)
        .join(Municipality, Municipality.id == InvitationTally.municipality_id)) if n}


def counted() -> dict[tuple[date, str, str, str], int]:
    """The same cells counted afresh: every invitation under its draft's month of receipt (cut in Python) and kind."""
    rows = db.session.execute(
        select(Draft.received_date, Draft.kind, Municipality.iso_code, Invitation.status)
        .join(Draft, Draft.id == Invitation.draft_id).join(Municipality, Municipality.id == Invitation.municipality_id))
    return dict(Counter((month_of(received), kind.value, code, status.value) for received, kind, code, status in rows))


LAW = "law"  # the kind of the fixture's draft (and of the second one)


def fire(draft_id, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    lifecycle.fire_transition(draft_id, name, user, payload, recent_login=True)


def invitation(draft_id: int, code: str) -> Invitation:
    """One municipality's invitation to the draft."""
    return db.session.scalar(select(Invitation).join(Municipality, Municipality.id == Invitation.municipality_id)
                             .where(Invitation.draft_id == draft_id, Municipality.iso_code == code))


def test_the_tally_follows_consultations_answers_and_changed_received_dates_and_kinds(cast, registered, draft_payload):
    lawyer, first = cast["lawyer"], registered.id
    now = month_of(registered.received_date)
    earlier = month_of(now - timedelta(days=1))  # the month before
    fire(first, "assign", cast["admin"], lawyer=lawyer.email)
    fire(first, "open_consultation", lawyer, municipalities=["LT-57", "LT-15"])
    assert stored() == {(now, LAW, "LT-57", "pending"): 1, (now, LAW, "LT-15", "pending"): 1} == counted()

    consultation.answer_no_comments(db.session.get(Draft, first), cast["kaunas"])
    assert stored() == {(now, LAW, "LT-57", "pending"): 1, (now, LAW, "LT-15", "no_comments"): 1} == counted()

    # A second draft, received the month before, consulted with Vilnius and Akmenė.
    received = earlier + timedelta(days=3)
    second = register_draft({**draft_payload, "number": "XIVP-2436", "received_date": received.isoformat(),
                             "incoming_letter_date": received.isoformat()}, lawyer).draft.id
    fire(second, "assign", cast["admin"], lawyer=lawyer.email)
    fire(second, "open_consultation", lawyer, municipalities=["LT-57", "LT-01"])
    assert stored() == {(now, LAW, "LT-57", "pending"): 1, (now, LAW, "LT-15", "no_comments"): 1,
                        (earlier, LAW, "LT-57", "pending"): 1, (earlier, LAW, "LT-01", "pending"): 1} == counted()

    # The first draft's received date corrected into the earlier month: its invitations move there whole.
    db.session.get(Draft, first).received_date = earlier
    db.session.commit()
    assert stored() == {(earlier, LAW, "LT-57", "pending"): 2, (earlier, LAW, "LT-15", "no_comments"): 1,
                        (earlier, LAW, "LT-01", "pending"): 1} == counted()

    # Moved back in the same flush as an answer of that draft: the answer lands in the new month, once.
    vilnius = invitation(first, "LT-57")
    db.session.get(Draft, first).received_date = now
    vilnius.status = AnswerStatus.ANSWERED
    db.session.commit()
    assert stored() == {(now, LAW, "LT-57", "answered"): 1, (now, LAW, "LT-15", "no_comments"): 1,
                        (earlier, LAW, "LT-57", "pending"): 1, (earlier, LAW, "LT-01", "pending"): 1} == counted()

    # A status set on an expired invitation (its old value not loaded) is read from the database; a deletion.
    akmene, vilnius = invitation(second, "LT-01"), invitation(second, "LT-57")
    db.session.expire(akmene)
    akmene.status = AnswerStatus.NO_COMMENTS
    db.session.delete(vilnius)
    db.session.commit()
    assert stored() == {(now, LAW, "LT-57", "answered"): 1, (now, LAW, "LT-15", "no_comments"): 1,
                        (earlier, LAW, "LT-01", "no_comments"): 1} == counted()

    # The second draft's kind corrected: its invitations move to the other kind's cells.
    db.session.get(Draft, second).kind = DraftKind.OTHER
    db.session.commit()
    assert stored() == {(now, LAW, "LT-57", "answered"): 1, (now, LAW, "LT-15", "no_comments"): 1,
                        (earlier, "other", "LT-01", "no_comments"): 1} == counted()

    # Closing the consultation submits nothing pending here; the figures stay the fresh count.
    fire(first, "close_consultation", lawyer, reason="Baigta")
    assert stored() == counted()


def test_a_deleted_draft_takes_its_invitations_out_of_the_tally(cast, registered):
    fire(registered.id, "assign", cast["admin"], lawyer=cast["lawyer"].email)
    fire(registered.id, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15", "LT-01"])
    assert sum(stored().values()) == 3
    db.session.delete(db.session.get(Draft, registered.id))  # the invitations go by ON DELETE CASCADE, unseen
    db.session.commit()
    assert stored() == {} == counted()


def by_hand(world, args: dict) -> dict[str, tuple]:
    """Participation counted invitation by invitation in Python, the filters applied to each one's draft."""
    start, end = date.fromisoformat(args.get("from", "1990-01-01")), date.fromisoformat(args.get("to", "2100-01-01"))
    figures: dict[str, list[int]] = {}
    for inv in db.session.scalars(select(Invitation)):
        d = db.session.get(Draft, inv.draft_id)
        if d.state.value == "withdrawn" or not start <= d.received_date <= end or any((
                "institution" in args and d.institution.name_lt != args["institution"],
                "committee" in args and (d.committee is None or d.committee.code != args["committee"]),
                "kind" in args and d.kind.value != args["kind"],
                "lawyer" in args and (d.lawyer is None or d.lawyer.email != args["lawyer"]))):
            continue
        row = figures.setdefault(inv.municipality.iso_code, [0, 0, 0, 0, 0])
        row[0] += 1
        if inv.status == AnswerStatus.PENDING:
            row[4 if d.state.value == "consultation" else 3] += 1
        else:
            row[1 if inv.status == AnswerStatus.ANSWERED else 2] += 1
    return {code: tuple(row) for code, row in figures.items()}


def test_participation_equals_a_count_by_hand_under_each_filter_whichever_side_is_counted(make_user):
    from reviewflow.services import reports
    from tests.services.reports_world import SEIMAS, TODAY, build_world

    world = build_world(make_user)
    keys = ("invited", "with_comments", "no_comments", "silent", "waiting")
    for args in (
        {},  # the tally of every month less the withdrawn D3
        {"from": "2026-03-10"},  # months from March: the tally less D1 (received 03-02) and D3
        {"to": "2026-03-20"},  # months up to March: the tally of February and March (D1)
        {"from": "2026-03-03", "to": "2026-11-16"},  # both ends inside a month
        {"from": "2026-11-01", "to": "2026-11-30"},  # one whole month
        {"institution": SEIMAS}, {"committee": "IVPK"}, {"kind": "ministerial_order"},  # few drafts: counted directly
        {"lawyer": "b-lawyer@example.lt"}, {"kind": "law", "from": "2026-03-01"},
    ):
        report = reports.build_report("participation", reports.parse_filters(args), world.people["lawyer_a"], TODAY)
        municipalities = next(table.rows for table in report.tables if table.key == "rows")
        shown = {row["code"]: tuple(row[k] for k in keys) for row in municipalities if row["invited"]}
        assert shown == by_hand(world, args), args
    assert by_hand(world, {"from": "2026-03-10"}) == {"LT-57": (1, 0, 0, 0, 1), "LT-15": (1, 0, 1, 0, 0),
                                                      "LT-01": (1, 0, 0, 0, 1)}  # D4 alone
