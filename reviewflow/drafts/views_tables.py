"""Word and Excel both ways: a municipality's comments table and the lawyer's decisions table, out and back in.

Each import is two steps: the upload shows what was found (nothing saved), and a confirmation saves what the
person kept. The rows travel in the confirmation form, so nothing is kept on the server between the steps.
"""

from __future__ import annotations

import io

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from reviewflow.documents.comment_tables import MAX_BYTES
from reviewflow.documents.decision_tables import FIELDS
from reviewflow.drafts import loaders
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms_review import DECISION_LABELS
from reviewflow.drafts.helpers import require, show_errors
from reviewflow.errors import RECOVERABLE, Invalid
from reviewflow.permissions import can_comment_for, can_decide_comments, can_open_answer_page, can_see_consolidation
from reviewflow.services import comment_import, decision_import, drafts, revision_scope

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD_LABELS = {"decision": _l("Decision"), "reasons": _l("Reasons"), "lsa_text": _l("LSA's text of the proposal"),
                "lsa_wording": _l("LSA's proposed wording")}


class TableUploadForm(FlaskForm):
    """The filled table: a Word document or an Excel workbook."""

    file = FileField(_l("Filled table (DOCX or XLSX)"))


class DecisionUploadForm(TableUploadForm):
    """The edited decisions workbook."""

    file = FileField(_l("Edited decisions table (XLSX)"))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the rows come as numbered fields, one group per row of the preview."""


def _upload(form: FlaskForm) -> tuple[str, bytes] | None:
    """The uploaded file's name and bytes, read up to just over the limit; None (and an error) when missing."""
    upload = form.file.data
    if not form.validate() or upload is None or not getattr(upload, "filename", ""):
        form.file.errors = [*form.file.errors, _("Choose a file to upload.")]
        return None
    return upload.filename, upload.read(MAX_BYTES + 1)


# -- A municipality's comments -----------------------------------------------------------------------


def _answering(draft_id: int):
    draft = drafts.get_draft_for(draft_id, current_user)
    invitation = loaders.own_invitation(draft, current_user)
    require(can_open_answer_page(current_user, invitation))
    return draft, invitation


@bp.get("/<int:draft_id>/answer/comments.docx")
@login_required
def comments_docx(draft_id: int):
    """The comments table prefilled with the draft's provisions, as a Word document."""
    data, name = comment_import.comment_template(draft_id, current_user, "docx")
    return send_file(io.BytesIO(data), mimetype=DOCX, as_attachment=True, download_name=name)


@bp.get("/<int:draft_id>/answer/comments.xlsx")
@login_required
def comments_xlsx_template(draft_id: int):
    """The comments table prefilled with the draft's provisions, as an Excel workbook."""
    data, name = comment_import.comment_template(draft_id, current_user, "xlsx")
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)


def _comments_page(draft, invitation, *, upload=None, preview=None, errors=(), row_errors=None, status=200):
    open_ = can_comment_for(current_user, invitation, draft)
    return render_template(
        "drafts/tables_comments.html", draft=draft, invitation=invitation, open=open_,
        upload=upload or TableUploadForm(formdata=None), confirm=ConfirmForm(formdata=None), preview=preview,
        provisions=revision_scope.provisions_open_for_comment(draft) if preview else [], errors=errors,
        row_errors=row_errors or {}, max_mb=MAX_BYTES // (1024 * 1024),
    ), status


@bp.get("/<int:draft_id>/answer/import")
@login_required
def import_comments_page(draft_id: int):
    """Download the table, upload it filled."""
    return _comments_page(*_answering(draft_id))


@bp.post("/<int:draft_id>/answer/import")
@login_required
def import_comments(draft_id: int):
    """Read the uploaded table and show the comments found; nothing is saved."""
    draft, invitation = _answering(draft_id)
    form = TableUploadForm()
    upload = _upload(form)
    if upload is None:
        return _comments_page(draft, invitation, upload=form, status=422)
    try:
        preview = comment_import.preview_comment_import(draft.id, current_user, *upload)
    except RECOVERABLE as exc:
        return _comments_page(draft, invitation, upload=form, errors=show_errors(form, exc), status=exc.status)
    return _comments_page(draft, invitation, preview=preview)


def _posted_comments() -> comment_import.CommentImportPreview:
    """The preview as the confirmation form sent it back (the specialist's choices and corrections in it)."""
    preview = comment_import.CommentImportPreview(source=request.form.get("source", "")[:200])
    for raw in request.form.getlist("rows")[:comment_import.MAX_ROWS]:
        if not raw.isdigit() or len(raw) > 6:
            continue

        def value(name: str, raw: str = raw) -> str:
            return request.form.get(f"{name}-{raw}", "")

        preview.rows.append(comment_import.FoundComment(
            index=int(raw), where=value("where")[:100], provision=value("provision")[:500], text=value("text"),
            wording=value("wording"), choice=value("choice")[:20], placed=value("placed") == "1",
            label=value("label")[:300], article=value("article")[:16], part=value("part")[:16],
            point=value("point")[:16], note=value("note")[:500],
        ))
    return preview


