"""An initiator's answer to proposals, read from its table: a Seimas committee conclusion or a derinimo pažyma.

Two layouts are read, both found by the words of their header, never by column position:

- a Seimas committee conclusion's proposals table: ``Eil. Nr. | Pasiūlymo teikėjas, data | Siūloma keisti
  (str. | str. d. | p.) | Pasiūlymo turinys | Komiteto nuomonė | Argumentai, pagrindžiantys nuomonę``, often
  with a two-row header (the second row splits "Siūloma keisti") and sometimes a row numbering the columns;
- a Government coordination certificate ("derinimo pažyma"): ``Institucijos pavadinimas | Pastabos ir
  pasiūlymai | Paaiškinimai dėl pastabų``, where the outcome opens the explanation ("Atsižvelgta.",
  "Neatsižvelgta, nes …").

Pure: bytes in, rows out. Cell text is read by :mod:`reviewflow.documents.docx_text`'s reader, so text in
tracked insertions and content controls is kept and tracked deletions are left out.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from flask_babel import gettext as _

# The reader that sees what python-docx's ``cell.text`` misses (tracked insertions, content controls, fields).
from reviewflow.documents.docx_text import _Reader
from reviewflow.errors import Invalid

TAKEN, PARTLY, NOT_TAKEN = "taken", "partly", "not_taken"

# The opinions as initiators write them, folded (lower case, no diacritics); the longer first, so that
# "nepritarti" is not read as "pritarti" and "pritarti is dalies" not as "pritarti".
_OPINIONS = (
    ("is dalies atsizvelgta", PARTLY), ("atsizvelgta is dalies", PARTLY), ("pritarti is dalies", PARTLY),
    ("is dalies pritarti", PARTLY), ("neatsizvelgta", NOT_TAKEN), ("nepritarti", NOT_TAKEN),
    ("atsizvelgta", TAKEN), ("pritarti", TAKEN),
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = ("sausio", "vasario", "kovo", "balandzio", "geguzes", "birzelio", "liepos", "rugpjucio", "rugsejo",
           "spalio", "lapkricio", "gruodzio")
_LONG_DATE = re.compile(r"\b(\d{4})\s*m\.\s*(\w+)\s+(\d{1,2})\s*d\.?", re.IGNORECASE)
# Provisions named inside a remark of a derinimo pažyma ("Projekto 3 straipsnio 2 dalies 1 punktą …").
_IN_TEXT = {
    "article": re.compile(r"(\d+(?:\s*\(\d+\))?)\s+straipsn", re.IGNORECASE),
    "part": re.compile(r"(\d+)\s+dal", re.IGNORECASE),
    "point": re.compile(r"(\d+(?:\.\d+)*)\s+punkt", re.IGNORECASE),
}


@dataclass(frozen=True)
class AnswerRow:
    """One row of the initiator's table: who proposed what on which provision, and the initiator's answer.

    ``article`` / ``part`` / ``point`` are as written ("1 (5)", "(2)"); ``provision`` joins them the way
    the table reads ("1 (5) str. (2) d."). ``outcome`` is taken / partly / not_taken, or None when the
    opinion says none of these.
    """

    number: str
    proposer: str
    date: str | None
    provision: str
    article: str
    part: str
    point: str
    proposal: str
    opinion: str
    outcome: str | None
    arguments: str


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces, for comparing words people typed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def read_opinion(text: str) -> tuple[str, str | None, str]:
    """The opinion phrase at the start of ``text``, its outcome, and the rest (the arguments), or "", None, text."""
    folded = fold(text)
    for phrase, outcome in _OPINIONS:
        if folded.startswith(phrase):
            # Folding keeps one character per letter, so the phrase's length is the same in the original,
            # once the original's leading and repeated spaces are made single as well.
            original = " ".join(text.split())
            rest = original[len(phrase):].lstrip(" .,;:–-\n")
            return original[:len(phrase)], outcome, rest
    return "", None, text.strip()


def read_answer_table(data: bytes) -> list[AnswerRow]:
    """The rows of every answer table in a DOCX, in order; :class:`Invalid` when there is none."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        message = _("The Word document could not be read; it may be damaged.")
        raise Invalid(message, errors={"file": message}) from exc
    rows: list[AnswerRow] = []
    for table in document.element.body.iter(qn("w:tbl")):
        rows.extend(read_grid(_grid(document, table)))
    if not rows:
        message = _("No table of proposals and answers was found in the document.")
        raise Invalid(message, errors={"file": message})
    return rows


def _grid(document, table) -> list[list[str]]:
    """The table's text as a grid: a cell spanning columns fills each, a vertical merge repeats the top text."""
    grid: list[list[str]] = []
    for tr in table.iterchildren(qn("w:tr")):
        properties = tr.find(qn("w:trPr"))
        if properties is not None and properties.find(qn("w:del")) is not None:
            continue  # a row deleted with tracked changes is not part of the answer
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            span_element = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_element.get(qn("w:val"))) if span_element is not None else 1
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                above = grid[-1] if grid else []
                text = above[len(row)] if len(row) < len(above) else ""
            else:
                text = _cell_text(document, tc)
            row.extend([text] * span)
        grid.append(row)
    return grid


def _cell_text(document, tc) -> str:
    reader = _Reader(document)
    for child in tc:
        reader.walk(child)
    reader.flush_carry()
    return "\n".join(block.text.strip() for block in reader.blocks if block.text.strip())


