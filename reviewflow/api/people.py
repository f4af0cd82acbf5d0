"""The caller's own view: who they are, what waits for them; and the lawyers' workload for LSA staff."""

from __future__ import annotations

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.serialize import draft_summary
from reviewflow.errors import Forbidden
from reviewflow.permissions import is_lsa_staff
from reviewflow.services import queries


@bp.get("/me")
def get_me():
    """The account the token belongs to."""
    user = api_user()
    return {"email": user.email, "name": user.name, "roles": sorted(r.value for r in user.roles),
            "municipality": user.municipality.iso_code if user.municipality else None,
            "committees": sorted(link.committee.code for link in user.committee_links),
            "language": user.language}


@bp.get("/me/waiting")
def get_waiting():
    """What waits for the caller, nearest deadline first."""
    return {"items": [
        {"what": item.what, "deadline": item.deadline.isoformat(),
         "working_days_left": item.working_days_left, "overdue": item.overdue,
         "draft": draft_summary(item.draft)}
        for item in queries.waiting_for(api_user())
    ]}


@bp.get("/workload")
def get_workload():
    """Each lawyer's open drafts and nearest deadline (LSA staff only)."""
    if not is_lsa_staff(api_user()):
        raise Forbidden("The lawyers' workload is for LSA staff.")
    return {"items": queries.lawyer_workload()}
