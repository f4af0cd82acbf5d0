"""The text of a Word document as a lawyer sees it: paragraphs in order, numbering as shown.

python-docx's ``paragraph.text`` sees only runs that are direct children of a paragraph (and hyperlinks), so
text inside tracked insertions, content controls, smart tags, custom XML, fields and text boxes is lost. Here
the body XML is walked in document order by one recursive function, :meth:`_Reader.walk`, driven by a table
(:data:`_SKIP` and :attr:`_Reader._handlers`): an element is either skipped, handled, or descended into.
What a reader of the printed page would not see is left out: tracked deletions and moves away, struck-through
runs (a comparison version, "lyginamasis variantas", marks deleted words that way), hidden text, field
instructions, footnotes, placeholder text of empty content controls.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from flask_babel import gettext as _

from reviewflow.errors import Invalid
from reviewflow.text import clean_text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)

_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Marks the place where deleted text was cut out, so the spaces around it can be made one (see _joined).
_CUT = "\x00"


@dataclass(frozen=True)
class TextBlock:
    """One paragraph's text as shown, whether it sits in a table, and whether it sits in a text box."""

    text: str
    in_table: bool = False
    in_text_box: bool = False


def docx_blocks(data: bytes) -> list[TextBlock]:
    """Every paragraph of a DOCX in document order; :class:`Invalid` when the file cannot be read."""
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.walk(document.element.body)
        reader.flush_carry()
        return reader.blocks
    except Invalid:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        message = _("The Word document could not be read; it may be damaged.")
        raise Invalid(message, errors={"file": message}) from exc


# Elements whose content is never shown as the document's text. Anything not listed here and without a
# handler is descended into, so that wrappers (w:hyperlink, w:smartTag, w:customXml, w:ins, w:moveTo,
# w:fldSimple, w:sdtContent, w:dir, w:bdo, math) give up their text without each needing a rule.
_SKIP = frozenset(
    qn(tag)
    for tag in """
        w:pPr w:rPr w:sdtPr w:sdtEndPr w:tblPr w:tblGrid w:trPr w:tcPr w:sectPr
        w:del w:moveFrom w:delText w:delInstrText w:instrText w:fldData
        w:footnoteReference w:endnoteReference w:commentReference w:annotationRef
        w:footnoteRef w:endnoteRef w:separator w:continuationSeparator
        w:softHyphen w:object w:rt w:rubyPr w:altChunk w:subDoc
    """.split()
) | {f"{_MATH}rPr", f"{_MATH}ctrlPr"}
_TRUE = {None, "1", "true", "on"}
_SYMBOL_FONT = {0x2D: "−", 0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xD7: "·"}


