"""A PDF draft's text layer is read into the paragraphs a lawyer sees; a scan and a broken file are told apart."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from reviewflow.documents.docx_text import TextBlock
from reviewflow.documents.pdf_text import NoTextLayer, pdf_blocks
from reviewflow.errors import Invalid

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: make test installs it"
)
LONG_PART = (
    "Savivaldybė, įgyvendindama jai priskirtas funkcijas, bendradarbiauja su valstybės institucijomis, "
    "kitomis savivaldybėmis ir nevyriausybinėmis organizacijomis, kaip nustatyta šiame ir kituose įstatymuose."
)


def to_pdf(document: docx.Document, folder: Path) -> bytes:
    """The PDF LibreOffice makes of a DOCX: one conversion, its own profile, a time limit."""
    source = folder / "projektas.docx"
    document.save(str(source))
    profile = folder / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = folder / "projektas.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF: {result.stdout}\n{result.stderr}"
    return pdf.read_bytes()


def raised(paragraph, before: str, digit: str, after: str) -> None:
    """Write ``before`` + a superscript ``digit`` + ``after`` into a paragraph, as Word does for "3¹"."""
    paragraph.add_run(before)
    paragraph.add_run(digit).font.superscript = True
    paragraph.add_run(after)


def page_furniture(document: docx.Document) -> None:
    """A running head on every page and the page number in the foot."""
    section = document.sections[0]
    section.header.paragraphs[0].text = "Projektas Nr. XIVP-3597(2)"
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def law_draft() -> tuple[docx.Document, list[str]]:
    """An amending law over three pages set as drafts are (no space between paragraphs), and its paragraphs."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(0), 1.0
    page_furniture(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    raised(title, "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 3", "1", " IR 5 STRAIPSNIŲ PAKEITIMO")
    title.add_run(" ĮSTATYMAS")
    expected = ["LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 3¹ IR 5 STRAIPSNIŲ PAKEITIMO ĮSTATYMAS"]
    heading = document.add_paragraph()
    raised(heading, "1 straipsnis. 3", "1", " straipsnio pakeitimas")
    expected.append("1 straipsnis. 3¹ straipsnio pakeitimas")
    for text in (
        "1. Pakeisti 3¹ straipsnio 2 dalį ir ją išdėstyti taip:",
        f"„2. {LONG_PART}“",
        "2. Papildyti 3¹ straipsnį 3 dalimi.",
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        before, _, after = text.partition("3¹")
        if after:
            raised(paragraph, before + "3", "1", after)
        else:
            paragraph.add_run(text)
        expected.append(text)
    heading = document.add_paragraph()
    raised(heading, "3", "1", " straipsnis. Savivaldybių funkcijos")
    expected.append("3¹ straipsnis. Savivaldybių funkcijos")
    for text in ("1. Savivaldybės funkcijos yra:", "1) savarankiškosios;", "2) valstybinės (perduotos savivaldybėms)."):
        document.add_paragraph(text)
        expected.append(text)
    for number in range(4, 22):
        document.add_paragraph(f"{number} straipsnis. Bendradarbiavimas")
        part = document.add_paragraph(f"1. {LONG_PART}")
        part.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        part.paragraph_format.first_line_indent = Cm(1.27)
        expected += [f"{number} straipsnis. Bendradarbiavimas", f"1. {LONG_PART}"]
    document.add_paragraph("22 straipsnis. Įstatymo įsigaliojimas")
    document.add_paragraph("Šis įstatymas įsigalioja 2027 m. sausio 1 d.")
    expected += ["22 straipsnis. Įstatymo įsigaliojimas", "Šis įstatymas įsigalioja 2027 m. sausio 1 d."]
    return document, expected


@pytest.mark.slow
@needs_soffice
def test_a_law_converted_by_libreoffice_reads_as_its_paragraphs(tmp_path: Path):
    document, expected = law_draft()
    data = to_pdf(document, tmp_path)
    assert [block.text for block in pdf_blocks(data)] == expected


@pytest.mark.slow
@needs_soffice
def test_a_resolution_with_word_numbering_and_sub_points(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("LIETUVOS RESPUBLIKOS VYRIAUSYBĖ").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("NUTARIMAS").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Lietuvos Respublikos Vyriausybė nutaria:")
    approve = f"Patvirtinti Savivaldybių bendradarbiavimo tvarkos aprašą. {LONG_PART}"
    document.add_paragraph(approve, style="List Number")
    document.add_paragraph("Nustatyti, kad:", style="List Number")
    document.add_paragraph("2.1. savivaldybės teikia ataskaitas kasmet;")
    document.add_paragraph("2.2. ataskaitų formą tvirtina ministras.")
    data = to_pdf(document, tmp_path)
    assert pdf_blocks(data) == [
        TextBlock("LIETUVOS RESPUBLIKOS VYRIAUSYBĖ"),
        TextBlock("NUTARIMAS"),
        TextBlock("Lietuvos Respublikos Vyriausybė nutaria:"),
        TextBlock(f"1. {approve}"),
        TextBlock("2. Nustatyti, kad:"),
        TextBlock("2.1. savivaldybės teikia ataskaitas kasmet;"),
        TextBlock("2.2. ataskaitų formą tvirtina ministras."),
    ]


def tiny_pdf(pages: list[list[tuple[float, float, float, str]]], rise: dict[int, float] | None = None) -> bytes:
    """A PDF written by hand: each line is (x, y, size, text) in Helvetica; ``rise`` lifts a line (Ts)."""
    rise = rise or {}
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    index = 0
    for lines in pages:
        commands = []
        for x, y, size, text in lines:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"BT /F1 {size} Tf {x} {y} Td {rise.get(index, 0)} Ts ({escaped}) Tj ET")
            index += 1
        stream = "\n".join(commands).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        kids.append(len(objects) + 1)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] /Count {len(kids)} >>"
    return _assemble(objects)


def _assemble(objects: list[str]) -> bytes:
    """Objects numbered from 1, a cross-reference table and a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def scan_pdf() -> bytes:
    """A page that is only a picture, as a scanner makes it."""
    pixels = bytes(range(0, 256, 16)) * 16
    image = (
        f"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        f"/Length {len(pixels)} >>\nstream\n{pixels.decode('latin-1')}\nendstream"
    )
    content = "q 495 0 0 742 50 50 cm /Im1 Do Q"
    return _assemble(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /XObject << /Im1 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            image,
        ]
    )


HEAD = (72, 800, 9, "LRS projektas XIVP-3597")
LONG = "1. Savivaldybe tvarko vietos reikalus, kaip nustatyta istatymais ir kitais teises"


def test_wrapped_lines_join_and_hyphenated_words_are_made_whole_across_pages():
    data = tiny_pdf(
        [
            [
                HEAD,
                (72, 740, 12, "5 straipsnis. Funkcijos"),
                (72, 726, 12, "1. Savivaldybe tvarko vietos reikalus ir teikia viesa-"),
                (72, 712, 12, "sias paslaugas gyventojams, kaip nustatyta istatymais ir"),
                (72, 698, 12, "kitais teises aktais, kurie priimti pagal Lietuvos"),
                (72, 684, 12, "Konstitucija ir istatymus, taip pat Vyriausybes nutarimais"),
                (290, 30, 10, "- 1 -"),
            ],
            [
                HEAD,
                (72, 740, 12, "ir ministru isakymais."),
                (72, 726, 12, "2. Projekto numeris XIVP-"),
                (72, 712, 12, "3597(2) yra registruotas."),
                (290, 30, 10, "- 2 -"),
            ],
        ]
    )
    assert [block.text for block in pdf_blocks(data)] == [
        "5 straipsnis. Funkcijos",
        "1. Savivaldybe tvarko vietos reikalus ir teikia viesasias paslaugas gyventojams, kaip nustatyta "
        "istatymais ir kitais teises aktais, kurie priimti pagal Lietuvos Konstitucija ir istatymus, taip pat "
        "Vyriausybes nutarimais ir ministru isakymais.",
        "2. Projekto numeris XIVP-3597(2) yra registruotas.",
    ]


def test_provisions_start_blocks_even_after_a_full_line():
    long = LONG
    data = tiny_pdf(
        [
            [
                (72, 740, 12, long),
                (72, 726, 12, "aktais, kurie priimti pagal Konstitucija, o tarybos sprendimai skelbiami viesai."),
                (72, 712, 12, "2. Taryba sprendzia klausimus posedziuose, kurie saukiami ne reciau kaip kas"),
                (72, 698, 12, "menesi:"),
                (72, 684, 12, "1) eilinius;"),
                (72, 670, 12, "2.1. neeilinius."),
            ]
        ]
    )
    assert [block.text for block in pdf_blocks(data)] == [
        long + " aktais, kurie priimti pagal Konstitucija, o tarybos sprendimai skelbiami viesai.",
        "2. Taryba sprendzia klausimus posedziuose, kurie saukiami ne reciau kaip kas menesi:",
        "1) eilinius;",
        "2.1. neeilinius.",
    ]


def test_a_digit_lifted_by_text_rise_becomes_superscript():
    data = tiny_pdf(
        [[(72, 740, 12, "12"), (85.4, 740, 7, "1"), (89.3, 740, 12, " straipsnis. Sanaudos"), (72, 726, 12, LONG)]],
        rise={1: 4},
    )
    assert [block.text for block in pdf_blocks(data)] == ["12¹ straipsnis. Sanaudos", LONG]


def test_running_heads_and_page_numbers_are_dropped_but_a_first_page_mark_stays():
    data = tiny_pdf(
        [
            [HEAD, (480, 780, 10, "Projektas"), (72, 740, 12, "1 straipsnis. Paskirtis"), (500, 30, 10, "1 psl. is 2")],
            [HEAD, (72, 740, 12, "2 straipsnis. Isigaliojimas"), (500, 30, 10, "2 psl. is 2")],
        ]
    )
    assert [block.text for block in pdf_blocks(data)] == [
        "Projektas",
        "1 straipsnis. Paskirtis",
        "2 straipsnis. Isigaliojimas",
    ]


def test_a_scan_has_no_text_layer():
    with pytest.raises(NoTextLayer) as scan:
        pdf_blocks(scan_pdf())
    assert scan.value.detail == (
        "The PDF has no text layer (it looks like a scan): comments on it will be general, not per provision."
    )
    assert isinstance(scan.value, Invalid)


def test_a_truncated_pdf_is_refused_as_incomplete():
    whole = tiny_pdf([[(72, 740, 12, "1 straipsnis. Paskirtis")]])
    with pytest.raises(Invalid) as refused:
        pdf_blocks(whole[: len(whole) * 2 // 3])
    assert refused.value.detail == "The PDF is incomplete (the file was cut off); upload it again."
    assert not isinstance(refused.value, NoTextLayer)


def test_a_damaged_pdf_is_refused():
    with pytest.raises(Invalid) as refused:
        pdf_blocks(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\n%%EOF\n")
    assert refused.value.detail == "The PDF could not be read; it may be damaged."
    assert refused.value.errors == {"file": "The PDF could not be read; it may be damaged."}


@pytest.mark.slow
@needs_soffice
def test_a_password_protected_pdf_is_refused(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("1 straipsnis. Paskirtis")
    source = tmp_path / "slaptas.docx"
    document.save(str(source))
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"slaptas"}}'
    )
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", options, "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=True,
    )
    with pytest.raises(Invalid) as refused:
        pdf_blocks((tmp_path / "slaptas.pdf").read_bytes())
    assert refused.value.detail == "The PDF is protected by a password; upload it without the password."


def resolution_with_description() -> tuple[docx.Document, list[str]]:
    """A Government resolution approving a description, laid out as the rules for documents ask, and its paragraphs."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(0), 1.0
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1)
    expected: list[str] = []

    def add(text: str, alignment=None, indent: bool = False, bold: bool = False):
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = bold
        paragraph.alignment = alignment
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        expected.append(text.replace("\t", " "))
        return paragraph

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    add("LIETUVOS RESPUBLIKOS VYRIAUSYBĖ", center, bold=True)
    add("NUTARIMAS", center, bold=True)
    add("DĖL SAVIVALDYBIŲ BENDRADARBIAVIMO TVARKOS APRAŠO PATVIRTINIMO", center, bold=True)
    add("2026 m. lapkričio 30 d. Nr. 123", center)
    add("Vilnius", center)
    add("Lietuvos Respublikos Vyriausybė n u t a r i a:", justify, indent=True)
    add("1. Patvirtinti Savivaldybių bendradarbiavimo tvarkos aprašą (pridedama).", justify, indent=True)
    add("2. Nustatyti, kad šis nutarimas įsigalioja 2027 m. sausio 1 d.", justify, indent=True)
    add("Ministras Pirmininkas\tVardenis Pavardenis")
    document.add_page_break()
    for text in ("PATVIRTINTA", "Lietuvos Respublikos Vyriausybės", "2026 m. lapkričio 30 d. nutarimu Nr. 123"):
        add(text).paragraph_format.left_indent = Cm(9)
    add("SAVIVALDYBIŲ BENDRADARBIAVIMO TVARKOS APRAŠAS", center, bold=True)
    add("I SKYRIUS", center, bold=True)
    add("BENDROSIOS NUOSTATOS", center, bold=True)
    add(f"1. {LONG_PART}", justify, indent=True)
    add("2. Apraše vartojamos sąvokos:", justify, indent=True)
    add(f"2.1. Bendradarbiavimas – {LONG_PART}", justify, indent=True)
    add("2.2. Partneris – kita savivaldybė.", justify, indent=True)
    add("II SKYRIUS", center, bold=True)
    add("BAIGIAMOSIOS NUOSTATOS", center, bold=True)
    add("3. Aprašas taikomas nuo 2027 m.", justify, indent=True)
    add("_________________", center)
    return document, expected


