"""Signed letters: read a PAdES-signed PDF or an ASiC-E container, and say who signed what, and when.

Pure: bytes in, a :class:`SignedDocument` out, or :class:`~reviewflow.errors.Invalid` with the reason.

What "signed over this letter" means here, precisely:

* **PAdES** (a PDF with embedded signatures): the first signature must have been added as an incremental
  update over an unchanged earlier revision; that earlier revision, the file's bytes up to and including its
  ``%%EOF`` marker, is the signed content, and its SHA-256 digest is compared with the letter's PDF (whose
  own trailing end-of-line is not content). Every signature must be intact (its byte-range digest matches)
  and cryptographically valid, and cover its whole revision; every later revision, compared with the
  unchanged original by pyHanko's difference analysis, may only add signature fields, signatures and
  validation data (document timestamps, DSS): anything else (a changed page, an added annotation) is a
  change after signing and is refused. A PDF rewritten as a whole when signed cannot be matched and is refused.
* **ASiC-E** (``.asice``, ``.sce``, and by the same content ``.adoc``/``.edoc``): a ZIP whose first entry is
  an uncompressed ``mimetype`` saying ``application/vnd.etsi.asic-e+zip``, with ``META-INF/manifest.xml``,
  exactly one data object (the letter), and one or more ``META-INF/*signatures*.xml`` files. Each XAdES
  signature must verify (signxml: signature value, SignedProperties, signing-certificate digest) and must
  reference exactly that data object, whose bytes its reference digest covers. The data object's SHA-256
  is the signed content's digest.

Whether the signer's certificate chains to a qualified trust service on the EU trust lists needs the
internet; that check belongs in :func:`check_trust`, which does nothing yet.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote

from cryptography import x509
from cryptography.x509.oid import NameOID
from flask_babel import gettext as _

from reviewflow.errors import Invalid

PADES = "pades"
ASICE = "asice"
ASICE_MIMETYPE = b"application/vnd.etsi.asic-e+zip"
EXTENSIONS = ("pdf", "asice", "sce", "adoc", "edoc")
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NAMESPACES = ("http://uri.etsi.org/01903/v1.3.2#", "http://uri.etsi.org/01903/v1.4.1#")
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_SIGNATURE_FILE = re.compile(r"META-INF/[^/]*signatures[^/]*\.xml")
# A signed letter is a few hundred kilobytes; these bounds only stop a ZIP bomb.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 200
_EOF = b"%%EOF"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Signature:
    """One signature: the signer's name as the certificate gives it, when it says it signed, the certificate."""

    signer_name: str
    signed_at: datetime | None
    certificate: bytes = field(repr=False)  # DER, kept for the trust-list check


@dataclass(frozen=True)
class SignedDocument:
    """What a signed file holds: its format, its signatures, and the digest of the content they sign."""

    format: str  # PADES | ASICE
    signatures: tuple[Signature, ...]
    content_digest: str  # hex SHA-256 of the signed content (see the module's docstring)
    content_name: str | None = None  # the data object's name inside a container

    @property
    def signer_name(self) -> str:
        """Every signer, in signing order ("A; B" when the letter was co-signed)."""
        return "; ".join(dict.fromkeys(s.signer_name for s in self.signatures))

    @property
    def signed_at(self) -> datetime | None:
        """When the file became fully signed: the latest signing time stated."""
        times = [s.signed_at for s in self.signatures if s.signed_at is not None]
        return max(times) if times else None

    def matches(self, pdf: bytes) -> bool:
        """Whether the signed content is exactly ``pdf`` (by SHA-256)."""
        return self.content_digest == content_digest_of(pdf, self.format)


def content_digest_of(pdf: bytes, fmt: str) -> str:
    """The SHA-256 of ``pdf`` as a signature of format ``fmt`` would cover it: a PAdES update keeps the
    original through its ``%%EOF`` marker (the end-of-line after it is not content), a container the bytes."""
    if fmt == PADES:
        end = pdf.rfind(_EOF)
        pdf = pdf[: end + len(_EOF)] if end >= 0 else pdf
    return hashlib.sha256(pdf).hexdigest()


