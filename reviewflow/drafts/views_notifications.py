"""In-app notifications: the list, and marking them read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.drafts.forms_review import EmptyForm
from reviewflow.services import notifications

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    """The user's latest notices, unread ones marked."""
    return render_template(
        "drafts/notifications.html", notices=notifications.list_notifications(current_user.id),
        unread=notifications.unread_count(current_user.id), form=EmptyForm(), render=notifications.render,
    )


@bp.post("/read")
@login_required
def mark_read():
    """Mark every notice read."""
    if EmptyForm().validate_on_submit():
        notifications.mark_all_read(current_user.id)
        flash(_("All notifications marked read."), "success")
    return redirect(url_for(".index"))
