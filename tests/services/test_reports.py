"""Each report's figures on the fixed archive of ``reports_world`` equal the counts written here by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from reviewflow.errors import Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import AnswerStatus, Invitation
from reviewflow.services import reports
from reviewflow.services.reports import workdays
from tests.services.reports_world import GOVERNMENT, INTERIOR, SEIMAS, TODAY, build_world


@pytest.fixture
def world(make_user):
    """The fixed archive."""
    return build_world(make_user)


def run(world, name: str, **args):
    """One report's tables as {key: rows}, filters read as the URL would give them."""
    report = reports.build_report(name, reports.parse_filters(args), world.people["lawyer_a"], TODAY)
    return {table.key: table.rows for table in report.tables}


def pick(rows, *keys):
    """The rows reduced to ``keys``, as tuples."""
    return [tuple(row[k] for k in keys) for row in rows]


def test_received_and_answered_per_month_kind_and_institution(world):
    rows = run(world, "received")["rows"]
    assert pick(rows, "month", "kind_code", "institution", "received", "answered", "withdrawn") == [
        (date(2026, 2, 1), "law", SEIMAS, 1, 0, 0),  # D6 received
        (date(2026, 3, 1), "government_resolution", GOVERNMENT, 1, 0, 0),  # D2 received
        (date(2026, 3, 1), "law", SEIMAS, 1, 2, 0),  # D1 received; D1 and D6 sent in March
        (date(2026, 4, 1), "government_resolution", GOVERNMENT, 0, 1, 0),  # D2 sent (late) in April
        (date(2026, 4, 1), "law", SEIMAS, 1, 0, 1),  # D3 received and withdrawn
        (date(2026, 11, 1), "law", SEIMAS, 1, 0, 0),  # D5
        (date(2026, 11, 1), "ministerial_order", INTERIOR, 1, 0, 0),  # D4
        (date(2026, 11, 1), "other", SEIMAS, 1, 0, 0),  # D7
    ]


def test_received_with_filters(world):
    rows = run(world, "received", **{"from": "2026-03-01", "to": "2026-03-31", "kind": "law",
                                     "lawyer": "A-Lawyer@example.lt"})
    assert pick(rows["rows"], "month", "received", "answered") == [(date(2026, 3, 1), 1, 1)]  # D1 only (D6 is B's)


def test_on_time_per_month_with_median_margin_in_working_days(world):
    tables = run(world, "on-time")
    assert pick(tables["rows"], "month", "sent", "on_time", "late", "on_time_share", "median_margin") == [
        (date(2026, 3, 1), 2, 2, 0, 1.0, 1.0),  # D1 two days early, D6 on the day: median 1
        (date(2026, 4, 1), 1, 0, 1, 0.0, -2.0),  # D2 sent Fri 04-03 for Wed 04-01: two working days late
    ]
    assert pick(tables["total"], "sent", "on_time", "late", "on_time_share", "median_margin") == [
        (3, 2, 1, 0.6667, 0.0)]


def test_time_in_each_stage_from_the_audit_record(world):
    rows = run(world, "stages")["rows"]
    assert pick(rows, "stage_code", "drafts", "median", "p90") == [
        ("registered", 5, 1.0, 3),  # D1 1, D2 1, D3 1, D4 3, D5 0 (22:30 UTC on 11-02 is 11-03 in Vilnius)
        ("assigned", 4, 1.0, 3),  # D1 1, D2 3 (then consultation skipped), D3 1, D4 1
        ("consultation", 2, 3.5, 4),  # D1 4, D3 3 (withdrawn after it); D4 still in it: not counted
        ("consolidation", 2, 2.0, 3),  # D1 1 (11 March is a holiday), D2 3
        ("committee_review", 1, 1.0, 1),  # D1; D2 skipped the committee
        ("board_review", 2, 2.0, 3),  # D1 1, D2 3
        ("approved", 2, 3.0, 4),  # D1 2, D2 4
    ]


def test_stage_days_count_on_the_vilnius_date_of_a_late_evening_entry(world):
    rows = run(world, "stages", **{"from": "2026-11-01"})["rows"]
    assert pick(rows[:1], "drafts", "median", "p90") == [(2, 1.5, 3)]  # D4 3, D5 0 (naively 1: median 2)


