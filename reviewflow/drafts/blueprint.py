"""The ``drafts`` blueprint, shared by the view modules of this package, and its template helpers."""

from __future__ import annotations

from datetime import date

from flask import Blueprint

from reviewflow import calendar
from reviewflow.services.clock import vilnius_today

bp = Blueprint("drafts", __name__, url_prefix="/drafts")


@bp.app_template_global()
def days_left(deadline: date | None) -> int | None:
    """Working days from today to ``deadline`` (negative when overdue)."""
    if deadline is None:
        return None
    return calendar.working_days_between(vilnius_today(), deadline)


@bp.app_template_global()
def consultation_summary(statuses: list[dict] | None):
    """See :func:`reviewflow.drafts.glance.consultation_summary`."""
    from reviewflow.drafts import glance

    return glance.consultation_summary(statuses)


@bp.app_template_global()
def next_step(draft) -> str | None:
    """See :func:`reviewflow.drafts.glance.next_step`."""
    from reviewflow.drafts import glance

    return glance.next_step(draft)


@bp.app_context_processor
def labels() -> dict:
    """Translated names of states, kinds, stances, decisions and actions for every template."""
    from reviewflow.drafts.forms import FILE_ROLE_LABELS, KIND_LABELS, STANCE_LABELS, STATE_LABELS
    from reviewflow.drafts.forms_actions import ACTION_LABELS, STEP_LABELS
    from reviewflow.drafts.forms_review import DECISION_LABELS

    return {
        "STATE_LABELS": STATE_LABELS, "KIND_LABELS": KIND_LABELS, "STANCE_LABELS": STANCE_LABELS,
        "DECISION_LABELS": DECISION_LABELS, "ACTION_LABELS": ACTION_LABELS, "STEP_LABELS": STEP_LABELS,
        "FILE_ROLE_LABELS": FILE_ROLE_LABELS,
    }
