"""Municipal consultation pages: a deadline extension, and the specialist's answer page."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reviewflow.drafts import loaders
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms import ExtendForm
from reviewflow.drafts.forms_review import CommentForm, EmptyForm, NoCommentsForm
from reviewflow.drafts.helpers import payload_of, require, show_errors
from reviewflow.errors import RECOVERABLE, NotFound
from reviewflow.permissions import can_comment_for, can_extend_deadline, can_open_answer_page
from reviewflow.services import consultation, drafts, revision_scope, revisions
from reviewflow.services.consolidation import Anchors


def _answering(draft_id: int):
    """The draft and the specialist's invitation, or 403 when this is not their answer page."""
    draft = drafts.get_draft_for(draft_id, current_user)
    invitation = loaders.own_invitation(draft, current_user)
    require(can_open_answer_page(current_user, invitation))
    return draft, invitation


@bp.route("/<int:draft_id>/extend", methods=["GET", "POST"])
@login_required
def extend(draft_id: int):
    """Give one invited municipality a later comment deadline."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_extend_deadline(current_user, draft))
    invited = consultation.invitation_statuses(draft.id)
    form = ExtendForm(invited=invited)
    if request.method == "GET" and request.args.get("municipality"):
        form.municipality.data = request.args["municipality"]
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            consultation.extend_deadline(draft, current_user, payload_of(form))
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("The deadline was extended."), "success")
            return redirect(url_for(".show", draft_id=draft.id) + "#municipalities")
    status = 422 if request.method == "POST" else 200
    return render_template("drafts/extend.html", draft=draft, form=form, errors=errors,
                           invited=invited), status


def own_comments_in_order(draft, municipality_id: int) -> list:
    """The municipality's comments in the draft's document order (general comments first, as in the
    consolidation table), each provision's comments in the order they were written."""
    comments = loaders.own_comments(draft, municipality_id)  # oldest first: the sort below is stable
    anchors = Anchors(draft.id)
    return sorted(comments, key=anchors.order)


def _own_comment(draft, invitation, comment_id: int):
    """One of the municipality's comments, or 404 (another municipality's comment is not told apart)."""
    comment = next((c for c in loaders.own_comments(draft, invitation.municipality_id) if c.id == comment_id), None)
    if comment is None:
        raise NotFound("No such comment.")
    return comment


def _answer_page(draft, invitation, form=None, errors=(), status=200):
    """The answer page: the municipality's comments, the form for another, the ways to answer."""
    provisions = revisions.provisions_open_for_comment(draft)  # only the changed ones when limited
    open_ = can_comment_for(current_user, invitation, draft)
    return render_template(
        "drafts/answer.html", draft=draft, invitation=invitation, open=open_,
        status=consultation.status_of(invitation, draft_state=draft.state), provisions=provisions,
        limited_to=provisions if revision_scope.is_limited(draft) else None,
        comments=own_comments_in_order(draft, invitation.municipality_id),
        form=form or (CommentForm(provisions=provisions) if open_ else None), errors=errors,
        button=EmptyForm(),
    ), status


@bp.get("/<int:draft_id>/answer")
@login_required
def answer(draft_id: int):
    """The specialist's page for their municipality's answer."""
    return _answer_page(*_answering(draft_id))


@bp.post("/<int:draft_id>/answer/comments")
@login_required
def add_comment(draft_id: int):
    """Add a comment for the municipality."""
    # The draft with the invitation (locked) in one read; otherwise the answer page's own refusal.
    draft, invitation = consultation.answering(draft_id, current_user) or _answering(draft_id)
    # Held for the request: the service reads the chosen provision again from the session (no second look-up).
    chosen = loaders.provisions_to_validate(draft, request.form.get("provision_id"))
    form = CommentForm(provisions=chosen)
    if form.validate_on_submit():
        try:
            consultation.add_comment(draft, current_user, form.payload(), invitation=invitation)
        except RECOVERABLE as exc:
            form = _form_with_every_choice(draft)
            return _answer_page(draft, invitation, form, show_errors(form, exc), exc.status)
        flash(_("Comment added."), "success")
        return redirect(url_for(".answer", draft_id=draft.id) + "#comments")
    return _answer_page(draft, invitation, _form_with_every_choice(draft), status=422)