class _Reader:
    """Walks the body XML and collects :class:`TextBlock` items; holds the state a walk needs."""

    def __init__(self, document) -> None:
        self.blocks: list[TextBlock] = []
        self._styles = _Styles(document)
        self._numbering = _Numbering(document, self._styles)
        self._in_table = 0
        self._in_text_box = 0
        self._pieces: list[str] | None = None  # the paragraph being read, None between paragraphs
        self._boxes: list = []  # text boxes anchored in that paragraph, read after it
        self._fields: list[str] = []  # complex fields open at this point: "instr" or "result"
        self._raised = False  # the current run is superscript or raised
        self._paragraph_style: str | None = None
        self._carry = ""  # text of a paragraph whose mark was deleted: it joins the next paragraph
        self._handlers = {
            qn("w:p"): self._paragraph,
            qn("w:tbl"): self._table,
            qn("w:tr"): self._row,
            qn("w:tc"): self._cell,
            qn("w:sdt"): self._content_control,
            qn("w:r"): self._run,
            qn("w:t"): self._text,
            f"{_MATH}t": self._text,
            qn("w:tab"): lambda _element: self._emit("\t"),
            qn("w:ptab"): lambda _element: self._emit("\t"),
            qn("w:br"): lambda _element: self._emit("\n"),
            qn("w:cr"): lambda _element: self._emit("\n"),
            qn("w:noBreakHyphen"): lambda _element: self._emit("-"),
            qn("w:sym"): self._symbol,
            qn("w:fldChar"): self._field_char,
            qn("w:txbxContent"): self._text_box,
            f"{_MC}AlternateContent": self._alternate_content,
        }

    def walk(self, element) -> None:
        """Read ``element``: skip it, hand it to its handler, or read its children in order."""
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments and processing instructions have no str tag
            if tag in (qn("w:del"), qn("w:moveFrom")):
                self._cut()
            return
        handler = self._handlers.get(tag)
        if handler is not None:
            handler(element)
            return
        for child in element:
            self.walk(child)

    # -- blocks ---------------------------------------------------------------------------------------

    def _paragraph(self, p) -> None:
        """One paragraph: its runs in order, its number as Word shows it, then its text boxes."""
        self._pieces, self._boxes = [], []
        self._paragraph_style = _style_id(p.find(qn("w:pPr")), "w:pStyle")
        for child in p:
            self.walk(child)
        pieces, boxes, self._pieces = self._pieces, self._boxes, None
        text = self._carry + _joined(pieces)
        self._carry = ""
        mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and (mark.find(qn("w:del")) is not None or mark.find(qn("w:moveFrom")) is not None):
            self._carry = text  # the mark was deleted: Word runs this paragraph together with the next one
        elif text.strip() or _CUT not in pieces:  # a paragraph all of whose words were deleted is gone
            self._add(self._numbering.prefix(p) + text.strip(" "))
        self._read_boxes(boxes)

    def _table(self, table) -> None:
        """A table's rows; nested tables are reached through their cells."""
        self.flush_carry()
        self._in_table += 1
        for child in table:
            self.walk(child)
        self._in_table -= 1

    def _row(self, row) -> None:
        """A row, unless the row is a tracked deletion."""
        properties = row.find(qn("w:trPr"))
        if properties is not None and properties.find(qn("w:del")) is not None:
            return
        for child in row:
            self.walk(child)

    def _cell(self, cell) -> None:
        """A cell once: the cells a vertical merge continues into are empty placeholders."""
        merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
            return
        for child in cell:
            self.walk(child)
        self.flush_carry()

    def _content_control(self, sdt) -> None:
        """A content control's content, unless it shows only its placeholder ("Click here to enter text")."""
        if sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None:
            return
        for child in sdt:
            self.walk(child)

    def _text_box(self, content) -> None:
        """A text box is read as blocks of its own, after the paragraph that anchors it."""
        if self._pieces is not None:
            self._boxes.append(content)
        else:
            self._read_boxes([content])

    def _read_boxes(self, boxes: list) -> None:
        """The paragraphs of text boxes, each walked with the field state of its own."""
        if not boxes:
            return
        fields, self._fields = self._fields, []
        self._in_text_box += 1
        for content in boxes:
            for child in content:
                self.walk(child)
            self.flush_carry()
        self._in_text_box -= 1
        self._fields = fields

    def _alternate_content(self, element) -> None:
        """Only one branch: the first choice holds the same text box as the VML fallback does."""
        branch = element.find(f"{_MC}Choice")
        if branch is None:
            branch = element.find(f"{_MC}Fallback")
        if branch is not None:
            for child in branch:
                self.walk(child)

    def flush_carry(self) -> None:
        """A paragraph whose mark was deleted at the end of its container stands on its own."""
        if self._carry.strip():
            self._add(self._carry.strip(" "))
        self._carry = ""

    def _add(self, text: str) -> None:
        """Record a block with the container it sits in."""
        self.blocks.append(TextBlock(clean_text(text) or "", self._in_table > 0, self._in_text_box > 0))

    # -- runs -----------------------------------------------------------------------------------------

    def _run(self, run) -> None:
        """A run's content; a struck-through or hidden run is a deletion, but its field marks still count."""
        if self._run_flag(run, "w:strike") or self._run_flag(run, "w:dstrike") or self._run_flag(run, "w:vanish"):
            self._cut()
            for mark in run.iter(qn("w:fldChar")):
                self._field_char(mark)
            return
        self._raised = self._run_raised(run)
        for child in run:
            self.walk(child)
        self._raised = False

    def _text(self, element) -> None:
        """Text as written, with a raised digit kept raised (Word writes "3¹" as "3" + a raised "1")."""
        text = (element.text or "").replace("\u00ad", "")
        if self._raised and text.isdigit():
            text = text.translate(_TO_SUPERSCRIPT)
        self._emit(text)

    def _symbol(self, element) -> None:
        """A symbol-font character: Word stores the font's code, mapped to Unicode where it is known."""
        try:
            code = int(element.get(qn("w:char"), ""), 16)
        except ValueError:
            return
        if code >= 0xF000:
            code -= 0xF000
            self._emit(_SYMBOL_FONT.get(code, chr(code)) if element.get(qn("w:font")) == "Symbol" else chr(code))
        else:
            self._emit(chr(code))

    def _field_char(self, element) -> None:
        """A complex field shows its result (between "separate" and "end"), never its instruction."""
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            self._fields.append("instr")
        elif kind == "separate" and self._fields:
            self._fields[-1] = "result"
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _emit(self, text: str) -> None:
        """Add shown text to the paragraph being read, unless it is a field's instruction."""
        if self._pieces is not None and all(state == "result" for state in self._fields):
            self._pieces.append(text)

    def _cut(self) -> None:
        """Note that text was left out here."""
        if self._pieces is not None:
            self._pieces.append(_CUT)

    def _run_flag(self, run, tag: str) -> bool:
        """A toggle property of a run: set directly, by its character style, paragraph style or defaults."""
        element = self._styles.run_property(run, self._paragraph_style, tag)
        return element is not None and element.get(qn("w:val")) in _TRUE

    def _run_raised(self, run) -> bool:
        """Whether a run is superscript or lifted above the line (w:position in half-points)."""
        align = self._styles.run_property(run, self._paragraph_style, "w:vertAlign")
        if align is not None and align.get(qn("w:val")) == "superscript":
            return True
        position = self._styles.run_property(run, self._paragraph_style, "w:position")
        try:
            return position is not None and int(position.get(qn("w:val"), "0")) > 0
        except ValueError:
            return False


