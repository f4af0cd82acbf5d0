"""Amending drafts: the quoted new wording is the amended act's structure, nested under the amending provision."""

from __future__ import annotations

from reviewflow.documents.structure import ExtractedText, extract_structure
from tests.pure.samples import docx_bytes


def read(text: str) -> ExtractedText:
    """The structure of a DOCX whose paragraphs are the lines of ``text``."""
    return extract_structure(docx_bytes(*text.strip("\n").split("\n")))


def labels(text: str) -> list[str]:
    return [anchor.label for anchor in read(text).anchors]


AMENDING_LAW = """
LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 5 IR 7 STRAIPSNIŲ PAKEITIMO ĮSTATYMAS
1 straipsnis. 5 straipsnio pakeitimas
Pakeisti 5 straipsnį ir jį išdėstyti taip:
„5 straipsnis. Tarybos įgaliojimai
1. Taryba sprendžia vietos reikalus.
2. Taryba tvirtina:
1) biudžetą;
2) strateginį plėtros planą.“
2 straipsnis. Įstatymo įsigaliojimas
Šis įstatymas įsigalioja 2027 m. sausio 1 d.
"""


def test_quoted_article_is_nested_under_the_amending_article():
    extracted = read(AMENDING_LAW)
    assert [(a.label, a.scope, a.depth) for a in extracted.anchors] == [
        ("1 straipsnis", None, 0),
        ("1 straipsniu keičiamo 5 straipsnis", "1 str.", 1),
        ("1 straipsniu keičiamo 5 straipsnio 1 dalis", "1 str.", 1),
        ("1 straipsniu keičiamo 5 straipsnio 2 dalis", "1 str.", 1),
        ("1 straipsniu keičiamo 5 straipsnio 2 dalies 1 punktas", "1 str.", 1),
        ("1 straipsniu keičiamo 5 straipsnio 2 dalies 2 punktas", "1 str.", 1),
        ("2 straipsnis", None, 0),
    ]


def test_nested_provisions_carry_the_amended_numbers_citation_and_short_form():
    part = read(AMENDING_LAW).anchors[3]
    assert (part.article, part.part, part.point) == ("5", "2", None)
    assert part.citation == "Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies"
    assert part.short == "1 (5) str. 2 d."
    assert part.text == "2. Taryba tvirtina:"


def test_own_provisions_keep_their_labels_citations_and_short_forms():
    own = read(AMENDING_LAW).anchors[0]
    assert (own.label, own.citation, own.short) == ("1 straipsnis", "Projekto 1 straipsnio", "1 str.")


def test_missing_opening_quote_still_nests_everything_up_to_the_closing_quote():
    assert labels("""
1 straipsnis. 13 straipsnio pakeitimas
Pakeisti 13 straipsnio 2 dalį ir ją išdėstyti taip:
2. Poreikį nustato savivaldybės administracija. Poreikis nustatomas:
1) asmens prašymu;
2) kitos institucijos pranešimu.“
2 straipsnis. Įsigaliojimas
1. Šis įstatymas įsigalioja 2027 m. sausio 1 d.
""") == [
        "1 straipsnis",
        "1 straipsniu keičiamo 13 straipsnio 2 dalis",
        "1 straipsniu keičiamo 13 straipsnio 2 dalies 1 punktas",
        "1 straipsniu keičiamo 13 straipsnio 2 dalies 2 punktas",
        "2 straipsnis",
        "2 straipsnio 1 dalis",
    ]


def test_a_part_quoted_alone_takes_its_article_from_the_amending_sentence():
    extracted = read("""
2 straipsnis. 21 straipsnio pakeitimas
1. 21 straipsnio 1 dalį išdėstyti taip: „1. Savivaldybė vadovaujasi „Paslaugų katalogu“, kurį tvirtina ministras.“
2. Papildyti 21 straipsnį nauja 4 dalimi:
„4. Savivaldybė kasmet skelbia laukiančiųjų skaičių.“
3. Pakeisti 21 straipsnio 5 dalį ir ją išdėstyti taip:
"5. Lengvatas nustato "vietos" taryba."
4. Pakeisti 21 straipsnio 6 dalį ir ją išdėstyti taip:
“6. Ataskaita skelbiama kasmet.”
""")
    assert [a.label for a in extracted.anchors] == [
        "2 straipsnis",
        "2 straipsnio 1 dalis",
        "2 straipsniu keičiamo 21 straipsnio 1 dalis",
        "2 straipsnio 2 dalis",
        "2 straipsniu keičiamo 21 straipsnio 4 dalis",
        "2 straipsnio 3 dalis",
        "2 straipsniu keičiamo 21 straipsnio 5 dalis",
        "2 straipsnio 4 dalis",
        "2 straipsniu keičiamo 21 straipsnio 6 dalis",
    ]
    inline = extracted.anchors[2]
    # The nested anchor starts at the quoted number, inside the amending paragraph.
    assert inline.text.startswith("1. Savivaldybė vadovaujasi „Paslaugų katalogu“")
    assert extracted.text[inline.position:].startswith(inline.text)


