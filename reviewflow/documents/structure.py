"""The structure of a draft as a lawyer reads it, offered as comment anchors.

Three kinds of text carry numbers: the draft's own provisions; the new wording an amending provision
quotes in „…“ (the *amended* act's articles and points, nested under the amending provision); and a
document the draft approves after "PATVIRTINTA" (a description, rules…), whose points restart at 1 and
are cited by that document's name. Tables, titles and signatures are none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS, TextBlock, docx_blocks
from reviewflow.documents.provision_phrases import (
    APPROVED_KINDS,
    SECTION_ORDINALS,
    number_key,
    participle,
    provision_instrumental,
    provision_label,
    provision_short,
    provision_sort_key,
    provision_title,
    section_genitive,
)
from reviewflow.errors import Invalid
from reviewflow.services.files import sniff_document

__all__ = [
    "ExtractedText", "ProvisionAnchor", "SCAN_WARNING", "extract_structure", "provision_label",
    "provision_sort_key", "provision_title", "structure_of_blocks",
]

# "3 straipsnis. Savivaldybių funkcijos", "3¹ straipsnis", "12 str. ..."; the dot after "straipsnis"
# is required so that a sentence starting "3 straipsnis taikomas ..." is not taken for a heading.
ARTICLE = re.compile(rf"^(?P<no>\d+[{SUPERSCRIPT_DIGITS}]*)\s*(?:straipsnis\s*(?:[.:]|$)|str\.(?:\s|$))")
PART = re.compile(r"^(?P<no>\d+)\.\s+\S")
LAW_POINT = re.compile(r"^(?P<no>\d+)\)\s+\S")
# "1. ", "1.1. ", "1.1.1." (the last dot is often missing on sub-points); a single number needs it,
# so that "2026 m. sausio 1 d." is not read as point 2026.
RESOLUTION_POINT = re.compile(r"^(?:(?P<one>\d+)\.|(?P<many>\d+(?:\.\d+)+)\.?)\s+\S")
CHAPTER = re.compile(r"^(?P<no>[IVXL]+)\s+SKYRIUS\b")
SECTION = re.compile(rf"^(?P<no>{'|'.join(SECTION_ORDINALS)})\s+skirsnis\b", re.IGNORECASE)
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
_TARGET_ARTICLE = re.compile(rf"(?<![\d.\-])(\d+[{SUPERSCRIPT_DIGITS}]*)\s+straipsn", re.IGNORECASE)
_TARGET_PART = re.compile(r"(?<![\d.\-])(\d+)\s+dal[iįy]", re.IGNORECASE)
_LAW_KINDS = ("įstatymo", "kodekso", "statuto")

SCAN_WARNING = "The PDF has no text layer (a scan): comments on it will be general, not per provision."


@dataclass(frozen=True)
class ProvisionAnchor:
    """A provision a comment can point at; ``position`` is its character offset in the full text.

    ``scope`` is None for the draft's own provisions, "1 str." / "2 p." for the new wording quoted by
    that provision, or the approved document's name ("Aprašas"); the numbers are inside that scope.
    ``chapter`` is set (and the numbers empty) for a chapter or section anchor.
    """

    position: int
    article: str | None
    part: str | None
    point: str | None
    label: str
    text: str
    scope: str | None = None
    citation: str = ""
    short: str = ""
    depth: int = 0
    chapter: str | None = None


@dataclass(frozen=True)
class ExtractedText:
    """The full text of a document, its provisions in document order, and a warning for the reader."""

    text: str
    anchors: list[ProvisionAnchor] = field(default_factory=list)
    warning: str | None = None


def extract_structure(data: bytes) -> ExtractedText:
    """Read a DOCX or a PDF into its full text and its provisions; a PDF scan gives a warning instead."""
    kind = sniff_document(data)
    if kind == "docx":
        return structure_of_blocks(docx_blocks(data))
    if kind == "pdf":
        try:
            # Imported here: the PDF text library is needed only when a PDF arrives.
            from reviewflow.documents.pdf_text import pdf_blocks

            blocks = pdf_blocks(data)
        except ImportError:
            return ExtractedText(text="", anchors=[], warning=SCAN_WARNING)
        except Invalid as exc:
            # A scan (no text layer) or an unreadable text layer: the file is still the draft and is kept;
            # only its provisions cannot be offered, and the message says so.
            return ExtractedText(text="", anchors=[], warning=exc.detail or SCAN_WARNING)
        extracted = structure_of_blocks(blocks)
        if not extracted.text.strip():
            return ExtractedText(text="", anchors=[], warning=SCAN_WARNING)
        return extracted
    message = "Text and structure can be read only from a Word document (DOCX) or a PDF."
    raise Invalid(message, errors={"file": message})


def structure_of_blocks(blocks: list[TextBlock]) -> ExtractedText:
    """The full text and the anchors of a document given as paragraphs in order."""
    items: list[tuple[int, str, bool]] = []
    offset = 0
    for block in blocks:
        stripped = block.text.lstrip()
        items.append((offset + len(block.text) - len(stripped), stripped.rstrip(), block.in_table))
        offset += len(block.text) + 1
    anchors = list(_Reader(_segments(items)).anchors())
    return ExtractedText(text="\n".join(block.text for block in blocks), anchors=anchors)


# -- Cutting the text into the draft's own paragraphs, quoted wording and approved documents ---------


@dataclass
class _Quoted:
    """New wording quoted by the amending sentence ``trigger``: its paragraphs (position, text, in_table)."""

    trigger: str
    blocks: list[tuple[int, str, bool]]


@dataclass
class _Approved:
    """The start of a document the draft approves: its name in the nominative and genitive."""

    name: str
    genitive: str


def _segments(items: list[tuple[int, str, bool]]) -> Iterator[tuple[int, str] | _Quoted | _Approved]:
    """The draft's own paragraphs (position, text), with quoted wording and approved documents marked."""
    index = 0
    while index < len(items):
        position, text, in_table = items[index]
        if in_table or not text:
            # Tables in drafts hold data (rates, lists of bodies): their numbered rows are not provisions.
            index += 1
            continue
        if text[0] in OPENERS:
            # A quotation no amending sentence introduces is not the draft's own text: skip all of it.
            end = _closing(items[index:], _quote_mode(text[0]), skip_first=1)
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


