"""Text and provisions extracted from DOCX drafts, and the Lithuanian provision labels."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reviewflow.documents.structure import (
    ExtractedText,
    extract_structure,
    provision_label,
    provision_sort_key,
    provision_title,
)
from reviewflow.errors import Invalid
from tests.pure.samples import docm_bytes, docx_bytes, save


def law_docx() -> bytes:
    """A short law: three articles (one numbered 3¹ with a raised digit), parts and points, a table."""
    document = docx.Document()
    document.add_paragraph("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO PAKEITIMO ĮSTATYMAS")
    document.add_paragraph("2026 m. sausio 1 d. Nr. XIV-1")
    document.add_paragraph("1 straipsnis. Įstatymo paskirtis")
    document.add_paragraph("Šis įstatymas nustato savivaldybių funkcijas.")
    document.add_paragraph("2 straipsnis. Sąvokos")
    document.add_paragraph("1. Savivaldybė – valstybės teritorijos administracinis vienetas.")
    document.add_paragraph("2. Taryba – savivaldybės atstovaujamoji institucija.")
    heading = document.add_paragraph("3")
    heading.add_run("1").font.superscript = True
    heading.add_run(" straipsnis. Savivaldybių funkcijos")
    document.add_paragraph("1. Savivaldybės atlieka šias funkcijas:")
    document.add_paragraph("1) švietimo;")
    broken = document.add_paragraph("2) sveikatos")
    broken.add_run().add_break()  # Shift+Enter in Word
    broken.add_run("priežiūros.")
    document.add_paragraph("2. Kitos funkcijos:")
    document.add_paragraph("1) kultūros.")
    document.add_paragraph("„3. Cituojama nauja redakcija nėra šio projekto dalis.“")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1. Lentelės eilutė"
    table.cell(0, 1).text = "Tarifas"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Sujungta ląstelė"
    document.add_paragraph("12 str. Įsigaliojimas")
    document.add_paragraph("1) taikoma nuo 2027 m.")
    return save(document)


def resolution_docx() -> bytes:
    """A Government resolution: the first point auto-numbered by Word, then literal points and sub-points."""
    document = docx.Document()
    document.add_paragraph("LIETUVOS RESPUBLIKOS VYRIAUSYBĖ")
    document.add_paragraph("NUTARIMAS")
    document.add_paragraph("2026 m. vasario 2 d. Nr. 100")
    document.add_paragraph("Lietuvos Respublikos Vyriausybė nutaria:")
    document.add_paragraph("Patvirtinti tvarkos aprašą (pridedama).", style="List Number")
    document.add_paragraph("Pavesti ministerijai:", style="List Number")
    document.add_paragraph("2.1. parengti rekomendacijas;")
    document.add_paragraph("2.2 informuoti savivaldybes;")
    document.add_paragraph("2.2.1. raštu;")
    document.add_paragraph("3.\tNutarimas įsigalioja 2026 m. liepos 1 d.")
    return save(document)


MULTILEVEL = (
    '<w:abstractNum {ns} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
    "</w:abstractNum>"
)


def multilevel_docx() -> bytes:
    """An order whose points and sub-points are all numbered automatically by a two-level Word list."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "Bendrosios nuostatos"),
        (1, "taikymas"),
        (1, "sąvokos"),
        (2, "ženklas"),
        (0, "Baigiamosios"),
        (1, "įsigaliojimas"),
    ]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    return save(document)


def keys(extracted: ExtractedText) -> list[tuple]:
    return [(a.article, a.part, a.point, a.label) for a in extracted.anchors]


def test_law_structure():
    extracted = extract_structure(law_docx())
    assert keys(extracted) == [
        ("1", None, None, "1 straipsnis"),
        ("2", None, None, "2 straipsnis"),
        ("2", "1", None, "2 straipsnio 1 dalis"),
        ("2", "2", None, "2 straipsnio 2 dalis"),
        ("3¹", None, None, "3¹ straipsnis"),
        ("3¹", "1", None, "3¹ straipsnio 1 dalis"),
        ("3¹", "1", "1", "3¹ straipsnio 1 dalies 1 punktas"),
        ("3¹", "1", "2", "3¹ straipsnio 1 dalies 2 punktas"),
        ("3¹", "2", None, "3¹ straipsnio 2 dalis"),
        ("3¹", "2", "1", "3¹ straipsnio 2 dalies 1 punktas"),
        ("12", None, None, "12 straipsnis"),
        ("12", None, "1", "12 straipsnio 1 punktas"),
    ]


def test_anchor_text_and_position_point_into_the_full_text():
    extracted = extract_structure(law_docx())
    for anchor in extracted.anchors:
        assert extracted.text[anchor.position :].startswith(anchor.text)
    assert extracted.anchors[4].text == "3¹ straipsnis. Savivaldybių funkcijos"
    positions = [a.position for a in extracted.anchors]
    assert positions == sorted(positions)


