"""A throwaway certificate authority and signers for tests: PAdES PDFs (pyHanko) and ASiC-E containers
(signxml's XAdES signer), made here so the verifier is tested against real signatures."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import DigestAlgorithm, SignatureConstructionMethod, SignatureMethod, SignatureReference
from signxml.xades import XAdESSigner

ASIC_MIMETYPE = b"application/vnd.etsi.asic-e+zip"
DS = "http://www.w3.org/2000/09/xmldsig#"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


@dataclass
class Signer:
    """A signer's key and certificate, with the issuing test CA's certificate."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    ca_cert: x509.Certificate


def _name(common: str, **more: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "LT")]
    attributes += [x509.NameAttribute(getattr(NameOID, k), v) for k, v in more.items()]
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(attributes)


def _usage(**on: bool) -> x509.KeyUsage:
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
             "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{n: on.get(n, False) for n in names})


def make_signer(given: str = "VARDENIS", surname: str = "PAVARDENIS") -> Signer:
    """A root CA made now, and a qualified-looking signer certificate it issued to ``given surname``."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Bandomasis sertifikavimo centras", ORGANIZATION_NAME="Testai")
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = _name(f"{given} {surname}", GIVEN_NAME=given, SURNAME=surname, SERIAL_NUMBER="PNOLT-38001010000")
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
            .sign(ca_key, hashes.SHA256()))
    return Signer(key=key, cert=cert, ca_cert=ca_cert)


def minimal_pdf(text: str) -> bytes:
    """A small, well-formed one-page PDF showing ``text`` (ASCII), with a correct cross-reference table."""
    content = b"BT /F1 12 Tf 72 770 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def sign_pades(pdf: bytes, signer: Signer, field: str = "Signature1") -> bytes:
    """``pdf`` signed as PAdES by pyHanko: an incremental update adding one signature."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert_asn1
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1 as key_asn1
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    pdf_signer = signers.SimpleSigner(
        signing_cert=cert_asn1(signer.cert), signing_key=key_asn1(signer.key),
        cert_registry=SimpleCertificateStore.from_certs([cert_asn1(signer.ca_cert)]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    return signers.sign_pdf(writer, meta, signer=pdf_signer).getvalue()


class _FileXAdESSigner(XAdESSigner):
    """signxml's XAdES signer, detached over files of the container (its references are file names whose
    digests are of the raw bytes, as ASiC-E has them)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(method=SignatureConstructionMethod.detached, signature_algorithm=SignatureMethod.RSA_SHA256,
                         digest_algorithm=DigestAlgorithm.SHA256)
        self.files = files
        # Run first: the file references carry no transforms (raw bytes), and an empty Transforms is invalid.
        self.signature_annotators.insert(0, self._drop_empty_transforms)

    def _unpack(self, data, references):
        # The signature is made in place inside asic:XAdESSignatures: inclusive canonicalisation of its
        # SignedInfo takes in the namespaces in scope there, as real ASiC-E signers' does.
        container = etree.Element(f"{{{ASIC_NS}}}XAdESSignatures", nsmap={"asic": ASIC_NS})
        sig_root = etree.SubElement(container, f"{{{DS}}}Signature", nsmap=self.namespaces)
        return sig_root, sig_root, list(self.files.values()), [SignatureReference(URI=quote(n)) for n in self.files]

    def _c14n(self, nodes, algorithm, inclusive_ns_prefixes=None):
        if isinstance(nodes, bytes):
            return nodes
        return super()._c14n(nodes, algorithm, inclusive_ns_prefixes=inclusive_ns_prefixes)

    def _drop_empty_transforms(self, sig_root, signing_settings):
        for transforms in sig_root.iter(f"{{{DS}}}Transforms"):
            if len(transforms) == 0:
                transforms.getparent().remove(transforms)


def xades_signature(files: dict[str, bytes], signer: Signer) -> bytes:
    """``META-INF/signatures0.xml``: an ``asic:XAdESSignatures`` holding one XAdES signature over ``files``."""
    signature = _FileXAdESSigner(files).sign(b"<unused/>", key=signer.key, cert=[signer.cert, signer.ca_cert],
                                             exclude_c14n_transform_element=True)
    return etree.tostring(signature.getparent(), xml_declaration=True, encoding="UTF-8")


def manifest(names: list[str]) -> bytes:
    """The OpenDocument manifest listing the container's data objects."""
    entries = "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="application/pdf"/>'
                      for n in names)
    return (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{MANIFEST_NS}">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ASIC_MIMETYPE.decode()}"/>'
            f"{entries}</manifest:manifest>").encode()


def make_asice(files: dict[str, bytes], signer: Signer | None, signed: dict[str, bytes] | None = None) -> bytes:
    """An ASiC-E container holding ``files``, signed by ``signer`` over ``signed`` (default: ``files``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ASIC_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("META-INF/manifest.xml", manifest(list(files)))
        if signer is not None:
            archive.writestr("META-INF/signatures0.xml", xades_signature(signed or files, signer))
    return out.getvalue()
