"""A draft's text cut into its own paragraphs, the new wording it quotes, and the documents it approves.

An amending provision ("… išdėstyti taip:", "papildyti … 3 dalimi:") is followed by the new wording in
„…“, possibly over many paragraphs and possibly without its opening mark (pasted from a web page): it
runs to the mark that closes it, and quotations that open and close inside it do not end it. A stamp
"PATVIRTINTA" starts a document the draft approves, named by the head noun of its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewflow.documents.provision_phrases import APPROVED_KINDS

# The stamp above an approved document; printed in capitals, so a sentence "Patvirtinta …" is not it.
APPROVAL = re.compile(r"^PATVIRTINTA\b")

# An amending sentence: "… išdėstyti taip:", "… išdėstomas taip:", "papildyti … 3 dalimi:".
AMENDING = re.compile(r"\b(?:išdėst|papild|pakeis|pakeič|keič|keiči)", re.IGNORECASE)
WORDING_FOLLOWS = re.compile(
    r"(?:\b(?:šitaip|taip)|\b(?:straipsni(?:u|ais)|dalimis?|punkt(?:u|ais)|papunkč(?:iu|iais)|skyriumi|"
    r"skirsniu|sakini(?:u|ais)|pastraipa|priedu))\s*:",
    re.IGNORECASE,
)
OPENERS = "„“\""
# The amended act's kind in the amending sentence, genitive or accusative ("įstatymo", "aprašą").
_KIND = re.compile(
    r"\b(?:(?P<o>įstatym|kodeks|nutarim|įsakym|sprendim|apraš|statut|reglament|plan|sąraš)(?:o|ą)"
    r"|(?P<taisykl>taisykl)(?:ių|es)|(?P<nuostat>nuostat)(?:ų|us)"
    r"|(?P<os>program|tvark|strategij|metodik)(?:os|ą))\b",
    re.IGNORECASE,
)
_TITLE_IN_QUOTES = re.compile(r"[„“\"][^„“”\"]*[“”\"]")


@dataclass
class Quoted:
    """New wording quoted by the amending sentence ``trigger``: its paragraphs (position, text, in_table)."""

    trigger: str
    blocks: list[tuple[int, str, bool]]


@dataclass
class Approved:
    """The start of a document the draft approves: its name in the nominative and genitive."""

    name: str
    genitive: str


def segments(items: list[tuple[int, str, bool]]) -> Iterator[tuple[int, str] | Quoted | Approved]:
    """The draft's own paragraphs (position, text), with quoted wording and approved documents marked.

    ``items`` are the paragraphs as (position in the full text, text without outer spaces, in a table).
    """
    index = 0
    while index < len(items):
        position, text, in_table = items[index]
        if in_table or not text:
            # Tables in drafts hold data (rates, lists of bodies): their numbered rows are not provisions.
            index += 1
            continue
        if text[0] in OPENERS:
            # A quotation no amending sentence introduces is not the draft's own text: skip all of it.
            end = _closing(items[index:], text[0], skip_first=1)
            index += (end if end is not None else 0) + 1
            continue
        if APPROVAL.match(text):
            approved, index = _approval(items, index)
            yield approved
            continue
        yield position, text
        found = _wording(items, index)
        if found is None:
            index += 1
        else:
            quoted, index = found
            yield quoted


def _closing(blocks: list[tuple[int, str, bool]], opener: str, skip_first: int = 0) -> int | None:
    """The index of the paragraph whose mark closes a quotation opened by ``opener``; None if none does.

    Quotations inside the wording do not end it: „…“ (or „…”) and English “…” nest, and straight marks
    that pair up inside one paragraph are an inner quotation; a lone straight mark closes the innermost
    one. ``skip_first`` characters of the first paragraph (the opening mark) are not read.
    """
    open_marks = [opener]
    for number, (_position, text, _in_table) in enumerate(blocks):
        text = text[skip_first:] if number == 0 else text
        straight = [i for i, char in enumerate(text) if char == '"']
        lone = straight[-1] if len(straight) % 2 else None
        for i, char in enumerate(text):
            if char == "„":
                open_marks.append(char)
            elif char == "“":
                # In Lithuanian “ closes „; after an English opening (or none) it opens.
                if open_marks[-1] == "„":
                    open_marks.pop()
                else:
                    open_marks.append(char)
            elif char == "”" or (char == '"' and i == lone):
                open_marks.pop()
            if not open_marks:
                return number
    return None


def _wording(items: list[tuple[int, str, bool]], index: int) -> tuple[Quoted, int] | None:
    """The quoted wording introduced by the amending paragraph at ``index`` and the index after it."""
    position, text, _in_table = items[index]
    if not AMENDING.search(text):
        return None
    follows = WORDING_FOLLOWS.search(text)
    rest = text[follows.end():].lstrip() if follows else ""
    nxt = next((j for j in range(index + 1, len(items)) if items[j][1]), None)
    if rest and rest[0] in OPENERS:
        # The wording starts in the same paragraph: „2. …“ right after "išdėstyti taip:".
        start = position + len(text) - len(rest) + 1
        base, blocks = index, [(start, rest[1:], False), *items[index + 1:]]
        opener, missing = rest[0], False
        trigger = text[: follows.start()]
    elif nxt is not None and items[nxt][1][0] in OPENERS and not rest:
        first = items[nxt]
        base, blocks = nxt, [(first[0] + 1, first[1][1:], first[2]), *items[nxt + 1:]]
        opener, missing = first[1][0], False
        trigger = text[: follows.start()] if follows else text
    elif follows and not rest and nxt is not None:
        # Pasted from a web page: the opening „ is lost, the closing “ kept.
        base, blocks, opener, missing, trigger = nxt, items[nxt:], "„", True, text[: follows.start()]
    else:
        return None
    end = _closing(blocks, opener)
    if end is None or (missing and _another_amendment(blocks[: end + 1])):
        if missing:
            return None
        end = 0  # an unclosed quotation takes its first paragraph only, not the rest of the draft
    # blocks[k] stands for items[base + k]: reading goes on after the closing paragraph.
    return Quoted(trigger, blocks[: end + 1]), base + end + 1


def _another_amendment(blocks: list[tuple[int, str, bool]]) -> bool:
    """Whether an amending sentence comes up to the closing mark (then the mark is that one's).

    The paragraphs after this "taip:" are then the draft's own text, not wording that lost its „.
    """
    return any(AMENDING.search(text) and WORDING_FOLLOWS.search(text) for _p, text, _t in blocks)


def _approval(items: list[tuple[int, str, bool]], index: int) -> tuple[Approved, int]:
    """The approved document after "PATVIRTINTA" (issuer and date lines skipped) and where its text starts."""
    for j in range(index + 1, min(index + 12, len(items))):
        # Titles are printed in capitals, but a retyped one may not be: the head noun decides.
        words = items[j][1].split()
        if words and words[-1].strip(".,;:").lower() in APPROVED_KINDS:
            return Approved(*APPROVED_KINDS[words[-1].strip(".,;:").lower()]), j + 1
    return Approved("Priedas", "Priedo"), index + 1


def kind_of(sentence: str) -> str | None:
    """The amended act's kind in the genitive ("įstatymo", "aprašo"), from the last one named."""
    found = None
    for match in _KIND.finditer(_TITLE_IN_QUOTES.sub(" ", sentence)):
        if match.group("o"):
            found = match.group("o").lower() + "o"
        elif match.group("taisykl"):
            found = "taisyklių"
        elif match.group("nuostat"):
            found = "nuostatų"
        else:
            found = match.group("os").lower() + "os"
    return found