def _refuse(message: str) -> Invalid:
    """An Invalid for the ``file`` field."""
    return Invalid(message, errors={"file": message})


def read_signed(data: bytes) -> SignedDocument:
    """Check a signed file and say what it holds; refuse anything that is not a valid signed letter."""
    if data.startswith(b"%PDF-"):
        return _read_pades(data)
    if data.startswith(b"PK"):
        return _read_asice(data)
    raise _refuse(_("The file is neither a signed PDF nor an ASiC-E container (.asice, .sce, .adoc, .edoc)."))


def check_trust(result: SignedDocument) -> None:
    """Check each signer's certificate against the EU trust lists (a qualified signature).

    Not done: it needs the EU List of Trusted Lists and revocation data from the internet, which this
    installation does not reach. It does nothing yet, and the page says so; this is the one place to add it
    (e.g. pyHanko's certificate validation with trust roots from the lists), raising Invalid when untrusted.
    """
    return None


def signer_name_of(cert: x509.Certificate) -> str:
    """The person a certificate names: its common name, else given name and surname, else the whole subject."""
    subject = cert.subject

    def first(oid) -> str:
        values = subject.get_attributes_for_oid(oid)
        return str(values[0].value).strip() if values else ""

    common = first(NameOID.COMMON_NAME)
    if common:
        return common
    person = " ".join(p for p in (first(NameOID.GIVEN_NAME), first(NameOID.SURNAME)) if p)
    return person or subject.rfc4514_string()


# --- PAdES ---------------------------------------------------------------------------------------

