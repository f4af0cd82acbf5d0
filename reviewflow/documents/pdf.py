"""DOCX to PDF with LibreOffice headless, and the page facts the letter needs from a PDF.

Each conversion runs with a fresh LibreOffice profile of its own: two conversions sharing one profile
make LibreOffice hand the second to the first process, and its PDF silently never appears.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage


class ConversionError(RuntimeError):
    """LibreOffice could not make the PDF; the message says why, for the letter's status."""


def soffice_path() -> str:
    """The LibreOffice executable; :class:`ConversionError` when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError("LibreOffice (soffice) is not installed on the worker")
    return found


def docx_to_pdf(docx: bytes, timeout: float = 120) -> bytes:
    """The PDF of a DOCX, made by LibreOffice headless within ``timeout`` seconds."""
    executable = soffice_path()
    with tempfile.TemporaryDirectory(prefix="reviewflow-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "letter.docx"
        source.write_bytes(docx)
        profile = folder / "profile"
        command = [
            executable, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder / "out"),
            str(source),
        ]
        # A session of its own, so a timeout ends soffice.bin and every helper it started.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                   env={**os.environ, "HOME": str(folder)})
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(f"LibreOffice did not finish the PDF within {timeout:g} seconds") from exc
        pdf = folder / "out" / "letter.pdf"
        if process.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
            detail = (stderr or stdout).decode("utf-8", "replace").strip()[:500]
            raise ConversionError(f"LibreOffice made no PDF (exit code {process.returncode}): {detail or 'no output'}")
        return pdf.read_bytes()


def page_count(pdf: bytes) -> int:
    """How many pages the PDF has."""
    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(pdf)))


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, in order (pdfminer ends every page with a form feed)."""
    return extract_text(io.BytesIO(pdf)).split("\f")[:-1]


def pages_from(pdf: bytes, marker: str) -> int | None:
    """The number of pages from the first page whose text holds ``marker`` to the end, or ``None``."""
    wanted = " ".join(marker.split())
    texts = page_texts(pdf)
    for index, text in enumerate(texts):
        if wanted in " ".join(text.split()):
            return len(texts) - index
    return None
