"""A schema-driven fuzz of the OpenAPI document: whatever schemathesis sends, no 5xx comes back."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error

from reviewflow.api.openapi import build_document
from tests.api.conftest import fire, stored_token

# The document the app serves (test_openapi checks they are equal). schemathesis' lazy
# from_fixture loader does not run under pytest 9, and one app set up once for every operation
# keeps this fast, so the operations are driven from one test.
schema = schemathesis.openapi.from_dict(build_document())
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))  # raise it for a longer hunt


def test_no_operation_answers_with_a_server_error(app, cast, registered):
    fire(registered, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(registered, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    lawyer = cast["lawyer"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25

    for operation in operations:
        for mode in schemathesis.GenerationMode:
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            def call(case):
                # A fresh token per example: DELETE /auth/token may revoke the one it was given.
                headers = {"Authorization": f"Bearer {stored_token(lawyer)}"}
                case.call_and_validate(app=app, base_url="http://localhost/api/v1", headers=headers,
                                       checks=[not_a_server_error])

            try:
                call()
            except Unsatisfiable:
                # Negative mode has nothing to break in an operation without input.
                assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
