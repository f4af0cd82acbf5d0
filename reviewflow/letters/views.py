"""Letter pages: thin views over :mod:`reviewflow.services.letters`."""

from __future__ import annotations

import io

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.errors import RECOVERABLE, Forbidden, NotFound
from reviewflow.models import Role
from reviewflow.permissions import can_read_letter, is_lsa_staff, roles_required
from reviewflow.services import comments_export, letters
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.payload import is_db_id

bp = Blueprint("letters", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/drafts/<int:draft_id>/letter/status")
@login_required
def status(draft_id: int):
    """The letter's progress as an HTML fragment; HTMX polls it while the letter is being made."""
    draft = get_draft_for(draft_id, current_user)
    if not can_read_letter(current_user, draft):
        raise Forbidden(_("The letter is shared with municipalities once LSA has sent it."))
    return render_template("letters/_status.html", draft=draft, versions=letters.letter_versions(draft.id),
                           can_regenerate=is_lsa_staff(current_user))


@bp.get("/drafts/<int:draft_id>/letter")
@login_required
def download(draft_id: int):
    """The letter's DOCX (the newest version, or ``?version=N``; ``?annex=1`` for a separate annex;
    ``?format=pdf`` for its PDF)."""
    version = request.args.get("version")
    if version is not None:  # a version that cannot exist is simply not there (never a database overflow)
        if not version.isdigit() or not is_db_id(int(version)):
            raise NotFound(_("There is no such version of the letter."))
        version = int(version)
    fmt = "pdf" if request.args.get("format") == "pdf" else "docx"
    letter, data = letters.read_letter(draft_id, current_user, version, annex=bool(request.args.get("annex")),
                                       fmt=fmt)
    if data is None:
        flash(_("The letter is not ready yet."), "warning")
        return redirect(url_for("letters.status", draft_id=draft_id))
    suffix = "-priedas" if request.args.get("annex") else ""
    name = f"LSA-rastas-{letter.our_number}-v{letter.version}{suffix}.{fmt}".replace("/", "-")
    return send_file(io.BytesIO(data), mimetype=PDF if fmt == "pdf" else DOCX, as_attachment=True,
                     download_name=name)


@bp.post("/drafts/<int:draft_id>/letter/regenerate")
@login_required
def regenerate(draft_id: int):
    """Make a new version of the letter."""
    try:
        letter = letters.regenerate_letter(draft_id, current_user)
    except RECOVERABLE as exc:
        flash(exc.detail, "danger")
    else:
        flash(_("Version %(version)s of the letter is being made.", version=letter.version), "success")
    return redirect(request.referrer or url_for("letters.status", draft_id=draft_id))


@bp.get("/drafts/<int:draft_id>/comments.xlsx")
@login_required
def comments_xlsx(draft_id: int):
    """The full comments table as a spreadsheet."""
    data = comments_export.comments_xlsx(draft_id, current_user)
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"pastabos-{draft_id}.xlsx")


@bp.get("/admin/letter-template/<any(letter, annex):kind>.docx")
@roles_required(Role.ADMIN)
def template_download(kind: str):
    """The template in use (uploaded, else the one that ships), to edit in Word and upload back."""
    data, uploaded = letters.template_in_use(kind)
    name = {"letter": "rasto-sablonas", "annex": "priedo-sablonas"}[kind] + ("" if uploaded else "-numatytasis")
    return send_file(io.BytesIO(data), mimetype=DOCX, as_attachment=True, download_name=f"{name}.docx")


@bp.route("/admin/letter-template", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def template():
    """Upload a replacement Word template; it is accepted only if it renders the sample cleanly."""
    error = None
    if request.method == "POST":
        upload = request.files.get("file")
        kind = request.form.get("kind", "letter")
        if kind not in ("letter", "annex"):
            error = _("Choose the letter or the annex template.")
        elif upload is None or not upload.filename:
            error = _("Choose a .docx file to upload.")
        else:
            try:
                letters.upload_template(current_user, kind, upload.filename, upload.read())
            except RECOVERABLE as exc:
                error = exc.detail
            else:
                flash(_("The new template is in use."), "success")
                return redirect(url_for("letters.template"))
    return render_template("letters/template.html", error=error), (422 if error else 200)
