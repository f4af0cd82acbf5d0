"""What waits for me: each role's home page (``render_home``), also served at ``/my``."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from reviewflow.drafts import loaders
from reviewflow.models import Role
from reviewflow.permissions import can_register_draft, is_lsa_staff
from reviewflow.services import queries

bp = Blueprint("home", __name__)

# The home shows this many waiting items, nearest deadline first; the drafts list has the rest.
WAITING_SHOWN = 25


def render_home():
    """The signed-in user's home page: their waiting work by deadline, and their role's overview."""
    user = current_user
    waiting = queries.waiting_for(user, limit=WAITING_SHOWN + 1)
    return render_template(
        "home/home.html",
        waiting=waiting[:WAITING_SHOWN], more_waiting=len(waiting) > WAITING_SHOWN,
        counts=queries.state_counts(user) if is_lsa_staff(user) else None,
        past_answers=loaders.past_answers(user) if user.has_role(Role.SPECIALIST) else None,
        can_register=can_register_draft(user),
    )


@bp.get("/my")
@login_required
def my():
    """The home page at a stable address: what waits for me."""
    return render_home()
