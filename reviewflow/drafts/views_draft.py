"""The draft page, registration, files, and reassignment with the lawyers' workload."""

from __future__ import annotations

import io

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from reviewflow.drafts import loaders, pending_uploads
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms import AssignForm, FileForm, LetterSubjectForm, RegisterForm, SignatoryChoiceForm
from reviewflow.drafts.helpers import payload_of, require, show_errors
from reviewflow.drafts.views_answers import OUTCOME_LABELS
from reviewflow.errors import RECOVERABLE, Invalid
from reviewflow.models import Role
from reviewflow.permissions import (
    can_attach_file,
    can_decide_comments,
    can_edit_letter_requisites,
    can_extend_deadline,
    can_open_answer_page,
    can_read_letter,
    can_reassign_draft,
    can_record_initiator_answer,
    can_see_all_comments,
    can_see_consolidation,
    can_see_invitation_statuses,
    is_lsa_staff,
    roles_required,
    visible_timeline,
)
from reviewflow.services import (
    answers,
    consultation,
    drafts,
    letters,
    lifecycle,
    outcome,
    queries,
    signatories,
    timeline_text,
)
from reviewflow.services.draft_numbers import DuplicateDraft, SameIncomingLetter

# LSA's decision as the municipality hears it, once the letter is sent (Pritarta / Pritarta iš dalies / Nepritarta).
LSA_DECISION_LABELS = {
    "accepted": _l("Supported by LSA"),
    "partly_accepted": _l("Partly supported by LSA"),
    "rejected": _l("Not supported by LSA"),
}

REGISTER_FIELDS = (
    "title", "number", "kind", "institution", "incoming_letter_number", "incoming_letter_date",
    "received_date", "reply_deadline", "tais_url", "related_act",
)


def _status(form, errors) -> int:
    """200 for a fresh form, 422 when a sent form comes back with messages."""
    return 422 if request.method == "POST" and (form.errors or errors) else 200


@bp.get("/<int:draft_id>")
@login_required
def show(draft_id: int):
    """Everything about one draft the viewer may see, and the actions they may take now."""
    draft = drafts.get_draft_for(draft_id, current_user)
    user = current_user
    invitation = loaders.own_invitation(draft, user)
    staff_view = can_see_all_comments(user)
    timeline = visible_timeline(user, queries.timeline(draft.id))  # the API's timeline follows the same rule
    # Staff: the guard counts, the position, opinions and decisions come in one statement.
    facts = loaders.staff_facts(draft) if staff_view else None
    return render_template(
        "drafts/show.html", draft=draft, invitation=invitation,
        actions=lifecycle.allowed_for(draft, user, facts.counts if facts else None),
        statuses=consultation.invitation_statuses(draft.id) if can_see_invitation_statuses(user) else None,
        status_of=consultation.status_of,
        timeline=timeline, timeline_texts=timeline_text.timeline_texts(timeline),
        position=facts.position if facts else None,
        opinions=facts.opinions if facts else (),
        decisions=facts.decisions if facts else (),
        provisions=loaders.provisions(draft), staff_view=staff_view,
        file_form=FileForm() if can_attach_file(user, draft) else None,
        may={
            "answer": can_open_answer_page(user, invitation),
            "table": can_see_consolidation(user, draft),
            "extend": can_extend_deadline(user, draft),
            "reassign": can_reassign_draft(user, draft),
            "position": can_decide_comments(user, draft),
            "letter": is_lsa_staff(user),
            "initiator_answers": can_record_initiator_answer(user, draft),
        },
        letter_versions=letters.letter_versions(draft.id) if can_read_letter(user, draft) else None,
        outcome=outcome.outcome_for(draft, user), outcome_labels=OUTCOME_LABELS,
        decision_labels=LSA_DECISION_LABELS, provision_text=answers.provision_text,
        **_letter_requisites(draft, user),
    )


