"""Hostile files built in memory: PDFs with active content, zip bombs, macro and DTD-laden documents."""

from __future__ import annotations

import io
import zipfile
import zlib

from tests.pure.samples import DOCX_MAIN, MINIMAL_PDF, docm_bytes


def pdf_with(catalog_extra: bytes = b"", *objects: bytes, page_extra: bytes = b"") -> bytes:
    """A small PDF whose catalog carries ``catalog_extra``; ``objects`` are numbered from 4."""
    parts = [b"%PDF-1.5\n", b"1 0 obj<</Type/Catalog/Pages 2 0 R" + catalog_extra + b">>endobj\n",
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n",
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]" + page_extra + b">>endobj\n"]
    parts += [f"{n} 0 obj".encode() + body + b"endobj\n" for n, body in enumerate(objects, start=4)]
    parts.append(b"trailer<</Root 1 0 R>>\n%%EOF\n")
    return b"".join(parts)


def pdf_in_object_stream(hidden: bytes) -> bytes:
    """A PDF whose object 4 (named from the catalog) sits compressed in an object stream."""
    inner = b"4 0 " + hidden
    body = zlib.compress(inner)
    return (b"%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R/Names 4 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"3 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length " + str(len(body)).encode()
            + b">>stream\n" + body + b"\nendstream\nendobj\n"
            b"5 0 obj<</Type/Filespec/F(x.exe)>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


# name -> (bytes, the active-content name the refusal must mention)
ACTIVE_PDFS = {
    "javascript-open-action": (pdf_with(b"/OpenAction 4 0 R", b"<</S/JavaScript/JS(app.alert(1))>>"), "JavaScript"),
    "launch-open-action": (pdf_with(b"/OpenAction<</S/Launch/F(cmd.exe)>>"), "Launch"),
    "uri-open-action": (pdf_with(b"/OpenAction<</S/URI/URI(http://evil.example)>>"), "OpenAction"),
    "names-javascript": (pdf_with(b"/Names<</JavaScript 4 0 R>>", b"<</Names[(a) 5 0 R]>>",
                                  b"<</S/JavaScript/JS 6 0 R>>", b"<<>>stream\napp.alert(1)\nendstream\n"),
                         "JavaScript"),
    "embedded-files": (pdf_with(b"/Names<</EmbeddedFiles 4 0 R>>", b"<</Names[(x.exe) 5 0 R]>>",
                                b"<</Type/Filespec/F(x.exe)/EF<</F 6 0 R>>>>",
                                b"<</Type/EmbeddedFile/Length 2>>stream\nMZ\nendstream\n"), "EmbeddedFiles"),
    "page-additional-actions": (pdf_with(page_extra=b"/AA<</O<</S/JavaScript/JS(x)>>>>"), "AA"),
    "annotation-action": (pdf_with(b"", b"<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/Launch/F(a.exe)>>>>",
                                   page_extra=b"/Annots[4 0 R]"), "Launch"),
    "rich-media": (pdf_with(b"", b"<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>", page_extra=b"/Annots[4 0 R]"),
                   "RichMedia"),
    "file-attachment": (pdf_with(b"", b"<</Type/Annot/Subtype/FileAttachment/FS<</F(a.exe)>>>>",
                                 page_extra=b"/Annots[4 0 R]"), "FileAttachment"),
    "xfa-form": (pdf_with(b"/AcroForm<</Fields[]/XFA 4 0 R>>", b"<<>>stream\n<xdp/>\nendstream\n"), "XFA"),
    "escaped-names": (pdf_with(b"/Open#41ction 4 0 R", b"<</S/J#61vaScript/J#53(x)>>"), "JavaScript"),
    "compressed-object-stream": (pdf_in_object_stream(b"<</JavaScript<</Names[(a)<</S/JavaScript/JS(x)>>]>>>>"),
                                 "JavaScript"),
    "broken-but-scripted": (b"%PDF-1.4\n garbage that no parser reads /J#61vaScript (app.alert(1))", "JavaScript"),
}

# Real drafts carry these and must pass: an open-at-page destination and a GoTo action.
HARMLESS_PDFS = {
    "minimal": MINIMAL_PDF,
    "open-at-page": pdf_with(b"/OpenAction[3 0 R/XYZ null null 0]"),
    "goto-action": pdf_with(b"/OpenAction<</S/GoTo/D[3 0 R/Fit]>>"),
    "link-to-web": pdf_with(b"", b"<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(https://e-tar.lt)>>>>",
                            page_extra=b"/Annots[4 0 R]"),
}


def zip_bomb() -> bytes:
    """A DOCX-shaped zip whose one part expands 1,000-fold (refused before it is read)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override ContentType="{DOCX_MAIN}"/></Types>')
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


def docx_with_dtd() -> bytes:
    """A DOCX-shaped zip whose content types declare entities (the XML twin of a zip bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]><Types>&a;</Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


MACRO_DOCUMENT = docm_bytes()
