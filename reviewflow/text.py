"""Cleaning of free text pasted from Word before it is stored."""

from __future__ import annotations

import re

# Bidirectional embeddings, overrides and isolates: U+202E turns "namegpj.pdf" into what reads
# "namefdp.jpg". Lithuanian text never needs them (plain left-to-right), so they are dropped.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# C0 controls except \t and \n, DEL, the C1 block, the bidi controls and lone surrogates (a JSON
# "\\ud800" decodes to one; no database can store it as UTF-8). \x0b (vertical tab) is handled first:
# Word writes it for a manual line break (Shift+Enter), so it means a new line, not garbage.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0c\\x0e-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}\\ud800-\\udfff]")


def clean_text(value: str | None) -> str | None:
    """Turn vertical tabs and CR/CRLF into \\n and drop other control and bidi characters; None stays None."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL.sub("", value)
