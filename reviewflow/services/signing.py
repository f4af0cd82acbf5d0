"""Signed letters: accept the signed file of an approved letter once it is shown to sign that letter's PDF,
keep it as the letter of record, and give it back to those who may read the letter."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from reviewflow.documents import signatures
from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, DraftState, Letter, LetterStatus, User
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_read_letter, is_lsa_staff
from reviewflow.services import files
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.letters import latest_letter

MIMETYPES = {signatures.PADES: "application/pdf", signatures.ASICE: "application/vnd.etsi.asic-e+zip"}
SUFFIXES = {signatures.PADES: ".pdf", signatures.ASICE: ".asice"}


def _folder() -> Path:
    """Signed letters live with the letters (as :mod:`reviewflow.services.letters` keeps them)."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / "letters"


def _refuse(message: str) -> Invalid:
    """An Invalid for the ``file`` field."""
    return Invalid(message, errors={"file": message})


def _check_upload(filename: str, data: bytes) -> str:
    """The name fit to keep, after checking the extension, emptiness and size (the content is checked next)."""
    name = files.safe_display_name(filename)
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in signatures.EXTENSIONS:
        raise _refuse(_("Upload the signed letter as a .pdf, .asice, .sce, .adoc or .edoc file."))
    if not data:
        raise _refuse(_("The file is empty."))
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    if len(data) > limit:
        raise _refuse(_("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)))
    return name


def store_signed_letter(draft_id: int, user: User, filename: str, data: bytes) -> Letter:
    """Keep the signed file of the newest letter version after checking that it is validly signed and that
    what was signed is exactly that version's PDF (by SHA-256; see :mod:`reviewflow.documents.signatures`).

    Only LSA staff, only once the board has approved (or after sending), and only for a letter whose PDF
    exists. A later upload replaces the earlier one as the letter of record (both stay on the draft's record).
    """
    draft = get_draft_for(draft_id, user, lock=True)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators upload the signed letter."))
    if draft.state not in (DraftState.APPROVED, DraftState.SENT):
        raise Conflict(_("A signed letter is uploaded once the board has approved the position."))
    letter = latest_letter(draft.id)
    if letter is None or letter.status != LetterStatus.READY or letter.pdf_stored_name is None:
        raise Conflict(_("The letter has no PDF yet: the signed file is checked against the letter's PDF."))
    name = _check_upload(filename, data)
    result = signatures.read_signed(data)
    signatures.check_trust(result)
    try:
        pdf = files.read_stored(_folder(), letter.pdf_stored_name)
    except FileNotFoundError:
        raise Conflict(_("The letter's PDF is missing from storage; tell an administrator.")) from None
    if not result.matches(pdf):
        raise _refuse(_("What was signed is not this letter: the signed content differs from the PDF of version "
                        "%(version)s of letter %(number)s. Sign the PDF downloaded from the draft's page.",
                        version=letter.version, number=letter.our_number))
    stored = files.store_file(_folder(), data, SUFFIXES[result.format])
    now = utcnow()
    letter.signed_stored_name, letter.signed_original_name = stored, name
    letter.signed_format, letter.signer_name = result.format, result.signer_name[:300]
    letter.signed_at, letter.signed_uploaded_by_id, letter.signed_uploaded_at = result.signed_at, user.id, now
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="upload_signed_letter", payload={
        "version": letter.version, "format": result.format, "signer": letter.signer_name,
        "signed_at": result.signed_at.isoformat() if result.signed_at else None,
        "sha256": result.content_digest, "file": name,
    }))
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        files.delete_stored(_folder(), stored)
        raise
    return letter


def signed_letter_of(draft_id: int) -> Letter | None:
    """The letter of record: the newest version that has a signed file."""
    return db.session.scalar(
        select(Letter).where(Letter.draft_id == draft_id, Letter.signed_stored_name.is_not(None))
        .order_by(Letter.version.desc()).limit(1)
    )


def read_signed_letter(draft_id: int, user: User) -> tuple[Letter, bytes]:
    """``(letter, bytes)`` of the signed letter, for those who may read the letter (:func:`can_read_letter`:
    municipalities once it is sent); :class:`NotFound` when none was uploaded."""
    draft = get_draft_for(draft_id, user)
    if not can_read_letter(user, draft):
        raise Forbidden(_("The letter is shared with municipalities once LSA has sent it."))
    letter = signed_letter_of(draft.id)
    if letter is None:
        raise NotFound(_("There is no signed letter for this draft yet."))
    try:
        return letter, files.read_stored(_folder(), letter.signed_stored_name)
    except FileNotFoundError:
        raise NotFound(_("The signed letter is recorded but missing from storage; tell an administrator.")) from None


def download_name(letter: Letter) -> str:
    """The signed file's name for a download: the letter's number and version, the uploaded extension."""
    original = letter.signed_original_name or ""
    suffix = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if suffix not in signatures.EXTENSIONS:
        suffix = SUFFIXES.get(letter.signed_format or "", ".pdf").lstrip(".")
    return f"LSA-rastas-{letter.our_number}-v{letter.version}-pasirasytas.{suffix}".replace("/", "-")


def mimetype_of(letter: Letter) -> str:
    """The signed file's media type by its format."""
    return MIMETYPES.get(letter.signed_format or "", "application/octet-stream")
