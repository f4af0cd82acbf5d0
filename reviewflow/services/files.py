"""Uploaded files: recognised by their content, stored outside the web root under random names."""

from __future__ import annotations

import io
import os
import re
import secrets
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from reviewflow.errors import Invalid
from reviewflow.text import BIDI_CONTROLS

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A Word template (.dotx) carries the same text parts; accepting it costs nothing.
DOCX_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MACRO_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# Real DOCX parts compress at most ~100:1 (highly repetitive XML); a bomb is thousands to one.
MAX_RATIO = 200
MAX_MEMBERS = 10_000
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_KIND_NAMES = {"docx": _l("a Word document (DOCX)"), "pdf": _l("a PDF")}
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
# PDF names that run something or carry another file: scripts, actions on open or on events,
# launching programs, embedded files, Flash/3D (rich media) and XFA forms (scripted).
ACTIVE_PDF_NAMES = frozenset({
    "JavaScript", "JS", "OpenAction", "AA", "Launch", "EmbeddedFiles", "EmbeddedFile", "RichMedia",
    "RichMediaContent", "XFA", "FileAttachment",
})
# Enough for any real draft (a few thousand objects); a file needing more is refused, not half-checked.
MAX_PDF_NODES = 500_000
_PDF_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")


def _refuse(message: str) -> Invalid:
    """An Invalid for the ``file`` field."""
    return Invalid(message, errors={"file": message})


def sniff_document(data: bytes) -> str:
    """Return "docx" or "pdf" judging by the bytes alone; refuse anything else with Invalid."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK"):
        raise _refuse(_("The file is neither a Word document (DOCX) nor a PDF."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _sniff_zip(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _refuse(_("The file is damaged or is not a Word document (DOCX).")) from exc


def _sniff_zip(archive: zipfile.ZipFile) -> str:
    """Check a zip archive for bombs and macros and for a Word main document part."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(_("The file holds too many parts to be a Word document."))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _refuse(_("The file expands to an implausible size and was refused as unsafe."))
    if total > MAX_UNCOMPRESSED:
        raise _refuse(_("The file expands to more than 200 MB and was refused as unsafe."))
    names = {member.filename for member in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _refuse(_("Documents with macros are not accepted. Save it as a .docx without macros."))
    if "[Content_Types].xml" not in names:
        raise _refuse(_("The file is a zip archive, not a Word document (DOCX)."))
    if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
        raise _refuse(_("The file is damaged or is not a Word document (DOCX)."))
    main_type = _main_content_type(archive.read("[Content_Types].xml"))
    if main_type in MACRO_MAIN_TYPES:
        raise _refuse(_("Documents with macros are not accepted. Save it as a .docx without macros."))
    if main_type not in (DOCX_MAIN, DOCX_TEMPLATE_MAIN):
        raise _refuse(_("The file is an Office package but not a Word document (DOCX)."))
    return "docx"


def _main_content_type(xml: bytes) -> str | None:
    """The content type of the Word main part declared in [Content_Types].xml."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        # Entity expansion is the XML twin of a zip bomb; real Office files never declare a DTD.
        raise _refuse(_("The file is damaged or is not a Word document (DOCX)."))
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise _refuse(_("The file is damaged or is not a Word document (DOCX).")) from exc
    found = None
    for override in root.iter(f"{_CT_NS}Override"):
        content_type = override.get("ContentType", "")
        if content_type in MACRO_MAIN_TYPES:
            return content_type
        if content_type in (DOCX_MAIN, DOCX_TEMPLATE_MAIN):
            found = content_type
    return found


def validate_upload(
    filename: str, data: bytes, max_bytes: int, allowed: tuple[str, ...] = ("docx", "pdf")
) -> str:
    """Check an upload is not empty, within ``max_bytes`` and of an allowed kind; return the kind."""
    shown = safe_display_name(filename) or _("The file")
    if not data:
        raise _refuse(_("„%(name)s“ is empty.", name=shown))
    if len(data) > max_bytes:
        limit = f"{max_bytes / (1024 * 1024):.3g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
        raise _refuse(_("„%(name)s“ is larger than the limit of %(limit)s.", name=shown, limit=limit))
    kind = sniff_document(data)
    if kind == "pdf":
        refuse_active_pdf(data)
    if kind not in allowed:
        wanted = _(" or ").join(str(_KIND_NAMES.get(k, k)) for k in allowed)
        raise _refuse(_("„%(name)s“ is %(kind)s; only %(wanted)s is accepted here.",
                        name=shown, kind=str(_KIND_NAMES[kind]), wanted=wanted))
    return kind


def refuse_active_pdf(data: bytes) -> None:
    """Refuse a PDF that holds scripts, actions, launches, embedded files, rich media or XFA forms.

    Refused rather than cleaned: a cleaned copy is a different document from the one the ministry
    sent (a lawyer must be able to cite exactly what arrived), stripping actions from a hostile file
    is easy to get incomplete, and real drafts of legal acts never need any of these. The sender can
    print it to PDF again, which drops them.
    """
    found = _active_pdf_names(data)
    if found:
        names = ", ".join(sorted(found))
        raise _refuse(_("PDFs with active content (%(names)s) are not accepted: it could run on the reader's "
                        "computer. Print the document to a new PDF and upload that.", names=names))


def _active_pdf_names(data: bytes) -> set[str]:
    """The active-content names in a PDF, found by walking every object reachable from its trailer.

    pdfminer.six (already used for the text layer) parses the file, so names hidden in compressed
    object streams or written with #xx escapes are seen. A file it cannot parse is scanned as raw
    bytes instead: readers repair broken files, so a broken file is no excuse.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        roots = [xref.get_trailer() for xref in document.xrefs] + [document.catalog]
        return _walk_pdf(roots)
    except PDFEncryptionError as exc:
        raise _refuse(_("Password-protected PDFs cannot be checked and are not accepted. "
                        "Upload a copy without a password.")) from exc
    except Invalid:
        raise
    except Exception:  # any parser failure on hostile bytes means: scan the raw bytes instead
        return _raw_active_names(data)


def _walk_pdf(roots: list) -> set[str]:
    """Active-content names in the object graph below ``roots`` (dicts, arrays, stream headers)."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream
    from pdfminer.psparser import PSLiteral

    found: set[str] = set()
    seen: set[int] = set()
    stack = list(roots)
    for _step in range(MAX_PDF_NODES):
        if not stack:
            return found
        node = stack.pop()
        if isinstance(node, PDFObjRef):
            if node.objid not in seen:
                seen.add(node.objid)
                stack.append(node.resolve())
        elif isinstance(node, PDFStream):
            stack.append(node.attrs)
        elif isinstance(node, dict):
            found.update(str(key) for key in node if str(key) in ACTIVE_PDF_NAMES and not _harmless(key, node[key]))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, PSLiteral) and isinstance(node.name, str) and node.name in ACTIVE_PDF_NAMES:
            found.add(node.name)  # e.g. /S /JavaScript, /Subtype /RichMedia
    raise _refuse(_("The PDF is too complex to be checked for active content and was refused as unsafe."))


def _harmless(key: object, value: object) -> bool:
    """An /OpenAction that only opens at a page (Word and LibreOffice write one) runs nothing."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    if key != "OpenAction":
        return False
    value = resolve1(value)
    if isinstance(value, list):  # a destination: [page /XYZ left top zoom]
        return True
    kind = resolve1(value.get("S")) if isinstance(value, dict) else None
    return isinstance(kind, PSLiteral) and kind.name == "GoTo"


def _raw_active_names(data: bytes) -> set[str]:
    """Active-content names among the name tokens of unparsed PDF bytes (#xx escapes decoded)."""
    found = set()
    for match in _PDF_NAME.finditer(data):
        token = match.group(1)
        if b"#" in token:
            token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), token)
        name = token.decode("latin-1")
        if name == "OpenAction" and data[match.end():match.end() + 8].lstrip().startswith(b"["):
            continue  # a destination, as in _harmless
        if name in ACTIVE_PDF_NAMES:
            found.add(name)
    return found


