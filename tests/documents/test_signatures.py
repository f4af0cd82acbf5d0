"""Reading signed letters: PAdES PDFs and ASiC-E containers signed by a test CA made here, and each refusal."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile

import pytest

from reviewflow.documents.signatures import ASICE, PADES, check_trust, content_digest_of, read_signed
from reviewflow.errors import Invalid
from tests.documents.factories import docx_with
from tests.documents.signing_kit import ASIC_MIMETYPE, make_asice, make_signer, minimal_pdf, sign_pades


@pytest.fixture(scope="module")
def signer():
    return make_signer("VARDENIS", "PAVARDENIS")


@pytest.fixture(scope="module")
def letter():
    return minimal_pdf("LSA letter 2026-11-30 Nr. 1")


def refusal(data: bytes) -> str:
    with pytest.raises(Invalid) as caught:
        read_signed(data)
    assert caught.value.errors["file"] == caught.value.detail
    return caught.value.detail


def just_now(moment: dt.datetime) -> bool:
    now = dt.datetime.now(dt.UTC)
    return moment.tzinfo is not None and now - dt.timedelta(minutes=2) <= moment <= now + dt.timedelta(seconds=5)


# --- what is read -----------------------------------------------------------------------------

def test_a_pades_signed_letter_names_its_signer_and_time_and_is_this_letter(signer, letter):
    result = read_signed(sign_pades(letter, signer))
    assert result.format == PADES
    assert result.signer_name == "VARDENIS PAVARDENIS"
    assert just_now(result.signed_at)
    assert result.matches(letter)
    assert result.content_digest == content_digest_of(letter, PADES)


def test_an_asice_container_names_its_signer_and_time_and_holds_this_letter(signer, letter):
    result = read_signed(make_asice({"LSA raštas.pdf": letter}, signer))
    assert result.format == ASICE
    assert result.signer_name == "VARDENIS PAVARDENIS"
    assert just_now(result.signed_at)
    assert result.content_name == "LSA raštas.pdf"
    assert result.matches(letter)


def test_a_letter_signed_twice_names_both_signers(signer, letter):
    deputy = make_signer("ANTANAS", "ANTANAITIS")
    twice = sign_pades(sign_pades(letter, signer), deputy, field="Signature2")
    result = read_signed(twice)
    assert result.signer_name == "VARDENIS PAVARDENIS; ANTANAS ANTANAITIS"
    assert result.matches(letter)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_made_by_libreoffice_and_signed_matches_that_pdf(signer):
    from reviewflow.documents.pdf import docx_to_pdf

    pdf = docx_to_pdf(docx_with("Lietuvos savivaldybių asociacija", "Dėl projekto"))
    result = read_signed(sign_pades(pdf, signer))
    assert result.matches(pdf)
    assert not result.matches(docx_to_pdf(docx_with("Kitas raštas")))


def test_the_trust_list_check_is_a_placeholder_that_accepts(signer, letter):
    assert check_trust(read_signed(sign_pades(letter, signer))) is None


# --- refusals -----------------------------------------------------------------------------------

def test_a_pdf_signed_over_other_content_is_not_this_letter(signer, letter):
    other = read_signed(sign_pades(minimal_pdf("Another letter"), signer))
    assert not other.matches(letter)


def test_a_container_signed_over_other_content_is_not_this_letter(signer, letter):
    other = read_signed(make_asice({"letter.pdf": minimal_pdf("Another letter")}, signer))
    assert not other.matches(letter)


def test_an_unsigned_pdf_is_refused(letter):
    assert refusal(letter) == "The PDF has no electronic signature."


def test_a_pdf_changed_after_signing_is_refused(signer, letter):
    signed = sign_pades(letter, signer)
    assert refusal(changed_page(signed, b"Changed text")) == (
        "The PDF was changed after it was signed: only further signatures and validation data may be added "
        "to a signed letter.")


def test_a_signature_made_together_with_a_change_to_the_letter_is_refused(signer, letter):
    assert refusal(sign_with_change(letter, signer)) == (
        "The signature was made over a changed PDF: the revision that adds it also changes the letter.")


def test_a_pdf_whose_signed_bytes_were_altered_is_refused(signer, letter):
    signed = sign_pades(letter, signer)
    tampered = signed.replace(b"LSA letter 2026-11-30 Nr. 1", b"LSA letter 2026-11-30 Nr. 2")
    assert refusal(tampered) == ("The signature of VARDENIS PAVARDENIS does not match the file: the PDF was "
                                 "changed after it was signed, or the signature is damaged.")


def test_a_truncated_container_is_refused(signer, letter):
    container = make_asice({"letter.pdf": letter}, signer)
    assert refusal(container[: len(container) // 2]) == "The container is damaged or incomplete and cannot be opened."


def test_a_container_with_two_documents_is_refused(signer, letter):
    container = make_asice({"letter.pdf": letter, "priedas.pdf": minimal_pdf("Annex")}, signer)
    assert refusal(container) == ("The container holds 2 documents (letter.pdf, priedas.pdf); a signed letter "
                                  "holds exactly one.")


def test_an_unsigned_container_is_refused(letter):
    assert refusal(make_asice({"letter.pdf": letter}, None)) == (
        "The container is not signed: it has no signature file (META-INF/signatures*.xml).")


def test_a_container_whose_document_differs_from_what_was_signed_is_refused(signer, letter):
    container = make_asice({"letter.pdf": letter}, signer, signed={"letter.pdf": minimal_pdf("Other")})
    assert refusal(container).startswith("The signature in META-INF/signatures0.xml is not valid: Digest mismatch")


def test_a_container_signing_another_file_name_is_refused(signer, letter):
    container = make_asice({"letter.pdf": letter}, signer, signed={"other.pdf": letter})
    assert refusal(container) == "The signature in META-INF/signatures0.xml does not sign the document letter.pdf."


def test_a_zip_that_is_not_asice_is_refused(letter):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.lt.archyvai.adoc-2008")
        archive.writestr("letter.pdf", letter)
    assert refusal(out.getvalue()) == (
        "The container's mimetype is 'application/vnd.lt.archyvai.adoc-2008', not an uncompressed "
        f"{ASIC_MIMETYPE.decode()!r}: it is not an ASiC-E container.")


def test_a_word_file_is_refused():
    assert refusal(b"\xd0\xcf\x11\xe0 an old Word file") == (
        "The file is neither a signed PDF nor an ASiC-E container (.asice, .sce, .adoc, .edoc).")


# --- helpers that tamper -------------------------------------------------------------------------

def changed_page(signed: bytes, text: bytes) -> bytes:
    """``signed`` with an incremental update that replaces the page's content stream (object 4)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    content = page.raw_get("/Contents")
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET")
    writer.objects[(content.generation, content.idnum)] = stream
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_with_change(pdf: bytes, signer) -> bytes:
    """``pdf`` signed by pyHanko in a revision that also rewrites the page's content."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert_asn1
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1 as key_asn1
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0]
    content = page.raw_get("/Contents")
    writer.objects[(content.generation, content.idnum)] = generic.StreamObject(
        stream_data=b"BT /F1 12 Tf 72 770 Td (Swapped) Tj ET")
    pdf_signer = signers.SimpleSigner(signing_cert=cert_asn1(signer.cert), signing_key=key_asn1(signer.key),
                                      cert_registry=None)
    return signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Signature1"),
                            signer=pdf_signer).getvalue()
