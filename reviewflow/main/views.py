"""Home page per role, and the template helpers every page's layout uses."""

from flask import Blueprint
from flask_login import login_required

from reviewflow.drafts.home import render_home
from reviewflow.main.nav import endpoint_exists, nav_items, return_path

bp = Blueprint("main", __name__)


@bp.app_context_processor
def layout_helpers() -> dict:
    """Helpers for base.html: the menu and the guard for links to pages that may not exist yet."""
    return {"endpoint_exists": endpoint_exists, "nav_items": nav_items, "return_path": return_path}


@bp.get("/")
@login_required
def home():
    """What waits for the signed-in user (the role-based page of the drafts feature)."""
    return render_home()
