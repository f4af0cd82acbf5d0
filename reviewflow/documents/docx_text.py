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

from reviewflow.documents.docx_styles import Numbering, Styles, style_id
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
        w:del w:moveFrom w:delText w:delInstrText w:fldData
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
        self._styles = Styles(document)
        self._numbering = Numbering(document, self._styles)
        self._in_table = 0
        self._in_text_box = 0
        self._pieces: list[str] | None = None  # the paragraph being read, None between paragraphs
        self._boxes: list = []  # text boxes anchored in that paragraph, read after it
        self._fields: list[list[str]] = []  # complex fields open here: [state, instruction], state "instr",
        # "result" (shown) or "hidden" (a table of contents repeats the headings: it is not the draft's text)
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
            qn("w:instrText"): self._instruction,
            qn("w:fldSimple"): self._simple_field,
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
        self._paragraph_style = style_id(p.find(qn("w:pPr")), "w:pStyle")
        for child in p:
            self.walk(child)
        pieces, boxes, self._pieces = self._pieces, self._boxes, None
        text = self._carry + _joined(pieces)
        self._carry = ""
        mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and (mark.find(qn("w:del")) is not None or mark.find(qn("w:moveFrom")) is not None):
            self._carry = text  # the mark was deleted: Word runs this paragraph together with the next one
        elif text.strip() or _CUT not in pieces:  # a paragraph all of whose words were deleted is gone
            self._add(self._numbering.prefix(p) + text.strip())
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
            self._add(self._carry.strip())
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
            self._fields.append(["instr", ""])
        elif kind == "separate" and self._fields:
            self._fields[-1][0] = "hidden" if _is_contents(self._fields[-1][1]) else "result"
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _instruction(self, element) -> None:
        """A field's instruction is kept only to know what kind of field it is."""
        if self._fields and self._fields[-1][0] == "instr":
            self._fields[-1][1] += element.text or ""

    def _simple_field(self, element) -> None:
        """A simple field's runs are its result, shown unless it is a table of contents."""
        if _is_contents(element.get(qn("w:instr"), "")):
            self._cut()
            return
        for child in element:
            self.walk(child)

    def _emit(self, text: str) -> None:
        """Add shown text to the paragraph being read, unless it is a field's instruction."""
        states = {state for state, _instruction in self._fields}
        if "hidden" in states:
            self._cut()  # a paragraph that is all table of contents is gone, like a deleted one
        elif self._pieces is not None and states <= {"result"}:
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


def _is_contents(instruction: str) -> bool:
    """Whether a field instruction makes a table of contents (TOC), whose entries repeat the headings."""
    return instruction.strip().upper().startswith("TOC")


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
