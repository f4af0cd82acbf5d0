"""The signed letter's pages on the letters blueprint: upload after signing, download, and the draft page's panel."""

from __future__ import annotations

import io

from flask import flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.errors import Conflict, Invalid
from reviewflow.letters.views import bp
from reviewflow.models import DraftState, LetterStatus
from reviewflow.permissions import can_read_letter, is_lsa_staff
from reviewflow.services import signing
from reviewflow.services.letters import latest_letter

ACCEPT = ",".join(f".{e}" for e in signing.signatures.EXTENSIONS)


@bp.app_template_global()
def signed_letter_panel(draft) -> dict:
    """What ``letters/_signed.html`` shows on a draft's page: the signed letter of record (if the viewer may
    read the letter) and whether the viewer may upload one now (the same rule the service applies)."""
    if not current_user.is_authenticated or not can_read_letter(current_user, draft):
        return {"visible": False}
    latest = latest_letter(draft.id)
    may_upload = (
        is_lsa_staff(current_user) and draft.state in (DraftState.APPROVED, DraftState.SENT)
        and latest is not None and latest.status == LetterStatus.READY and latest.pdf_stored_name is not None
    )
    signed = signing.signed_letter_of(draft.id)
    return {"visible": may_upload or signed is not None, "signed": signed, "may_upload": may_upload,
            "latest": latest, "accept": ACCEPT}


def _back(draft_id: int):
    """Back to the letter on the draft's page."""
    return redirect(url_for("drafts.show", draft_id=draft_id, _anchor="signed-letter"))


@bp.post("/drafts/<int:draft_id>/letter/signed")
@login_required
def upload_signed(draft_id: int):
    """Check and keep the signed letter; what is wrong with a refused file is said on the draft's page."""
    upload = request.files.get("file")
    try:
        letter = signing.store_signed_letter(draft_id, current_user, upload.filename if upload else "",
                                             upload.read() if upload else b"")
    except (Invalid, Conflict) as exc:  # a refusal of the file or of the moment; 403/404 stay errors
        flash(exc.detail, "danger")
    else:
        flash(_("The signed letter is kept as the letter of record: signed by %(signer)s.",
                signer=letter.signer_name), "success")
    return _back(draft_id)


@bp.get("/drafts/<int:draft_id>/letter/signed")
@login_required
def download_signed(draft_id: int):
    """The signed letter as uploaded (PAdES PDF or ASiC-E container)."""
    letter, data = signing.read_signed_letter(draft_id, current_user)
    return send_file(io.BytesIO(data), mimetype=signing.mimetype_of(letter), as_attachment=True,
                     download_name=signing.download_name(letter))
