"""Titles of acts: the printed heading in normal case, and the act's name in the genitive for a letter.

Drafts are often registered with the heading as printed, in capitals and in the nominative
("LIETUVOS RESPUBLIKOS … ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS"). The words before the
head noun are already genitive, so only the head noun changes case; resolutions and orders titled
"Dėl …" are cited with their issuer and kind in front and the title in quotes.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources

# Kinds, as DraftKind values (documents/ stays free of the models).
LAW = "law"
GOVERNMENT_RESOLUTION = "government_resolution"
MINISTERIAL_ORDER = "ministerial_order"

OPENING_QUOTES = "„\"“"
CLOSING_QUOTES = "“\"”"

# Genitive singular (plural for plural-only nouns) of the head nouns acts are named with.
HEAD_NOUN_GENITIVE = {
    "įstatymas": "įstatymo",
    "nutarimas": "nutarimo",
    "įsakymas": "įsakymo",
    "sprendimas": "sprendimo",
    "potvarkis": "potvarkio",
    "aprašas": "aprašo",
    "planas": "plano",
    "kodeksas": "kodekso",
    "statutas": "statuto",
    "tvarka": "tvarkos",
    "programa": "programos",
    "strategija": "strategijos",
    "koncepcija": "koncepcijos",
    "taisyklės": "taisyklių",
    "nuostatai": "nuostatų",
    "aktas": "akto",
    "sąrašas": "sąrašo",
    "reglamentas": "reglamento",
    "metodika": "metodikos",
    "schema": "schemos",
    "sutartis": "sutarties",
    "susitarimas": "susitarimo",
    "konvencija": "konvencijos",
    "direktyva": "direktyvos",
    "rekomendacijos": "rekomendacijų",
    "reikalavimai": "reikalavimų",
    "kriterijai": "kriterijų",
    "nurodymai": "nurodymų",
    "įkainiai": "įkainių",
    "normos": "normų",
}
KIND_WORDS = ("įstatym", "nutarim", "įsakym", "sprendim", "potvark")

# Words that keep a capital in running text whatever their position (proper names of the state and
# its bodies), in the case forms a title uses.
PROPER_WORDS = {
    "lietuvos", "lietuva", "lietuvai", "lietuvą",
    "vyriausybės", "vyriausybė", "vyriausybei", "vyriausybę",
    "seimo", "seimas", "seimui", "seimą",
    "prezidento", "prezidentas", "prezidentui",
    "konstitucijos", "konstitucija", "konstitucinio", "konstitucinis",
    "europos", "baltijos",
}
# Words capitalised only right after the given word ("Lietuvos Respublikos", "Europos Sąjungos").
PROPER_AFTER = {
    "respublikos": "lietuvos", "respublika": "lietuvos", "respublikai": "lietuvos",
    "sąjungos": "europos", "sąjunga": "europos", "sąjungai": "europos",
    "parlamento": "europos", "komisijos": "europos", "tarybos": "sąjungos",
    "teismo": "konstitucinio", "teismas": "konstitucinis",
}
# Abbreviations written in capitals in running text.
ABBREVIATIONS = {
    "ES", "LR", "LRV", "PVM", "BDAR", "VMI", "NATO", "JT", "EBPO", "ESBO", "SODRA", "VĮ", "UAB", "AB",
    "VšĮ", "LSA", "IT", "IRT", "ŽŪM", "SAM", "ŠMSM", "VRM", "FM", "AM", "EIM", "KAM", "SADM", "TM", "URM",
    "KM", "RRF", "ERPF", "ESF", "ELPA", "VRK", "NVO", "KPD", "VTD", "PAGD", "BK", "ATPK", "CK", "DK",
}
ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
TOKEN = re.compile(r"\S+")
TRAILING_DRAFT = re.compile(r"\s+projekt(?:as|o|ą)(?:\s+nr\.?\s*\S+)?\s*$", re.IGNORECASE)
TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "(nauja redakcija)", "(suvestinė redakcija)"
ORDINAL = re.compile(r"^\d+-[^\W\d_]+$")  # "5-OJO" is "5-ojo", not a number to keep
DESIGNATION_LETTERS = set("ABCDEFGHJKLMNPRSTUVXYZ")  # "A KATEGORIJOS": a letter that names something
DEL_PREFIX = re.compile(r"^dėl\s", re.IGNORECASE)


@functools.cache
def _municipal_names() -> frozenset[str]:
    """The place words of the 60 municipalities' names ("Vilniaus", "Kazlų Rūdos"): they keep a capital."""
    text = resources.files("reviewflow.refdata").joinpath("municipalities.csv").read_text(encoding="utf-8")
    words: set[str] = set()
    for row in csv.DictReader(io.StringIO(text)):
        for word in row["name"].split():
            if word[0].isupper():
                words.add(word.lower())
    return frozenset(words)


def _is_shouting(title: str) -> bool:
    """True when the title is typed in capitals (most of its words of three letters or more)."""
    words = [w for w in WORD.findall(title) if len(w) >= 3 and not ROMAN.match(w)]
    if not words:
        return False
    upper = sum(1 for w in words if w.isupper())
    return upper / len(words) >= 0.7


def _keeps_capitals(core: str) -> bool:
    """Whether a word in a capitals heading is an act number, a Roman numeral or an abbreviation."""
    if ORDINAL.match(core):
        return False
    if any(ch.isdigit() for ch in core):
        return True  # I-533, XIV-1268, XIVP-3597(2), COVID-19, 2021–2030
    if len(core) > 1 and ROMAN.match(core):
        return True
    if core in ("I", "V", "X"):
        return True
    return core in ABBREVIATIONS