def test_a_quotation_closed_on_its_own_paragraph_does_not_end_the_wording():
    assert labels("""
1 straipsnis. 30 straipsnio pakeitimas
Pakeisti 30 straipsnio 3 dalį ir ją išdėstyti taip:
„3. Finansuojama pagal programą „Sveika bendruomenė“:
1) savivaldybės lėšomis;
2) valstybės lėšomis.“
2 straipsnis. Įsigaliojimas
""") == [
        "1 straipsnis",
        "1 straipsniu keičiamo 30 straipsnio 3 dalis",
        "1 straipsniu keičiamo 30 straipsnio 3 dalies 1 punktas",
        "1 straipsniu keičiamo 30 straipsnio 3 dalies 2 punktas",
        "2 straipsnis",
    ]


def test_inserted_article_with_a_raised_number_is_nested():
    import docx

    from tests.pure.samples import save

    document = docx.Document()
    document.add_paragraph("1 straipsnis. Įstatymo papildymas 30¹ straipsniu")
    sentence = document.add_paragraph("Papildyti Įstatymą 30")
    sentence.add_run("1").font.superscript = True
    sentence.add_run(" straipsniu:")
    heading = document.add_paragraph("„30")
    heading.add_run("1").font.superscript = True
    heading.add_run(" straipsnis. Atliekų prevencija")
    document.add_paragraph("1. Savivaldybė tvirtina prevencijos programą.“")
    extracted = extract_structure(save(document))
    assert [(a.label, a.short) for a in extracted.anchors] == [
        ("1 straipsnis", "1 str."),
        ("1 straipsniu keičiamo 30¹ straipsnis", "1 (30¹) str."),
        ("1 straipsniu keičiamo 30¹ straipsnio 1 dalis", "1 (30¹) str. 1 d."),
    ]


RESOLUTION = """
LIETUVOS RESPUBLIKOS VYRIAUSYBĖ
NUTARIMAS
DĖL VYRIAUSYBĖS 2019 M. GEGUŽĖS 15 D. NUTARIMO NR. 470 „DĖL NUOMOS APRAŠO PATVIRTINIMO“ PAKEITIMO
Lietuvos Respublikos Vyriausybė n u t a r i a:
1. Pakeisti Vyriausybės 2019 m. nutarimo Nr. 470 „Dėl Nuomos tvarkos aprašo patvirtinimo“ 2 punktą ir jį išdėstyti taip:
„2. Pavesti:
2.1. savivaldybėms peržiūrėti nuomos mokesčius;
2.3. ministerijai teikti metodinę pagalbą.“
2. Pakeisti Nuomos tvarkos aprašą, patvirtintą nurodytu nutarimu:
2.1. Pakeisti 4 punktą ir jį išdėstyti taip:
„4. Nuomos mokestis apskaičiuojamas pagal plotą.“
2.2. Pripažinti netekusiu galios 9 punktą.
3. Šis nutarimas įsigalioja 2027 m. sausio 1 d.
Ministras Pirmininkas	Vardenis Pavardenis
"""


def test_resolution_amending_a_resolution_nests_the_quoted_points():
    extracted = read(RESOLUTION)
    assert [(a.label, a.depth) for a in extracted.anchors] == [
        ("1 punktas", 0),
        ("1 punktu keičiamo 2 punktas", 1),
        ("1 punktu keičiamo 2.1 papunktis", 1),
        ("1 punktu keičiamo 2.3 papunktis", 1),
        ("2 punktas", 0),
        ("2.1 papunktis", 0),
        ("2.1 papunkčiu keičiamo 4 punktas", 1),
        ("2.2 papunktis", 0),
        ("3 punktas", 0),
    ]


def test_resolution_citations_name_the_amended_act_from_the_amending_sentence():
    by_label = {a.label: a for a in read(RESOLUTION).anchors}
    sub_point = by_label["1 punktu keičiamo 2.3 papunktis"]
    assert sub_point.citation == "Projekto 1 punktu keičiamo nutarimo 2.3 papunkčio"
    assert (sub_point.scope, sub_point.point, sub_point.short) == ("1 p.", "2.3", "1 (2.3) p.")
    # Point 2 names the description it amends; its sub-point 2.1 does not, and inherits it.
    described = by_label["2.1 papunkčiu keičiamo 4 punktas"]
    assert described.citation == "Projekto 2.1 papunkčiu keičiamo aprašo 4 punkto"


def test_plural_and_feminine_acts_make_the_participle_agree():
    extracted = read("""
P a k e i č i u Visuomenės sveikatos biurų nuostatus, patvirtintus ministro įsakymu:
1. Pakeisti 7 punktą ir jį išdėstyti taip:
„7. Biuro uždaviniai nustatomi kasmet.“
""")
    nested = extracted.anchors[1]
    assert nested.label == "1 punktu keičiamų 7 punktas"
    assert nested.citation == "Projekto 1 punktu keičiamų nuostatų 7 punkto"