def test_participation_per_municipality_and_county(world):
    tables = run(world, "participation")
    by_code = {row["code"]: row for row in tables["rows"]}
    keys = ("invited", "with_comments", "no_comments", "silent", "waiting", "answer_share")
    assert pick([by_code["LT-57"]], *keys) == [(2, 1, 0, 0, 1, 1.0)]  # D1 answered, D4 pending; D3 withdrawn
    assert pick([by_code["LT-15"]], *keys) == [(2, 0, 2, 0, 0, 1.0)]
    assert pick([by_code["LT-01"]], *keys) == [(2, 0, 0, 1, 1, 0.0)]  # never answers
    assert pick([by_code["LT-13"]], *keys) == [(0, 0, 0, 0, 0, None)]
    assert len(tables["rows"]) == 60
    counties = [row["county"] for row in tables["counties"]]
    assert counties == ["Alytaus apskritis", "Kauno apskritis", "Klaipėdos apskritis", "Marijampolės apskritis",
                        "Panevėžio apskritis", "Šiaulių apskritis", "Tauragės apskritis", "Telšių apskritis",
                        "Utenos apskritis", "Vilniaus apskritis"]
    by_county = {row["county"]: row for row in tables["counties"]}
    assert pick([by_county["Šiaulių apskritis"]], *keys) == [(2, 0, 0, 1, 1, 0.0)]
    assert pick([by_county["Vilniaus apskritis"]], *keys) == [(2, 1, 0, 0, 1, 1.0)]


def test_proposals_per_institution_with_the_initiators_answers_only_where_recorded(world):
    rows = run(world, "proposals")["rows"]
    keys = ("institution", "made", "accepted", "partly_accepted", "rejected", "undecided", "answers_recorded",
            "taken", "partly", "not_taken", "taken_share")
    assert pick(rows, *keys) == [
        (SEIMAS, 5, 2, 1, 1, 1, 2, 1, 0, 1, 0.5),  # D1: 4 (one merged, counted once) + LSA's; D3: 1 undecided
        (GOVERNMENT, 1, 0, 0, 1, 0, 0, None, None, None, None),  # nothing recorded: empty, not zero
    ]


def test_a_comment_entered_and_not_submitted_is_not_yet_a_proposal(world):
    """D4 is in consultation and Vilnius's answer on it is pending: what Vilnius has entered is not counted until it
    submits (or the consultation closes); the Ministry of the Interior then has its first proposal."""
    from tests.services.reports_world import _comment

    d4 = world.drafts["d4"]
    entered = _comment(d4, world.people["specialist"], "LT-57", None)
    db.session.commit()
    assert INTERIOR not in [row["institution"] for row in run(world, "proposals")["rows"]]
    invitation = db.session.scalar(select(Invitation).where(Invitation.draft_id == d4.id,
                                                            Invitation.municipality_id == entered.municipality_id))
    invitation.status = AnswerStatus.ANSWERED
    db.session.commit()
    assert pick([row for row in run(world, "proposals")["rows"] if row["institution"] == INTERIOR],
                "made", "undecided") == [(1, 1)]


def test_workload_per_lawyer_today(world):
    rows = run(world, "workload")["rows"]
    assert pick(rows, "email", "open", "due_soon", "overdue") == [
        ("a-lawyer@example.lt", 2, 0, 1),  # D5 overdue (11-27), D7 due 2027
        ("b-lawyer@example.lt", 1, 1, 0),  # D4 due 12-04, within 10 working days of 11-30 (by 12-14)
    ]
    assert pick(run(world, "workload", lawyer="b-lawyer@example.lt")["rows"], "open") == [(1,)]


@pytest.mark.parametrize(("args", "field"), [
    ({"from": "2026-05-01", "to": "2026-04-01"}, "from"),
    ({"from": "2026-13-01"}, "from"),
    ({"to": "yesterday"}, "to"),
    ({"kind": "decree"}, "kind"),
    ({"institution": "Nėra tokios"}, "institution"),
    ({"committee": "NOPE"}, "committee"),
    ({"lawyer": "nobody@example.lt"}, "lawyer"),
])
def test_bad_filters_are_refused_naming_the_field(world, args, field):
    with pytest.raises(Invalid) as refused:
        reports.parse_filters(args)
    assert field in refused.value.errors


