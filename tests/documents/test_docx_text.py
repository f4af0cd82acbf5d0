"""Every piece of text Word can hold is read as a lawyer sees it, each wrapper kind on its own."""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reviewflow.documents.docx_text import TextBlock, docx_blocks
from reviewflow.errors import Invalid

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = nsdecls("w")
CHANGE = 'w:author="Teisininkas" w:date="2026-11-30T10:00:00Z"'
TEXT_BOX_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    + nsdecls("w", "wp", "a")
)


def r(text: str, props: str = "") -> str:
    """A run of text, with optional run properties (inner XML of w:rPr)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*inner: str, ppr: str = "") -> str:
    """A paragraph of the given runs and wrappers."""
    properties = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p {W}>{properties}{''.join(inner)}</w:p>"


def make_docx(*body_xml: str, setup=None) -> bytes:
    """A DOCX whose body holds exactly the given block-level XML elements."""
    document = docx.Document()
    if setup is not None:
        setup(document)
    body = document.element.body
    for xml in body_xml:
        body.insert(len(body) - 1, parse_xml(xml))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def texts(data: bytes) -> list[str]:
    return [block.text for block in docx_blocks(data)]


def test_tracked_insertion_is_read_and_tracked_deletion_is_not():
    data = make_docx(
        p(
            r("1. Savivaldybė "),
            f'<w:ins w:id="1" {CHANGE}>{r("turi")}</w:ins>',
            r(" "),
            f'<w:del w:id="2" {CHANGE}><w:r><w:delText>gali</w:delText></w:r></w:del>',
            r(" teisę"),
            f'<w:del w:id="3" {CHANGE}><w:r><w:delText xml:space="preserve"> ir pareigą</w:delText></w:r></w:del>',
            r("."),
        )
    )
    assert texts(data) == ["1. Savivaldybė turi teisę."]


def test_moved_text_is_read_at_its_new_place_only():
    data = make_docx(
        p(
            f'<w:moveFrom w:id="1" {CHANGE}>{r("vietos ")}</w:moveFrom>',
            r("Savivaldybės "),
            f'<w:moveTo w:id="2" {CHANGE}>{r("vietos ")}</w:moveTo>',
            r("reikalai"),
        )
    )
    assert texts(data) == ["Savivaldybės vietos reikalai"]


def test_a_paragraph_deleted_whole_is_gone_and_a_deleted_mark_joins_the_next_paragraph():
    deleted_mark = f'<w:rPr><w:del w:id="9" {CHANGE}/></w:rPr>'
    data = make_docx(
        p(r("5 straipsnis. Funkcijos")),
        p(f'<w:del w:id="1" {CHANGE}><w:r><w:delText>2. Panaikinta dalis.</w:delText></w:r></w:del>',
          ppr=deleted_mark),
        p(r("1. Savivaldybė tvarko "), ppr=deleted_mark),
        p(r("vietos reikalus.")),
    )
    assert texts(data) == ["5 straipsnis. Funkcijos", "1. Savivaldybė tvarko vietos reikalus."]


def test_a_deleted_table_row_is_not_read():
    row = "<w:tr>{}<w:tc><w:p>{}</w:p></w:tc></w:tr>"
    deleted = f'<w:trPr><w:del w:id="1" {CHANGE}/></w:trPr>'
    rows = row.format("", r("Lieka")) + row.format(deleted, r("Išbraukta"))
    table = f"<w:tbl {W}><w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    assert docx_blocks(make_docx(table)) == [TextBlock("Lieka", in_table=True)]


def test_content_controls_block_and_run_level_nested_with_numbering_inside():
    numbered = '<w:pStyle w:val="ListNumber"/>'
    inner = f"<w:sdt><w:sdtContent>{r('Alytaus')}</w:sdtContent></w:sdt>"
    run_level = f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    data = make_docx(
        p(r("Nutarimas")),
        f"<w:sdt {W}><w:sdtPr><w:alias w:val='Turinys'/></w:sdtPr><w:sdtContent>"
        f"<w:p><w:pPr>{numbered}</w:pPr>{r('Pirmas punktas.')}</w:p>"
        f"<w:sdt><w:sdtContent><w:p><w:pPr>{numbered}</w:pPr>{r('Antras punktas, ')}{run_level}{r(' miesto.')}</w:p>"
        "</w:sdtContent></w:sdt></w:sdtContent></w:sdt>",
    )
    assert texts(data) == ["Nutarimas", "1. Pirmas punktas.", "2. Antras punktas, Alytaus miesto."]


def test_a_content_control_showing_its_placeholder_is_not_text():
    shown = r("Spustelėkite čia.")
    placeholder = f"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{shown}</w:sdtContent></w:sdt>"
    assert texts(make_docx(p(r("Data: "), placeholder))) == ["Data:"]


def test_smart_tags_are_read():
    date = r("2027 m. sausio 1 d.")
    tag = f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="date">{date}</w:smartTag>'
    assert texts(make_docx(p(r("Įsigalioja "), tag, r(", išskyrus 3 straipsnį")))) == [
        "Įsigalioja 2027 m. sausio 1 d., išskyrus 3 straipsnį"
    ]


def test_custom_xml_block_and_run_level_is_read():
    data = make_docx(
        f'<w:customXml {W} w:element="straipsnis"><w:p>{r("2 straipsnis. ")}'
        f'<w:customXml w:element="pavadinimas">{r("Sąvokos")}</w:customXml></w:p></w:customXml>'
    )
    assert texts(data) == ["2 straipsnis. Sąvokos"]


def test_simple_field_shows_its_result():
    field = f'<w:fldSimple w:instr=" DOCPROPERTY Numeris ">{r("XIVP-3597")}</w:fldSimple>'
    assert texts(make_docx(p(r("Projektas Nr. "), field))) == ["Projektas Nr. XIVP-3597"]


def test_complex_field_shows_its_result_never_its_instruction_nested_too():
    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    instr = '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
    inner = char("begin") + '<w:r><w:instrText> REF a </w:instrText></w:r>' + char("separate") + r("x") + char("end")
    data = make_docx(
        p(
            r("Žr. "),
            char("begin"), instr, inner, '<w:r><w:instrText> = 1 "taip" </w:instrText></w:r>',
            char("separate"), r("3 straipsnį"), char("end"),
            r("."),
        )
    )
    assert texts(data) == ["Žr. 3 straipsnį."]


def test_a_table_of_contents_is_not_read_as_the_drafts_text():
    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    data = make_docx(
        p(char("begin"), '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>', char("separate"),
          r("1 straipsnis. Paskirtis\t1")),
        p(r("2 straipsnis. Sąvokos\t2"), char("end")),
        p('<w:fldSimple w:instr=" TOC \\h ">' + r("3 straipsnis. Įsigaliojimas\t3") + "</w:fldSimple>"),
        p(r("1 straipsnis. Paskirtis")),
    )
    assert texts(data) == ["1 straipsnis. Paskirtis"]


def test_hyperlinks_are_read():
    link = f'<w:hyperlink w:anchor="s3">{r("3 straipsnio")}</w:hyperlink>'
    assert texts(make_docx(p(r("Pagal "), link, r(" 2 dalį")))) == ["Pagal 3 straipsnio 2 dalį"]


def test_tables_read_merged_cells_once_and_nested_tables():
    def cell(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{r(text) if text else ''}</w:p></w:tc>"

    nested = f"<w:tbl><w:tr>{cell('Vidinė')}</w:tr></w:tbl>"
    wide, tall, continued = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    table = (
        f"<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{cell('Plati', wide)}{cell('Aukšta', tall)}</w:tr>"
        f"<w:tr>{cell('A')}<w:tc><w:tcPr/><w:p>{r('B')}</w:p>{nested}<w:p/></w:tc>{cell('', continued)}</w:tr>"
        "</w:tbl>"
    )
    data = make_docx(p(r("Prieš")), table, p(r("Po")))
    assert docx_blocks(data) == [
        TextBlock("Prieš"),
        TextBlock("Plati", True),
        TextBlock("Aukšta", True),
        TextBlock("A", True),
        TextBlock("B", True),
        TextBlock("Vidinė", True),
        TextBlock("", True),
        TextBlock("Po"),
    ]


def test_a_text_box_is_read_once_after_its_anchor_paragraph():
    box = f"<w:txbxContent><w:p>{r('PATVIRTINTA')}</w:p><w:p>{r('ministro įsakymu')}</w:p></w:txbxContent>"
    drawing = (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    data = make_docx(f"<w:p {TEXT_BOX_NS}>{r('Aprašas ')}{drawing}{r('tęsiasi')}</w:p>", p(r("1. Punktas.")))
    assert docx_blocks(data) == [
        TextBlock("Aprašas tęsiasi"),
        TextBlock("PATVIRTINTA", in_text_box=True),
        TextBlock("ministro įsakymu", in_text_box=True),
        TextBlock("1. Punktas."),
    ]


def test_a_vml_text_box_alone_is_read():
    box = f"<w:txbxContent><w:p>{r('Projektas')}</w:p></w:txbxContent>"
    shape = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    data = make_docx(f"<w:p {TEXT_BOX_NS}><w:r>{shape}</w:r></w:p>")
    assert docx_blocks(data) == [TextBlock(""), TextBlock("Projektas", in_text_box=True)]


def test_tabs_breaks_hyphens_and_symbols():
    data = make_docx(
        p(
            r("1."), "<w:r><w:tab/></w:r>", r("Ne"), "<w:r><w:noBreakHyphen/></w:r>", r("mažiau kaip "),
            '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>', r(" 5 m"), "<w:r><w:softHyphen/></w:r>", r("etai"),
            "<w:r><w:br/></w:r>", r("antra eilutė"), "<w:r><w:cr/></w:r>", r("trečia"),
        )
    )
    assert texts(data) == ["1.\tNe-mažiau kaip ≥ 5 metai\nantra eilutė\ntrečia"]


def test_footnote_references_are_left_out():
    reference = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    assert texts(make_docx(p(r("Savivaldybė"), reference, r(" tvarko.")))) == ["Savivaldybė tvarko."]


def test_comparison_version_reads_its_new_text_struck_runs_are_deletions():
    def styles(document) -> None:
        document.styles.add_style("Isbraukta", WD_STYLE_TYPE.CHARACTER).font.strike = True

    data = make_docx(
        p(
            r("2. Savivaldybė "),
            r("gali", "<w:strike/>"),
            r("turi", "<w:b/><w:u w:val='single'/>"),
            r(" teisę "),
            r("nustatyti", '<w:dstrike w:val="1"/>'),
            r(" tvirtinti", "<w:rStyle w:val='Isbraukta'/>"),
            r(" taisykles"),
            r(" ir tvarką", '<w:strike w:val="0"/>'),
            r("."),
        ),
        p(r("3. Ši dalis išbraukta visa.", "<w:strike/>")),
        p(r("4. Lieka.")),
        setup=styles,
    )
    assert texts(data) == ["2. Savivaldybė turi teisę taisykles ir tvarką.", "4. Lieka."]


def test_hidden_text_is_not_read():
    assert texts(make_docx(p(r("Matoma"), r(" paslėpta", "<w:vanish/>"), r(" dalis")))) == ["Matoma dalis"]


def test_raised_digits_become_superscript_directly_by_style_and_by_position():
    def styles(document) -> None:
        document.styles.add_style("Laipsnis", WD_STYLE_TYPE.CHARACTER).font.superscript = True

    data = make_docx(
        p(r("3"), r("1", '<w:vertAlign w:val="superscript"/>'), r(" straipsnis. Pirmas")),
        p(r("25"), r("2", "<w:rStyle w:val='Laipsnis'/>"), r(" straipsnis. Antras")),
        p(r("7"), r("3", '<w:position w:val="6"/><w:sz w:val="14"/>'), r(" straipsnis. Trečias")),
        p(r("m"), r("2", '<w:vertAlign w:val="superscript"/>'), r(" plotas, 2 ha")),
        setup=styles,
    )
    assert texts(data) == [
        "3¹ straipsnis. Pirmas",
        "25² straipsnis. Antras",
        "7³ straipsnis. Trečias",
        "m² plotas, 2 ha",
    ]


def test_word_numbering_replayed_with_levels():
    data = make_docx(
        p(r("Pirmas"), ppr='<w:pStyle w:val="ListNumber"/>'),
        p(r("Antras"), ppr='<w:pStyle w:val="ListNumber"/>'),
        p(r("Be numerio")),
        p(r("Trečias"), ppr='<w:pStyle w:val="ListNumber"/>'),
    )
    assert texts(data) == ["1. Pirmas", "2. Antras", "Be numerio", "3. Trečias"]


def test_body_order_mixes_paragraphs_tables_and_block_containers():
    table = f"<w:tbl {W}><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p>{r('Lentelė')}</w:p></w:tc></w:tr></w:tbl>"
    data = make_docx(
        p(r("Pirma")),
        f"<w:sdt {W}><w:sdtContent><w:p>{r('Antra')}</w:p></w:sdtContent></w:sdt>",
        table,
        f"<w:customXml {W} w:element='x'><w:p>{r('Trečia')}</w:p></w:customXml>",
        p(r("Ketvirta")),
    )
    assert texts(data) == ["Pirma", "Antra", "Lentelė", "Trečia", "Ketvirta"]


def test_a_damaged_docx_is_refused_with_a_clear_message():
    whole = make_docx(p(r("Tekstas")))
    with pytest.raises(Invalid) as refused:
        docx_blocks(whole[: len(whole) // 2])
    assert refused.value.detail == "The Word document could not be read; it may be damaged."


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make test installs it")
def test_a_docx_saved_by_libreoffice_reads_as_written(tmp_path: Path):
    source = tmp_path / "projektas.html"
    source.write_text(
        "<html><head><meta charset='utf-8'></head><body>"
        "<p>LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO PAKEITIMO ĮSTATYMAS</p>"
        "<p>3<sup>1</sup> straipsnis. Savivaldybių funkcijos</p>"
        "<p>1. Savivaldybė <s>gali</s> turi teisę.</p>"
        "<p>2. Savivaldybės funkcijos yra <a href='https://e-tar.lt'>nustatytos</a>:</p>"
        "<table border='1'><tr><td rowspan='2'>Rodiklis</td><td>A</td></tr><tr><td>B</td></tr></table>"
        "<p>1) savarankiškosios;</p>"
        "</body></html>",
        encoding="utf-8",
    )
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=True,
    )
    blocks = [block for block in docx_blocks((tmp_path / "projektas.docx").read_bytes()) if block.text]
    assert blocks == [
        TextBlock("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO PAKEITIMO ĮSTATYMAS"),
        TextBlock("3¹ straipsnis. Savivaldybių funkcijos"),
        TextBlock("1. Savivaldybė turi teisę."),
        TextBlock("2. Savivaldybės funkcijos yra nustatytos:"),
        TextBlock("Rodiklis", True),
        TextBlock("A", True),
        TextBlock("B", True),
        TextBlock("1) savarankiškosios;"),
    ]


def anchored_text_box(text: str) -> str:
    """A floating text box as Word writes it: a DrawingML shape, with an empty VML fallback."""
    box = f"<w:txbxContent><w:p>{r(text)}</w:p></w:txbxContent>"
    shape = (
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="400000"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{box}</wps:txbx>'
        "<wps:bodyPr/></wps:wsp>"
    )
    anchor = (
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1800000" cy="400000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Box"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"{shape}</a:graphicData></a:graphic></wp:anchor>"
    )
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{anchor}</w:drawing></mc:Choice>'
        "<mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>"
    )


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make test installs it")
def test_tracked_changes_and_a_text_box_resaved_by_libreoffice_read_once(tmp_path: Path):
    source = tmp_path / "pakeitimai.docx"
    source.write_bytes(
        make_docx(
            f"<w:p {TEXT_BOX_NS}>{r('Aprašas')}{anchored_text_box('PATVIRTINTA')}</w:p>",
            p(
                r("1. Savivaldybė "),
                f'<w:ins w:id="1" {CHANGE}>{r("turi")}</w:ins>',
                r(" "),
                f'<w:del w:id="2" {CHANGE}><w:r><w:delText>gali</w:delText></w:r></w:del>',
                r(" teisę."),
            ),
            p(r("2. Sena "), r("išbraukta", "<w:strike/>"), r(" dalis.")),
        )
    )
    out = tmp_path / "out"
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        capture_output=True, timeout=240, check=True,
    )
    resaved = (out / "pakeitimai.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(resaved)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert body.count("<w:txbxContent>") == 2  # LibreOffice writes the box twice: DrawingML and its VML fallback
    assert "<w:delText>gali</w:delText>" in body
    assert docx_blocks(resaved) == [
        TextBlock("Aprašas"),
        TextBlock("PATVIRTINTA", in_text_box=True),
        TextBlock("1. Savivaldybė turi teisę."),
        TextBlock("2. Sena dalis."),
    ]