def _form_with_every_choice(draft):
    """The posted comment form again, offering every provision the page offers, with its messages."""
    form = CommentForm(provisions=revisions.provisions_open_for_comment(draft))
    form.validate()
    return form


@bp.route("/<int:draft_id>/answer/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(draft_id: int, comment_id: int):
    """Change one of the municipality's comments while the answer is open."""
    draft, invitation = _answering(draft_id)
    require(can_comment_for(current_user, invitation, draft))
    comment = _own_comment(draft, invitation, comment_id)
    provisions = revisions.provisions_open_for_comment(draft)
    if comment.provision is not None and comment.provision not in provisions:
        provisions = [comment.provision, *provisions]  # a carried comment may stay where it is when limited
    form = CommentForm(provisions=provisions, obj=comment if request.method == "GET" else None)
    if request.method == "GET" and "provision_id" in form._fields:
        form.provision_id.data = str(comment.provision_id or "")
    errors: list[str] = []
    if form.validate_on_submit():
        payload = form.payload()
        if "provision_id" not in payload:
            payload["provision_id"] = None
        try:
            consultation.edit_comment(comment.id, current_user, payload)
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("Comment changed."), "success")
            return redirect(url_for(".answer", draft_id=draft.id) + "#comments")
    status = 422 if request.method == "POST" else 200
    return render_template("drafts/comment_edit.html", draft=draft, comment=comment, form=form,
                           errors=errors), status


@bp.route("/<int:draft_id>/answer/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@login_required
def delete_comment(draft_id: int, comment_id: int):
    """Delete one of the municipality's comments while the answer is open: asked in the page first.

    The answer page links here; this page shows the comment and a button that sends ``confirm=y``. A post
    without it (an old page, a script) is shown the question instead of deleting.
    """
    draft, invitation = _answering(draft_id)
    if request.method == "GET" or request.form.get("confirm") != "y":
        comment = _own_comment(draft, invitation, comment_id)  # another municipality's: 404, never told apart
        require(can_comment_for(current_user, invitation, draft))
        return render_template("drafts/comment_delete.html", draft=draft, comment=comment, button=EmptyForm())
    if EmptyForm().validate_on_submit():
        try:
            consultation.delete_comment(comment_id, current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("Comment deleted."), "success")
    return redirect(url_for(".answer", draft_id=draft.id) + "#comments")


@bp.post("/<int:draft_id>/answer/submit")
@login_required
def submit_answer(draft_id: int):
    """Submit the municipality's comments as its answer."""
    draft, invitation = _answering(draft_id)
    if EmptyForm().validate_on_submit():
        if request.form.get("confirm") != "y":  # cannot be undone: only with the box ticked (browsers ask first)
            flash(_("Tick the box to confirm."), "danger")
            return redirect(url_for(".answer", draft_id=draft.id) + "#send-heading")
        try:
            consultation.submit_answer(draft, current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("Your municipality's answer was submitted."), "success")
    return redirect(url_for(".answer", draft_id=draft.id))


@bp.route("/<int:draft_id>/answer/no-comments", methods=["GET", "POST"])
@login_required
def no_comments(draft_id: int):
    """"Pastabų neturime": one click, then a confirmation."""
    draft, invitation = _answering(draft_id)
    require(can_comment_for(current_user, invitation, draft))
    form = NoCommentsForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            consultation.answer_no_comments(draft, current_user)
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("You answered that your municipality has no comments."), "success")
            return redirect(url_for(".answer", draft_id=draft.id))
    status = 422 if request.method == "POST" else 200
    return render_template("drafts/no_comments.html", draft=draft, form=form, errors=errors), status
