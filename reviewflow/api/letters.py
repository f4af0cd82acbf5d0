"""The response letter over the API: 200 with the DOCX or PDF, 202 while it is being made, 404 when there is none."""

from __future__ import annotations

import io

from flask import request, send_file
from flask_babel import gettext as _

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import ID, query_int
from reviewflow.errors import Invalid
from reviewflow.services import letters, signing

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FORMATS = {"docx": DOCX, "pdf": PDF, "signed": None}  # signed: the uploaded file's own type


@bp.get(f"/drafts/<{ID}:draft_id>/letter")
def get_letter(draft_id: int):
    """The newest (or ``?version=N``) letter as DOCX (``?format=pdf``: its PDF; ``?format=signed``: the signed
    letter of record); 202 with its status while queued or rendering."""
    version = query_int("version", 0, low=0, high=1_000_000) or None
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        message = _("The format is docx, pdf or signed.")
        raise Invalid(message, {"format": message})
    if fmt == "signed":
        letter, data = signing.read_signed_letter(draft_id, api_user())
        return send_file(io.BytesIO(data), mimetype=signing.mimetype_of(letter), as_attachment=True,
                         download_name=signing.download_name(letter))
    annex = request.args.get("annex") == "1"
    letter, data = letters.read_letter(draft_id, api_user(), version, annex=annex, fmt=fmt)
    if data is None:
        body = {"status": letter.status.value, "version": letter.version, "our_number": letter.our_number,
                "error": letter.error, "pdf_error": letter.pdf_error}
        return body, (202 if letter.status.value in ("queued", "rendering") else 409)
    name = f"LSA-{letter.our_number}-v{letter.version}.{fmt}".replace("/", "-")
    response = send_file(io.BytesIO(data), mimetype=FORMATS[fmt], as_attachment=True, download_name=name)
    response.headers["X-Letter-Version"] = str(letter.version)
    return response
