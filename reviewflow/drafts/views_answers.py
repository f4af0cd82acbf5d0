"""The initiator's answer page: per proposal LSA sent, what LSA asked and what the initiator answered.

The lawyer records an answer by hand, or uploads the answer document and confirms (or corrects) the proposed
matches before anything is saved.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms import long_text
from reviewflow.drafts.helpers import require, show_errors
from reviewflow.errors import RECOVERABLE
from reviewflow.permissions import can_record_initiator_answer, can_see_initiator_answers
from reviewflow.services import answers, drafts

OUTCOME_LABELS = {
    "taken": _l("Taken into account"),
    "partly": _l("Partly taken into account"),
    "not_taken": _l("Not taken into account"),
}


class AnswerForm(FlaskForm):
    """The initiator's answer to one proposal: the outcome, their arguments, the document it came from."""

    # Starts empty: the answer is read from the initiator's document, never a preselected "Atsižvelgta".
    outcome = SelectField(_l("Initiator's answer"), choices=[SelectChoice("", _l("Choose…"))] + [
        SelectChoice(k, v) for k, v in OUTCOME_LABELS.items()],
        validators=[DataRequired(_l("This field is required."))])
    arguments = long_text(_l("Initiator's arguments"), [Optional()])
    source = StringField(_l("Source document"), validators=[Optional(), Length(max=300)])


class AnswerImportForm(FlaskForm):
    """The initiator's answer document: a Seimas committee conclusion or a derinimo pažyma, as DOCX or PDF."""

    file = FileField(_l("Answer document (DOCX or PDF)"))


class ConfirmImportForm(FlaskForm):
    """Only the CSRF token: the rows come as numbered fields, one group per row of the preview."""


def _draft(draft_id: int):
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_see_initiator_answers(current_user, draft))
    return draft


def _answer_form(comment) -> AnswerForm:
    return AnswerForm(prefix=f"a{comment.id}", formdata=None, data={
        "outcome": comment.initiator_outcome or "", "arguments": comment.initiator_arguments or "",
        "source": comment.initiator_source or "",
    })


def _page(draft, *, preview=None, failed: AnswerForm | None = None, failed_id: int | None = None,
          upload: AnswerImportForm | None = None, errors=(), status: int = 200):
    result = answers.answers_for(draft.id, current_user)
    editable = can_record_initiator_answer(current_user, draft)
    forms = {c.id: failed if c.id == failed_id else _answer_form(c) for c in result.items} if editable else {}
    return render_template(
        "drafts/answers.html", draft=draft, items=result.items, counts=result.counts, forms=forms,
        municipalities=result.municipalities,
        editable=editable, upload=upload or AnswerImportForm(formdata=None), preview=preview,
        confirm=ConfirmImportForm(formdata=None), outcome_labels=OUTCOME_LABELS, errors=errors,
        provision_text=answers.provision_text,
    ), status


@bp.get("/<int:draft_id>/answers")
@login_required
def answers_page(draft_id: int):
    """What LSA asked and what the initiator answered, per proposal LSA sent."""
    return _page(_draft(draft_id))


@bp.post("/<int:draft_id>/answers/<int:comment_id>")
@login_required
def record_answer(draft_id: int, comment_id: int):
    """Record the initiator's answer to one proposal by hand."""
    draft = _draft(draft_id)
    form = AnswerForm(prefix=f"a{comment_id}")
    if not form.validate():
        return _page(draft, failed=form, failed_id=comment_id, status=422)
    try:
        answers.record_answer(comment_id, current_user, {
            "outcome": form.outcome.data, "arguments": form.arguments.data, "source": form.source.data})
    except RECOVERABLE as exc:
        return _page(draft, failed=form, failed_id=comment_id, errors=show_errors(form, exc), status=exc.status)
    flash(_("The initiator's answer is recorded."), "success")
    return redirect(url_for("drafts.answers_page", draft_id=draft.id) + f"#proposal-{comment_id}")


@bp.post("/<int:draft_id>/answers/import")
@login_required
def import_answers(draft_id: int):
    """Read the uploaded answer document and show the proposed matches; nothing is saved."""
    draft = _draft(draft_id)
    form = AnswerImportForm()
    upload = form.file.data
    if not form.validate() or not upload or not upload.filename:
        form.file.errors = [*form.file.errors, _("Choose a file to upload.")]
        return _page(draft, upload=form, status=422)
    try:
        preview = answers.import_answers(draft.id, current_user, upload.filename, upload.read())
    except RECOVERABLE as exc:
        return _page(draft, upload=form, errors=show_errors(form, exc), status=exc.status)
    return _page(draft, preview=preview, upload=form)


@bp.post("/<int:draft_id>/answers/import/confirm")
@login_required
def confirm_import(draft_id: int):
    """Save the rows the lawyer kept, each with the proposal chosen for it; rows left unchosen are skipped."""
    draft = _draft(draft_id)
    form = ConfirmImportForm()
    if not form.validate():
        return _page(draft, errors=[_("The form expired; upload the document again.")], status=400)
    chosen = []
    for row in request.form.getlist("rows"):
        comment_id = request.form.get(f"comment-{row}", "")
        if not comment_id.isdigit():
            continue
        chosen.append({"row": int(row) if row.isdigit() else None, "comment_id": int(comment_id),
                       "outcome": request.form.get(f"outcome-{row}", ""),
                       "arguments": request.form.get(f"arguments-{row}", "")})
    try:
        saved = answers.confirm_import(draft.id, current_user, chosen, request.form.get("source") or None)
    except RECOVERABLE as exc:
        return _page(draft, errors=show_errors(None, exc), status=exc.status)
    flash(_("%(count)s answers of the initiator are recorded.", count=len(saved)), "success")
    return redirect(url_for("drafts.answers_page", draft_id=draft.id))
