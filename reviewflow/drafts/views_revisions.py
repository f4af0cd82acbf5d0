"""The revisions page: the chain of a draft's revisions, what changed since the previous one, were we heard."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from reviewflow.drafts.blueprint import bp
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


@bp.get("/<int:draft_id>/changes")
@login_required
def changes(draft_id: int):
    """The chain of revisions with links, the comparison with the previous one, and the fate of LSA's proposals."""
    result = revisions.changes(draft_id, current_user)
    return render_template(
        "drafts/changes.html", draft=result.draft, result=result,
        chain=revisions.revision_chain(draft_id, current_user),
        status_labels=STATUS_LABELS, fate_labels=FATE_LABELS, outcome_labels=OUTCOME_LABELS,
    )
