"""The consolidation table (decisions inline, merges, contradictions) and the LSA position editor."""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from reviewflow.drafts import loaders
from reviewflow.drafts.blueprint import bp
from reviewflow.drafts.forms_consolidation import BulkDecideForm, NoteForm
from reviewflow.drafts.forms_review import DECISION_LABELS, DecideForm, EmptyForm, MergeForm, PositionForm, ProposalForm
from reviewflow.drafts.helpers import payload_of, require, show_errors
from reviewflow.errors import RECOVERABLE, Forbidden
from reviewflow.models import Stance
from reviewflow.permissions import (
    can_add_lsa_proposal,
    can_decide_comments,
    can_read_internal_notes,
    can_see_consolidation,
    can_write_internal_note,
    consolidation_refusal,
)
from reviewflow.services import consolidation, consultation, drafts, internal_notes, letters, saved_reasons

# Dates (2026-12-08), act and draft numbers (XIV-1268, XIVP-2435(2)), register codes (2022-15614) and
# numbers with spaces (1 000 000): kept on one line inside free text, where a browser breaks at a hyphen.
UNBREAKABLE = re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|[IVXL]+P?-\d+(?:\(\d+\))?|\d{4}-\d{4,6}|\d{1,3}(?: \d{3})+)(?![\w-])")


@bp.app_template_filter("nobreak")
def nobreak(text: str | None) -> Markup:
    """Escape ``text`` and wrap its dates and numbers so that they never break across lines."""
    escaped = str(escape(text or ""))
    return Markup(UNBREAKABLE.sub(lambda m: f'<span class="text-nowrap">{m.group(0)}</span>', escaped))


def _viewable(draft_id: int):
    """The draft, when the viewer may see its comments table."""
    draft = drafts.get_draft_for(draft_id, current_user)
    if not can_see_consolidation(current_user, draft):  # say why: not open yet, and whose draft it is
        raise Forbidden(consolidation_refusal(current_user, draft) or _("Your role does not allow this."))
    return draft


def _decide_form(comment) -> DecideForm:
    """The decision form of one proposal, LSA's words prefilled from the municipality's until written."""
    return DecideForm(prefix=f"c{comment.id}", formdata=None, data={
        "decision": comment.decision.value if comment.decision else "", "reasons": comment.reasons or "",
        "lsa_text": comment.lsa_text or comment.text or "",
        "lsa_wording": comment.lsa_wording or comment.proposed_wording or "",
    })


def words_unfolded(comment, form: DecideForm) -> bool:
    """Whether LSA's text and wording stand open: a partial acceptance needs them, LSA changed them, or they
    hold an error; otherwise they stay folded so that several proposals fit on a screen."""
    if form.lsa_text.errors or form.lsa_wording.errors or form.decision.data == "partly_accepted":
        return True
    return ((form.lsa_text.data or "").strip() != (comment.text or "").strip()
            or (form.lsa_wording.data or "").strip() != (comment.proposed_wording or "").strip())


def row_numbers(groups) -> dict[int, int]:
    """The table's running numbers (Eil. Nr.) by comment id: what people cite instead of database ids."""
    return {c.id: n for n, c in enumerate((c for g in groups for c in g.comments), start=1)}


def _table_page(draft, failed: DecideForm | None = None, failed_id: int | None = None,
                proposal: ProposalForm | None = None, errors=(), status: int = 200,
                bulk: BulkDecideForm | None = None, note: tuple[int, NoteForm] | None = None):
    """Render the table; a refused decision or proposal keeps what was typed where it was typed.

    Notes and saved reasons come in one query each, whatever the number of proposals.
    """
    groups = consolidation.consolidated_table(draft.id)
    numbers = row_numbers(groups)
    for group in groups:  # the merge form names proposals by these numbers too (forms_review.merge_label)
        for comment in group.comments:
            comment.row_no = numbers[comment.id]
    editable = can_decide_comments(current_user, draft)
    forms, merges, unfolded = {}, {}, {}
    if editable:
        for index, group in enumerate(groups):
            # A comment its municipality has not submitted yet gets no decision form: LSA decides on answers.
            ready = [comment for comment in group.comments if comment.submitted]
            for comment in ready:
                forms[comment.id] = failed if comment.id == failed_id else _decide_form(comment)
                unfolded[comment.id] = words_unfolded(comment, forms[comment.id])
            if len(ready) > 1:
                merges[index] = MergeForm(prefix=f"g{index}", formdata=None, comments=ready)
    can_add = can_add_lsa_proposal(current_user, draft)
    if can_add and proposal is None:
        proposal = ProposalForm(prefix="lsa", formdata=None, provisions=loaders.provisions(draft))
    reasons = saved_reasons.reasons_for(current_user) if editable else []
    return render_template(
        "drafts/table.html", draft=draft, groups=groups, editable=editable, forms=forms, merges=merges,
        unfolded=unfolded, errors=errors, position=consolidation.current_position(draft.id), button=EmptyForm(),
        proposal=proposal if can_add else None, numbers=numbers,
        bulk=(bulk or BulkDecideForm(formdata=None)) if editable else None,
        reasons=reasons, reason_texts={str(r.id): r.text for r in reasons},
        notes=internal_notes.notes_by_comment(draft, current_user),
        may_read_notes=can_read_internal_notes(current_user, draft),
        note_form=NoteForm(formdata=None) if can_write_internal_note(current_user, draft) else None,
        failed_note=note,
    ), status


