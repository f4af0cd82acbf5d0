"""The revisions page: the chain of a draft's revisions, what changed since the previous one, were we heard.

LSA staff also carry the earlier revision's comments and decisions over to the new one from here.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from reviewflow.drafts.blueprint import bp
from reviewflow.permissions import is_lsa_staff
from reviewflow.services import revisions

STATUS_LABELS = {
    "added": _l("Added"),
    "removed": _l("Removed"),
    "changed": _l("Changed"),
    "unchanged": _l("Unchanged"),
}
FATE_LABELS = {
    "taken": _l("Taken: the proposed wording is in the new text"),
    "changed": _l("The provision changed otherwise"),
    "removed": _l("The provision was removed"),
    "not_taken": _l("Not taken: the provision did not change"),
}
OUTCOME_LABELS = {
    "taken": _l("Taken into account"),
    "partly": _l("Partly taken into account"),
    "not_taken": _l("Not taken into account"),
}


class CarryOverForm(FlaskForm):
    """Only the CSRF token: carrying over takes no input."""


@bp.get("/<int:draft_id>/changes")
@login_required
def changes(draft_id: int):
    """The chain of revisions with links, the comparison with the previous one, and the fate of LSA's proposals."""
    result = revisions.changes(draft_id, current_user)
    may_carry = (is_lsa_staff(current_user) and result.previous is not None
                 and result.draft.state in revisions.CARRY_STATES)
    return render_template(
        "drafts/changes.html", draft=result.draft, result=result,
        chain=revisions.revision_chain(draft_id, current_user),
        status_labels=STATUS_LABELS, fate_labels=FATE_LABELS, outcome_labels=OUTCOME_LABELS,
        carry_form=CarryOverForm(formdata=None) if may_carry else None,
        carried=revisions.carried_comments(draft_id) if is_lsa_staff(current_user) else [],
    )


@bp.post("/<int:draft_id>/carry-over")
@login_required
def carry_over(draft_id: int):
    """Copy the earlier revision's comments and decisions onto the provisions that still exist."""
    # The token is checked app-wide by CSRFProtect before this runs; the service checks who and when.
    carried = revisions.carry_over_comments(draft_id, current_user)
    flash(_("%(count)s comments carried over from %(number)s; %(skipped)s left behind.",
            count=len(carried.pairs), number=carried.previous.number_raw, skipped=carried.skipped), "success")
    return redirect(url_for("drafts.changes", draft_id=draft_id))
