"""PDF drafts: the same structure from the text layer; a scan says comments will be general."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus.build import build_pdf
from reviewflow.documents.structure import extract_structure
from tests.pure.samples import MINIMAL_PDF, docx_bytes

AMENDING_LAW = [
    "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 5 STRAIPSNIO PAKEITIMO ĮSTATYMAS",
    "1 straipsnis. 5 straipsnio pakeitimas",
    "Pakeisti 5 straipsnį ir jį išdėstyti taip:",
    "„5 straipsnis. Tarybos įgaliojimai",
    "1. Taryba sprendžia vietos reikalus, kurių įstatymai nepriskiria kitoms institucijoms.",
    "2. Taryba tvirtina:",
    "1) biudžetą;",
    "2) strateginį plėtros planą.“",
    "2 straipsnis. Įstatymo įsigaliojimas",
    "Šis įstatymas įsigalioja 2027 m. sausio 1 d.",
    "PATVIRTINTA",
    "Lietuvos Respublikos Vyriausybės 2026 m. nutarimu Nr. 1",
    "ĮRAŠŲ SAUGOJIMO TVARKOS APRAŠAS",
    "I SKYRIUS",
    "BENDROSIOS NUOSTATOS",
    "1. Aprašas nustato tvarką.",
]


def blank_page_pdf() -> bytes:
    """A valid one-page PDF with nothing on the page: what a scan's text layer amounts to."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>",
               b"<</Length 0>>stream\n\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.slow
def test_pdf_made_by_libreoffice_gives_the_same_anchors_as_its_docx(tmp_path: Path):
    data = docx_bytes(*AMENDING_LAW)
    source = tmp_path / "law.docx"
    source.write_bytes(data)
    build_pdf(source, tmp_path / "law.pdf")
    from_pdf = extract_structure((tmp_path / "law.pdf").read_bytes())
    expected = [
        "1 straipsnis",
        "1 straipsniu keičiamo 5 straipsnis",
        "1 straipsniu keičiamo 5 straipsnio 1 dalis",
        "1 straipsniu keičiamo 5 straipsnio 2 dalis",
        "1 straipsniu keičiamo 5 straipsnio 2 dalies 1 punktas",
        "1 straipsniu keičiamo 5 straipsnio 2 dalies 2 punktas",
        "2 straipsnis",
        "Aprašo I skyrius",
        "Aprašo 1 punktas",
    ]
    assert [a.label for a in from_pdf.anchors] == expected
    assert [a.label for a in extract_structure(data).anchors] == expected
    assert from_pdf.warning is None
    for anchor in from_pdf.anchors:
        assert from_pdf.text[anchor.position:].startswith(anchor.text)


def test_a_pdf_without_text_layer_gives_no_anchors_and_says_comments_will_be_general():
    extracted = extract_structure(blank_page_pdf())
    assert extracted.anchors == []
    assert extracted.text == ""
    assert "general, not per provision" in extracted.warning


def test_an_unreadable_pdf_is_kept_with_a_warning_instead_of_anchors():
    extracted = extract_structure(MINIMAL_PDF)
    assert extracted.anchors == []
    assert extracted.warning