def _quote_mode(opener: str | None) -> str:
    """How a quotation opened by ``opener`` closes: Lithuanian „…“, English “…”, or straight "…"."""
    return {"“": "en", '"': "straight"}.get(opener or "", "lt")


def _closing(blocks: list[tuple[int, str, bool]], mode: str, skip_first: int = 0) -> int | None:
    """The index of the paragraph whose mark closes a quotation already open; None if none does.

    Quotations inside the wording that open and close in one paragraph do not end it; ``skip_first``
    characters of the first paragraph (the opening mark) are not read.
    """
    depth = 1
    for number, (_position, text, _in_table) in enumerate(blocks):
        text = text[skip_first:] if number == 0 else text
        straight = [i for i, char in enumerate(text) if char == '"']
        lone = straight[-1] if len(straight) % 2 else None  # pairs in one paragraph are inner quotes
        for i, char in enumerate(text):
            if mode == "straight":
                depth -= i == lone
            elif mode == "en":
                depth += (char == "“") - (char == "”")
            else:
                depth += (char == "„") - (char in "“”" or i == lone)
            if depth == 0:
                return number
    return None


def _wording(items: list[tuple[int, str, bool]], index: int) -> tuple[_Quoted, int] | None:
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
        mode, missing = _quote_mode(rest[0]), False
        trigger = text[: follows.start()]
    elif nxt is not None and items[nxt][1][0] in OPENERS and not rest:
        first = items[nxt]
        base, blocks = nxt, [(first[0] + 1, first[1][1:], first[2]), *items[nxt + 1:]]
        mode, missing = _quote_mode(first[1][0]), False
        trigger = text[: follows.start()] if follows else text
    elif follows and not rest and nxt is not None:
        # Pasted from a web page: the opening „ is lost, the closing “ kept.
        base, blocks, mode, missing, trigger = nxt, items[nxt:], "lt", True, text[: follows.start()]
    else:
        return None
    end = _closing(blocks, mode)
    if end is None or (missing and _introduces_wording_before(blocks, end)):
        if missing:
            return None
        end = 0  # an unclosed quotation takes its first paragraph only, not the rest of the draft
    # blocks[k] stands for items[base + k]: reading goes on after the closing paragraph.
    return _Quoted(trigger, blocks[: end + 1]), base + end + 1


