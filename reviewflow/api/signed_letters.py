"""The signed letter over the API: upload it (checked: signed, and over this letter's PDF) and download it."""

from __future__ import annotations

import io

from flask import request, send_file, url_for

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import ID
from reviewflow.models import Letter
from reviewflow.services import signing


def signed_letter_json(letter: Letter) -> dict:
    """What the check found, as stored on the letter."""
    return {
        "letter_version": letter.version, "our_number": letter.our_number, "format": letter.signed_format,
        "signer_name": letter.signer_name,
        "signed_at": letter.signed_at.isoformat() if letter.signed_at else None,
        "file_name": letter.signed_original_name,
        "uploaded_at": letter.signed_uploaded_at.isoformat() if letter.signed_uploaded_at else None,
        "trust_checked": False,  # EU trust lists are not consulted here (no internet): documents.signatures
    }


def signed_letter_response(draft_id: int):
    """The signed letter as a file download (shared by ``GET …/letter/signed`` and ``…/letter?format=signed``)."""
    letter, data = signing.read_signed_letter(draft_id, api_user())
    response = send_file(io.BytesIO(data), mimetype=signing.mimetype_of(letter), as_attachment=True,
                         download_name=signing.download_name(letter))
    response.headers["X-Letter-Version"] = str(letter.version)
    return response


@bp.post(f"/drafts/<{ID}:draft_id>/letter/signed")
def upload_signed_letter(draft_id: int):
    """Store the signed letter (multipart ``file``: a PAdES PDF or an ASiC-E container); 422 with the reason."""
    upload = request.files.get("file")
    # A missing file goes to the service as an empty one, so the permission and state checks come first.
    data = upload.read() if upload else b""
    letter = signing.store_signed_letter(draft_id, api_user(), upload.filename if upload else "", data)
    location = url_for("api.download_signed_letter", draft_id=draft_id)
    return signed_letter_json(letter), 201, {"Location": location}


@bp.get(f"/drafts/<{ID}:draft_id>/letter/signed")
def download_signed_letter(draft_id: int):
    """The signed letter of record (the file as uploaded)."""
    return signed_letter_response(draft_id)
