"""Read-only queries behind the administrator pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reviewflow.extensions import db
from reviewflow.models import Committee, CommitteeMember, Institution, Municipality, User
from reviewflow.services.reference import lt_sort_key


def all_users() -> list[User]:
    """Every user by name, with municipality and committees loaded for the list."""
    query = (
        select(User)
        .options(selectinload(User.municipality), selectinload(User.role_links),
                 selectinload(User.committee_links).selectinload(CommitteeMember.committee))
        .order_by(User.name)
    )
    return list(db.session.scalars(query))


def reference_data() -> dict[str, list]:
    """Municipalities in Lithuanian alphabetical order, committees by code, institutions by name."""
    return {
        "municipalities": list(db.session.scalars(select(Municipality).order_by(Municipality.sort_key))),
        "committees": list(db.session.scalars(select(Committee).order_by(Committee.code))),
        "institutions": sorted(db.session.scalars(select(Institution)), key=lambda i: lt_sort_key(i.name_lt)),
    }
