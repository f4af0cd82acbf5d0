"""The structure of a draft as a lawyer reads it, offered as comment anchors.

Three kinds of text carry numbers: the draft's own provisions; the new wording an amending provision
quotes in „…“ (the *amended* act's chapters, articles and points, nested under the amending provision); and a
document the draft approves after "PATVIRTINTA" (a description, rules…), whose points restart at 1 and
are cited by that document's name. Tables, titles and signatures are none of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS, TextBlock, docx_blocks
from reviewflow.documents.draft_segments import AMENDING, Approved, Quoted, kind_of, segments
from reviewflow.documents.provision_phrases import (
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
# Every number may carry a raised digit: a part "3¹." or a point "4¹)" inserted between 3 and 4.
_NO = rf"\d+[{SUPERSCRIPT_DIGITS}]*"
PART = re.compile(rf"^(?P<no>{_NO})\.\s+\S")
LAW_POINT = re.compile(rf"^(?P<no>{_NO})\)\s+\S")
# "1. ", "1.1. ", "1.1.1." (the last dot is often missing on sub-points); a single number needs it,
# so that "2026 m. sausio 1 d." is not read as point 2026.
RESOLUTION_POINT = re.compile(rf"^(?:(?P<one>{_NO})\.|(?P<many>{_NO}(?:\.{_NO})+)\.?)\s+\S")
CHAPTER = re.compile(r"^(?P<no>[IVXL]+)\s+SKYRIUS\b")
SECTION = re.compile(rf"^(?P<no>{'|'.join(SECTION_ORDINALS)})\s+skirsnis\b", re.IGNORECASE)
_TARGET_ARTICLE = re.compile(rf"(?<![\d.\-])(\d+[{SUPERSCRIPT_DIGITS}]*)\s+straipsn", re.IGNORECASE)
_TARGET_PART = re.compile(rf"(?<![\d.\-])({_NO})\s+dal[iįy]", re.IGNORECASE)
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
    anchors = _with_bodies(list(_Reader(segments(items)).anchors()), items)
    return ExtractedText(text="\n".join(block.text for block in blocks), anchors=anchors)


# A heading in capitals (a document's title, "PATVIRTINTA") or a signature line ends the last provision's body.
_SIGNATURE = re.compile(
    r"^(?:Respublikos Prezident|Ministras Pirmininkas|Ministrė Pirmininkė|Seimo Pirmininka|\S+ ministr|"
    r"Savivaldybės mer|Meras|Merė)", re.IGNORECASE)
_OPENING_QUOTE = re.compile(r"^[„“\"]\s*")
_CLOSING_QUOTE = re.compile(r"\s*[“”\"]\s*[.;,]?\s*$")


def _ends_body(text: str) -> bool:
    """Whether a paragraph no longer belongs to the provision above it (a title in capitals, a signature)."""
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) > 3 and all(c.isupper() for c in letters)
    return shouting or (len(text) < 80 and bool(_SIGNATURE.match(text)))


def _with_bodies(anchors: list[ProvisionAnchor], items: list[tuple[int, str, bool]]) -> list[ProvisionAnchor]:
    """Each anchor's text with the paragraphs that follow it up to the next anchor: an article's heading
    alone would hide its body ("Šis įstatymas įsigalioja …") from the reader and from the comparison of
    revisions. Quoted new wording loses the quotation marks that delimit it, which are not its words."""
    starts = sorted({anchor.position for anchor in anchors})
    offsets = [offset for offset, _text, _in_table in items]
    out = []
    for anchor in anchors:
        following = bisect.bisect_right(starts, anchor.position)
        end = starts[following] if following < len(starts) else None
        body = []
        # Only the paragraphs after the anchor's own: a draft of thousands of paragraphs stays linear.
        for offset, text, _in_table in items[bisect.bisect_right(offsets, anchor.position):]:
            if not text:
                continue
            if end is not None and offset + len(text) > end:  # the paragraph holding the next anchor
                break
            if end is None and _ends_body(text):
                break
            body.append(text)
        text = "\n".join([anchor.text, *body])
        if anchor.depth:
            text = _CLOSING_QUOTE.sub("", _OPENING_QUOTE.sub("", text))
        out.append(replace(anchor, text=text))
    return out


# -- Reading numbers into anchors -----------------------------------------------------------------


class _Reader:
    """Turns the segments into anchors: the draft's own, the nested quoted ones, the approved documents'."""

    def __init__(self, segments: Iterator[tuple[int, str] | Quoted | Approved]) -> None:
        self.regions: list[tuple[Approved | None, list[tuple[int, str] | Quoted]]] = [(None, [])]
        for segment in segments:
            if isinstance(segment, Approved):
                self.regions.append((segment, []))
            else:
                self.regions[-1][1].append(segment)

    def anchors(self) -> Iterator[ProvisionAnchor]:
        """Every anchor in document order."""
        own = self.regions[0][1]
        # The title names the act an amending draft changes ("… ĮSTATYMO NR. I-533 … PAKEITIMO ĮSTATYMAS").
        titles = [text for text in _texts(own)[:12] if re.search(r"pakeitim|papildym", text, re.IGNORECASE)]
        title_kind = next((kind for kind in map(kind_of, titles) if kind), None)
        for approved, parts in self.regions:
            law = any(ARTICLE.match(text) for text in _texts(parts))
            default_kind = title_kind or ("įstatymo" if law else "nutarimo")
            yield from _Region(approved, law, default_kind).read(parts)


def _texts(segments: list[tuple[int, str] | Quoted]) -> list[str]:
    """The own paragraphs' texts of a list of segments."""
    return [segment[1] for segment in segments if isinstance(segment, tuple)]


