"""Parts and points inserted between two others carry a raised digit ("3¹.", "4¹)", "2¹."): they are provisions.

Word and a PDF print the raised digit smaller and above the line; both readers turn it into a Unicode
superscript, and the reader takes "3¹." for a part as it takes "3.", in the draft's own text and in the
new wording it quotes.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from reviewflow.documents.structure import extract_structure, provision_sort_key
from tests.documents.test_pdf_text import needs_soffice, to_pdf

# (text with "^" before a raised digit) paragraphs of an amending law and of a resolution
LAW = [
    "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 14 STRAIPSNIO PAKEITIMO ĮSTATYMAS",
    "1 straipsnis. 14 straipsnio pakeitimas",
    "1. Papildyti 14 straipsnį 3^1 dalimi:",
    "„3^1. Mero pavaduotojo įgaliojimai baigiasi su mero.“",
    "2. Papildyti 14 straipsnio 4 dalį 2^1 punktu:",
    "„2^1) teikia tarybai metinę ataskaitą;“.",
    "2 straipsnis. Įstatymo įsigaliojimas",
    "1. Šis įstatymas įsigalioja 2027 m. sausio 1 d.",
    "1^1. Iki įsigaliojimo pradėtos procedūros baigiamos pagal ankstesnę tvarką:",
    "1) rinkimai;",
    "1^1) apklausos.",
    "2. Vyriausybė priima įgyvendinamuosius teisės aktus.",
]
EXPECTED = [
    ("1 straipsnis", "1 straipsnis. 14 straipsnio pakeitimas"),
    ("1 straipsnio 1 dalis", "1. Papildyti 14 straipsnį 3¹ dalimi:"),
    ("1 straipsniu keičiamo 14 straipsnio 3¹ dalis", "3¹. Mero pavaduotojo įgaliojimai baigiasi su mero."),
    ("1 straipsnio 2 dalis", "2. Papildyti 14 straipsnio 4 dalį 2¹ punktu:"),
    ("1 straipsniu keičiamo 14 straipsnio 4 dalies 2¹ punktas", "2¹) teikia tarybai metinę ataskaitą;"),
    ("2 straipsnis", "2 straipsnis. Įstatymo įsigaliojimas"),
    ("2 straipsnio 1 dalis", "1. Šis įstatymas įsigalioja 2027 m. sausio 1 d."),
    ("2 straipsnio 1¹ dalis", "1¹. Iki įsigaliojimo pradėtos procedūros baigiamos pagal ankstesnę tvarką:"),
    ("2 straipsnio 1¹ dalies 1 punktas", "1) rinkimai;"),
    ("2 straipsnio 1¹ dalies 1¹ punktas", "1¹) apklausos."),
    ("2 straipsnio 2 dalis", "2. Vyriausybė priima įgyvendinamuosius teisės aktus."),
]
RESOLUTION = [
    "LIETUVOS RESPUBLIKOS VYRIAUSYBĖ",
    "NUTARIMAS",
    "Lietuvos Respublikos Vyriausybė n u t a r i a:",
    "1. Pavesti savivaldybėms parengti planus.",
    "1^1. Pavesti ministerijoms juos įvertinti:",
    "1^1.1. iki 2027 m. kovo 1 d.;",
    "2. Šis nutarimas įsigalioja 2027 m. sausio 1 d.",
]


def superscript_docx(lines: list[str]) -> docx.Document:
    """A DOCX whose "^1" are digits set as Word's superscript, not typed "¹" characters."""
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        for index, piece in enumerate(line.split("^")):
            if index:
                paragraph.add_run(piece[0]).font.superscript = True
                piece = piece[1:]
            paragraph.add_run(piece)
    return document


def saved(document: docx.Document) -> bytes:
    """The bytes of a python-docx document."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_parts_and_points_with_a_raised_digit_are_provisions_in_own_and_quoted_text():
    law = extract_structure(saved(superscript_docx(LAW)))
    assert [(anchor.label, anchor.text) for anchor in law.anchors] == EXPECTED
    inserted = law.anchors[2]
    assert (inserted.article, inserted.part, inserted.citation, inserted.short) == (
        "14", "3¹", "Projekto 1 straipsniu keičiamo įstatymo 14 straipsnio 3¹ dalies", "1 (14) str. 3¹ d.")
    resolution = extract_structure(saved(superscript_docx(RESOLUTION)))
    assert [anchor.label for anchor in resolution.anchors] == [
        "1 punktas", "1¹ punktas", "1¹.1 papunktis", "2 punktas"]
    # "3¹" sorts between 3 and 4 at every level, so comments list in the draft's order.
    keys = [provision_sort_key("14", part, None) for part in ("4", "3¹", "3", "10")]
    assert sorted(keys) == [provision_sort_key("14", part, None) for part in ("3", "3¹", "4", "10")]
    points = [provision_sort_key(None, None, point) for point in ("2", "1¹.1", "1¹", "1")]
    assert sorted(points) == [provision_sort_key(None, None, point) for point in ("1", "1¹", "1¹.1", "2")]


@pytest.mark.slow
@needs_soffice
def test_a_pdf_reads_raised_part_and_point_numbers_as_its_docx_does(tmp_path: Path):
    pdf = extract_structure(to_pdf(superscript_docx(LAW), tmp_path))
    assert [anchor.label for anchor in pdf.anchors] == [label for label, _text in EXPECTED]
    assert pdf.anchors[7].text == EXPECTED[7][1]