def _joined(pieces: list[str]) -> str:
    """The pieces as one text; where words were cut out, the spaces around the cut become one (or none)."""
    text = "".join(pieces)
    if _CUT not in text:
        return text

    def close(match: re.Match[str]) -> str:
        space = match.group().replace(_CUT, "")[:1]
        following = text[match.end() : match.end() + 1]
        return "" if match.start() == 0 or not following or following in ".,;:!?)“”" else space

    return re.sub(rf"[ \t]*{_CUT}[{_CUT} \t]*", close, text)


def _style_id(properties, tag: str) -> str | None:
    """The style named in a pPr (w:pStyle) or rPr (w:rStyle), if any."""
    element = properties.find(qn(tag)) if properties is not None else None
    return element.get(qn("w:val")) if element is not None else None


class _Styles:
    """The style sheet, for properties a paragraph or run gets from its style and the document defaults."""

    def __init__(self, document) -> None:
        root = document.styles.element
        self._by_id = {style.get(qn("w:styleId")): style for style in root.findall(qn("w:style"))}
        self._default_paragraph = next(
            (
                style.get(qn("w:styleId"))
                for style in root.findall(qn("w:style"))
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self._defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def chain(self, style_id: str | None, paragraph: bool = False) -> list:
        """A style and the styles it is based on, nearest first."""
        if style_id is None and paragraph:
            style_id = self._default_paragraph
        chain: list = []
        while style_id and style_id in self._by_id and len(chain) < 20:  # a cycle must not hang the reader
            chain.append(self._by_id[style_id])
            based = self._by_id[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def run_property(self, run, paragraph_style: str | None, tag: str):
        """The nearest element ``tag`` among a run's own, its character style's, paragraph style's, defaults."""
        own = run.find(qn("w:rPr"))
        sources = [own]
        sources += [style.find(qn("w:rPr")) for style in self.chain(_style_id(own, "w:rStyle"))]
        sources += [style.find(qn("w:rPr")) for style in self.chain(paragraph_style, paragraph=True)]
        sources.append(self._defaults)
        for properties in sources:
            element = properties.find(qn(tag)) if properties is not None else None
            if element is not None:
                return element
        return None

    def paragraph_properties(self, p) -> list:
        """A paragraph's own pPr and those of its style chain, nearest first."""
        own = p.find(qn("w:pPr"))
        chain = self.chain(_style_id(own, "w:pStyle"), paragraph=True)
        return [own] + [style.find(qn("w:pPr")) for style in chain]


class _Numbering:
    """Word's automatic list numbering, replayed so that "1.", "1.1." appear in the text as shown."""

    def __init__(self, document, styles: _Styles) -> None:
        self._styles = styles
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            source = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if source is None:
                continue
            levels = {int(lvl.get(qn("w:ilvl"))): _level(lvl) for lvl in source.findall(qn("w:lvl"))}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = int(override.get(qn("w:ilvl")))
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(qn("w:val"))),) + levels[ilvl][1:]
            self._levels[num.get(qn("w:numId"))] = levels

    def prefix(self, p) -> str:
        """The number Word shows before paragraph ``p`` followed by a space, or ""."""
        num_id, ilvl = self._num_pr(p)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def substitute(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level, levels.get(level, (1,))[0])
            return _format_number(value, levels.get(level, (1, "decimal", ""))[1])

        return re.sub(r"%(\d)", substitute, text) + " "

    def _num_pr(self, p) -> tuple[str | None, int]:
        """The list (numId) and level of a paragraph, set directly or through its style chain."""
        for ppr in self._styles.paragraph_properties(p):
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
            if num_id is not None:
                ilvl = num_pr.find(qn("w:ilvl"))
                level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
                return num_id.get(qn("w:val")), level
        return None, 0


def _level(lvl) -> tuple[int, str, str]:
    """A list level's start value, number format and text pattern ("%1.%2.")."""

    def value(tag: str, default: str) -> str:
        element = lvl.find(qn(tag))
        return element.get(qn("w:val"), default) if element is not None else default

    return int(value("w:start", "1")), value("w:numFmt", "decimal"), value("w:lvlText", "")


def _format_number(value: int, fmt: str) -> str:
    """A list counter in Word's number format (decimal, letters, roman)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    """Roman numerals for list counters."""
    out = ""
    for number, letters in zip(_ROMAN_VALUES, _ROMAN_LETTERS.split(), strict=True):
        count, value = divmod(value, number)
        out += letters * count
    return out


_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_LETTERS = "M CM D CD C XC L XL X IX V IV I"
