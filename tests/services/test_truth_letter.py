"""After sending, the letter version that went out reads "Sent" (and "Signed and sent" when signed), never "Ready"."""

from __future__ import annotations

import re

import pytest

from tests.conftest import login
from tests.documents.signing_kit import make_signer
from tests.services.outcome_world import approved, mark_sent, store_signed  # noqa: F401


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


def _states(page: str) -> list[str]:
    return [s.strip() for s in re.findall(r'<span class="badge text-bg-success rf-letter-state">(.*?)</span>', page,
                                          re.S)]


def test_the_letter_version_reads_as_sent_and_signed_once_sent(client, approved, cast, signer):  # noqa: F811
    login(client, cast["lawyer"].email)
    assert _states(client.get(f"/drafts/{approved.draft.id}").get_data(as_text=True)) == ["Parengtas"]
    store_signed(approved, cast["lawyer"], signer)
    assert _states(client.get(f"/drafts/{approved.draft.id}").get_data(as_text=True)) == ["Pasirašytas"]

    mark_sent(approved, cast["lawyer"])
    assert _states(client.get(f"/drafts/{approved.draft.id}").get_data(as_text=True)) == \
        ["Pasirašytas ir išsiųstas"]
    client.get("/logout")
    login(client, cast["vilnius"].email)
    page = client.get(f"/drafts/{approved.draft.id}").get_data(as_text=True)
    assert _states(page) == ["Pasirašytas ir išsiųstas"] and "Parengtas" not in page
