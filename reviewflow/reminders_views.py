"""The personal calendar feed (no login, secret URL) and the user's reminder settings."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.services import calendar_feed, reminders

bp = Blueprint("reminders", __name__)


@bp.get("/calendar/<token>.ics")
def calendar(token: str):
    """The deadlines of the person whose secret token this is, as iCalendar; 404 for any other token."""
    user = calendar_feed.user_by_calendar_token(token)
    if user is None:
        abort(404)
    response = Response(calendar_feed.build_calendar(user), mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="reviewflow.ics"'
    response.headers["Cache-Control"] = "private, no-store"
    # The URL is the credential: keep it out of search engines and other sites' logs.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.post("/profile/calendar/reset")
@login_required
def reset_calendar():
    """Give the signed-in user a new feed URL; the old one answers 404 from now on."""
    calendar_feed.reset_calendar_token(current_user.id)
    flash(_("Your calendar address was reset: subscribe again with the new one."), "success")
    return redirect(url_for("auth.profile"))


@bp.post("/profile/reminders")
@login_required
def reminder_settings():
    """Choose single reminder mails or one daily digest."""
    mode = request.form.get("mode")
    if mode not in ("single", "digest"):
        abort(400)
    reminders.set_digest_mode(current_user.id, mode == "digest")
    flash(_("Reminder settings saved."), "success")
    return redirect(url_for("auth.profile"))