def test_a_quotation_no_amending_sentence_introduces_is_not_read():
    assert labels("""
1 straipsnis. Paskirtis
1. Taikoma savivaldybėms.
„2. Cituojama kito akto nuostata.
3. Ir jos tęsinys.“
2. Antroji dalis.
""") == ["1 straipsnis", "1 straipsnio 1 dalis", "1 straipsnio 2 dalis"]


def test_an_amending_sentence_without_quoted_wording_nests_nothing():
    assert labels("""
1. Pakeisti nutarimo 3 punktą ir vietoj žodžių „iki gegužės 1 d.“ įrašyti žodžius „iki birželio 1 d.“.
2. Pripažinti netekusiu galios nutarimo 5 punktą.
""") == ["1 punktas", "2 punktas"]


def test_english_quotes_with_a_lithuanian_quotation_inside_close_at_the_right_place():
    assert labels("""
1 straipsnis. 7 straipsnio pakeitimas
Pakeisti 7 straipsnio 2 dalį ir ją išdėstyti taip:
“2. Savivaldybė vykdo programą „Saugi bendruomenė“:
1) viešosiose erdvėse.”
2 straipsnis. Įsigaliojimas
""") == [
        "1 straipsnis",
        "1 straipsniu keičiamo 7 straipsnio 2 dalis",
        "1 straipsniu keičiamo 7 straipsnio 2 dalies 1 punktas",
        "2 straipsnis",
    ]


def test_a_closing_mark_of_a_later_amendment_does_not_swallow_the_drafts_own_points():
    # Point 1 announces wording that never came (no text, no marks); point 2's quotation is its own.
    assert labels("""
1. Pakeisti nutarimo 2 punktą ir jį išdėstyti taip:
2. Pakeisti nutarimo 3 punktą ir jį išdėstyti taip:
„3. Nauja trečiojo punkto redakcija.“
3. Nutarimas įsigalioja 2027 m. sausio 1 d.
""") == ["1 punktas", "2 punktas", "2 punktu keičiamo 3 punktas", "3 punktas"]


def test_a_point_quoted_alone_takes_article_and_part_from_the_amending_sentence():
    extracted = read("""
1 straipsnis. 5 straipsnio pakeitimas
Pakeisti 5 straipsnio 2 dalies 3 punktą ir jį išdėstyti taip:
„3) tvirtina savivaldybės biudžetą;“
""")
    nested = extracted.anchors[1]
    assert nested.label == "1 straipsniu keičiamo 5 straipsnio 2 dalies 3 punktas"
    assert (nested.article, nested.part, nested.point, nested.short) == ("5", "2", "3", "1 (5) str. 2 d. 3 p.")
    assert nested.citation == "Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies 3 punkto"


def test_a_quoted_chapter_and_its_sections_are_anchors_nested_under_the_amending_article():
    extracted = read("""
LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 II SKYRIAUS PAKEITIMO ĮSTATYMAS
1 straipsnis. II skyriaus pakeitimas
Pakeisti II skyrių ir jį išdėstyti taip:
„II SKYRIUS
SAVIVALDYBĖS TARYBA
PIRMASIS SKIRSNIS
TARYBOS POSĖDŽIAI
5 straipsnis. Tarybos posėdžiai
1. Posėdžius šaukia meras.
ANTRASIS SKIRSNIS
TARYBOS SPRENDIMAI
6 straipsnis. Sprendimai
Sprendimai skelbiami Teisės aktų registre.“
2 straipsnis. Įstatymo įsigaliojimas
Šis įstatymas įsigalioja 2027 m. sausio 1 d.
""")
    assert [(a.label, a.text.split("\n")[0], a.depth) for a in extracted.anchors] == [
        ("1 straipsnis", "1 straipsnis. II skyriaus pakeitimas", 0),
        ("1 straipsniu keičiamo II skyrius", "II SKYRIUS", 1),
        ("1 straipsniu keičiamo II skyriaus pirmasis skirsnis", "PIRMASIS SKIRSNIS", 1),
        ("1 straipsniu keičiamo 5 straipsnis", "5 straipsnis. Tarybos posėdžiai", 1),
        ("1 straipsniu keičiamo 5 straipsnio 1 dalis", "1. Posėdžius šaukia meras.", 1),
        ("1 straipsniu keičiamo II skyriaus antrasis skirsnis", "ANTRASIS SKIRSNIS", 1),
        ("1 straipsniu keičiamo 6 straipsnis", "6 straipsnis. Sprendimai", 1),
        ("2 straipsnis", "2 straipsnis. Įstatymo įsigaliojimas", 0),
    ]
    chapter, section = extracted.anchors[1], extracted.anchors[2]
    assert (chapter.scope, chapter.chapter, chapter.article, chapter.part, chapter.point) == (
        "1 str.", "II skyrius", None, None, None)
    assert chapter.citation == "Projekto 1 straipsniu keičiamo įstatymo II skyriaus"
    assert section.citation == "Projekto 1 straipsniu keičiamo įstatymo II skyriaus pirmojo skirsnio"
    assert (chapter.short, section.short) == ("1 (II sk.) str.", "1 (II sk. 1 skirsn.) str.")
