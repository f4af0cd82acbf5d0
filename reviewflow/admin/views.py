"""Administrator pages: list, create, edit and deactivate users."""

from flask import Blueprint, render_template
from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Role, User
from reviewflow.permissions import roles_required

bp = Blueprint("admin", __name__)


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """All users."""
    rows = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("admin/users.html", users=rows)
