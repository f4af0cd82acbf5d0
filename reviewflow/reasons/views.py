"""Saved reasons: a lawyer's list with add, edit and delete (after a confirmation in the page)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.drafts.forms_review import EmptyForm
from reviewflow.drafts.helpers import require, show_errors
from reviewflow.errors import RECOVERABLE
from reviewflow.models import Role
from reviewflow.permissions import can_edit_saved_reason, can_keep_saved_reasons
from reviewflow.reasons.forms import SavedReasonForm
from reviewflow.services import saved_reasons

bp = Blueprint("reasons", __name__, url_prefix="/reasons")


def _form(**kwargs) -> SavedReasonForm:
    """The form; only administrators choose to share a reason."""
    form = SavedReasonForm(**kwargs)
    if not current_user.has_role(Role.ADMIN):
        del form.shared
    return form


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    """The reasons the user may insert, and a form to add one."""
    require(can_keep_saved_reasons(current_user))
    form = _form()
    errors: list[str] = []
    if form.validate_on_submit():
        payload = {"text": form.text.data, "shared": bool("shared" in form._fields and form.shared.data)}
        try:
            saved_reasons.add_saved_reason(current_user, payload)
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("Reason saved."), "success")
            return redirect(url_for(".index"))
    status = 422 if request.method == "POST" else 200
    reasons = saved_reasons.reasons_for(current_user)
    return render_template("reasons/index.html", form=form, errors=errors, reasons=reasons,
                           editable={r.id for r in reasons if can_edit_saved_reason(current_user, r)}), status


@bp.route("/<int:reason_id>", methods=["GET", "POST"])
@login_required
def edit(reason_id: int):
    """Change a reason's text."""
    require(can_keep_saved_reasons(current_user))
    reason = saved_reasons.get_reason_for(reason_id, current_user)
    form = _form(data={"text": reason.text} if request.method == "GET" else None)
    if "shared" in form._fields:
        del form.shared  # whether a reason is shared is chosen when it is added
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            saved_reasons.edit_saved_reason(reason.id, current_user, {"text": form.text.data})
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("Reason changed."), "success")
            return redirect(url_for(".index"))
    status = 422 if request.method == "POST" else 200
    return render_template("reasons/edit.html", form=form, errors=errors, reason=reason), status


@bp.route("/<int:reason_id>/delete", methods=["GET", "POST"])
@login_required
def delete(reason_id: int):
    """Ask first (in the page), then delete the reason."""
    require(can_keep_saved_reasons(current_user))
    reason = saved_reasons.get_reason_for(reason_id, current_user)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            saved_reasons.delete_saved_reason(reason.id, current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("Reason deleted."), "success")
        return redirect(url_for(".index"))
    return render_template("reasons/delete.html", form=form, reason=reason)