@pytest.mark.slow
@needs_soffice
def test_a_resolution_approving_a_description_reads_as_its_paragraphs(tmp_path: Path):
    document, expected = resolution_with_description()
    assert [block.text for block in pdf_blocks(to_pdf(document, tmp_path))] == expected


def test_footnotes_at_the_foot_of_a_page_are_left_out():
    data = tiny_pdf(
        [
            [
                (72, 740, 12, "5 straipsnis. Funkcijos"),
                (72, 726, 12, LONG),
                (72, 712, 12, "aktais."),
                (72, 77, 6, "1"),
                (75.5, 77, 9, " Zin., 1994, Nr. 55-1049; TAR, 2026-11-30, Nr. 2026-12345."),
                (72, 66, 9, "Nauja redakcija nuo 2027-01-01."),
            ]
        ],
        rise={3: 3},
    )
    assert [block.text for block in pdf_blocks(data)] == ["5 straipsnis. Funkcijos", LONG + " aktais."]


def law_with_tables() -> docx.Document:
    """An article whose parts hold two tables of numbered rows, one without borders and one ruled; parts typed
    with a tab after the number; a signature with the name after a tab. Only the tables' rows are tables."""
    document = docx.Document()
    document.add_paragraph("6 straipsnis. Valstybės paskata")
    document.add_paragraph("1. Paskatos dydis priklauso nuo bendradarbiaujančių savivaldybių skaičiaus:")
    plain = document.add_table(rows=0, cols=3)  # python-docx's default table: no borders at all
    rows = [("Eil. Nr.", "Savivaldybių skaičius", "Paskatos dydis, procentais nuo funkcijai skirtų lėšų"),
             ("1.", "2", "5"), ("2.", "3–4", "8"), ("3.", "5 ir daugiau", "10")]
    for row in rows:
        for cell, text in zip(plain.add_row().cells, row, strict=True):
            cell.text = text
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER  # figures are often centred in their cells
    document.add_paragraph("2. Paskatos skyrimo tvarką nustato Vyriausybė:")
    grid = document.add_table(rows=0, cols=2, style="Table Grid")
    for row in (("1.", "paraiškos pateikiamos iki kovo 1 d.;"), ("2.", "sprendimą priima ministerija.")):
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
    for number in (3, 4):  # parts typed as "3.<tab>…": the tab after a number is no table column
        document.add_paragraph(f"{number}.\t{LONG_PART}").paragraph_format.first_line_indent = Cm(1.27)
    document.add_paragraph("Respublikos Prezidentas\tVardas Pavardė")
    return document


@pytest.mark.slow
@needs_soffice
def test_table_rows_in_a_pdf_are_marked_in_table_ruled_or_not(tmp_path: Path):
    data = to_pdf(law_with_tables(), tmp_path)
    assert pdf_blocks(data) == [
        TextBlock("6 straipsnis. Valstybės paskata"),
        TextBlock("1. Paskatos dydis priklauso nuo bendradarbiaujančių savivaldybių skaičiaus:"),
        TextBlock("Eil. Nr. Savivaldybių skaičius Paskatos dydis, procentais nuo funkcijai skirtų lėšų", in_table=True),
        TextBlock("1. 2 5", in_table=True),
        TextBlock("2. 3–4 8", in_table=True),
        TextBlock("3. 5 ir daugiau 10", in_table=True),
        TextBlock("2. Paskatos skyrimo tvarką nustato Vyriausybė:"),
        TextBlock("1. paraiškos pateikiamos iki kovo 1 d.;", in_table=True),
        TextBlock("2. sprendimą priima ministerija.", in_table=True),
        TextBlock(f"3. {LONG_PART}"),
        TextBlock(f"4. {LONG_PART}"),
        TextBlock("Respublikos Prezidentas Vardas Pavardė"),
    ]