@bp.get("/<int:draft_id>/table")
@login_required
def table(draft_id: int):
    """Comments grouped by provision in document order; the lawyer decides inline."""
    return _table_page(_viewable(draft_id))


@bp.post("/<int:draft_id>/comments/<int:comment_id>/decide")
@login_required
def decide(draft_id: int, comment_id: int):
    """Record the lawyer's decision and reasons on one proposal."""
    draft = _viewable(draft_id)
    require(can_decide_comments(current_user, draft))
    form = DecideForm(prefix=f"c{comment_id}")
    if form.validate_on_submit():
        try:
            consolidation.decide_comment(comment_id, current_user,
                                         payload_of(form, "decision", "reasons", "lsa_text", "lsa_wording"))
        except RECOVERABLE as exc:
            return _table_page(draft, form, comment_id, errors=show_errors(form, exc), status=exc.status)
        flash(_("Decision saved."), "success")
        return redirect(url_for(".table", draft_id=draft.id) + f"#comment-{comment_id}")
    return _table_page(draft, form, comment_id, errors=[_("The decision was not saved: see the comment.")],
                       status=422)


@bp.post("/<int:draft_id>/merge/<int:group>")
@login_required
def merge(draft_id: int, group: int):
    """Merge identical proposals on one provision, keeping every proposer."""
    draft = _viewable(draft_id)
    require(can_decide_comments(current_user, draft))
    groups = consolidation.consolidated_table(draft.id)
    comments = groups[group].comments if 0 <= group < len(groups) else []
    form = MergeForm(prefix=f"g{group}", comments=comments)
    if form.validate_on_submit():
        try:
            consolidation.merge_comments(int(form.target.data), form.merged_ids(), current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("Proposals merged."), "success")
            return redirect(url_for(".table", draft_id=draft.id) + f"#comment-{int(form.target.data)}")
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(message, "danger")
    return redirect(url_for(".table", draft_id=draft.id) + f"#group-{group}")


@bp.post("/<int:draft_id>/proposals")
@login_required
def add_proposal(draft_id: int):
    """Add a proposal of LSA's own (the lawyer in consolidation, the committee in its review)."""
    draft = _viewable(draft_id)
    require(can_add_lsa_proposal(current_user, draft))
    form = ProposalForm(prefix="lsa", provisions=loaders.provisions(draft))
    if form.validate_on_submit():
        try:
            comment = consolidation.add_lsa_proposal(draft.id, current_user, form.payload())
        except RECOVERABLE as exc:
            return _table_page(draft, proposal=form, errors=show_errors(form, exc), status=exc.status)
        flash(_("LSA's proposal added."), "success")
        return redirect(url_for(".table", draft_id=draft.id) + f"#comment-{comment.id}")
    return _table_page(draft, proposal=form, errors=[_("The proposal was not added: see the form.")], status=422)


@bp.post("/<int:draft_id>/proposals/<int:comment_id>/delete")
@login_required
def delete_proposal(draft_id: int, comment_id: int):
    """Remove a proposal of LSA's own."""
    draft = _viewable(draft_id)
    require(can_add_lsa_proposal(current_user, draft))
    if EmptyForm().validate_on_submit():
        try:
            consultation.delete_comment(comment_id, current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("LSA's proposal removed."), "success")
    return redirect(url_for(".table", draft_id=draft.id))