def _introduces_wording_before(blocks: list[tuple[int, str, bool]], end: int) -> bool:
    """Whether another amending sentence comes before the closing mark (then no mark was lost here)."""
    return any(WORDING_FOLLOWS.search(text) and text.rstrip().endswith(":") for _p, text, _t in blocks[:end])


def _approval(items: list[tuple[int, str, bool]], index: int) -> tuple[_Approved, int]:
    """The approved document after "PATVIRTINTA" (issuer and date lines skipped) and where its text starts."""
    for j in range(index + 1, min(index + 12, len(items))):
        text = items[j][1]
        if text and text == text.upper() and any(char.isalpha() for char in text):
            head = text.split()[-1].strip(".,;:").lower()
            if head in APPROVED_KINDS:
                return _Approved(*APPROVED_KINDS[head]), j + 1
    return _Approved("Priedas", "Priedo"), index + 1


# -- Reading numbers into anchors -----------------------------------------------------------------


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


class _Reader:
    """Turns the segments into anchors: the draft's own, the nested quoted ones, the approved documents'."""

    def __init__(self, segments: Iterator[tuple[int, str] | _Quoted | _Approved]) -> None:
        self.regions: list[tuple[_Approved | None, list[tuple[int, str] | _Quoted]]] = [(None, [])]
        for segment in segments:
            if isinstance(segment, _Approved):
                self.regions.append((segment, []))
            else:
                self.regions[-1][1].append(segment)

    def anchors(self) -> Iterator[ProvisionAnchor]:
        """Every anchor in document order."""
        own = self.regions[0][1]
        # The title names the act an amending draft changes ("… ĮSTATYMO NR. I-533 … PAKEITIMO ĮSTATYMAS").
        titles = [text for text in _texts(own)[:12] if re.search(r"pakeitim|papildym", text, re.IGNORECASE)]
        title_kind = next((kind for kind in map(kind_of, titles) if kind), None)
        for approved, segments in self.regions:
            law = any(ARTICLE.match(text) for text in _texts(segments))
            default_kind = title_kind or ("įstatymo" if law else "nutarimo")
            yield from _Region(approved, law, default_kind).read(segments)


def _texts(segments: list[tuple[int, str] | _Quoted]) -> list[str]:
    """The own paragraphs' texts of a list of segments."""
    return [segment[1] for segment in segments if isinstance(segment, tuple)]


