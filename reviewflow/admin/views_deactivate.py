"""Deactivating a user in one step with the handover of their open drafts (routes on the admin blueprint)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reviewflow.admin.views import bp
from reviewflow.errors import Invalid
from reviewflow.models import Role
from reviewflow.permissions import roles_required
from reviewflow.services import accounts, handover


def _choices(drafts, form) -> dict[int, str]:
    """The successor chosen for each draft: its own choice, else the one chosen for all."""
    everyone = (form.get("all") or "").strip()
    return {draft.id: (form.get(f"draft_{draft.id}") or "").strip() or everyone for draft in drafts}


@bp.route("/users/<int:user_id>/deactivation", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def deactivation(user_id: int):
    """The user's open drafts, a successor for all or for each, and the deactivation, in one step."""
    user = accounts.get_user(user_id)
    drafts = handover.open_drafts_of(user.id)
    successors = handover.successors_for(user.id)
    chosen, general = {}, []
    if request.method == "POST":
        chosen = _choices(drafts, request.form)
        try:
            handover.deactivate_with_handover(user.id, current_user._get_current_object(), chosen)
        except Invalid as exc:
            general = [exc.detail]
        else:
            if drafts:
                flash(_("%(name)s can no longer sign in; %(count)s open draft(s) were handed over.",
                        name=user.name, count=len(drafts)), "success")
            else:
                flash(_("%(name)s can no longer sign in.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    status = 422 if general else 200
    return render_template("admin/deactivation.html", user=user, drafts=drafts, successors=successors,
                           chosen=chosen, general=general), status
