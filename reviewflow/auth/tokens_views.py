"""The user's API tokens on the profile: issue one (with the password again), list, revoke."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.errors import RECOVERABLE
from reviewflow.services import tokens

bp = Blueprint("tokens", __name__)


@bp.route("/profile/tokens", methods=["GET", "POST"])
@login_required
def index():
    """List the user's tokens; POST issues a new one, shown once."""
    new_token = error = None
    label = ""
    if request.method == "POST":
        label = request.form.get("label", "")
        try:
            new_token, _record = tokens.issue_token(
                {"email": current_user.email, "password": request.form.get("password", ""), "label": label}
            )
        except (*RECOVERABLE, tokens.WrongCredentials) as exc:  # a mistyped password is typed again here
            error = exc.detail
    status = 422 if error else 200
    return render_template("auth/tokens.html", tokens=tokens.list_tokens(current_user), new_token=new_token,
                           error=error, label=label), status


@bp.post("/profile/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    """Revoke one of the user's tokens."""
    tokens.revoke_token(token_id, current_user)
    flash(_("The token was revoked."), "success")
    return redirect(url_for("tokens.index"))
