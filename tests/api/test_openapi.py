"""The OpenAPI document: valid OpenAPI 3, served without a token, describing every API route."""

from __future__ import annotations

import schemathesis

from reviewflow.api.openapi import build_document
from reviewflow.workflows import TRANSITIONS


def test_the_document_is_valid_openapi_and_is_what_the_app_serves(client):
    served = client.get("/api/v1/openapi.json").get_json()
    assert served == build_document()
    schemathesis.openapi.from_dict(served).validate()  # against the OpenAPI 3.0 meta-schema


def test_every_route_is_described(app):
    paths = build_document()["paths"]
    described = {(method.upper(), path) for path, item in paths.items() for method in item}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = rule.rule.removeprefix("/api/v1")
            for name in rule.arguments:
                path = path.replace(f"<int(max=2147483647):{name}>", f"{{{name}}}")
                path = path.replace(f"<{name}>", f"{{{name}}}")  # a plain string segment (reports/{name})
            routed |= {(m, path) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == described


def test_the_contract_details_outside_systems_rely_on():
    document = build_document()
    schemas = document["components"]["schemas"]
    assert schemas["TransitionInput"]["properties"]["name"]["enum"] == list(TRANSITIONS)
    assert schemas["DraftInput"]["properties"]["kind"]["enum"] == [
        "law", "government_resolution", "ministerial_order", "other"]
    assert schemas["CommentPatch"]["properties"]["decision"]["enum"] == [
        "accepted", "partly_accepted", "rejected"]
    stances = ["supports", "supports_with_remarks", "objects"]
    assert schemas["PositionInput"]["properties"]["stance"]["enum"] == stances
    assert schemas["TransitionInput"]["properties"]["opinion"]["enum"] == stances
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "POST /auth/token, then Authorization: Bearer"}
    assert document["paths"]["/openapi.json"]["get"]["security"] == []
    assert document["paths"]["/auth/token"]["post"]["security"] == []
    transition = document["paths"]["/drafts/{draft_id}/transitions"]["post"]["responses"]
    assert set(transition) == {"200", "401", "403", "404", "409", "422"}
    problem = document["components"]["responses"]["Conflict"]["content"]
    assert list(problem) == ["application/problem+json"]
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