class _Region:
    """One region: the draft itself (``approved`` None) or a document it approves."""

    def __init__(self, approved: _Approved | None, law: bool, default_kind: str) -> None:
        self.approved, self.law, self.default_kind = approved, law, default_kind
        self.article: str | None = None
        self.part: str | None = None
        self.point: str | None = None
        self.chapter: str | None = None
        self.heading = ""  # the current article's heading ("1 straipsnis. 5 straipsnio pakeitimas")
        self.owner: ProvisionAnchor | None = None
        self.kinds: dict[str, str] = {}  # the act an own provision amends, by its number
        self.numbers = _Numbering()

    def read(self, segments: list[tuple[int, str] | _Quoted]) -> Iterator[ProvisionAnchor]:
        """The anchors of the region in order."""
        for segment in segments:
            if isinstance(segment, _Quoted):
                if self.approved is None:
                    yield from self._nested(segment)
                continue
            position, text = segment
            anchor = self._own(position, text)
            if anchor is not None:
                if anchor.chapter is None:
                    self.owner = anchor
                yield anchor
            # "P a k e i č i u … nuostatus …:" names, for the points below it, the act they amend.
            if (AMENDING.search(text) or AMENDING.search(text[:40].replace(" ", ""))) and (kind := kind_of(text)):
                self.kinds[self._key()] = kind

    def _key(self) -> str:
        """The current own provision's number, as the key of what it amends."""
        return (self.article or "") if self.law else (self.point or "")

    def _own(self, position: int, text: str) -> ProvisionAnchor | None:
        """The anchor an own paragraph starts, if it starts one."""
        if match := CHAPTER.match(text):
            self.chapter = match.group("no")
            return self._chapter_anchor(position, text, self.chapter, None)
        if match := SECTION.match(text):
            return self._chapter_anchor(position, text, self.chapter, match.group("no").lower())
        numbers = self.numbers.read(text, self.law, (self.article, self.part, self.point))
        if numbers is None:
            return None
        if self.law and numbers[0] != self.article:
            self.heading = text
        self.article, self.part, self.point = numbers
        return self._anchor(position, text, *numbers)

    def _anchor(self, position: int, text: str, article, part, point) -> ProvisionAnchor:
        """An own provision (of the draft or of the approved document)."""
        title, genitive, short = (provision_title(article, part, point), provision_label(article, part, point),
                                  provision_short(article, part, point))
        if self.approved is None:
            return ProvisionAnchor(position, article, part, point, title, text,
                                   citation=f"Projekto {genitive}", short=short)
        name = self.approved.genitive
        # LSA's letters cite "Projektu tvirtinamo Aprašo 3 punkto": the letter never defines "Aprašas",
        # so the reader must be told it is the document this draft approves, not one already in force.
        return ProvisionAnchor(position, article, part, point, f"{name} {title}", text,
                               scope=self.approved.name, citation=f"Projektu tvirtinamo {name} {genitive}",
                               short=f"{name} {short}")

    def _chapter_anchor(self, position: int, text: str, chapter: str | None, section: str | None):
        """A chapter ("II skyrius") or a section ("II skyriaus pirmasis skirsnis")."""
        if section is None:
            nominative, genitive, short = f"{chapter} skyrius", f"{chapter} skyriaus", f"{chapter} sk."
        else:
            head, head_short = (f"{chapter} skyriaus ", f"{chapter} sk. ") if chapter else ("", "")
            number = SECTION_ORDINALS.index(section) + 1
            nominative = f"{head}{section} skirsnis"
            genitive = f"{head}{section_genitive(section)} skirsnio"
            short = f"{head_short}{number} skirsn."
        if self.approved is None:
            label = nominative[0].upper() + nominative[1:]
            return ProvisionAnchor(position, None, None, None, label, text, citation=f"Projekto {genitive}",
                                   short=short, chapter=nominative)
        name = self.approved.genitive
        return ProvisionAnchor(position, None, None, None, f"{name} {nominative}", text,
                               scope=self.approved.name, citation=f"Projektu tvirtinamo {name} {genitive}",
                               short=f"{name} {short}", chapter=nominative)

    def _nested(self, quoted: _Quoted) -> Iterator[ProvisionAnchor]:
        """The amended act's provisions in the new wording, nested under the amending provision."""
        owner = self.owner
        kind = kind_of(quoted.trigger) or self._inherited_kind() or self.default_kind
        law = kind in _LAW_KINDS or any(ARTICLE.match(text) for _p, text, _t in quoted.blocks)
        article = part = point = None
        if law:
            found = _TARGET_ARTICLE.search(quoted.trigger) or _TARGET_ARTICLE.search(self.heading.split(".", 1)[-1])
            article = found.group(1) if found else None
            if found and (found_part := _TARGET_PART.search(quoted.trigger, found.end())):
                part = found_part.group(1)
        numbers = _Numbering(quoted=True)
        for position, text, in_table in quoted.blocks:
            if in_table or not text:
                continue
            found = numbers.read(text, law, (article, part, point))
            if found is not None:
                article, part, point = found
                yield _nested_anchor(position, text, owner, self.law, kind, found)

    def _inherited_kind(self) -> str | None:
        """The act named by the amending provision's enclosing provisions ("1. Pakeisti Aprašą: 1.1. …")."""
        key = self._key()
        while True:
            if key in self.kinds:
                return self.kinds[key]
            if not key:
                return None
            key = key.rpartition(".")[0]


