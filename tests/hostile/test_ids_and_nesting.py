"""Issue 9, faults 1(b) and 1(c): ids beyond the database's range are 404 on every route, and a JSON
body nested deeper than the limit is a 400 with a message on every API endpoint, signed in or not."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from reviewflow import RowIdConverter
from reviewflow.api.body import MAX_NESTING, nesting_depth
from reviewflow.services.payload import MAX_DB_ID
from tests.api.conftest import stored_token
from tests.conftest import login

HUGE = "99999999999999999999"  # beyond 64 bits: SQLite raised OverflowError (a 500) before


def int_rules(app):
    """Every rule with an id (``<int:…>``) in it."""
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(conv, IntegerConverter) for conv in rule._converters.values())]


def url_with(rule, number: str) -> str:
    """The rule's URL with every id replaced by ``number`` and other parts by a plain word."""
    parts = []
    for is_dynamic, part in rule._trace:
        if not is_dynamic:
            parts.append(part)
        else:
            parts.append(number if isinstance(rule._converters[part], IntegerConverter) else "assign")
    return "".join(parts).split("|", 1)[-1]


def test_every_id_converter_is_the_bounded_one(app):
    rules = int_rules(app)
    assert len(rules) >= 30
    for rule in rules:
        for conv in rule._converters.values():
            if isinstance(conv, IntegerConverter):
                assert type(conv) is RowIdConverter, rule.rule
                assert conv.max == MAX_DB_ID, rule.rule


@pytest.mark.parametrize("number", [HUGE, str(MAX_DB_ID + 1), "1" + "0" * 400])
def test_ids_beyond_the_database_range_are_404_on_every_route(app, make_user, number):
    admin = make_user("admin")
    client = app.test_client()
    assert login(client, admin.email).status_code == 302
    headers = {"Authorization": f"Bearer {stored_token(admin)}"}
    checked = 0
    for rule in int_rules(app):
        url = url_with(rule, number)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, headers=headers)
            assert response.status_code == 404, (method, url, response.status_code)
            checked += 1
    assert checked >= 40


def test_the_largest_valid_id_is_an_ordinary_not_found(app, make_user):
    lawyer = make_user("lawyer")
    client = app.test_client()
    assert login(client, lawyer.email).status_code == 302
    assert client.get(f"/drafts/{MAX_DB_ID}").status_code == 404
    assert client.get(f"/drafts/{MAX_DB_ID + 1}").status_code == 404


@pytest.mark.parametrize("raw, depth", [
    (b"{}", 1), (b'{"a": [1, {"b": [2]}]}', 4), (b'{"a": "[[[[{{{{"}', 1),
    (b'["\\\\", [[]]]', 3), (b'["\\"[[[", {}]', 2), (b"[" * 1000, 1000), (b"[[]" * 100, 101),
    (b'[["open string [[[[', 2), (b"", 0),
])
def test_nesting_is_counted_outside_strings(raw, depth):
    assert nesting_depth(raw) == depth


def deep(levels: int) -> bytes:
    return b'{"title": ' + b"[" * levels + b"]" * levels + b"}"


def api_operations(app):
    """Every API rule and method that may take a body."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS", "GET"}):
                yield method, url_with(rule, "1")


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_a_body_nested_100000_deep_is_400_on_every_api_endpoint(app, make_user, signed_in):
    headers = {"Content-Type": "application/json"}
    if signed_in:
        headers["Authorization"] = f"Bearer {stored_token(make_user('lawyer'))}"
    client = app.test_client()
    operations = list(api_operations(app))
    assert len(operations) >= 15
    for method, url in operations:
        response = client.open(url, method=method, data=deep(100_000), headers=headers)
        assert response.status_code == 400, (method, url, response.status_code)
        assert response.mimetype == "application/problem+json"
        assert f"more than {MAX_NESTING} levels" in response.get_json()["detail"]


def test_the_limit_is_exact_and_shallow_bodies_reach_the_service(app, make_user):
    headers = {"Authorization": f"Bearer {stored_token(make_user('lawyer'))}"}
    client = app.test_client()
    # 64 levels in all (the object plus 63 arrays): decoded, then refused by the service as not text.
    at_limit = client.post("/api/v1/drafts", data=deep(MAX_NESTING - 1), headers=headers,
                           content_type="application/json")
    assert at_limit.status_code == 422
    over = client.post("/api/v1/drafts", data=deep(MAX_NESTING), headers=headers, content_type="application/json")
    assert over.status_code == 400


def test_a_pdf_upload_is_not_mistaken_for_deep_json(app, db, make_user, refdata):
    """Multipart bodies are not scanned: a PDF's bytes are full of brackets."""
    import io

    from tests.pure.samples import MINIMAL_PDF

    lawyer = make_user("lawyer")
    from reviewflow.services.drafts import register_draft
    from tests.pages.conftest import registration_payload

    draft = register_draft(registration_payload(), lawyer).draft
    pdf = MINIMAL_PDF.replace(b"%%EOF", b"%" + b"[" * 5000 + b"\n%%EOF")
    response = app.test_client().post(
        f"/api/v1/drafts/{draft.id}/files", headers={"Authorization": f"Bearer {stored_token(lawyer)}"},
        data={"role": "explanatory_note", "file": (io.BytesIO(pdf), "pazyma.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()
