"""What counts as a draft number and as a typed provision number (trial 4, B6 and B7)."""

from __future__ import annotations

import pytest

from reviewflow.errors import Invalid
from reviewflow.services.draft_numbers import parse_draft_number
from reviewflow.services.payload import provision_number


def test_a_draft_number_needs_a_letter_or_digit(app):
    with app.test_request_context():
        for typed in ("%%%", "Nr. --", "(  )"):
            with pytest.raises(Invalid) as refused:
                parse_draft_number(typed)
            assert set(refused.value.errors) == {"number"}, typed
        assert [parse_draft_number(n).raw for n in ("XIVP-3120(2)", "23-12345", "2026-01234", "VN-47")] == [
            "XIVP-3120(2)", "23-12345", "2026-01234", "VN-47"]


def test_a_provision_is_a_number_with_sub_numbering(app):
    accepted = {"12": "12", "12-1": "12-1", "25¹": "25¹", "25^1": "25¹", "4.1.": "4.1", "1.1.1": "1.1.1",
                "1)": "1", "1 (5)": "1 (5)", "(2)": "(2)", " 3 ": "3"}
    with app.test_request_context():
        assert {typed: provision_number({"point": typed}, "point") for typed in accepted} == accepted
        assert provision_number({"article": "  "}, "article") is None
        for typed in ("abc; DROP", "12a", "str. 3", "-", ".", "1..2", "()", "3; 4"):
            with pytest.raises(Invalid) as refused:
                provision_number({"article": typed}, "article")
            assert set(refused.value.errors) == {"article"}, typed
