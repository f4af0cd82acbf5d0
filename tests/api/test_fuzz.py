"""A schema-driven fuzz of the OpenAPI document: whatever schemathesis sends, no 5xx comes back."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from reviewflow.api.openapi import build_document
from tests.api.conftest import fire, stored_token

# The same document the app serves (test_openapi checks they are equal). schemathesis' lazy
# from_fixture loader does not run under pytest 9, so the schema is built here and the app is
# handed to each call.
schema = schemathesis.openapi.from_dict(build_document())


@pytest.fixture
def fuzz_lawyer(app, cast, registered):  # noqa: F811
    """A draft in consultation (so small ids exist) and the lawyer whose tokens are used."""
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    return cast["lawyer"]


@schema.parametrize()
@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case, app, fuzz_lawyer):
    # A fresh token per example: DELETE /auth/token may revoke the one it was given.
    token = stored_token(fuzz_lawyer)
    case.call_and_validate(app=app, base_url="http://localhost/api/v1",
                           headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
