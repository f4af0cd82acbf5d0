"""Each report's figures on the fixed archive of ``reports_world`` equal the counts written here by hand."""

from __future__ import annotations

from datetime import date

import pytest

from reviewflow.errors import Forbidden, Invalid, NotFound
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
