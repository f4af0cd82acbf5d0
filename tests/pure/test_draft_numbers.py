"""Draft numbers: Seimas revisions are split off, other shapes are kept as typed."""

from __future__ import annotations

import pytest

from reviewflow.errors import Invalid
from reviewflow.services.draft_numbers import ParsedNumber, parse_draft_number


@pytest.mark.parametrize(
    ("raw", "number", "revision", "term"),
    [
        ("XIVP-2435(2)", "XIVP-2435", 2, "XIV"),
        ("XIVP-2667", "XIVP-2667", None, "XIV"),
        ("XIIP-1234(5)", "XIIP-1234", 5, "XII"),
        ("  XVP-12(10) \n", "XVP-12", 10, "XV"),
        ("22-1234", "22-1234", None, None),
        ("(13.2-31)-3-352", "(13.2-31)-3-352", None, None),
        ("xivp-2435(2)", "xivp-2435(2)", None, None),  # the pattern is upper case only
        ("XIVP-2435 (2)", "XIVP-2435 (2)", None, None),
        ("XIV-1268", "XIV-1268", None, None),  # an adopted law, not a draft
    ],
)
def test_parse_draft_number(raw, number, revision, term):
    parsed = parse_draft_number(raw)
    assert parsed.number == number
    assert parsed.revision == revision
    assert parsed.term == term
    assert parsed.raw == raw.strip()
    assert parsed.is_seimas is (term is not None)


def test_parsed_number_is_frozen():
    parsed = parse_draft_number("XIVP-2667")
    assert parsed == ParsedNumber("XIVP-2667", "XIVP-2667", None, "XIV")
    with pytest.raises(AttributeError):
        parsed.revision = 3


@pytest.mark.parametrize("raw", ["", "   ", None, "\t\n"])
def test_empty_number_is_refused(raw):
    with pytest.raises(Invalid) as caught:
        parse_draft_number(raw)
    assert "number" in caught.value.errors


def test_too_long_number_is_refused():
    with pytest.raises(Invalid):
        parse_draft_number("X" * 101)