# Header words by column, folded; the first that fits names the column.
# The order matters: "Argumentai, pagrindžiantys nuomonę" is the arguments, not the opinion, and "Institucijos
# pavadinimas, rašto data ir Nr." is the proposer, not the row number.
_COLUMNS = (
    ("proposer", ("teikej", "institucij", "pavadinim")),
    ("number", ("eil. nr", "eil.nr", "nr.")),
    ("arguments", ("argument", "paaiskinim", "atsizvelgim", "vertinim")),
    ("opinion", ("nuomon",)),
    ("proposal", ("turin", "pastabos ir pasiulym", "pasiulym", "pastab")),
)
SPLIT_HEADER = {"str.": "article", "str": "article", "straipsnis": "article", "str. d.": "part",
                 "str.d.": "part", "d.": "part", "dalis": "part", "p.": "point", "punktas": "point"}


def _columns(header_rows: list[list[str]]) -> dict[str, int]:
    """Which grid column holds what, from the header's words (its second row splits "Siūloma keisti")."""
    found: dict[str, int] = {}
    width = max(len(r) for r in header_rows)
    for index in range(width):
        texts = [fold(r[index]) for r in header_rows if index < len(r)]
        last = texts[-1] if texts else ""
        if last in SPLIT_HEADER and len(header_rows) > 1:
            found.setdefault(SPLIT_HEADER[last], index)
            continue
        words = " ".join(dict.fromkeys(texts))
        for name, needles in _COLUMNS:
            if any(needle in words for needle in needles):
                found.setdefault(name, index)
                break
    return found


def _is_header(row: list[str]) -> bool:
    words = fold(" ".join(row))
    return ("teikej" in words or "institucij" in words) and (
        "nuomon" in words or "paaiskinim" in words or "argument" in words)


def _continues_header(row: list[str], first: set[str]) -> bool:
    """A second header row ("str. | str. d. | p.", its merged cells repeating ``first``'s words) or a row
    numbering the columns (1 | 2 | 3 …)."""
    texts = [fold(t) for t in row]
    if all(t in SPLIT_HEADER or t == "" or t in first for t in texts) and any(
            t in SPLIT_HEADER for t in texts):
        return True
    distinct = list(dict.fromkeys(t for t in texts if t))
    return bool(distinct) and all(t.isdigit() for t in distinct) and [int(t) for t in distinct] == list(
        range(1, len(distinct) + 1))


def read_grid(grid: list[list[str]]) -> list[AnswerRow]:
    """The answer rows of one table given as a grid of cell texts (from a Word table or a PDF's columns)."""
    start = next((i for i, row in enumerate(grid) if _is_header(row)), None)
    if start is None:
        return []
    header = [grid[start]]
    first = {fold(t) for t in grid[start]}
    body_start = start + 1
    while body_start < len(grid) and _continues_header(grid[body_start], first):
        # The row numbering the columns is not a header of words: only "str. | str. d. | p." rows name columns.
        if any(fold(t) in SPLIT_HEADER for t in grid[body_start]):
            header.append(grid[body_start])
        body_start += 1
    columns = _columns(header)
    if "proposer" not in columns or not ({"opinion", "arguments"} & set(columns)):
        return []
    rows: list[AnswerRow] = []
    previous_proposer = ""
    for row in grid[body_start:]:
        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        proposal = cell("proposal")
        if not proposal and not cell("opinion") and not cell("arguments"):
            continue  # an empty row
        if len({text.strip() for text in row}) == 1:
            continue  # a section title spanning the table ("Pasiūlymai dėl 2 straipsnio")
        proposer_cell = cell("proposer") or previous_proposer
        previous_proposer = proposer_cell
        proposer, when = _proposer_and_date(proposer_cell)
        rows.append(_answer_row(cell, columns, proposer, when, proposal))
    return rows


def _answer_row(cell, columns: dict[str, int], proposer: str, when: str | None, proposal: str) -> AnswerRow:
    if "opinion" in columns:
        opinion_text = cell("opinion")
        opinion, outcome, rest = read_opinion(opinion_text)
        opinion = opinion or opinion_text
        arguments = cell("arguments") if "arguments" in columns else rest
    else:
        # A derinimo pažyma: the explanation opens with the outcome, its arguments follow.
        opinion, outcome, arguments = read_opinion(cell("arguments"))
    article, part, point = cell("article"), cell("part"), cell("point")
    if not any((article, part, point)) and not {"article", "part", "point"} & set(columns):
        article, part, point = (_first(_IN_TEXT[name], proposal) for name in ("article", "part", "point"))
    return AnswerRow(
        number=cell("number").rstrip("."), proposer=proposer, date=when,
        provision=provision_as_written(article, part, point), article=article, part=part, point=point,
        proposal=proposal, opinion=opinion, outcome=outcome, arguments=arguments,
    )


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return " ".join(match.group(1).split()) if match else ""


def provision_as_written(article: str, part: str, point: str) -> str:
    """"1 (5) str. (2) d. 3 p." from the three columns as written."""
    pieces = [f"{value} {unit}" for value, unit in ((article, "str."), (part, "d."), (point, "p.")) if value]
    return " ".join(pieces)


def _proposer_and_date(text: str) -> tuple[str, str | None]:
    """"Lietuvos savivaldybių asociacija, 2026-10-12" → the proposer and the ISO date (or None)."""
    when = None
    match = _ISO_DATE.search(text)
    if match:
        when = match.group(0)
    else:
        match = _LONG_DATE.search(text)
        if match and fold(match.group(2)) in _MONTHS:
            month = _MONTHS.index(fold(match.group(2))) + 1
            when = f"{int(match.group(1)):04d}-{month:02d}-{int(match.group(3)):02d}"
        else:
            match = None
    proposer = text[:match.start()] + text[match.end():] if match else text
    proposer = " ".join(proposer.replace("\n", " ").split()).strip(" ,;")
    return proposer, when
