"""Who may do what: role decorators for routes and ``can_*`` predicates for objects and templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from reviewflow.models import Role, User

LSA_STAFF = (Role.ADMIN, Role.LAWYER)


def roles_required(*roles: Role) -> Callable:
    """Route decorator: signed in and holding one of ``roles``, else 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_lsa_staff(user: User) -> bool:
    """LSA's own people: lawyers and administrators."""
    return user.is_authenticated and user.has_role(*LSA_STAFF)


def can_manage_users(user: User) -> bool:
    """Administrators manage accounts and reference data."""
    return user.is_authenticated and user.has_role(Role.ADMIN)