@bp.post("/<int:draft_id>/comments/<int:comment_id>/unmerge")
@login_required
def unmerge(draft_id: int, comment_id: int):
    """Let a merged proposal stand on its own again."""
    draft = _viewable(draft_id)
    require(can_decide_comments(current_user, draft))
    if EmptyForm().validate_on_submit():
        try:
            consolidation.unmerge_comment(comment_id, current_user)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("The proposal stands on its own again."), "success")
    return redirect(url_for(".table", draft_id=draft.id) + f"#comment-{comment_id}")


@bp.post("/<int:draft_id>/decide")
@login_required
def decide_many(draft_id: int):
    """One decision and reasons for the ticked proposals: shown for confirmation first, then saved at once."""
    draft = _viewable(draft_id)
    require(can_decide_comments(current_user, draft))
    form = BulkDecideForm()
    if not form.validate_on_submit():
        return _table_page(draft, bulk=form, status=422,
                           errors=[_("The decision was not given: see the form under the table.")])
    ids = list(dict.fromkeys(form.bulk_comments.data))
    if form.bulk_confirmed.data != "yes":
        groups = consolidation.consolidated_table(draft.id)
        numbers = row_numbers(groups)
        chosen = [(g, c) for g in groups for c in g.comments if c.id in ids]
        if len(chosen) != len(ids):
            message = _("Some of the chosen proposals are not on this draft.")
            return _table_page(draft, bulk=form, errors=[message], status=422)
        return render_template("drafts/bulk_confirm.html", draft=draft, form=form, chosen=chosen, numbers=numbers,
                               decision_label=DECISION_LABELS[form.bulk_decision.data],
                               replaced=sum(1 for _group, c in chosen if c.decision is not None))
    try:
        decided = consolidation.decide_comments(draft.id, current_user, ids, form.payload())
    except RECOVERABLE as exc:
        return _table_page(draft, bulk=form, errors=show_errors(form, exc), status=exc.status)
    flash(ngettext("Decision “%(decision)s” given to %(num)d proposal.",
                   "Decision “%(decision)s” given to %(num)d proposals.", len(decided),
                   decision=DECISION_LABELS[form.bulk_decision.data]), "success")
    return redirect(url_for(".table", draft_id=draft.id) + f"#comment-{ids[0]}")


@bp.post("/<int:draft_id>/comments/<int:comment_id>/notes")
@login_required
def add_note(draft_id: int, comment_id: int):
    """Add an internal note to a proposal, then come back to its row."""
    draft = _viewable(draft_id)
    require(can_write_internal_note(current_user, draft))
    form = NoteForm()
    if form.validate_on_submit():
        try:
            internal_notes.add_internal_note(comment_id, current_user, {"text": form.text.data}, draft_id=draft.id)
        except RECOVERABLE as exc:
            flash(exc.detail, "danger")
        else:
            flash(_("Internal note added."), "success")
        return redirect(url_for(".table", draft_id=draft.id) + f"#notes-{comment_id}")
    # A refused note (empty, or longer than the limit) comes back in its row with the text kept, never lost.
    return _table_page(draft, note=(comment_id, form), status=422)


@bp.route("/<int:draft_id>/position", methods=["GET", "POST"])
@login_required
def position(draft_id: int):
    """Write the LSA position; a save based on an old version shows both texts instead of losing one."""
    draft = drafts.get_draft_for(draft_id, current_user)
    require(can_decide_comments(current_user, draft))
    current = consolidation.current_position(draft.id)
    form = PositionForm(data={"stance": current["stance"] or "", "text": current["text"],
                              "version": current["version"]} if request.method == "GET" else None)
    errors: list[str] = []
    theirs = None
    if form.validate_on_submit():
        payload = payload_of(form, "stance", "text")
        payload["version"] = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            consolidation.save_position(draft.id, current_user, payload)
        except consolidation.StaleVersion as exc:
            theirs = exc.current
            form.version.data = exc.current["version"]  # the next save is based on what is there now
            errors = [_("Someone saved the position after you opened it. Compare the two texts, "
                        "combine them in your text and save again.")]
        except RECOVERABLE as exc:
            errors = show_errors(form, exc)
        else:
            flash(_("Position saved."), "success")
            return redirect(url_for(".show", draft_id=draft.id) + "#position")
    status = 409 if theirs else (422 if request.method == "POST" else 200)
    # The letter's opening sentence per stance, so the lawyer does not write it a second time.
    openings = {stance.value: letters.opening_sentence(draft, stance) for stance in Stance}
    return render_template("drafts/position.html", draft=draft, form=form, errors=errors, theirs=theirs,
                           current=current, openings=openings), status
