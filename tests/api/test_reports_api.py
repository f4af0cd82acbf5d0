"""GET /api/v1/reports/{name}: the same figures as the page, for LSA staff and the board only."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api, stored_token
from tests.services.reports_world import SEIMAS, build_world


@pytest.fixture
def world(make_user):
    """The fixed archive of the service tests."""
    return build_world(make_user)


@pytest.fixture
def api(client, world):
    """An API client per person of the archive."""
    return {name: Api(client, stored_token(user)) for name, user in world.people.items()}


def test_who_may_read_a_report(client, api):
    got = {role: api[role].get("/reports/received").status_code
           for role in ("admin", "lawyer_a", "board", "specialist", "committee")}
    assert got == {"admin": 200, "lawyer_a": 200, "board": 200, "specialist": 403, "committee": 403}
    assert Api(client, None).get("/reports/received").status_code == 401


def test_the_figures_are_the_services(api):
    body = api["lawyer_a"].get("/reports/on-time?from=2026-01-01&to=2026-12-31").get_json()
    assert body["filters"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert [(r["month"], r["sent"], r["on_time"], r["median_margin"]) for r in body["rows"]] == [
        ("2026-03", 2, 2, 1.0), ("2026-04", 1, 0, -2.0)]
    assert body["total"][0]["on_time_share"] == 0.6667


def test_proposals_keep_unrecorded_answers_empty(api):
    rows = api["board"].get(f"/reports/proposals?institution={SEIMAS}").get_json()["rows"]
    assert [(r["institution"], r["made"], r["taken"], r["not_taken"]) for r in rows] == [(SEIMAS, 5, 1, 1)]
    assert rows[0]["institution_name"] == "Seimas of the Republic of Lithuania"  # the board member reads English
    rows = api["board"].get("/reports/proposals").get_json()["rows"]
    assert rows[1]["taken"] is None and rows[1]["answers_recorded"] == 0


def test_participation_has_counties_too(api):
    body = api["admin"].get("/reports/participation?committee=ivpk").get_json()
    silent = {r["code"]: r["silent"] for r in body["rows"]}
    assert silent["LT-01"] == 1 and len(body["rows"]) == 60 and len(body["counties"]) == 10


def test_workload_names_the_day_it_describes(api):
    body = api["admin"].get("/reports/workload?lawyer=b-lawyer@example.lt").get_json()
    assert [r["email"] for r in body["rows"]] == ["b-lawyer@example.lt"] and "as_of" in body


def test_an_unknown_report_is_404_and_a_refused_caller_learns_nothing(api):
    assert api["admin"].get("/reports/salaries").status_code == 404
    assert api["specialist"].get("/reports/salaries").status_code == 403


BAD_FILTERS = ("from=2026-05-01&to=2026-04-01", "from=01/05/2026", "kind=decree", "institution=Nėra",
               "committee=XX", "lawyer=nobody@example.lt", "to=" + "9" * 400)


def test_bad_filters_are_422_naming_the_field(api):
    for query in BAD_FILTERS:
        response = api["admin"].get(f"/reports/stages?{query}")
        assert response.status_code == 422, query
        assert response.mimetype == "application/problem+json"
        assert set(response.get_json()["errors"]) == {query.split("=")[0]}, query


def test_the_openapi_document_describes_the_reports(api):
    document = api["admin"].get("/openapi.json").get_json()
    operation = document["paths"]["/reports/{name}"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"name", "from", "to", "institution", "committee", "kind",
                                                          "lawyer"}
    assert set(operation["responses"]) >= {"200", "401", "403", "404", "422"}