def test_full_text_keeps_tables_and_line_breaks():
    text = extract_structure(law_docx()).text
    lines = text.split("\n")
    assert lines[0].startswith("LIETUVOS RESPUBLIKOS")
    assert "2) sveikatos\npriežiūros." in text
    assert "1. Lentelės eilutė\nTarifas\nSujungta ląstelė\n12 str. Įsigaliojimas" in text
    assert text.count("Sujungta ląstelė") == 1


def test_resolution_structure_with_word_numbering():
    extracted = extract_structure(resolution_docx())
    assert keys(extracted) == [
        (None, None, "1", "1 punktas"),
        (None, None, "2", "2 punktas"),
        (None, None, "2.1", "2.1 papunktis"),
        (None, None, "2.2", "2.2 papunktis"),
        (None, None, "2.2.1", "2.2.1 papunktis"),
        (None, None, "3", "3 punktas"),
    ]
    assert "\n1. Patvirtinti tvarkos aprašą (pridedama).\n2. Pavesti ministerijai:\n" in extracted.text
    assert extracted.anchors[-1].text == "3.\tNutarimas įsigalioja 2026 m. liepos 1 d."


def test_multilevel_word_numbering_is_replayed():
    extracted = extract_structure(multilevel_docx())
    assert [a.point for a in extracted.anchors] == ["1", "1.1", "1.2", "2", "2.1"]
    assert extracted.text.split("\n") == [
        "1. Bendrosios nuostatos",
        "1.1. taikymas",
        "1.2. sąvokos",
        "ženklas",
        "2. Baigiamosios",
        "2.1. įsigaliojimas",
    ]


def test_a_date_at_the_start_is_not_a_point():
    extracted = extract_structure(docx_bytes("2026 m. sausio 1 d. posėdis", "Tekstas be numerių"))
    assert extracted.anchors == []
    assert extracted.text == "2026 m. sausio 1 d. posėdis\nTekstas be numerių"


def test_a_sentence_starting_with_an_article_number_is_not_a_heading():
    extracted = extract_structure(docx_bytes("3 straipsnis taikomas visoms savivaldybėms."))
    assert extracted.anchors == []


@pytest.mark.parametrize("data", [b"not a document", b"PK\x03\x04broken", b""], ids=["text", "zip", "empty"])
def test_neither_docx_nor_pdf_is_refused(data):
    with pytest.raises(Invalid):
        extract_structure(data)


def test_docm_is_refused():
    with pytest.raises(Invalid, match="macros"):
        extract_structure(docm_bytes())


@pytest.mark.parametrize(
    ("article", "part", "point", "genitive", "nominative"),
    [
        ("3", "2", "1", "3 straipsnio 2 dalies 1 punkto", "3 straipsnio 2 dalies 1 punktas"),
        ("3", "2", None, "3 straipsnio 2 dalies", "3 straipsnio 2 dalis"),
        ("3", None, None, "3 straipsnio", "3 straipsnis"),
        ("3", None, "4", "3 straipsnio 4 punkto", "3 straipsnio 4 punktas"),
        ("3¹", None, None, "3¹ straipsnio", "3¹ straipsnis"),
        (None, None, "5", "5 punkto", "5 punktas"),
        (None, None, "5.2", "5.2 papunkčio", "5.2 papunktis"),
        (None, None, "5.2.", "5.2 papunkčio", "5.2 papunktis"),
        (None, "2", None, "2 dalies", "2 dalis"),
        (None, None, None, "bendrai", "Bendrai"),
        (" ", "", None, "bendrai", "Bendrai"),
    ],
)
def test_provision_phrases(article, part, point, genitive, nominative):
    assert provision_label(article, part, point) == genitive
    assert provision_title(article, part, point) == nominative


def test_provision_sort_key_orders_as_the_document():
    shuffled = [
        ("10", None, None),
        ("3", "2", "1"),
        ("3¹", None, None),
        (None, None, None),
        ("2", None, None),
        ("3", None, None),
        ("3", "10", None),
        ("3", "2", None),
        ("3", "2", "10"),
        ("3", "2", "2"),
        ("4", None, None),
    ]
    ordered = sorted(shuffled, key=lambda p: provision_sort_key(*p))
    assert ordered == [
        (None, None, None),
        ("2", None, None),
        ("3", None, None),
        ("3", "2", None),
        ("3", "2", "1"),
        ("3", "2", "2"),
        ("3", "2", "10"),
        ("3", "10", None),
        ("3¹", None, None),
        ("4", None, None),
        ("10", None, None),
    ]


def test_sub_points_sort_numerically():
    points = ["5.10", "5", "5.2", "10", "5.2.1", "2"]
    assert sorted(points, key=lambda p: provision_sort_key(None, None, p)) == [
        "2",
        "5",
        "5.2",
        "5.2.1",
        "5.10",
        "10",
    ]


def test_superscript_spellings_sort_together():
    assert provision_sort_key("3^1", None, None) == provision_sort_key("3¹", None, None)
    assert provision_sort_key("3(1)", None, None) == provision_sort_key("3¹", None, None)
    assert provision_sort_key("preambulė", None, None) > provision_sort_key("99", None, None)
