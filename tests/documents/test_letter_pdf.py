"""The letter converts to PDF with LibreOffice headless, and the PDF says what the letter says."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from reviewflow.documents.letter import letter_with_pdf, render_annex, render_letter
from reviewflow.documents.pdf import ConversionError, docx_to_pdf
from tests.documents.factories import LITHUANIAN, letter, paragraphs, proposal

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make test installs it"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"),
]


def convert_to_pdf(docx: bytes, folder: Path) -> Path:
    """One conversion with its own LibreOffice profile, so parallel conversions never share one."""
    source = folder / "letter.docx"
    source.write_bytes(docx)
    profile = folder / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = folder / "letter.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF: {result.stdout}\n{result.stderr}"
    return pdf


def test_pdf_contains_the_title_and_a_proposal():
    with tempfile.TemporaryDirectory(prefix="reviewflow-pdf-") as tmp:
        pdf = convert_to_pdf(render_letter(letter()), Path(tmp))
        raw = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(raw.stdout.decode("utf-8").split())
    assert "DĖL LIETUVOS RESPUBLIKOS VYRIAUSYBĖS NUTARIMO" in text
    assert "PROJEKTO NR. 26-1234(2) DERINIMO" in text
    assert "1. Dėl Projekto 2 straipsnio 1 dalies: Sąvoka neaiški:" in text
    assert LITHUANIAN in text
    assert "Pasiūlymą pateikė" in text
    assert "{{" not in text


LONG = "Siūlome patikslinti nuostatą, nes savivaldybės negalės jos įgyvendinti be papildomų lėšų ir žmonių; " * 3


def long_letter(count: int, **overrides):
    """A letter whose proposals fill pages: with 8 of them, two pages of letter and two of annex."""
    rows = [proposal(n, f"{n} straipsnio", f"{n} str.", content=LONG, proposed_wording="Nauja redakcija " * 10)
            for n in range(1, count + 1)]
    return letter(proposals=rows, **overrides)


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text as pdftotext reads it (poppler, independent of the code under test)."""
    with tempfile.TemporaryDirectory(prefix="reviewflow-pdf-") as tmp:
        path = Path(tmp) / "letter.pdf"
        path.write_bytes(pdf)
        raw = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return raw.stdout.decode("utf-8").split("\f")[:-1]


def test_docx_to_pdf_makes_a_pdf_with_pages_numbered_from_the_second():
    pdf = docx_to_pdf(render_letter(long_letter(8)))
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    assert len(pages) == 4
    first_lines = [page.strip().splitlines()[0].strip() for page in pages]
    assert first_lines[0] == "LIETUVOS SAVIVALDYBIŲ ASOCIACIJA"  # no number on page 1
    assert first_lines[1:] == ["2", "3", "4"]
    assert not any(line.strip() == "1" for line in pages[0].splitlines())


def test_the_annex_note_counts_the_pages_of_an_inline_annex():
    data = long_letter(8)
    docx, pdf, pages = letter_with_pdf(data, render_letter(data), None, None)
    assert pages == 2
    texts = pdf_pages(pdf)
    annex_start = next(i for i, t in enumerate(texts) if "rašto Nr. (1.3)-S-321 priedas" in t)
    assert len(texts) - annex_start == 2  # counted independently: from the annex's first page to the end
    assert "PRIDEDAMA. Pasiūlymų lentelė, 2 lap." in " ".join(" ".join(texts).split())
    assert "PRIDEDAMA. Pasiūlymų lentelė, 2 lap." in paragraphs(docx)


def test_the_annex_note_counts_the_pages_of_a_separate_annex():
    data = long_letter(10, annex_separate=True)
    annex = render_annex(data)
    docx, pdf, pages = letter_with_pdf(data, render_letter(data), annex, None)
    assert pages == len(pdf_pages(docx_to_pdf(annex))) == 2
    assert "PRIDEDAMA. Pasiūlymų lentelė, 2 lap." in " ".join(" ".join(pdf_pages(pdf)).split())


def test_a_one_page_annex_is_one_sheet():
    data = letter()
    docx, _, pages = letter_with_pdf(data, render_letter(data), None, None)
    assert pages == 1 and "PRIDEDAMA. Pasiūlymų lentelė, 1 lap." in paragraphs(docx)


def test_a_conversion_that_runs_too_long_is_killed_with_a_clear_error(tmp_path, monkeypatch):
    import tempfile

    # This conversion's folder (and so its soffice's command line) under tmp_path: another test's conversion
    # running at the same time on the other worker is not mistaken for a leftover.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ConversionError, match="within 0.01 seconds"):
        docx_to_pdf(render_letter(letter()), timeout=0.01)
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True).stdout
    assert leftovers.strip() == ""  # the process group was killed, no soffice left behind


def test_a_file_libreoffice_cannot_read_is_a_clear_error():
    with pytest.raises(ConversionError, match="LibreOffice made no PDF"):
        docx_to_pdf(b"PK\x03\x04 this is no word document")


def test_parallel_conversions_each_make_their_pdf():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(3) as pool:
        pdfs = list(pool.map(lambda n: docx_to_pdf(render_letter(letter(our_number=f"P-{n}"))), range(3)))
    assert [f"P-{n}" in " ".join(pdf_pages(pdf)) for n, pdf in enumerate(pdfs)] == [True, True, True]