def _read_pades(data: bytes) -> SignedDocument:
    """Check a PDF's embedded signatures (see the module's docstring)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:  # whatever breaks the parser on an uploaded file is a damaged file, not a 500
        log.info("unreadable signed PDF: %s", exc)
        raise _refuse(_("The PDF is damaged and cannot be read.")) from exc
    signatures = [s for s in embedded if s.sig_object_type == "/Sig"]
    if not signatures:
        raise _refuse(_("The PDF has no electronic signature."))
    first = min(signatures, key=lambda s: s.signed_revision)
    if first.signed_revision == 0:
        raise _refuse(_("The signature was not added to the letter as an update: the signing program rewrote "
                        "the whole PDF, so it cannot be shown that what was signed is this letter."))
    base = first.signed_revision - 1
    try:
        _check_signing_update(reader, base)
    except Invalid:
        raise
    except Exception as exc:  # as above: an unreadable signing revision is a damaged file
        log.info("unreadable signing update: %s", exc)
        raise _refuse(_("The PDF is damaged and cannot be read.")) from exc
    found = []
    for embedded_signature in signatures:
        try:
            # The signer's own certificate stands in as the trust anchor and nothing is fetched: integrity
            # and the signature value are checked here, trust in the signer belongs to check_trust().
            context = ValidationContext(trust_roots=[embedded_signature.signer_cert], allow_fetching=False)
            status = validate_pdf_signature(embedded_signature, context, skip_diff=True)
        except Exception as exc:  # a signature pyHanko cannot evaluate is not a valid one
            log.info("unreadable PDF signature: %s", exc)
            raise _refuse(_("A signature in the PDF is damaged and cannot be checked.")) from exc
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        name = signer_name_of(cert)
        if not (status.intact and status.valid):
            raise _refuse(_("The signature of %(signer)s does not match the file: the PDF was changed after it "
                            "was signed, or the signature is damaged.", signer=name))
        if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            raise _refuse(_("The signature of %(signer)s does not cover the whole PDF it was made on.",
                            signer=name))
        found.append(Signature(signer_name=name, signed_at=_pades_time(status), certificate=cert.public_bytes(
            _der())))
    # pyHanko's difference analysis needs a signed base (with a form); the signing update itself was
    # checked above, so every revision after the first signature is compared with that one.
    try:
        review = DEFAULT_DIFF_POLICY.review_file(reader, first.signed_revision)
    except Exception as exc:  # an unreadable later revision is not a sound one: refuse, never fail
        log.info("unreadable update after signing: %s", exc)
        review = SuspiciousModification(str(exc))
    if isinstance(review, SuspiciousModification) or review.modification_level > ModificationLevel.FORM_FILLING:
        raise _refuse(_("The PDF was changed after it was signed: only further signatures and validation data "
                        "may be added to a signed letter."))
    original = data[: _revision_end(reader, data, base)]
    return SignedDocument(format=PADES, signatures=tuple(found),
                          content_digest=hashlib.sha256(original).hexdigest())


# Keys of an existing object that the revision adding a signature may change, by the object's /Type:
# the form and signature permissions on the catalog, the signature's widget on a page.
_SIGNING_KEYS = {"/Catalog": {"/AcroForm", "/Perms", "/DSS", "/Metadata", "/Extensions", "/Version"},
                 "/Page": {"/Annots"}}
_FORM_KEYS = {"/Fields", "/SigFlags", "/DR", "/DA", "/NeedAppearances"}


def _check_signing_update(reader, base: int) -> None:
    """Refuse a signing revision that changes the letter: over the original (``base``) it may only add a
    signature field with its widget, form data, document information and metadata, nothing on the pages."""
    from pyhanko.pdf_utils import generic

    old, new = reader.get_historical_resolver(base), reader.get_historical_resolver(base + 1)
    changed = _refuse(_("The signature was made over a changed PDF: the revision that adds it also changes "
                        "the letter."))
    if not _same(old.root_ref, new.root_ref) or new.refs_freed_in_revision():
        raise changed
    try:
        info = reader.trailer.raw_get("/Info", revision=base)
    except KeyError:
        info = None
    harmless = [info, old.root.raw_get("/Metadata") if "/Metadata" in old.root else None]
    harmless = {(r.idnum, r.generation) for r in harmless if isinstance(r, generic.IndirectObject)}
    old_form = old.root.raw_get("/AcroForm") if "/AcroForm" in old.root else None
    form_key = (old_form.idnum, old_form.generation) if isinstance(old_form, generic.IndirectObject) else None
    for ref in new.explicit_refs_in_revision():
        key = (ref.idnum, ref.generation)
        if reader.xrefs.get_historical_ref(ref, base) is None or key in harmless:
            continue  # a new object is reachable only through the keys checked here
        before, after = old(ref), new(ref)
        if _same(before, after):
            continue
        if isinstance(before, generic.ArrayObject) and isinstance(after, generic.ArrayObject):
            if _only_widgets_added(before, after, new):
                continue  # an indirect /Annots array gaining the signature's widget
            raise changed
        if not isinstance(before, generic.DictionaryObject) or isinstance(before, generic.StreamObject) \
                or not isinstance(after, generic.DictionaryObject):
            raise changed
        keys = {k for k in set(before) | set(after)
                if k not in before or k not in after or not _same(before.raw_get(k), after.raw_get(k))}
        allowed = _FORM_KEYS if key == form_key else _SIGNING_KEYS.get(str(before.get("/Type")), set())
        if not keys <= allowed:
            raise changed
        if "/Annots" in keys and not _only_widgets_added(before.get("/Annots", generic.ArrayObject()),
                                                         after.get("/Annots", generic.ArrayObject()), new):
            raise changed


def _only_widgets_added(before, after, new) -> bool:
    """Whether ``after`` keeps every annotation of ``before`` and adds only signature widgets."""
    from pyhanko.pdf_utils import generic

    kept = list(before)
    if len(after) < len(kept) or not all(_same(a, b) for a, b in zip(kept, after, strict=False)):
        return False
    for added in list(after)[len(kept):]:
        annotation = added.get_object() if isinstance(added, generic.IndirectObject) else added
        if not isinstance(annotation, generic.DictionaryObject) or annotation.get("/Subtype") != "/Widget":
            return False
        field = annotation.get("/Parent", annotation) if "/FT" not in annotation else annotation
        if field.get("/FT") != "/Sig":
            return False
    return True


def _same(a, b) -> bool:
    """Whether two PDF objects read from two revisions are the same (references by number)."""
    from pyhanko.pdf_utils import generic

    if isinstance(a, generic.IndirectObject | generic.Reference) or isinstance(b, generic.IndirectObject
                                                                                   | generic.Reference):
        return (getattr(a, "idnum", None), getattr(a, "generation", None)) == \
            (getattr(b, "idnum", None), getattr(b, "generation", None))
    if isinstance(a, generic.StreamObject) or isinstance(b, generic.StreamObject):
        return (isinstance(a, generic.StreamObject) and isinstance(b, generic.StreamObject)
                and a.encoded_data == b.encoded_data and _same(dict(a), dict(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a.raw_get(k) if hasattr(a, "raw_get") else a[k],
                                                  b.raw_get(k) if hasattr(b, "raw_get") else b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, generic.NullObject) or isinstance(b, generic.NullObject):
        return isinstance(a, generic.NullObject) and isinstance(b, generic.NullObject)
    return type(a) is type(b) and a == b


def _der():
    """The DER encoding constant (imported late like the rest of the signature libraries)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _pades_time(status) -> datetime | None:
    """The signing time: a signature timestamp's when one is present and sound, else the signer's own claim."""
    stamp = getattr(status, "timestamp_validity", None)
    if stamp is not None and stamp.intact and stamp.valid:
        return _utc(stamp.timestamp)
    return _utc(status.signer_reported_dt)