@bp.post("/<int:draft_id>/answer/import/confirm")
@login_required
def confirm_comments(draft_id: int):
    """Save the kept rows as the municipality's comments; a row that cannot be saved is marked, none saved."""
    draft, invitation = _answering(draft_id)
    if not ConfirmForm().validate():
        return _comments_page(draft, invitation, errors=[_("The form expired; upload the file again.")], status=400)
    preview = _posted_comments()
    items = [{"index": r.index, "choice": r.choice, "text": r.text, "wording": r.wording, "article": r.article,
              "part": r.part, "point": r.point} for r in preview.rows]
    try:
        saved = comment_import.confirm_comment_import(draft.id, current_user, items)
    except RECOVERABLE as exc:
        row_errors = {k: v for k, v in exc.errors.items() if k.startswith("row-")} if isinstance(exc, Invalid) else {}
        return _comments_page(draft, invitation, preview=preview if preview.rows else None,
                              errors=[exc.detail], row_errors=row_errors, status=exc.status)
    flash(_("%(count)s comments from the table were added to your municipality's answer.", count=len(saved)),
          "success")
    return redirect(url_for(".answer", draft_id=draft.id) + "#comments")


# -- The lawyer's decisions -----------------------------------------------------------------------------


def _table_draft(draft_id: int):
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_see_consolidation(current_user, draft))
    return draft


@bp.get("/<int:draft_id>/table/decisions.xlsx")
@login_required
def decisions_xlsx(draft_id: int):
    """The consolidation table as a workbook to decide in."""
    data, name = decision_import.decisions_xlsx(draft_id, current_user)
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)


def _shown_decision(value: str) -> str:
    """A decision value in the reader's language ("Reject (Nepritarti)" / "Nepritarti"); other words as written."""
    return str(DECISION_LABELS[value]) if value in DECISION_LABELS else decision_import.decision_label(value)


def _decisions_page(draft, *, upload=None, preview=None, result=None, errors=(), status=200):
    return render_template(
        "drafts/tables_decisions.html", draft=draft, editable=can_decide_comments(current_user, draft),
        upload=upload or DecisionUploadForm(formdata=None), confirm=ConfirmForm(formdata=None), preview=preview,
        result=result, errors=errors, field_labels=FIELD_LABELS, decision_label=_shown_decision,
        max_mb=MAX_BYTES // (1024 * 1024),
    ), status


@bp.get("/<int:draft_id>/table/import")
@login_required
def import_decisions_page(draft_id: int):
    """Download the decisions workbook, upload it edited."""
    return _decisions_page(_table_draft(draft_id))


@bp.post("/<int:draft_id>/table/import")
@login_required
def import_decisions(draft_id: int):
    """Read the edited workbook and show what would change, conflicts included; nothing is saved."""
    draft = _table_draft(draft_id)
    require(can_decide_comments(current_user, draft))
    form = DecisionUploadForm()
    upload = _upload(form)
    if upload is None:
        return _decisions_page(draft, upload=form, status=422)
    try:
        preview = decision_import.preview_decision_import(draft.id, current_user, *upload)
    except RECOVERABLE as exc:
        return _decisions_page(draft, upload=form, errors=show_errors(form, exc), status=exc.status)
    return _decisions_page(draft, preview=preview)


@bp.post("/<int:draft_id>/table/import/confirm")
@login_required
def confirm_decisions(draft_id: int):
    """Apply the ticked changes; conflicts only where ticked after being shown."""
    draft = _table_draft(draft_id)
    require(can_decide_comments(current_user, draft))
    if not ConfirmForm().validate():
        return _decisions_page(draft, errors=[_("The form expired; upload the file again.")], status=400)
    ticked, seen = set(request.form.getlist("apply")), set(request.form.getlist("seen"))
    items = []
    for raw in request.form.getlist("rows")[:decision_import.MAX_ITEMS]:
        if not raw.isdigit() or len(raw) > 9:
            continue
        new = {name: request.form[f"new-{raw}-{name}"] for name in FIELDS if f"new-{raw}-{name}" in request.form}
        base = {name: request.form.get(f"base-{raw}-{name}", "") for name in new}
        items.append({"comment_id": int(raw), "new": new, "base": base, "apply": raw in ticked,
                      "seen_conflict": raw in seen})
    try:
        result = decision_import.confirm_decision_import(draft.id, current_user, items)
    except RECOVERABLE as exc:
        return _decisions_page(draft, errors=[exc.detail], status=exc.status)
    flash(_("%(count)s decisions from the file were saved.", count=len(result.saved)), "success")
    if result.kept or result.problems:
        return _decisions_page(draft, result=result)
    return redirect(url_for(".table", draft_id=draft.id))
