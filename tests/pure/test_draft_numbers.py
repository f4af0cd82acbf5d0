"""Draft numbers as lawyers paste them: prefixes and periods dropped, Seimas revisions split off."""

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


@pytest.mark.parametrize(
    ("pasted", "number", "revision"),
    [
        ("Nr. XIVP-3597(2)", "XIVP-3597", 2),
        ("NR. XIVP-3597(2)", "XIVP-3597", 2),
        ("Pr. XIVP-3597(2)", "XIVP-3597", 2),
        ("nr.XIVP-3597 (2)", "XIVP-3597", 2),
        ("XIVP-3597(2).", "XIVP-3597", 2),
        ("  Nr.   XIVP-3597 ( 2 ) . ", "XIVP-3597", 2),
        ("Projekto Nr. XIVP-3597(2)", "XIVP-3597", 2),
        ("Nr XIVP-3597", "XIVP-3597", None),
        ("XIVP – 3597", "XIVP-3597", None),
        ("xivp-2435(2)", "XIVP-2435", 2),
    ],
)
def test_pasted_seimas_numbers_lose_prefix_spaces_and_period(pasted, number, revision):
    parsed = parse_draft_number(pasted)
    assert (parsed.number, parsed.revision, parsed.term) == (number, revision, "XIV")
    assert parsed.raw == (f"{number}({revision})" if revision else number)


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("Nr. 22-1234.", "22-1234"),
        ("Pr.  (13.2-31)-3-352", "(13.2-31)-3-352"),
        ("25-14533", "25-14533"),
        ("Nraštas-5", "Nraštas-5"),  # a word that only begins like a prefix stays whole
    ],
)
def test_other_numbers_lose_only_the_prefix_and_period(pasted, kept):
    parsed = parse_draft_number(pasted)
    assert (parsed.raw, parsed.number, parsed.revision, parsed.term) == (kept, kept, None, None)


@pytest.mark.parametrize("raw", ["Nr.", "Pr. .", "NR "])
def test_a_prefix_alone_is_no_number(raw):
    with pytest.raises(Invalid):
        parse_draft_number(raw)


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