class _Region:
    """One region: the draft itself (``approved`` None) or a document it approves."""

    def __init__(self, approved: Approved | None, law: bool, default_kind: str) -> None:
        self.approved, self.law, self.default_kind = approved, law, default_kind
        self.article: str | None = None
        self.part: str | None = None
        self.point: str | None = None
        self.chapter: str | None = None
        self.heading = ""  # the current article's heading ("1 straipsnis. 5 straipsnio pakeitimas")
        self.owner: ProvisionAnchor | None = None
        self.kinds: dict[str, str] = {}  # the act an own provision amends, by its number
        self.numbers = _Numbering()

    def read(self, segments: list[tuple[int, str] | Quoted]) -> Iterator[ProvisionAnchor]:
        """The anchors of the region in order."""
        for segment in segments:
            if isinstance(segment, Quoted):
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

    def _nested(self, quoted: Quoted) -> Iterator[ProvisionAnchor]:
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
        chapter = None
        for position, text, in_table in quoted.blocks:
            if in_table or not text:
                continue
            # A chapter or section set out anew ("Pakeisti II skyrių … taip: „II SKYRIUS …") is itself
            # a provision a municipality comments on, as its articles are.
            if match := CHAPTER.match(text):
                chapter = match.group("no")
                yield _nested_chapter(position, text, owner, self.law, kind, chapter, None)
                continue
            if match := SECTION.match(text):
                yield _nested_chapter(position, text, owner, self.law, kind, chapter, match.group("no").lower())
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


def _amending(owner: ProvisionAnchor | None, law_owner: bool) -> tuple[str, str, str]:
    """How the amending provision is named: (instrumental "1 straipsniu", scope "1 str.", its number)."""
    if owner is None:
        return "Projektu", "Projektas", ""
    if law_owner:
        # Seimas tables cite an amending law by its article: "1 (5) str. 2 d.", whatever part amends.
        head = owner.article or ""
        return provision_instrumental(head, None, None), f"{head} str.", head
    head = owner.point or ""
    return provision_instrumental(None, None, head), f"{head} p.", head


def _nested_chapter(position: int, text: str, owner: ProvisionAnchor | None, law_owner: bool, kind: str,
                    chapter: str | None, section: str | None) -> ProvisionAnchor:
    """A chapter or section of the new wording: "1 straipsniu keičiamo II skyrius" and its citation."""
    instrumental, scope, head = _amending(owner, law_owner)
    if section is None:
        nominative, genitive, short = f"{chapter} skyrius", f"{chapter} skyriaus", f"{chapter} sk."
    else:
        lead, lead_short = (f"{chapter} skyriaus ", f"{chapter} sk. ") if chapter else ("", "")
        nominative = f"{lead}{section} skirsnis"
        genitive = f"{lead}{section_genitive(section)} skirsnio"
        short = f"{lead_short}{SECTION_ORDINALS.index(section) + 1} skirsn."
    word = participle(kind)
    citation = f"{instrumental} {word} {kind} {genitive}"
    if owner is not None:
        citation = f"Projekto {citation}"
    unit = "str." if law_owner else "p."
    short = f"{head} ({short}) {unit}" if head else f"({short})"
    return ProvisionAnchor(position, None, None, None, f"{instrumental} {word} {nominative}"[:300], text,
                           scope=scope, citation=citation[:400], short=short[:120], depth=1, chapter=nominative)


def _nested_anchor(position: int, text: str, owner: ProvisionAnchor | None, law_owner: bool, kind: str,
                   numbers: tuple[str | None, str | None, str | None]) -> ProvisionAnchor:
    """A provision of the new wording: "1 straipsniu keičiamo 5 straipsnio 2 dalis" and its citation."""
    article, part, point = numbers
    instrumental, scope, head = _amending(owner, law_owner)
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
        short = f"{head} ({provision_short(article, part, point)})"
    short = short.strip()
    return ProvisionAnchor(position, article, part, point, label[:300], text, scope=scope,
                           citation=citation[:400], short=short[:120], depth=1)
