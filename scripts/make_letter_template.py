"""Build the default Word templates (letter.docx, annex.docx) with python-docx, reproducibly."""

from __future__ import annotations

import argparse
import io
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reviewflow.documents.annex import ANNEX_COLUMNS

OUT = Path(__file__).resolve().parents[1] / "reviewflow" / "documents" / "templates"
FONT = "Times New Roman"
TEXT_WIDTH_MM = 170  # A4 210 mm minus 30 mm left and 10 mm right margins
ANNEX_WIDTHS_MM = (11, 22, 55, 46, 36)
ANNEX_HEADERS = ANNEX_COLUMNS  # the outward-facing columns, defined once in the annex module
ROW_FIELDS = ("number", "provision", "content", "wording", "proposers")
SIGNATURE_WIDTHS_MM = (100, 70)
FIXED_TIME = datetime(2026, 1, 1)


def new_document() -> Document:
    """An A4 document with LSA's margins, Times New Roman 12 pt and Lithuanian proofing."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "lt-LT")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = doc.styles.add_style("Letter Body", 1)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Mm(12.7)
    small = doc.styles.add_style("Table Text", 1)
    small.base_style = normal
    small.font.size = Pt(10)
    # A line break inside a justified paragraph (a multi-line wording) must not stretch its line.
    compat = doc.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        doc.settings.element.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    props = doc.core_properties
    props.author, props.title, props.comments = "Lietuvos savivaldybių asociacija", "", ""
    props.created = props.modified = FIXED_TIME
    props.last_modified_by, props.revision = "Reviewflow", 1
    return doc


def para(doc, text: str = "", style: str | None = None, align=None, bold: bool = False, size: int | None = None):
    """A paragraph with one run, so every template tag stays whole in document.xml."""
    p = doc.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


def bottom_border(paragraph) -> None:
    """A thin line under the letterhead."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def page_numbers_from_page_two(doc) -> None:
    """A PAGE field centred in the header of every page but the first, as Lithuanian letters number them."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    section.first_page_header.paragraphs[0].text = ""


def no_borders(table) -> None:
    """A layout table: no lines."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def add_signature(doc) -> None:
    """The signatory's position on the left and the name on the right of one line, as a borderless
    table: a tab stop at the margin runs them together in some word processors."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    no_borders(table)
    for col, width in enumerate(SIGNATURE_WIDTHS_MM):
        table.columns[col].width = Mm(width)
        table.rows[0].cells[col].width = Mm(width)
    position, name = table.rows[0].cells
    position.paragraphs[0].add_run("{{ signatory_position }}")
    name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name.paragraphs[0].add_run("{{ signatory_name }}")


def add_annex(doc, page_break: bool) -> None:
    """The annex: reference line, title and the proposals table with a row loop."""
    ref = para(doc, "{{ annex_reference }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    ref.paragraph_format.page_break_before = page_break
    para(doc)
    para(doc, "{{ annex_title }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    para(doc)
    table = doc.add_table(rows=4, cols=len(ANNEX_HEADERS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header, loop_start, data, loop_end = table.rows
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header_pr.append(repeat)
    # Word reads the cell widths, LibreOffice the grid: set both.
    for col, width in enumerate(ANNEX_WIDTHS_MM):
        table.columns[col].width = Mm(width)
        for row in table.rows:
            row.cells[col].width = Mm(width)
    for cell, title in zip(header.cells, ANNEX_HEADERS, strict=True):
        cell.paragraphs[0].style = doc.styles["Table Text"]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(title).bold = True
    loop_start.cells[0].paragraphs[0].add_run("{%tr for row in annex_rows %}")
    loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for cell, field in zip(data.cells, ROW_FIELDS, strict=True):
        cell.paragraphs[0].style = doc.styles["Table Text"]
        cell.paragraphs[0].add_run(f"{{{{ row.{field} }}}}")
    para(doc)


def build_letter() -> Document:
    """The response letter template."""
    doc = new_document()
    page_numbers_from_page_two(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "{{ lsa_name_upper }}", align=center, bold=True, size=14)
    bottom_border(para(doc, "{{ lsa_details }}", align=center, size=10))
    para(doc)
    para(doc, "{{ addressee }}")
    para(doc)
    para(doc, "{{ letter_date }} Nr. {{ our_number }}")
    para(doc, "Į {{ their_letter_date }} Nr. {{ their_letter_number }}")
    para(doc)
    para(doc, "{{ title }}", bold=True)
    para(doc)
    para(doc, "{{ opening_sentence }}", style="Letter Body")
    para(doc, "{%p for paragraph in position_paragraphs %}", style="Letter Body")
    para(doc, "{{ paragraph }}", style="Letter Body")
    para(doc, "{%p endfor %}", style="Letter Body")
    para(doc, "{%p if proposals %}", style="Letter Body")
    para(doc, "LSA teikia šiuos pasiūlymus:", style="Letter Body")
    para(doc, "{%p endif %}", style="Letter Body")
    para(doc, "{%p for p in proposals %}", style="Letter Body")
    para(
        doc,
        "{{ p.number }}. {{ p.heading }}: {{ p.content }}"
        "{% if p.wording %} Siūlome išdėstyti taip: {{ p.wording_quoted }}{% endif %}",
        style="Letter Body",
    )
    para(doc, "{%p endfor %}", style="Letter Body")
    para(doc)
    para(doc, "{%p if has_annex %}")
    para(doc, "{{ annex_note }}")
    para(doc)
    para(doc, "{%p endif %}")
    para(doc)
    add_signature(doc)
    para(doc)
    para(doc)
    para(doc, "{{ drafter_name }}, {{ drafter_contacts }}", size=10)
    para(doc, "{%p if annex_inline %}")
    add_annex(doc, page_break=True)
    para(doc, "{%p endif %}")
    return doc


def build_annex() -> Document:
    """The separate annex template."""
    doc = new_document()
    page_numbers_from_page_two(doc)
    add_annex(doc, page_break=False)
    return doc


def save_reproducibly(doc: Document, path: Path) -> None:
    """Save with fixed zip timestamps, so the same script gives the same bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    path.write_bytes(out.getvalue())


def main() -> None:
    """Write letter.docx and annex.docx into the templates folder (or --out)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    save_reproducibly(build_letter(), args.out / "letter.docx")
    save_reproducibly(build_annex(), args.out / "annex.docx")
    print(f"wrote {args.out / 'letter.docx'} and {args.out / 'annex.docx'}")


if __name__ == "__main__":
    main()