def test_a_period_that_ends_before_it_starts_is_refused_in_lithuanian(app, world):
    with app.test_request_context(headers={"Accept-Language": "lt"}):
        with pytest.raises(Invalid) as refused:
            reports.parse_filters({"from": "2026-05-01", "to": "2026-04-01"})
    assert refused.value.detail == "Laikotarpio pradžia 2026-05-01 yra vėliau už jo pabaigą 2026-04-01."


def test_only_staff_and_board_read_reports_and_names_are_checked(world):
    filters = reports.parse_filters({})
    assert reports.build_report("workload", filters, world.people["board"], TODAY).name == "workload"
    for role in ("specialist", "committee"):
        with pytest.raises(Forbidden):
            reports.build_report("received", filters, world.people[role], TODAY)
    with pytest.raises(NotFound):
        reports.build_report("salaries", filters, world.people["admin"], TODAY)


def test_the_calendar_table_agrees_with_the_working_day_arithmetic():
    from reviewflow import calendar

    rows = {date.fromisoformat(d): w for d, w, _next, _hours in workdays.calendar_rows(date(2026, 12, 20),
                                                                                      date(2027, 1, 12))}
    assert rows[date(2027, 1, 8)] - rows[date(2026, 12, 22)] == 10 == calendar.working_days_between(
        date(2026, 12, 22), date(2027, 1, 8))
    assert workdays.median({1: 1, 2: 1}) == 1.5 and workdays.percentile({1: 9, 5: 1}, 0.9) == 1
    assert workdays.percentile({1: 8, 5: 2}, 0.9) == 5


def stored_stage_times(draft_id: int) -> dict[str, tuple[int, int]]:
    """The stored facts of one draft: {stage: (working days, finished stays)}."""
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import DraftStageTime

    return {row.stage: (row.days, row.stays) for row in db.session.scalars(
        select(DraftStageTime).where(DraftStageTime.draft_id == draft_id))}


def recomputed_stage_times(draft_id: int) -> dict[str, tuple[int, int]]:
    """The same facts computed afresh from the draft's whole audit record."""
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import AuditEntry
    from reviewflow.services.reports.stage_times import MOVES, stage_times

    return stage_times(db.session.execute(
        select(AuditEntry.to_state, AuditEntry.created_at)
        .where(AuditEntry.draft_id == draft_id, AuditEntry.action.in_(MOVES), AuditEntry.to_state.is_not(None))
        .order_by(AuditEntry.created_at, AuditEntry.id)).all())


def assert_tally_counts_the_invitations(expected: dict[tuple[str, str], int]) -> None:
    """The stored tally equals both ``expected`` (by municipality code) and a fresh count of the invitations."""
    from sqlalchemy import func, select

    from reviewflow.extensions import db
    from reviewflow.models import Invitation, InvitationTally, Municipality

    stored = {(code, status): int(n) for code, status, n in db.session.execute(
        select(Municipality.iso_code, InvitationTally.status, func.sum(InvitationTally.invitations))
        .join(Municipality, Municipality.id == InvitationTally.municipality_id)
        .group_by(Municipality.iso_code, InvitationTally.status)) if n}  # summed over the months
    counted = {(code, str(status)): n for code, status, n in db.session.execute(
        select(Municipality.iso_code, Invitation.status, func.count())
        .join(Municipality, Municipality.id == Invitation.municipality_id)
        .group_by(Municipality.iso_code, Invitation.status))}
    assert stored == expected == counted


def test_the_invitation_tally_of_the_fixed_archive(world):
    assert_tally_counts_the_invitations({("LT-57", "answered"): 2, ("LT-57", "pending"): 1,
                                         ("LT-15", "no_comments"): 2, ("LT-01", "pending"): 3})


def test_participation_of_a_period_counts_only_its_drafts(world):
    rows = {row["code"]: row for row in run(world, "participation", **{"from": "2026-11-01"})["rows"]}
    keys = ("invited", "with_comments", "no_comments", "silent", "waiting")
    assert pick([rows["LT-57"], rows["LT-15"], rows["LT-01"]], *keys) == [
        (1, 0, 0, 0, 1), (1, 0, 1, 0, 0), (1, 0, 0, 0, 1)]  # D4 only, in consultation


