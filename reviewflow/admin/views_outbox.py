"""Background jobs that failed for good, for an administrator to see and retry (routes on the admin
blueprint), and what the administrator's home says needs attention."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reviewflow.admin.views import bp
from reviewflow.models import Role
from reviewflow.permissions import roles_required
from reviewflow.services import handover, outbox


@bp.get("/outbox")
@roles_required(Role.ADMIN)
def failed_jobs():
    """Jobs that retrying could not fix (a mail refused for good, a broken template), with the reason."""
    return render_template("admin/outbox.html", jobs=outbox.failed_jobs())


@bp.post("/outbox/<int:job_id>/retry")
@roles_required(Role.ADMIN)
def retry_job(job_id: int):
    """Try a failed job once more, now (after the cause was fixed)."""
    if not outbox.retry_failed_job(job_id):
        abort(404)
    flash(_("The job was handed to the worker again."), "success")
    return redirect(url_for("admin.failed_jobs"))


def admin_attention() -> dict:
    """What the administrator's home shows: open drafts whose lawyer is inactive, and failed jobs."""
    if not (current_user.is_authenticated and current_user.has_role(Role.ADMIN)):
        return {"orphaned": [], "failed": 0}
    return {"orphaned": handover.orphaned_drafts(), "failed": len(outbox.failed_jobs())}


@bp.app_context_processor
def attention_helpers() -> dict:
    """Templates call ``admin_attention()`` only where they show it (the home page)."""
    return {"admin_attention": admin_attention}
