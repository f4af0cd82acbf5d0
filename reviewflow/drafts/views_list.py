"""The drafts list (filters kept in the URL) and the default-deadline look-up for the registration form."""

from __future__ import annotations

from datetime import date

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow import calendar
from reviewflow.drafts import loaders
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms import DraftFilterForm
from reviewflow.errors import Invalid
from reviewflow.models import Role
from reviewflow.permissions import can_register_draft, is_lsa_staff, roles_required
from reviewflow.services import queries
from reviewflow.services.drafts import default_reply_deadline

PER_PAGE = 25


def _filter_of(form: DraftFilterForm) -> queries.DraftFilter:
    """The query's filter from a validated form."""
    return queries.DraftFilter(
        state=form.state.data or None, institution=form.institution.data or None,
        lawyer=form.lawyer.data or None, committee=form.committee.data or None,
        kind=form.kind.data or None,
        deadline_from=form.deadline_from.data, deadline_to=form.deadline_to.data,
        received_from=form.received_from.data, received_to=form.received_to.data,
        text=(form.text.data or "").strip() or None, sort=form.sort.data or "deadline",
        page=max(1, form.page.data or 1), per_page=PER_PAGE,
    )


@bp.get("/")
@login_required
def index():
    """Drafts the user may see, filtered, sorted and paginated."""
    staff = is_lsa_staff(current_user)
    choices = loaders.filter_choices(with_lawyers=staff)
    form = DraftFilterForm(
        formdata=request.args, institutions=choices.institutions,
        lawyers=choices.lawyers, committees=choices.committees,
    )
    page, errors = None, []
    if form.validate():
        try:
            page = queries.list_drafts(current_user, _filter_of(form))
        except Invalid as exc:
            errors = [exc.detail]
    else:
        # A field the page does not show (the page number; the lawyer filter for non-staff) says what was wrong
        # above the form: a bad value in the URL is never refused without a word.
        hidden = {"page"} | (set() if staff else {"lawyer"})
        errors = [f"{form[name].label.text}: {message}" for name in sorted(hidden) for message in form[name].errors]
    args = {k: v for k, v in request.args.items() if v and k != "page"}
    return render_template(
        "drafts/list.html", form=form, page=page, errors=errors, args=args, staff=staff,
        can_register=can_register_draft(current_user),
    ), (200 if page is not None else 422)


@bp.get("/default-deadline")
@roles_required(Role.LAWYER, Role.ADMIN)
def default_deadline():
    """JSON: the default reply deadline for a received date (the registration form shows it live)."""
    try:
        received = date.fromisoformat(request.args.get("received", ""))
    except ValueError:
        return jsonify({"error": _("Enter a date like 2026-11-27.")}), 422
    deadline = default_reply_deadline(received)
    return jsonify({
        "received": received.isoformat(), "default_deadline": deadline.isoformat(),
        "working_days": calendar.working_days_between(received, deadline),
        "text": _("Default reply deadline: %(date)s (%(days)d working days after receipt).",
                  date=deadline.isoformat(), days=calendar.working_days_between(received, deadline)),
    })
