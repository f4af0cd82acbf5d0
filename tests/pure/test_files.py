"""Uploads are recognised by content; storage is atomic under random names."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from reviewflow.errors import Invalid
from reviewflow.services.files import (
    delete_stored,
    read_stored,
    safe_display_name,
    sniff_document,
    store_file,
    validate_upload,
)
from tests.pure.samples import DOCX_MAIN, MINIMAL_PDF, docm_bytes, docx_bytes, rewrite_zip

MB = 1024 * 1024


def refusal(filename, data, max_bytes=10 * MB, **kwargs) -> str:
    with pytest.raises(Invalid) as caught:
        validate_upload(filename, data, max_bytes, **kwargs)
    assert "file" in caught.value.errors
    return caught.value.detail


def test_real_docx_is_accepted():
    assert validate_upload("projektas.docx", docx_bytes("1 straipsnis. Paskirtis"), 10 * MB) == "docx"


def test_docx_renamed_pdf_is_still_docx():
    assert validate_upload("projektas.pdf", docx_bytes("Tekstas"), 10 * MB) == "docx"


def test_minimal_pdf_is_accepted():
    assert validate_upload("aiskinamasis.pdf", MINIMAL_PDF, 10 * MB) == "pdf"
    assert sniff_document(MINIMAL_PDF) == "pdf"


def test_docm_is_refused():
    assert "macros are not accepted" in refusal("projektas.docx", docm_bytes())


def test_vba_part_alone_is_refused():
    data = rewrite_zip(docx_bytes("x"), add={"word/vbaProject.bin": b"vba"})
    assert "macros are not accepted" in refusal("projektas.docx", data)


def test_macro_content_type_alone_is_refused():
    data = rewrite_zip(
        docx_bytes("x"),
        lambda name, content: content.replace(
            DOCX_MAIN.encode(), b"application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
    )
    assert "macros are not accepted" in refusal("projektas.docx", data)


@pytest.mark.parametrize(
    "data",
    [
        b"Tai tik tekstas, ne dokumentas.\n",
        b"MZ\x90\x00\x03\x00\x00\x00 an exe",
        b"PK\x03\x04 truncated zip",
        b"<html><body>not a document</body></html>",
    ],
    ids=["text", "exe", "broken-zip", "html"],
)
def test_renamed_non_documents_are_refused(data):
    assert refusal("projektas.docx", data)


def test_plain_zip_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "zip archive" in refusal("projektas.docx", buffer.getvalue())


def test_other_office_package_is_refused():
    xlsx_main = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    data = rewrite_zip(docx_bytes("x"), lambda name, content: content.replace(DOCX_MAIN.encode(), xlsx_main))
    assert "not a Word document" in refusal("projektas.docx", data)


def test_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (20 * MB))
    data = buffer.getvalue()
    assert len(data) < MB
    assert "unsafe" in refusal("bomb.docx", data)


def test_empty_file_is_refused():
    assert "empty" in refusal("tuscias.docx", b"")


def test_oversized_file_is_refused_with_the_limit_in_mb():
    message = refusal("didelis.pdf", MINIMAL_PDF + b"0" * (2 * MB), max_bytes=2 * MB)
    assert "2 MB" in message


def test_kind_not_allowed_here():
    assert "only a Word document" in refusal("a.pdf", MINIMAL_PDF, allowed=("docx",))


def test_store_read_delete(tmp_path):
    folder = tmp_path / "uploads" / "drafts"
    name = store_file(folder, b"turinys", ".pdf")
    assert name.endswith(".pdf") and len(name) == 32 + 4
    assert read_stored(folder, name) == b"turinys"
    assert os.listdir(folder) == [name]  # no temp file left behind
    assert store_file(folder, b"turinys", ".pdf") != name
    delete_stored(folder, name)
    assert not (folder / name).exists()
    delete_stored(folder, name)  # missing is fine


@pytest.mark.parametrize("name", ["../secret", "a/b", "a\\b", "..", ""])
def test_names_with_path_separators_are_refused(tmp_path, name):
    with pytest.raises(Invalid):
        read_stored(tmp_path, name)
    with pytest.raises(Invalid):
        delete_stored(tmp_path, name)


def test_bad_suffix_is_refused(tmp_path):
    with pytest.raises(Invalid):
        store_file(tmp_path, b"x", "/../x")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("C:\\Users\\teisininke\\Projektas.docx", "Projektas.docx"),
        ("/tmp/../../etc/passwd", "passwd"),
        ("Šiaulių\x00 pastabos\x1b.pdf", "Šiaulių pastabos.pdf"),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_display_name(raw, expected):
    assert safe_display_name(raw) == expected


def test_safe_display_name_is_capped_and_keeps_the_extension():
    name = safe_display_name("ą" * 500 + ".docx")
    assert len(name) == 200
    assert name.endswith(".docx")