class _Numbering:
    """The numbers read so far in one text: within its parent a provision's number only grows.

    A number that goes back or repeats ("1." after "3.") is not a provision: it is a table row that lost
    its table (a PDF keeps no tables), a struck-out old number, or a list inside a provision.
    """

    def __init__(self, quoted: bool = False) -> None:
        self.last: dict[str, tuple] = {}
        self.quoted = quoted  # quoted wording may start inside an article, at any part or point

    def read(self, text: str, law: bool, current: tuple[str | None, str | None, str | None]):
        """The (article, part, point) a paragraph starts, or None when it starts no provision."""
        article, part, point = current
        if law:
            if match := ARTICLE.match(text):
                parent, found = "", (match.group("no"), None, None)
            elif article is None and not self.quoted:
                return None  # the title and preamble before the first article
            elif match := PART.match(text):
                parent, found = f"{article}/", (article, match.group("no"), None)
            elif match := LAW_POINT.match(text):
                parent, found = f"{article}/{part}", (article, part, match.group("no"))
            else:
                return None
            return found if self._grows(parent, match.group("no")) else None
        if match := RESOLUTION_POINT.match(text):
            number = match.group("one") or match.group("many")
            parent = number.rpartition(".")[0]
            # A sub-point belongs to the point being read ("2.1" after "2" or "2.3"), not to another one.
            inside = not parent or point is None or point == parent or point.startswith(parent + ".")
            return (None, None, number) if inside and self._grows(parent, number) else None
        return None

    def _grows(self, parent: str, number: str) -> bool:
        """Whether ``number`` comes after the last one read under ``parent`` (and remember it)."""
        key = number_key(number)
        if parent in self.last and key <= self.last[parent]:
            return False
        self.last[parent] = key
        return True


def _nested_anchor(position: int, text: str, owner: ProvisionAnchor | None, law_owner: bool, kind: str,
                   numbers: tuple[str | None, str | None, str | None]) -> ProvisionAnchor:
    """A provision of the new wording: "1 straipsniu keičiamo 5 straipsnio 2 dalis" and its citation."""
    article, part, point = numbers
    if owner is None:
        instrumental, scope, head = "Projektu", "Projektas", ""
    elif law_owner:
        # Seimas tables cite an amending law by its article: "1 (5) str. 2 d.", whatever part amends.
        instrumental, scope, head = provision_instrumental(owner.article, None, None), f"{owner.article} str.", \
            owner.article or ""
    else:
        instrumental, scope, head = provision_instrumental(None, None, owner.point), f"{owner.point} p.", \
            owner.point or ""
    word = participle(kind)
    label = f"{instrumental} {word} {provision_title(article, part, point)}"
    citation = f"{instrumental} {word} {kind} {provision_label(article, part, point)}"
    if owner is not None:
        citation = f"Projekto {citation}"
    if law_owner and article:
        tail = provision_short(None, part, point)
        short = f"{head} ({article}) str." + (f" {tail}" if tail else "")
    elif not law_owner and point and not article:
        short = f"{head} ({point}) p."
    else:
        short = f"{head} ({provision_short(article, part, point)})".strip()
    return ProvisionAnchor(position, article, part, point, label[:300], text, scope=scope,
                           citation=citation[:400], short=short[:120], depth=1)
