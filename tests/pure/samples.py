"""Sample documents built in memory, so no binary fixtures are committed."""

from __future__ import annotations

import io
import zipfile

import docx

MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes(*paragraphs: str) -> bytes:
    """A real DOCX written by python-docx with the given paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return save(document)


def save(document) -> bytes:
    """The bytes of a python-docx document."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, change=None, add: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, passing each member through ``change(name, content)`` and adding ``add``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if change is not None:
                content = change(info.filename, content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def docm_bytes() -> bytes:
    """A macro-enabled Word document: macro main content type and a vbaProject.bin part."""

    def change(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(DOCX_MAIN.encode(), MACRO_MAIN.encode())
        return content

    return rewrite_zip(docx_bytes("Makro"), change, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0fake-vba"})
