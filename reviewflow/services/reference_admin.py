"""Administrators keep the reference data in the browser: initiating institutions, committees and their members."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import Committee, CommitteeMember, Institution, Role, User
from reviewflow.permissions import can_manage_users
from reviewflow.services.reference import lt_sort_key
from reviewflow.text import clean_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CODE = re.compile(r"^[A-Z0-9]{2,16}$")


def _require_admin(user: User) -> None:
    if not can_manage_users(user):
        raise Forbidden(_("Only administrators edit the reference data."))


def _text(payload: dict, name: str, max_length: int, required: bool = True) -> str:
    """One line of text, whitespace tidied (names go into a letter's addressee line)."""
    value = payload.get(name)
    text = " ".join(clean_text(value).split()) if isinstance(value, str) else ""
    if required and not text:
        message = _("This field is required.")
        raise Invalid(message, {name: message})
    if len(text) > max_length:
        message = _("At most %(max)s characters.", max=max_length)
        raise Invalid(message, {name: message})
    return text


def all_institutions() -> list[Institution]:
    """Every institution in Lithuanian alphabetical order, active ones first."""
    return sorted(db.session.scalars(select(Institution)), key=lambda i: (not i.active, lt_sort_key(i.name_lt)))


def get_institution(institution_id: int) -> Institution:
    """One institution, or :class:`NotFound`."""
    institution = db.session.get(Institution, institution_id)
    if institution is None:
        raise NotFound(_("No such institution."))
    return institution


def save_institution(user: User, payload: dict, institution_id: int | None = None) -> Institution:
    """Add an institution or change one: its name, the dative addressee form, English name, e-mail, status."""
    _require_admin(user)
    institution = get_institution(institution_id) if institution_id is not None else Institution()
    name = _text(payload, "name_lt", 200)
    dative = _text(payload, "name_lt_dative", 200)
    name_en = _text(payload, "name_en", 200, required=False)
    email = _text(payload, "email", 254, required=False) or None
    if email is not None and not _EMAIL.match(email):
        message = _("Enter a valid e-mail address.")
        raise Invalid(message, {"email": message})
    taken = db.session.scalar(select(Institution.id).where(func.lower(Institution.name_lt) == name.lower()))
    if taken is not None and taken != institution.id:
        message = _("An institution with this name is already on the list.")
        raise Invalid(message, {"name_lt": message})
    institution.name_lt, institution.name_lt_dative, institution.name_en = name, dative, name_en
    institution.email, institution.active = email, payload.get("active") is not False
    institution.edited_by_admin = True  # reloading the shipped files leaves it as the administrator left it
    db.session.add(institution)
    db.session.commit()
    return institution


def all_committees() -> list[Committee]:
    """Every committee by code, with its members (two queries)."""
    return list(db.session.scalars(
        select(Committee).options(selectinload(Committee.members).selectinload(CommitteeMember.user))
        .order_by(Committee.code)
    ))


def get_committee(committee_id: int) -> Committee:
    """One committee, or :class:`NotFound`."""
    committee = db.session.get(Committee, committee_id)
    if committee is None:
        raise NotFound(_("No such committee."))
    return committee


def save_committee(user: User, payload: dict, committee_id: int | None = None) -> Committee:
    """Add a committee or change one: code (shown as "LSA <code>"), names and whether it is active."""
    _require_admin(user)
    committee = get_committee(committee_id) if committee_id is not None else Committee()
    code = _text(payload, "code", 16).upper()
    if not _CODE.match(code):
        message = _("Use 2 to 16 capital letters or digits, e.g. IVPK.")
        raise Invalid(message, {"code": message})
    name = _text(payload, "name_lt", 160)
    name_en = _text(payload, "name_en", 160, required=False)
    taken = db.session.scalar(select(Committee.id).where(Committee.code == code))
    if taken is not None and taken != committee.id:
        message = _("Another committee has the code %(code)s.", code=code)
        raise Invalid(message, {"code": message})
    committee.code, committee.name_lt, committee.name_en = code, name, name_en
    committee.active = payload.get("active") is not False
    committee.edited_by_admin = True  # reloading the shipped files leaves it as the administrator left it
    db.session.add(committee)
    db.session.commit()
    return committee


def committee_candidates(committee: Committee) -> list[User]:
    """Active users with the committee role who are not yet members, by name."""
    members = {link.user_id for link in committee.members}
    return [u for u in db.session.scalars(
        select(User).options(selectinload(User.role_links)).where(User.active.is_(True)).order_by(User.name)
    ) if u.has_role(Role.COMMITTEE) and u.id not in members]


def add_committee_member(user: User, committee_id: int, email: object) -> User:
    """Make a user with the committee role a member of the committee."""
    _require_admin(user)
    committee = get_committee(committee_id)
    member = db.session.scalar(select(User).where(User.email == email)) if isinstance(email, str) else None
    if member is None:
        message = _("Choose a person from the list.")
        raise Invalid(message, {"member": message})
    if not member.has_role(Role.COMMITTEE):
        message = _("%(name)s does not have the committee member role: give it on their user page first.",
                    name=member.name)
        raise Invalid(message, {"member": message})
    if any(link.user_id == member.id for link in committee.members):
        raise Conflict(_("%(name)s is already a member of %(committee)s.", name=member.name,
                         committee=committee.display_name))
    committee.members.append(CommitteeMember(user_id=member.id))
    db.session.commit()
    return member


def remove_committee_member(user: User, committee_id: int, member_id: int) -> User:
    """End a user's membership of the committee (the user and their role stay)."""
    _require_admin(user)
    committee = get_committee(committee_id)
    link = next((link for link in committee.members if link.user_id == member_id), None)
    if link is None:
        raise NotFound(_("That person is not a member of this committee."))
    member = link.user
    committee.members.remove(link)
    db.session.commit()
    return member
