"""The response letter read back with python-docx: every requisite, in its place and order."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.shared import Mm

from reviewflow.documents.annex import default_annex_proposals
from reviewflow.documents.letter import render_annex, render_letter
from tests.documents.factories import (
    LITHUANIAN,
    PROPOSALS,
    annex_tables,
    document_xml,
    letter,
    paragraphs,
    proposal,
    replace,
    signature,
)

ANNEX_HEADER = ["Eil. Nr.", "Projekto nuostata", "LSA pasiūlymas", "Siūloma redakcija", "Pasiūlymą pateikė"]
ALYTUS = "Alytaus miesto savivaldybė\n(2026-11-23)"
INTERNAL_WORDS = ("Pritarti", "Nepritarti", "Argument", "nuomonė")
TITLE = (
    "DĖL LIETUVOS RESPUBLIKOS VYRIAUSYBĖS NUTARIMO „DĖL SAVIVALDYBIŲ VEIKLOS“ PAKEITIMO "
    "PROJEKTO NR. 26-1234(2) DERINIMO"
)


@pytest.fixture(scope="module")
def docx() -> bytes:
    return render_letter(letter())


@pytest.fixture(scope="module")
def text(docx) -> list[str]:
    return paragraphs(docx)


def index_of(lines: list[str], fragment: str) -> int:
    """The first paragraph containing the fragment; fails the test when there is none."""
    for number, line in enumerate(lines):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} is not in the letter")


def test_requisites_stand_in_the_order_of_a_lithuanian_letter(text):
    expected = [
        "LIETUVOS SAVIVALDYBIŲ ASOCIACIJA",
        "T. Vrublevskio g. 6, LT-01143 Vilnius, tel. (8 5) 261 6063, el. p. bendras@lsa.lt, JAR kodas 124111348",
        "Lietuvos Respublikos vidaus reikalų ministerijai",
        "2026-11-27 Nr. (1.3)-S-321",
        "Į 2026-11-20 Nr. (13.2-31)-3-352",
        TITLE,
        "Lietuvos savivaldybių asociacija (toliau – LSA), išnagrinėjusi Jūsų 2026-11-20 raštu "
        "Nr. (13.2-31)-3-352 pateiktą Lietuvos Respublikos Vyriausybės nutarimo „Dėl savivaldybių veiklos“ "
        "pakeitimo projektą Nr. 26-1234(2) (toliau – Projektas), "
        "Projektui pritaria su toliau išdėstytomis pastabomis ir pasiūlymais.",
        "Savivaldybės pritaria tikslui.",
        "Tačiau terminai per trumpi.",
        "PRIDEDAMA. Pasiūlymų lentelė.",
        "Ąžuolė Šilaitė, tel. (8 5) 261 6063, el. p. bendras@lsa.lt",
    ]
    positions = [text.index(line) for line in expected]  # exact paragraphs
    assert positions == sorted(positions)


def test_the_signatory_position_stands_left_and_the_name_right_on_one_line(docx):
    body = Document(io.BytesIO(docx)).element.body
    children = [child.tag.rsplit("}", 1)[1] for child in body]
    # The signature table comes after the annex note and before the drafter's line.
    w_t = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    texts = ["".join(t.text or "" for t in child.iter(w_t)) for child in body]
    at = next(i for i, t in enumerate(texts) if t == "PrezidentasŽydrūnas Čiūras")
    assert children[at] == "tbl"
    assert at > texts.index("PRIDEDAMA. Pasiūlymų lentelė.")
    assert at < next(i for i, t in enumerate(texts) if t.startswith("Ąžuolė Šilaitė"))
    assert signature(docx) == ["Prezidentas", "Žydrūnas Čiūras"]
    [sign] = [t for t in Document(io.BytesIO(docx)).tables if t.rows[0].cells[0].text == "Prezidentas"]
    assert sign.rows[0].cells[1].paragraphs[0].alignment == 2  # right


def test_pages_are_numbered_from_the_second_page(docx):
    section = Document(io.BytesIO(docx)).sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_proposals_are_numbered_in_the_given_order_with_wording_only_when_given(text):
    first = (
        f"1. Dėl Projekto 2 straipsnio 1 dalies: Sąvoka neaiški: {LITHUANIAN}. Siūlome išdėstyti taip: "
        "„Savivaldybė – savivaldos teisę turintis teritorinis vienetas.“"
    )
    second = "2. Dėl Projekto 3 straipsnio 2 dalies: Pastaba numeris 2."
    third = "3. Dėl Projekto: Projektas didina savivaldybių išlaidas."
    positions = [text.index(line) for line in (first, second, third)]
    assert positions == sorted(positions)
    assert positions[0] > index_of(text, "Tačiau terminai per trumpi.")
    assert positions[2] < index_of(text, "PRIDEDAMA.")
    assert sum("Siūlome išdėstyti taip" in line for line in text) == 1


def test_lithuanian_letters_survive(docx, text):
    assert LITHUANIAN in "\n".join(text)
    assert LITHUANIAN in document_xml(docx)
    assert "Ąžuolė Šilaitė" in "\n".join(text)


def test_no_template_tags_are_left(docx):
    xml = document_xml(docx)
    for marker in ("{{", "}}", "{%", "%}", "{#", "#}"):
        assert marker not in xml


def test_page_is_a4_with_a_30_mm_left_margin(docx):
    section = Document(io.BytesIO(docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)


def test_annex_follows_the_signature_on_a_new_page_with_outward_facing_columns(docx, text):
    reference = index_of(text, "Lietuvos savivaldybių asociacija 2026-11-27 rašto Nr. (1.3)-S-321 priedas")
    assert reference > index_of(text, "Ąžuolė Šilaitė")
    assert Document(io.BytesIO(docx)).paragraphs[reference].paragraph_format.page_break_before
    assert (
        "PASIŪLYMAI DĖL LIETUVOS RESPUBLIKOS VYRIAUSYBĖS NUTARIMO „DĖL SAVIVALDYBIŲ VEIKLOS“ PAKEITIMO "
        "PROJEKTO NR. 26-1234(2)"
    ) in text
    [table] = annex_tables(docx)
    assert table[0] == ANNEX_HEADER
    assert table[1:] == [
        [
            "1",
            "2 str. 1 d.",
            f"Sąvoka neaiški: {LITHUANIAN}.",
            "„Savivaldybė – savivaldos teisę turintis teritorinis vienetas.“",
            "Vilniaus miesto savivaldybė\n(2026-11-24)\nKauno miesto savivaldybė\n(2026-11-25)",
        ],
        ["2", "3 str. 2 d.", "Pastaba numeris 2.", "", ALYTUS],
        ["3", "Bendra pastaba", "Projektas didina savivaldybių išlaidas", "", ALYTUS],
    ]


def test_the_annex_carries_no_internal_decision_words():
    rows = [proposal(1, "2 straipsnio", "2 str.", decision="partly_accepted", reasons="Vidinis argumentas.")]
    for docx in (render_letter(letter(proposals=rows)), render_annex(letter(proposals=rows, annex_separate=True))):
        [table] = annex_tables(docx)
        cells = "\n".join(cell for row in table for cell in row)
        assert not any(word in cells for word in INTERNAL_WORDS)
        assert "Vidinis argumentas" not in "\n".join(paragraphs(docx)) + cells


@pytest.mark.parametrize(
    "typed",
    [
        "Savivaldybės taryba sprendimą priima per 30 darbo dienų",
        "„Savivaldybės taryba sprendimą priima per 30 darbo dienų“",
        '"Savivaldybės taryba sprendimą priima per 30 darbo dienų"',
        "“Savivaldybės taryba sprendimą priima per 30 darbo dienų”",
        "«Savivaldybės taryba sprendimą priima per 30 darbo dienų»",
        "„„Savivaldybės taryba sprendimą priima per 30 darbo dienų““",
    ],
)
def test_a_wording_is_quoted_once_in_the_letter_and_the_annex(typed):
    docx = render_letter(letter(proposals=[proposal(1, "2 straipsnio", "2 str.", proposed_wording=typed)]))
    expected = "„Savivaldybės taryba sprendimą priima per 30 darbo dienų“"
    assert f"Siūlome išdėstyti taip: {expected}." in paragraphs(docx)[index_of(paragraphs(docx), "1. Dėl")]
    [table] = annex_tables(docx)
    assert table[1][3] == expected
    everything = "\n".join(paragraphs(docx)) + "\n".join(c for row in table for c in row)
    for doubled in ("„„", "““", '"', "“.“", "”"):
        assert doubled not in everything


def test_a_wording_that_ends_a_sentence_gets_no_second_full_stop():
    docx = render_letter(letter(proposals=[proposal(1, "2 straipsnio", "2 str.", proposed_wording="„2. Tekstas.“")]))
    line = paragraphs(docx)[index_of(paragraphs(docx), "1. Dėl")]
    assert line.endswith("Siūlome išdėstyti taip: „2. Tekstas.“")


def test_a_citation_of_a_quoted_provision_is_written_as_given():
    p = proposal(1, "5 straipsnio 2 dalies", "1 (5) str. 2 d.",
                 citation="Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies")
    docx = render_letter(letter(proposals=[p]))
    expected = "1. Dėl Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalies: Pastaba numeris 1."
    assert expected in paragraphs(docx)
    assert annex_tables(docx)[0][1][1] == "1 (5) str. 2 d."


def test_default_annex_holds_what_lsa_supports_or_partly_supports():
    rejected = proposal(4, "5 straipsnio", "5 str.", decision="rejected")
    chosen = default_annex_proposals([*PROPOSALS, rejected])
    assert [p.number for p in chosen] == [1, 2, 3]
    [table] = annex_tables(render_letter(letter(proposals=[*PROPOSALS, rejected])))
    assert [row[0] for row in table[1:]] == ["1", "2", "3"]


def test_the_caller_chooses_the_annex_rows():
    [table] = annex_tables(render_letter(letter(annex_proposals=[PROPOSALS[1]])))
    assert [row[0] for row in table] == ["Eil. Nr.", "2"]


def test_annex_as_a_separate_document():
    data = letter(annex_separate=True, annex_pages=2)
    text = paragraphs(render_letter(data))
    assert "PRIDEDAMA. Pasiūlymų lentelė, 2 lap." in text
    assert annex_tables(render_letter(data)) == []
    assert not any("priedas" in line for line in text)
    annex = render_annex(data)
    [table] = annex_tables(annex)
    assert table[0] == ANNEX_HEADER
    assert [row[0] for row in table[1:]] == ["1", "2", "3"]
    assert "Lietuvos savivaldybių asociacija 2026-11-27 rašto Nr. (1.3)-S-321 priedas" in paragraphs(annex)
    assert "{{" not in document_xml(annex)


def test_a_seimas_request_gets_a_conclusion():
    data = letter(
        is_seimas_conclusion=True,
        draft_title="Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio pakeitimo įstatymo",
        draft_number="XIVP-2667",
        addressee_dative="Lietuvos Respublikos Seimo Valstybės valdymo ir savivaldybių komitetui",
    )
    text = paragraphs(render_letter(data))
    assert (
        "DĖL LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMO "
        "PROJEKTO NR. XIVP-2667 IŠVADOS"
    ) in text
    assert "teikia išvadą: Projektui pritaria su toliau" in text[index_of(text, "išnagrinėjusi")]


@pytest.mark.parametrize(
    ("stance", "sentence"),
    [
        ("supports", "(toliau – Projektas), Projektui pritaria."),
        ("supports_with_remarks", "(toliau – Projektas), Projektui pritaria su toliau išdėstytomis"),
        ("objects", "(toliau – Projektas), Projektui nepritaria."),
    ],
)
def test_stance_sentence(stance, sentence):
    text = paragraphs(render_letter(letter(stance=stance)))
    assert sentence in text[index_of(text, "išnagrinėjusi")]


def test_a_letter_without_proposals_has_no_list_and_no_annex():
    docx = render_letter(letter(stance="supports", proposals=[], position_text=""))
    text = paragraphs(docx)
    assert not any(line.startswith(("1.", "PRIDEDAMA", "LSA teikia")) for line in text)
    assert annex_tables(docx) == []
    assert signature(docx) == ["Prezidentas", "Žydrūnas Čiūras"]


def test_a_replacement_template_is_used():
    from tests.documents.factories import docx_with

    custom = docx_with("Gerbiamieji, {{ addressee }}", "{%p for p in proposals %}", "{{ p.number }}", "{%p endfor %}")
    text = paragraphs(render_letter(letter(), template=custom))
    assert text == ["Gerbiamieji, Lietuvos Respublikos vidaus reikalų ministerijai", "1", "2", "3"]


def test_letter_data_is_frozen():
    with pytest.raises(AttributeError):
        letter().our_number = "x"  # type: ignore[misc]
    assert replace(letter(), letter_date=date(2027, 1, 4)).letter_date == date(2027, 1, 4)
