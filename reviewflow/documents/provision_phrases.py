"""How Lithuanian lawyers name a provision: in pickers, after "Dėl " in a letter, and in the annex column."""

from __future__ import annotations

import re

from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS

_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# Documents a draft approves, by the head noun of their title: (nominative, genitive), capitalised
# because once the draft names "Aprašas" the text and LSA's letters cite it as a defined term.
APPROVED_KINDS = {
    "aprašas": ("Aprašas", "Aprašo"),
    "taisyklės": ("Taisyklės", "Taisyklių"),
    "nuostatai": ("Nuostatai", "Nuostatų"),
    "planas": ("Planas", "Plano"),
    "programa": ("Programa", "Programos"),
    "tvarka": ("Tvarka", "Tvarkos"),
    "reglamentas": ("Reglamentas", "Reglamento"),
    "strategija": ("Strategija", "Strategijos"),
    "metodika": ("Metodika", "Metodikos"),
    "sąrašas": ("Sąrašas", "Sąrašo"),
    "kodeksas": ("Kodeksas", "Kodekso"),
}

# "keičiamo įstatymo", "keičiamos programos", "keičiamų taisyklių": the participle agrees with the act.
_PARTICIPLES = (("ų", "keičiamų"), ("ių", "keičiamų"), ("os", "keičiamos"), ("o", "keičiamo"))

# Ordinal chapter sections, as laws print them ("PIRMASIS SKIRSNIS"), with their genitive.
SECTION_ORDINALS = (
    "pirmasis", "antrasis", "trečiasis", "ketvirtasis", "penktasis", "šeštasis", "septintasis",
    "aštuntasis", "devintasis", "dešimtasis", "vienuoliktasis", "dvyliktasis",
)


def participle(kind_genitive: str) -> str:
    """"keičiamo" agreeing with the amended act's kind in the genitive ("įstatymo", "taisyklių")."""
    for ending, word in _PARTICIPLES:
        if kind_genitive.endswith(ending):
            return word
    return "keičiamo"


def section_genitive(ordinal: str) -> str:
    """"pirmasis" -> "pirmojo": the genitive of an ordinal used for sections."""
    return ordinal[: -len("asis")] + "ojo" if ordinal.endswith("asis") else ordinal


def _clean(value: str | None) -> str | None:
    """A provision number as typed, without spaces and a trailing dot; empty means none."""
    value = (value or "").strip().rstrip(".").strip()
    return value or None


def provision_title(article: str | None, part: str | None, point: str | None) -> str:
    """The provision in the nominative: "3 straipsnio 2 dalies 1 punktas", "5.2 papunktis", "Bendrai"."""
    return _provision_phrase(article, part, point, genitive=False)


def provision_label(article: str | None, part: str | None, point: str | None) -> str:
    """The provision in the genitive, as letters write it ("Dėl Projekto 3 straipsnio 2 dalies")."""
    return _provision_phrase(article, part, point, genitive=True)


def _provision_phrase(article: str | None, part: str | None, point: str | None, genitive: bool) -> str:
    """Build the Lithuanian phrase; every level above the last one is in the genitive."""
    article, part, point = _clean(article), _clean(part), _clean(point)
    words: list[tuple[str, str, str]] = []  # (number, nominative, genitive)
    if article:
        words.append((article, "straipsnis", "straipsnio"))
    if part:
        words.append((part, "dalis", "dalies"))
    if point:
        # A dotted number is a sub-point (papunktis) of a resolution's point.
        words.append((point, "papunktis", "papunkčio") if "." in point else (point, "punktas", "punkto"))
    if not words:
        return "bendrai" if genitive else "Bendrai"
    phrase = [f"{number} {gen}" for number, _nom, gen in words[:-1]]
    number, nominative, gen = words[-1]
    phrase.append(f"{number} {gen if genitive else nominative}")
    return " ".join(phrase)


def provision_instrumental(article: str | None, part: str | None, point: str | None) -> str:
    """The provision that amends, in the instrumental: "1 straipsniu", "2 punktu", "1.2 papunkčiu"."""
    article, part, point = _clean(article), _clean(part), _clean(point)
    if point:
        word = "papunkčiu" if "." in point else "punktu"
        head = provision_label(article, part, None) + " " if article or part else ""
        return f"{head}{point} {word}"
    if part:
        head = provision_label(article, None, None) + " " if article else ""
        return f"{head}{part} dalimi"
    return f"{article} straipsniu" if article else "Projektu"


def provision_short(article: str | None, part: str | None, point: str | None) -> str:
    """The annex column as Seimas tables write it: "3 str. 2 d. 1 p.", "5.2 p."."""
    article, part, point = _clean(article), _clean(part), _clean(point)
    pieces = [f"{article} str." if article else "", f"{part} d." if part else "", f"{point} p." if point else ""]
    return " ".join(piece for piece in pieces if piece)


_NUMBER_PIECE = re.compile(rf"^(\d+)(?:([{SUPERSCRIPT_DIGITS}]+)|\^(\d+)|\((\d+)\))?(.*)$")


def number_key(value: str | None) -> tuple[tuple[int, int, str], ...]:
    """Sort key of one number: "2" < "10", "3" < "3¹" < "4", "5.2" < "5.10"; None (the whole) first."""
    value = _clean(value)
    if value is None:
        return ()
    key = []
    for piece in value.split("."):
        match = _NUMBER_PIECE.match(piece.strip())
        if match is None:
            key.append((10**9, 0, piece.lower()))  # words after numbers, alphabetically
            continue
        number, sup, caret, paren, rest = match.groups()
        extra = sup.translate(_FROM_SUPERSCRIPT) if sup else caret or paren or "0"
        key.append((int(number), int(extra), rest.strip().lower()))
    return tuple(key)


def provision_sort_key(article: str | None, part: str | None, point: str | None) -> tuple:
    """A key ordering provisions as in the document, general comments first."""
    if not (_clean(article) or _clean(part) or _clean(point)):
        return (0,)
    return (1, number_key(article), number_key(part), number_key(point))
