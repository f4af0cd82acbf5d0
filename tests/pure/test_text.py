"""Text pasted from Word: control characters are cleaned, everything a person wrote is kept."""

from __future__ import annotations

import pytest

from reviewflow.text import clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", ""),
        ("pirma\x0bantra", "pirma\nantra"),
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("stulpelis\tkitas", "stulpelis\tkitas"),
        ("be\x00nulio", "benulio"),
        ("\x01\x02\x07\x08\x0c\x1b\x1f\x7fx\x85\x9f", "x"),
        ("Šiaulių „savivaldybė“ <b> & ąčęėįšųūž 🙂", "Šiaulių „savivaldybė“ <b> & ąčęėįšųūž 🙂"),
        ("\u00a0nbsp and – dash", "\u00a0nbsp and – dash"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_is_idempotent():
    once = clean_text("a\x0b\r\nb\x00\x1f")
    assert clean_text(once) == once == "a\n\nb"