def _checked_path(folder: str | Path, name: str) -> Path:
    """The path of a stored file, refusing names that could leave the folder."""
    if not name or "/" in name or "\\" in name or name in (".", "..") or "\x00" in name:
        raise Invalid(_("Invalid stored file name."), errors={"file": _("Invalid stored file name.")})
    return Path(folder) / name


def store_file(folder: str | Path, data: bytes, suffix: str) -> str:
    """Write ``data`` atomically under a new random name in ``folder``; return that name."""
    if suffix and not re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix):
        raise Invalid(_("Invalid file suffix."), errors={"file": _("Invalid file suffix.")})
    target_dir = Path(folder)
    target_dir.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + suffix
    handle, temp_path = tempfile.mkstemp(dir=target_dir, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_path, target_dir / name)
    except BaseException:
        # Never leave a half-written temp file behind.
        Path(temp_path).unlink(missing_ok=True)
        raise
    return name


def read_stored(folder: str | Path, name: str) -> bytes:
    """The bytes of a stored file (FileNotFoundError when it is gone)."""
    return _checked_path(folder, name).read_bytes()


def delete_stored(folder: str | Path, name: str) -> None:
    """Remove a stored file; a missing one is not an error."""
    _checked_path(folder, name).unlink(missing_ok=True)


def safe_display_name(filename: str | None) -> str:
    """The uploaded name fit to show: basename only, no control characters, at most 200 chars."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _CONTROL.sub("", name).strip()
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        # Keep the extension, which people read to know what they will open.
        name = stem[: 200 - len(ext) - 1] + dot + ext if dot and len(ext) <= 10 else name[:200]
    return name
