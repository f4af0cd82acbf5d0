"""Lithuanian dates, quotation marks, plurals and the cleaning of user text."""

from __future__ import annotations

from datetime import date

import pytest

from reviewflow.documents.lt_format import (
    clean_text,
    lt_date_iso,
    lt_date_long,
    lt_plural,
    lt_quote,
    normalise_quotes,
    unquote,
)

MONTHS = [
    "sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio",
    "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio",
]  # fmt: skip


def test_long_date_uses_the_genitive_month():
    assert lt_date_long(date(2026, 11, 27)) == "2026 m. lapkričio 27 d."
    assert lt_date_long(date(2027, 1, 8)) == "2027 m. sausio 8 d."


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_the_genitive(month):
    assert lt_date_long(date(2026, month, 1)) == f"2026 m. {MONTHS[month - 1]} 1 d."


def test_iso_date():
    assert lt_date_iso(date(2026, 11, 27)) == "2026-11-27"
    assert lt_date_iso(date(2026, 2, 3)) == "2026-02-03"


def test_lithuanian_quotes():
    assert lt_quote("Savivaldybės taryba") == "„Savivaldybės taryba“"


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "lapas"), (2, "lapai"), (9, "lapai"), (10, "lapų"), (11, "lapų"), (15, "lapų"),
     (20, "lapų"), (21, "lapas"), (22, "lapai"), (111, "lapų"), (112, "lapų"), (101, "lapas")],
)  # fmt: skip
def test_plural(n, word):
    assert lt_plural(n, "lapas", "lapai", "lapų") == word


def test_clean_text_keeps_letters_tabs_and_line_breaks():
    assert clean_text("ąčęėįšųūž\tĄČĘĖĮŠŲŪŽ\nx") == "ąčęėįšųūž\tĄČĘĖĮŠŲŪŽ\nx"


def test_clean_text_turns_word_breaks_into_newlines_and_drops_control_characters():
    assert clean_text("a\x0bb\r\nc\rd\x0ce") == "a\nb\nc\nd\ne"
    assert clean_text("a\x00\x07\x1b\x7fb\ufffe") == "ab"
    assert clean_text(None) == ""
    assert clean_text(42) == "42"


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("Savivaldybės taryba", "„Savivaldybės taryba“"),
        ("„Savivaldybės taryba“", "„Savivaldybės taryba“"),
        ('"Savivaldybės taryba"', "„Savivaldybės taryba“"),
        ("“Savivaldybės taryba”", "„Savivaldybės taryba“"),
        ("«Savivaldybės taryba»", "„Savivaldybės taryba“"),
        ("„„Savivaldybės taryba““", "„Savivaldybės taryba“"),
        ('"„Savivaldybės taryba“"', "„Savivaldybės taryba“"),
        ("  „Savivaldybės taryba“  ", "„Savivaldybės taryba“"),
        ("„Savivaldybės taryba", "„Savivaldybės taryba“"),  # pasted from a web page: opening mark only
        ("Savivaldybės taryba“", "„Savivaldybės taryba“"),  # closing mark only
        ("„Dėl „Aprašo“ patvirtinimo“", "„Dėl „Aprašo“ patvirtinimo“"),  # inner quotes stay
        ("„A“ ir „B“", "„„A“ ir „B““"),  # two quotations side by side are not one pair
        ('Nutarimas "Dėl aprašo" keičiamas', "„Nutarimas „Dėl aprašo“ keičiamas“"),
    ],
)
def test_a_quotation_gets_exactly_one_pair_of_lithuanian_marks(typed, quoted):
    assert lt_quote(typed) == quoted


def test_unquote_and_inner_marks():
    assert unquote("«„tekstas“»") == "tekstas"
    assert normalise_quotes('žodis "cituojamas" ir “kitas”') == "žodis „cituojamas“ ir „kitas“"
