"""The letter converts to PDF with LibreOffice headless, and the PDF says what the letter says."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from reviewflow.documents.letter import render_letter
from tests.documents.factories import LITHUANIAN, letter

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
    assert "Pasiūlymo teikėjas, data" in text
    assert "{{" not in text
