"""The drafts list's filters beside the search (issue 11, item 5): a period ending before it starts is refused."""

from __future__ import annotations

import pytest

from tests.conftest import login


@pytest.mark.parametrize(("language", "message"), [
    ("lt", "Laikotarpio pabaiga (2026-12-01) yra ankstesnė nei jo pradžia (2026-12-10)."),
    ("en", "The end of the period (2026-12-01) is before its start (2026-12-10)."),
])
def test_the_api_refuses_a_period_that_ends_before_it_starts(api, registered, language, message):
    response = api["lawyer"].get("/drafts", query_string={"deadline_from": "2026-12-10", "deadline_to": "2026-12-01"},
                                 headers={"Accept-Language": language})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"deadline_from": message, "deadline_to": message}


def test_the_page_and_the_api_keep_one_rule(client, api, cast, registered):
    period = {"deadline_from": "2026-12-10", "deadline_to": "2026-12-01"}
    login(client, cast["lawyer"].email)
    page = client.get("/drafts/", query_string=period)
    assert page.status_code == 422
    assert "Laikotarpio pabaiga (2026-12-01) yra ankstesnė nei jo pradžia (2026-12-10)." in page.get_data(as_text=True)
    day = registered.reply_deadline.isoformat()
    same_day = {"deadline_from": day, "deadline_to": day}
    assert [d["id"] for d in api["lawyer"].get("/drafts", query_string=same_day).get_json()["items"]] == [registered.id]
