"""Fixtures for the hostile-input suite: the cast of people, drafts in several states, API clients."""

from __future__ import annotations

from tests.api.conftest import api, in_consultation  # noqa: F401
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401
