"""Home page per role."""

from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def home():
    """What waits for the signed-in user."""
    return render_template("main/home.html")