def _revision_end(reader, data: bytes, revision: int) -> int:
    """The offset just past the ``%%EOF`` marker that closes ``revision`` (its cross-reference section's)."""
    start = reader.xrefs.get_startxref_for_revision(revision)
    marker = data.find(_EOF, start)
    if marker < 0:
        raise _refuse(_("The PDF is damaged and cannot be read."))
    return marker + len(_EOF)


def _utc(moment: datetime | None) -> datetime | None:
    """An aware UTC datetime (a naive one is taken to be UTC, as XML and PDF dates without a zone mean)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- ASiC-E --------------------------------------------------------------------------------------

def _read_asice(data: bytes) -> SignedDocument:
    """Check an ASiC-E container (see the module's docstring)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = _members(archive)
    except Invalid:
        raise
    except Exception as exc:  # bad CRC, broken deflate data (zlib.error), encryption: a damaged container
        log.info("unreadable container: %s", exc)
        raise _refuse(_("The container is damaged or incomplete and cannot be opened.")) from exc
    documents = [n for n in members if n != "mimetype" and not n.startswith("META-INF/")]
    if not documents:
        raise _refuse(_("The container holds no document."))
    if len(documents) > 1:
        raise _refuse(_("The container holds %(count)s documents (%(names)s); a signed letter holds exactly one.",
                        count=len(documents), names=", ".join(documents)))
    if "META-INF/manifest.xml" not in members:
        raise _refuse(_("The container has no META-INF/manifest.xml: it is not an ASiC-E container."))
    document = documents[0]
    signature_files = sorted(n for n in members if _SIGNATURE_FILE.fullmatch(n))
    if not signature_files:
        raise _refuse(_("The container is not signed: it has no signature file (META-INF/signatures*.xml)."))
    found = []
    for name in signature_files:
        found.extend(_verify_signature_file(name, members[name], document, members[document]))
    return SignedDocument(format=ASICE, signatures=tuple(found), content_name=document,
                          content_digest=hashlib.sha256(members[document]).hexdigest())


def _members(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Every file of the container by name, after checking its mimetype entry and its size."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise _refuse(_("The container is too large to be a signed letter."))
    first = infos[0] if infos else None
    if first is None or first.filename != "mimetype":
        raise _refuse(_("The container's first entry is not its mimetype: it is not an ASiC-E container."))
    mimetype = archive.read(first).strip()
    if mimetype != ASICE_MIMETYPE or first.compress_type != zipfile.ZIP_STORED:
        raise _refuse(_("The container's mimetype is %(found)r, not an uncompressed %(expected)r: it is not an "
                        "ASiC-E container.", found=mimetype.decode("utf-8", "replace")[:80],
                        expected=ASICE_MIMETYPE.decode()))
    # Reading every member checks every CRC, so a truncated or tampered archive is refused here.
    return {i.filename: archive.read(i) for i in infos if not i.is_dir()}


def _parser():
    """An XML parser that resolves no entities and fetches nothing."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=False)


def _verify_signature_file(name: str, xml: bytes, document: str, content: bytes) -> list[Signature]:
    """Verify every XAdES signature in one signature file over the container's one document."""
    from lxml import etree

    try:
        root = etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise _refuse(_("The signature file %(name)s is damaged.", name=name)) from exc
    count = 1 if root.tag == f"{{{DS}}}Signature" else len(root.findall(f"{{{DS}}}Signature"))
    if count == 0:
        raise _refuse(_("The signature file %(name)s holds no signature.", name=name))
    found = []
    for index in range(count):
        tree = etree.fromstring(xml, parser=_parser())
        if tree.tag != f"{{{DS}}}Signature":
            # Verify each signature alone: drop its siblings (they are not in its canonical form anyway).
            for position, other in enumerate(tree.findall(f"{{{DS}}}Signature")):
                if position != index:
                    tree.remove(other)
        found.append(_verify_xades(name, etree.tostring(tree), document, content))
    return found


def _verify_xades(name: str, xml: bytes, document: str, content: bytes) -> Signature:
    """Verify one XAdES signature: it must sign exactly ``document`` (by its reference digest)."""
    from lxml import etree
    from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

    root = etree.fromstring(xml, parser=_parser())
    signature = root if root.tag == f"{{{DS}}}Signature" else root.find(f"{{{DS}}}Signature")
    uris = [r.get("URI") or "" for r in signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")]
    files = [unquote(u) for u in uris if not u.startswith("#")]
    if files != [document]:
        if document not in files:
            raise _refuse(_("The signature in %(name)s does not sign the document %(document)s.",
                            name=name, document=document))
        raise _refuse(_("The signature in %(name)s signs files that are not in the container: %(files)s.",
                        name=name, files=", ".join(f for f in files if f != document)))
    certificates = signature.findall(f"{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate")
    if not certificates:
        raise _refuse(_("The signature in %(name)s carries no signer certificate.", name=name))
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode("".join(certificates[0].text.split())))
    except (ValueError, TypeError, AttributeError) as exc:
        raise _refuse(_("The signer certificate in %(name)s is damaged.", name=name)) from exc

    def resolve(uri: str) -> bytes | None:
        return content if unquote(uri) == document else None

    try:
        # The certificate is given, so signxml checks the signature with it and skips the chain (no trust
        # store here: that is check_trust's job); the XAdES signing-certificate digest must still match it.
        results = XAdESVerifier().verify(
            xml, x509_cert=cert, uri_resolver=resolve, parser=_parser(),
            expect_config=XAdESSignatureConfiguration(expect_references=True),
        )
    except Exception as exc:  # signxml's refusals, and whatever a hostile signature file breaks
        raise _refuse(_("The signature in %(name)s is not valid: %(reason)s", name=name,
                        reason=str(exc)[:300] or type(exc).__name__)) from exc
    properties = next((r.signed_properties for r in results if hasattr(r, "signed_properties")), None)
    return Signature(signer_name=signer_name_of(cert), signed_at=_xades_time(properties),
                     certificate=cert.public_bytes(_der()))


def _xades_time(properties) -> datetime | None:
    """The signed SigningTime of a XAdES SignedSignatureProperties element."""
    if properties is None:
        return None
    for namespace in XADES_NAMESPACES:
        node = properties.find(f"{{{namespace}}}SigningTime")
        if node is not None and node.text:
            try:
                return _utc(datetime.fromisoformat(node.text.strip().replace("Z", "+00:00")))
            except ValueError:
                return None
    return None
