"""Documents a draft approves (after "PATVIRTINTA"), chapters and sections, and text that is no provision."""

from __future__ import annotations

from reviewflow.documents.structure import ExtractedText, extract_structure
from tests.pure.samples import docx_bytes


def read(text: str) -> ExtractedText:
    """The structure of a DOCX whose paragraphs are the lines of ``text``."""
    return extract_structure(docx_bytes(*text.strip("\n").split("\n")))


def labels(text: str) -> list[str]:
    return [anchor.label for anchor in read(text).anchors]


RESOLUTION = """
LIETUVOS RESPUBLIKOS VYRIAUSYBĖ
NUTARIMAS
DĖL POSĖDŽIŲ ĮRAŠŲ SAUGOJIMO TVARKOS APRAŠO PATVIRTINIMO
Lietuvos Respublikos Vyriausybė n u t a r i a:
1. Patvirtinti Posėdžių įrašų saugojimo tvarkos aprašą (pridedama).
2. Šis nutarimas įsigalioja 2027 m. sausio 1 d.
Ministras Pirmininkas	Vardenis Pavardenis
PATVIRTINTA
Lietuvos Respublikos Vyriausybės
2026 m. gruodžio 1 d. nutarimu Nr. 900
POSĖDŽIŲ ĮRAŠŲ SAUGOJIMO TVARKOS APRAŠAS
I SKYRIUS
BENDROSIOS NUOSTATOS
1. Aprašas nustato įrašų saugojimo tvarką.
2. Sąvokos:
2.1. įrašas – posėdžio vaizdo įrašas;
2.2. saugotojas – atsakingas padalinys.
II SKYRIUS
SAUGOJIMAS
3. Įrašai saugomi ketverius metus.
"""


def test_approved_description_is_cited_by_its_name_never_as_a_second_plain_point():
    found = labels(RESOLUTION)
    assert found == [
        "1 punktas",
        "2 punktas",
        "Aprašo I skyrius",
        "Aprašo 1 punktas",
        "Aprašo 2 punktas",
        "Aprašo 2.1 papunktis",
        "Aprašo 2.2 papunktis",
        "Aprašo II skyrius",
        "Aprašo 3 punktas",
    ]
    assert found.count("1 punktas") == 1


def test_approved_document_anchors_carry_scope_citation_and_short_form():
    by_label = {a.label: a for a in read(RESOLUTION).anchors}
    point = by_label["Aprašo 2.1 papunktis"]
    assert (point.scope, point.article, point.part, point.point, point.depth) == ("Aprašas", None, None, "2.1", 0)
    assert point.citation == "Projektu tvirtinamo Aprašo 2.1 papunkčio"
    assert point.short == "Aprašo 2.1 p."
    chapter = by_label["Aprašo II skyrius"]
    assert (chapter.scope, chapter.chapter, chapter.point) == ("Aprašas", "II skyrius", None)
    assert (chapter.citation, chapter.short) == ("Projektu tvirtinamo Aprašo II skyriaus", "Aprašo II sk.")
    own = by_label["1 punktas"]
    assert (own.scope, own.citation, own.short) == (None, "Projekto 1 punkto", "1 p.")


def approving(title: str) -> str:
    return f"1. Patvirtinti dokumentą (pridedama).\nPATVIRTINTA\nministro 2026 m. įsakymu Nr. 1\n{title}\n1. Pirmas."


def test_case_forms_of_every_approved_document_kind():
    kinds = {
        "VIETINIŲ ŽELDYNŲ INVENTORIZAVIMO TAISYKLĖS": "Taisyklių 1 punktas",
        "SVEIKATOS BIURŲ NUOSTATAI": "Nuostatų 1 punktas",
        "PRIEMONIŲ PLANAS": "Plano 1 punktas",
        "JAUNIMO UŽIMTUMO PROGRAMA": "Programos 1 punktas",
        "DUOMENŲ TEIKIMO TVARKA": "Tvarkos 1 punktas",
        "SUEIGŲ REGLAMENTAS": "Reglamento 1 punktas",
        "KOMPENSACIJŲ SKYRIMO TVARKOS APRAŠAS": "Aprašo 1 punktas",
    }
    for title, label in kinds.items():
        assert labels(approving(title)) == ["1 punktas", label], title


def test_two_approved_documents_each_restart_at_one():
    assert labels("""
1. Patvirtinti programą ir planą.
PATVIRTINTA
Vyriausybės 2026 m. nutarimu Nr. 1
JAUNIMO PROGRAMA
1. Tikslas.
2. Uždaviniai.
PATVIRTINTA
Vyriausybės 2026 m. nutarimu Nr. 1
JAUNIMO PROGRAMOS PRIEMONIŲ PLANAS
1. Priemonės.
""") == ["1 punktas", "Programos 1 punktas", "Programos 2 punktas", "Plano 1 punktas"]


def test_law_chapters_and_sections_are_anchors():
    assert labels("""
I SKYRIUS
BENDROSIOS NUOSTATOS
1 straipsnis. Paskirtis
II SKYRIUS
INSTITUCIJOS
PIRMASIS SKIRSNIS
TARYBA
24 straipsnis. Posėdžiai
ANTRASIS SKIRSNIS
MERAS
26 straipsnis. Mero įgaliojimai
""") == [
        "I skyrius", "1 straipsnis", "II skyrius", "II skyriaus pirmasis skirsnis", "24 straipsnis",
        "II skyriaus antrasis skirsnis", "26 straipsnis",
    ]


def test_section_citation_uses_the_ordinal_in_the_genitive():
    section = read("II SKYRIUS\nPIRMASIS SKIRSNIS\n1 straipsnis. Taryba").anchors[1]
    assert (section.citation, section.short) == ("Projekto II skyriaus pirmojo skirsnio", "II sk. 1 skirsn.")


def test_title_signature_and_enacting_lines_are_not_provisions():
    assert labels("""
LIETUVOS RESPUBLIKOS VYRIAUSYBĖ
NUTARIMAS
2026 m. gruodžio 1 d. Nr. 900
Vilnius
Lietuvos Respublikos Vyriausybė n u t a r i a:
1. Nustatyti tvarką.
Ministras Pirmininkas	Vardenis Pavardenis
Vidaus reikalų ministras	Vardas Pavardė
""") == ["1 punktas"]


def test_a_number_going_back_is_not_a_provision():
    # A PDF loses its tables: their numbered rows come back as paragraphs after the point that holds them.
    assert labels("""
1. Terminai:
2. Įrašai saugomi taip:
Eil. Nr. Įrašo rūšis Terminas
1. Eilinis posėdis 4 metai
2. Neeilinis posėdis 10 metų
3. Kiti įrašai.
""") == ["1 punktas", "2 punktas", "3 punktas"]


def test_numbered_table_rows_are_not_provisions():
    import docx

    from tests.pure.samples import save

    document = docx.Document()
    document.add_paragraph("1. Terminai nurodyti lentelėje:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1."
    table.cell(0, 1).text = "Eilinis posėdis"
    table.cell(1, 0).text = "2. Neeilinis posėdis"
    document.add_paragraph("2. Kita.")
    assert [a.label for a in extract_structure(save(document)).anchors] == ["1 punktas", "2 punktas"]


def test_an_approved_title_typed_in_normal_case_is_still_recognised():
    assert labels(approving("Seniūnaičių sueigų reglamentas")) == ["1 punktas", "Reglamento 1 punktas"]