def test_stage_times_are_stored_with_each_transition_including_a_return_and_a_withdrawal(
        cast, registered, draft_payload):
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import AuditEntry
    from reviewflow.services import consolidation, consultation, lifecycle
    from reviewflow.services.clock import vilnius_today
    from reviewflow.services.drafts import register_draft
    from tests.services.reports_world import at

    lawyer, board = cast["lawyer"], cast["board"]

    def fire(draft, name, user, **payload):
        lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)

    draft = registered
    assert stored_stage_times(draft.id) == {}  # only registered: no stage left yet
    fire(draft, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    assert stored_stage_times(draft.id) == {"registered": (0, 1)}
    fire(draft, "open_consultation", lawyer, municipalities=["LT-57", "LT-15"])
    assert_tally_counts_the_invitations({("LT-57", "pending"): 1, ("LT-15", "pending"): 1})
    consultation.answer_no_comments(draft, cast["kaunas"])
    assert_tally_counts_the_invitations({("LT-57", "pending"): 1, ("LT-15", "no_comments"): 1})
    fire(draft, "close_consultation", lawyer, reason="Baigta")
    consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports", "text": "LSA pritaria."})
    fire(draft, "skip_committee", lawyer, reason="Skubu")
    fire(draft, "return_for_revision", board, reason="Patikslinti")  # back in consolidation: a second stay
    fire(draft, "skip_committee", lawyer, reason="Patikslinta")
    fire(draft, "approve", board, decision_number="VN-1", decision_date=vilnius_today().isoformat())
    expected = {"registered": (0, 1), "assigned": (0, 1), "consultation": (0, 1), "consolidation": (0, 2),
                "board_review": (0, 2)}  # all on one day; approved not left yet
    assert stored_stage_times(draft.id) == expected == recomputed_stage_times(draft.id)

    other = register_draft({**draft_payload, "number": "XIVP-2436"}, lawyer).draft
    fire(other, "assign", cast["admin"], lawyer=lawyer.email)
    fire(other, "withdraw", lawyer, reason="Atšauktas")
    assert stored_stage_times(other.id) == {"registered": (0, 1), "assigned": (0, 1)} == recomputed_stage_times(
        other.id)

    # Re-dated entries are recomputed at the flush that changes them: Mon 2026-03-02 ... (11 March a holiday).
    moments = [at("2026-03-02"), at("2026-03-03"), at("2026-03-04"), at("2026-03-09"), at("2026-03-12"),
               at("2026-03-13"), at("2026-03-16"), at("2026-03-17", 22, 30)]  # the last is 03-18 in Vilnius
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.draft_id == draft.id,
                                                          AuditEntry.to_state.is_not(None))
                                 .order_by(AuditEntry.id)).all()
    moves = [e for e in entries if e.action in ("register", *lifecycle.TRANSITIONS)]
    assert len(moves) == len(moments)
    for entry, moment in zip(moves, moments, strict=True):
        entry.created_at = moment
    db.session.commit()
    assert stored_stage_times(draft.id) == {
        "registered": (1, 1), "assigned": (1, 1), "consultation": (3, 1),
        "consolidation": (2 + 1, 2),  # 03-09 -> 03-12 is 2 (11th a holiday), 03-13 -> 03-16 is 1
        "board_review": (1 + 2, 2),  # 03-12 -> 03-13 and 03-16 -> 03-18 (Vilnius date of 22:30 UTC)
    } == recomputed_stage_times(draft.id)


def test_the_backfill_rebuilds_the_same_facts_the_listeners_kept(world):
    from sqlalchemy import delete, select

    from reviewflow.extensions import db
    from reviewflow.models import DraftStageTime, InvitationTally
    from reviewflow.services.reports.stage_times import rebuild_stage_times
    from reviewflow.services.reports.tallies import rebuild_invitation_tally

    def facts():
        return (sorted(db.session.execute(select(DraftStageTime.draft_id, DraftStageTime.stage, DraftStageTime.days,
                                                 DraftStageTime.stays)).all()),
                sorted(db.session.execute(select(InvitationTally.received_month, InvitationTally.municipality_id,
                                                 InvitationTally.status,
                                                 InvitationTally.invitations)
                                          .where(InvitationTally.invitations != 0)).all()))

    kept = facts()
    # D1 7 stages, D2 5, D3 3, D4 2, D5 1; tally cells: March 3 (D1), April 2 (D3), November 3 (D4)
    assert len(kept[0]) == 18 and len(kept[1]) == 8
    db.session.execute(delete(DraftStageTime))
    db.session.execute(delete(InvitationTally))
    rebuild_stage_times(db.session.connection())
    rebuild_invitation_tally(db.session.connection())
    assert facts() == kept
