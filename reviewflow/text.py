"""Cleaning of free text pasted from Word before it is stored."""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, and the C1 block. \x0b (vertical tab) is handled first: Word
# writes it for a manual line break (Shift+Enter), so it means a new line, not garbage.
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(value: str | None) -> str | None:
    """Turn vertical tabs and CR/CRLF into \\n and drop other control characters; None stays None."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL.sub("", value)