def _capitalise(word: str) -> str:
    """The word with its first letter in capitals (the rest untouched)."""
    for index, ch in enumerate(word):
        if ch.isalpha():
            return word[:index] + ch.upper() + word[index + 1:]
    return word


def _lower_token(token: str, previous: str | None, starts_sentence: bool, places: set[str]) -> str:
    """One token of a capitals heading in normal case."""
    match = WORD.search(token)
    if match is None:
        return token
    core = token.strip("„“\"”()[],.;:!?")
    if core.upper() == "NR":
        return token.replace(core, "Nr")
    if _keeps_capitals(core):
        return token
    if core in DESIGNATION_LETTERS and not token.endswith("."):
        return token  # "A kategorijos", but "m." and "d." of a date are lowered below
    lowered = token.lower()
    word = match.group(0).lower()
    proper = word in PROPER_WORDS or word in places or PROPER_AFTER.get(word) == previous
    if starts_sentence or proper:
        return _capitalise(lowered)
    return lowered


def normal_case(title: str) -> str:
    """The title in normal case: a capitals heading lowered except the first word and proper names.

    Act numbers ("Nr. I-533", "XIV-1268"), Roman numerals and known abbreviations keep their capitals;
    the first word inside quotes ("„Dėl …“") starts with a capital. A title already typed in normal case
    is kept as typed (only its whitespace is tidied).
    """
    tidy = " ".join((title or "").split())
    if not _is_shouting(tidy):
        return tidy
    places = _municipal_names()
    result: list[str] = []
    previous: str | None = None
    for index, token in enumerate(TOKEN.findall(tidy)):
        starts = index == 0 or token[0] in OPENING_QUOTES
        result.append(_lower_token(token, previous, starts, places))
        match = WORD.search(token)
        previous = match.group(0).lower() if match else previous
    return " ".join(result)


def _genitive_word(word: str) -> str:
    """The genitive of a head noun, keeping its capitals; unknown or already genitive words unchanged."""
    lower = word.lower()
    genitive = HEAD_NOUN_GENITIVE.get(lower)
    if genitive is None:
        return word
    if word.isupper():
        return genitive.upper()
    if word[0].isupper():
        return _capitalise(genitive)
    return genitive


def _replace_last_word(text: str) -> str:
    """The text with its last word (the head noun) in the genitive."""
    matches = list(WORD.finditer(text))
    if not matches:
        return text
    match = matches[-1]
    return text[: match.start()] + _genitive_word(match.group(0)) + text[match.end():]


def _trailing_quote_start(text: str) -> int | None:
    """Where the quoted part that ends the text opens (balanced „…“), or None if it does not end so."""
    if not text or text[-1] not in CLOSING_QUOTES:
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        ch = text[index]
        if ch == "“" or ch == "”" or (ch == '"' and depth == 0):
            depth += 1
        elif ch == "„" or (ch == '"' and depth > 0 and index != len(text) - 1):
            depth -= 1
            if depth == 0:
                return index
    return None


def _strip_outer_quotes(text: str) -> str:
    """'„Dėl …“' typed with its quotes -> 'Dėl …'."""
    if len(text) > 2 and text[0] in OPENING_QUOTES and _trailing_quote_start(text) == 0:
        return text[1:-1].strip()
    return text


def minister_genitive(institution_name: str | None) -> str | None:
    """The issuer of a ministry's orders in the genitive: "… sveikatos apsaugos ministerija" -> "… ministro"."""
    name = " ".join((institution_name or "").split())
    if name.lower().endswith(" ministerija"):
        return name[: -len("ministerija")] + "ministro"
    return None


def act_genitive(title: str, kind: str, issuer: str | None = None) -> str:
    """The act's name in the genitive, for "DĖL … PROJEKTO" and "… projekto" (without "projekto").

    Only the head noun changes: "… pakeitimo įstatymas" -> "… pakeitimo įstatymo". A title "Dėl …" is
    cited with the issuer and kind in front and the title in quotes: a Government resolution as
    "Lietuvos Respublikos Vyriausybės nutarimo „Dėl …“", a ministerial order as "<issuer> įsakymo „Dėl …“"
    (``issuer`` in the genitive, e.g. "Lietuvos Respublikos sveikatos apsaugos ministro"; "ministro" if
    unknown). A title that already names its kind ("… nutarimas „Dėl …“") is not doubled.
    """
    name = TRAILING_DRAFT.sub("", normal_case(title)).strip().rstrip(".").strip()
    note = TRAILING_NOTE.search(name)
    if note and note.start() > 0:
        # "… įstatymas (nauja redakcija)": the head noun stands before the note, which stays as it is.
        return act_genitive(name[: note.start()], kind, issuer) + " " + note.group(0).strip()
    name = _strip_outer_quotes(name)
    if DEL_PREFIX.match(name):
        return _cite_del_title(name, kind, issuer)
    quote = _trailing_quote_start(name)
    if quote is not None and quote > 0:
        # "… nutarimas „Dėl …“": the head noun stands before the quoted title.
        head = name[:quote].rstrip()
        return _replace_last_word(head) + " " + name[quote:]
    return _replace_last_word(name)


def _cite_del_title(name: str, kind: str, issuer: str | None) -> str:
    """A "Dėl …" title cited with its issuer and kind in front, the title in Lithuanian quotes."""
    quoted = f"„{_capitalise(name)}“"
    if kind == GOVERNMENT_RESOLUTION:
        return f"Lietuvos Respublikos Vyriausybės nutarimo {quoted}"
    if kind == MINISTERIAL_ORDER:
        return f"{issuer or 'ministro'} įsakymo {quoted}"
    return f"teisės akto {quoted}"