def _letter_requisites(draft, user) -> dict:
    """The letter's subject and signatory for LSA staff, with the forms to change them before approval."""
    if not is_lsa_staff(user):
        return {"letter_subject": None, "subject_form": None, "signatory": None, "signatory_form": None}
    editable = can_edit_letter_requisites(user, draft)
    chosen = signatories.letter_signatories(draft)  # the choices, the default and who signs: one statement
    return {
        "letter_subject": letters.letter_subject_for(draft),
        "subject_form": LetterSubjectForm(data={"letter_subject": letters.letter_subject_for(draft)})
        if editable else None,
        "signatory": chosen.signing,
        "signatory_form": SignatoryChoiceForm(
            signatories=chosen.active, default=chosen.default,
            data={"signatory": str(draft.signatory_id) if draft.signatory_id else ""},
        ) if editable else None,
    }


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.LAWYER, Role.ADMIN)
def register():
    """Register an incoming draft with its files; the short-deadline warning is shown once saved."""
    form = RegisterForm(institutions=loaders.institutions())
    errors: list[str] = []
    duplicate = same_letter = None
    if request.method == "GET":
        pending_uploads.forget()  # a fresh form: files kept for an abandoned one are not offered again
    if form.validate_on_submit():
        uploads = pending_uploads.collect(form)  # newly chosen, or kept from a refused submission
        payload = payload_of(form, *REGISTER_FIELDS)
        if form.allow_duplicate.data:
            payload["allow_duplicate"] = True
        try:
            result = drafts.register_draft(payload, current_user, uploads,
                                           confirm_same_letter=not form.allow_same_letter.data)
        except SameIncomingLetter as exc:  # a warning to confirm: shown with the other draft and a box
            same_letter = exc.existing
        except DuplicateDraft as exc:
            # Shown with a link to the registered draft and a box to register a second one anyway.
            duplicate = exc.existing
        except Invalid as exc:
            errors = show_errors(form, exc)
        else:
            pending_uploads.forget()
            flash(_("Draft registered."), "success")
            if result.previous:
                flash(_("Registered as a new revision of %(number)s.", number=result.previous.number_raw), "info")
            if result.warning:
                flash(_("The stated reply deadline is shorter than the usual %(days)d working days.",
                        days=current_app.config["DEFAULT_REPLY_WORKING_DAYS"]), "warning")
            if result.structure_warning:  # a PDF scan: comments on it can only be general
                flash(result.structure_warning, "warning")
            return redirect(url_for(".show", draft_id=result.draft.id))
    if request.method == "POST":  # shown again with messages: keep the files, the browser will not
        pending_uploads.keep(form, pending_uploads.collect(form))
    status = 409 if duplicate or same_letter else _status(form, errors)
    return render_template("drafts/register.html", form=form, errors=errors, duplicate=duplicate,
                           same_letter=same_letter, kept=pending_uploads.kept()), status


@bp.get("/<int:draft_id>/files/<int:file_id>")
@login_required
def download(draft_id: int, file_id: int):
    """Download one of the draft's files."""
    record, data = drafts.read_file(draft_id, file_id, current_user)
    return send_file(io.BytesIO(data), mimetype=record.content_type, as_attachment=True,
                     download_name=record.original_name)


@bp.post("/<int:draft_id>/files")
@login_required
def upload(draft_id: int):
    """Attach one more file to the draft."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_attach_file(current_user, draft))
    form = FileForm()
    if form.validate_on_submit():
        try:
            record = drafts.attach_file(draft.id, current_user, form.role.data, form.file.data.filename,
                                        form.file.data.read())
        except Invalid as exc:
            for message in show_errors(form, exc) + list(form.file.errors or []):
                flash(message, "danger")
        else:
            flash(_("File attached."), "success")
            if record.structure_warning:  # a PDF scan: comments on it can only be general
                flash(record.structure_warning, "warning")
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
    return redirect(url_for(".show", draft_id=draft.id) + "#files")


@bp.route("/<int:draft_id>/reassign", methods=["GET", "POST"])
@login_required
def reassign(draft_id: int):
    """Change the responsible lawyer or the committee, seeing every lawyer's workload."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_reassign_draft(current_user, draft))
    form = AssignForm(lawyers=loaders.lawyers(), committees=loaders.committees(), data={
        "lawyer": draft.lawyer.email if draft.lawyer else "",
        "committee": draft.committee.code if draft.committee else "",
    } if request.method == "GET" else None)
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            lifecycle.reassign_draft(draft.id, current_user, payload_of(form))
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("The draft was reassigned."), "success")
            return redirect(url_for(".show", draft_id=draft.id))
    return render_template("drafts/reassign.html", draft=draft, form=form, errors=errors,
                           workload=queries.lawyer_workload()), _status(form, errors)


@bp.post("/<int:draft_id>/letter-subject")
@login_required
def letter_subject(draft_id: int):
    """Correct the letter's subject line before approval (empty: back to the generated one)."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_edit_letter_requisites(current_user, draft))
    form = LetterSubjectForm()
    if form.validate_on_submit():
        try:
            drafts.set_letter_subject(draft.id, current_user, form.letter_subject.data)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("The letter's subject was saved."), "success")
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
    return redirect(url_for(".show", draft_id=draft.id) + "#requisites")


@bp.post("/<int:draft_id>/signatory")
@login_required
def choose_signatory(draft_id: int):
    """Choose who signs the draft's letter, before approval."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_edit_letter_requisites(current_user, draft))
    form = SignatoryChoiceForm(signatories=signatories.active_signatories())
    if form.validate_on_submit():
        chosen = int(form.signatory.data) if (form.signatory.data or "").isdigit() else None
        try:
            drafts.set_draft_signatory(draft.id, current_user, chosen)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("The letter's signatory was saved."), "success")
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
    return redirect(url_for(".show", draft_id=draft.id) + "#requisites")
