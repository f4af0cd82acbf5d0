"""The lifecycle actions: one form per transition, with exactly the fields the transition needs."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from reviewflow.drafts import loaders
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms_actions import transition_form
from reviewflow.drafts.helpers import payload_of, show_errors
from reviewflow.errors import RECOVERABLE, Forbidden, NotFound
from reviewflow.permissions import actor_of
from reviewflow.services import accounts, drafts, lifecycle, outcome, queries
from reviewflow.services.clock import vilnius_today
from reviewflow.workflows import TRANSITIONS, check_transition
from reviewflow.workflows.lifecycle import done_text

SCOPE_FIELDS = ("scope", "counties", "municipalities", "password", "provision_scope", "confirm")


def _waiting_in_time(draft) -> int:
    """How many invited municipalities have not answered while their deadline has not passed yet."""
    from sqlalchemy import func, select

    from reviewflow.extensions import db
    from reviewflow.models import AnswerStatus, Invitation

    return db.session.scalar(select(func.count(Invitation.id)).where(
        Invitation.draft_id == draft.id, Invitation.status == AnswerStatus.PENDING,
        Invitation.deadline >= vilnius_today(),
    )) or 0


def _confirmation(draft, name: str) -> str | None:
    """The sentence ticked before a step that cannot be undone: withdrawing, or closing a consultation early."""
    if name == "withdraw":
        return _("I confirm: withdraw this draft. A withdrawn draft cannot be taken up again.")
    if name == "close_consultation":
        waiting = _waiting_in_time(draft)
        if waiting:
            return ngettext("I confirm closing the consultation early: %(num)d municipality has not answered "
                            "and its deadline has not passed.",
                            "I confirm closing the consultation early: %(num)d municipalities have not answered "
                            "and their deadline has not passed.", waiting)
    return None


def _context(draft, name: str, ask_password: bool) -> dict:
    """Choices and defaults for the action's form (only what its fields use is loaded)."""
    needs = {n.rstrip("?") for n in TRANSITIONS[name].needs}
    today = vilnius_today()
    return {
        "lawyers": loaders.lawyers() if "lawyer" in needs else (),
        "committees": loaders.committees() if "committee" in needs else (),
        "committee": draft.committee.code if draft.committee else "",
        "municipalities": loaders.municipalities() if "municipalities" in needs else (),
        "dates": {
            "comment_deadline": lifecycle.default_comment_deadline(draft) if "comment_deadline" in needs else None,
            "meeting_date": today, "decision_date": today, "sent_date": today,
        },
        "ask_password": ask_password,
        "confirm": _confirmation(draft, name),
        # A later revision may be consulted on its changed provisions alone (forms_actions.provision_scope_field).
        "previous_revision": draft.previous_revision if "municipalities" in needs else None,
        "initiator_email": outcome.initiator_address(draft) if name == "mark_sent" else None,
    }


def _payload(form, ctx: dict) -> dict:
    """The transition's payload: the form's fields, the chosen municipalities as ISO codes."""
    payload = payload_of(form, *[f.short_name for f in form
                                 if f.short_name not in (*SCOPE_FIELDS, "csrf_token")])
    if "scope" in form._fields:
        codes = form.municipality_codes(ctx["municipalities"])
        if codes is not None:
            payload["municipalities"] = codes
    if "provision_scope" in form._fields:
        payload["scope"] = form.provision_scope.data
    return payload


def _password_confirmed(form) -> bool:
    """Check the re-entered password; a match counts as a fresh sign-in."""
    user = accounts.authenticate(current_user.email, form.password.data)
    if user is None or user.id != current_user.id:
        form.password.errors = [_("Wrong password.")]
        return False
    accounts.record_login(user)
    return True


@bp.route("/<int:draft_id>/act/<name>", methods=["GET", "POST"])
@login_required
def act(draft_id: int, name: str):
    """Show and handle the form of one lifecycle action the viewer may take now."""
    if name not in TRANSITIONS:
        abort(404)
    draft = drafts.get_draft_for(draft_id, current_user)
    if name not in lifecycle.allowed_for(draft, current_user):
        # The same refusal the action itself would give: 403 for the role, 409 for the state.
        refusal = check_transition(name, actor_of(current_user), lifecycle.draft_facts(draft))
        raise lifecycle.REFUSALS[refusal.kind](refusal.message)
    ask_password = name == "approve" and not lifecycle.is_recent(current_user)
    ctx = _context(draft, name, ask_password)
    form = transition_form(name, ctx)
    errors: list[str] = []
    status = 200
    if form.validate_on_submit():
        if not ask_password or _password_confirmed(form):
            # Told apart in the flash: closing while municipalities still had time is the step people must notice.
            early = name == "close_consultation" and _waiting_in_time(draft) > 0
            try:
                lifecycle.fire_transition(draft.id, name, current_user, _payload(form, ctx),
                                          recent_login=lifecycle.is_recent(current_user))
            except RECOVERABLE as exc:
                errors, status = show_errors(form, exc), exc.status
            else:
                flash(done_text(name, early), "success")
                try:
                    drafts.get_draft_for(draft.id, current_user)
                except (NotFound, Forbidden):
                    # The act took the draft out of the actor's sight (the board returned it): go home, not 404/403.
                    return redirect(url_for("home.my"))
                return redirect(url_for(".show", draft_id=draft.id))
    if request.method == "POST" and status == 200:
        status = 422
    return render_template(
        "drafts/action.html", draft=draft, name=name, form=form, errors=errors,
        workload=queries.lawyer_workload() if name == "assign" else None,
    ), status
