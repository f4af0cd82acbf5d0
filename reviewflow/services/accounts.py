"""Accounts: creating and editing users, passwords, languages and session rotation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from reviewflow.errors import Conflict, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import ApiToken, Committee, CommitteeMember, Municipality, Role, User, UserRole
from reviewflow.models.accounts import new_session_token
from reviewflow.models.base import utcnow
from reviewflow.services.passwords import check_password_policy, hash_password, verify_password


@dataclass
class UserInput:
    """What an administrator or the CLI gives to create or edit a user."""

    email: str
    name: str
    roles: Iterable[str]
    municipality: str | None = None  # ISO 3166-2 code, e.g. LT-57
    committees: Iterable[str] = field(default_factory=tuple)  # committee codes
    language: str = "lt"
    active: bool = True


def normalize_email(raw: str) -> str:
    """A syntactically valid, lower-cased e-mail address, or a clear refusal."""
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        message = _("This is not a valid e-mail address: %(address)s.", address=(raw or "").strip())
        raise Invalid(message, {"email": message}) from exc


def _parse_roles(raw: Iterable[str]) -> set[Role]:
    """Roles from their names, or a refusal naming the unknown one."""
    roles = set()
    for value in raw:
        try:
            roles.add(Role(value))
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            message = _("Unknown role %(role)s: use one of %(allowed)s.", role=repr(value), allowed=allowed)
            raise Invalid(message, {"roles": message}) from None
    if not roles:
        message = _("Choose at least one role.")
        raise Invalid(message, {"roles": message})
    return roles


def _resolve(data: UserInput) -> tuple[str, set[Role], Municipality | None, list[Committee]]:
    """Validate everything before anything is written."""
    email = normalize_email(data.email)
    name = (data.name or "").strip()
    if not name:
        message = _("The name is empty.")
        raise Invalid(message, {"name": message})
    roles = _parse_roles(data.roles)
    municipality = None
    if data.municipality:
        municipality = db.session.scalar(
            select(Municipality).where(Municipality.iso_code == data.municipality.strip().upper())
        )
        if municipality is None:
            message = _(
                "Unknown municipality code %(code)s (expected e.g. LT-57).", code=repr(data.municipality)
            )
            raise Invalid(message, {"municipality": message})
    if Role.SPECIALIST in roles and municipality is None:
        message = _("A municipal specialist belongs to exactly one municipality: choose it.")
        raise Invalid(message, {"municipality": message})
    if Role.SPECIALIST not in roles and municipality is not None:
        message = _("Only municipal specialists belong to a municipality.")
        raise Invalid(message, {"municipality": message})
    codes = {c.strip().upper() for c in data.committees if c and c.strip()}
    committees = list(db.session.scalars(select(Committee).where(Committee.code.in_(codes))))
    missing = codes - {c.code for c in committees}
    if missing:
        message = _("Unknown committee code(s): %(codes)s.", codes=", ".join(sorted(missing)))
        raise Invalid(message, {"committees": message})
    if committees and Role.COMMITTEE not in roles:
        message = _("Only committee members sit on committees: add the committee role.")
        raise Invalid(message, {"committees": message})
    _check_language(data.language)
    return email, roles, municipality, committees


def _check_language(language: str) -> None:
    """Only the languages the interface ships in."""
    if language not in ("lt", "en"):
        message = _("Choose Lithuanian (lt) or English (en).")
        raise Invalid(message, {"language": message})


def _apply(user: User, roles: set[Role], municipality, committees) -> None:
    """Make the user's roles, municipality and committees exactly the given ones."""
    current = {link.role: link for link in user.role_links}
    for role, link in current.items():
        if role not in roles:
            user.role_links.remove(link)
    for role in roles - set(current):
        user.role_links.append(UserRole(role=role))
    user.municipality = municipality
    wanted = {c.id for c in committees}
    for link in list(user.committee_links):
        if link.committee_id not in wanted:
            user.committee_links.remove(link)
    for committee in committees:
        if committee.id not in user.committee_ids:
            user.committee_links.append(CommitteeMember(committee=committee))


def email_taken(email: str, exclude_id: int | None = None) -> bool:
    """Whether another user already has ``email``."""
    query = select(func.count(User.id)).where(User.email == email)
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return bool(db.session.scalar(query))


def create_user(data: UserInput, password: str, *, is_demo: bool = False) -> User:
    """Create a user with roles, municipality and committees; refuses bad input, writes nothing then."""
    email, roles, municipality, committees = _resolve(data)
    if email_taken(email):
        message = _("A user with the e-mail %(email)s already exists.", email=email)
        raise Invalid(message, {"email": message})
    check_password_policy(password, email)
    user = User(
        email=email, name=data.name.strip(), password_hash=hash_password(password),
        language=data.language, active=data.active, is_demo=is_demo,
    )
    _apply(user, roles, municipality, committees)
    db.session.add(user)
    db.session.commit()
    return user


def update_user(user_id: int, data: UserInput, *, actor: User | None = None) -> User:
    """Change a user's details, roles, municipality and committees."""
    user = get_user(user_id)
    email, roles, municipality, committees = _resolve(data)
    if actor is not None and actor.id == user.id:
        _refuse_self_lockout(roles, data.active)
    if email_taken(email, exclude_id=user.id):
        message = _("A user with the e-mail %(email)s already exists.", email=email)
        raise Invalid(message, {"email": message})
    user.email = email
    user.name = data.name.strip()
    user.language = data.language
    if user.active and not data.active:
        user.session_token = new_session_token()
    user.active = data.active
    _apply(user, roles, municipality, committees)
    db.session.commit()
    return user


def get_user(user_id: int) -> User:
    """The user with ``user_id`` or :class:`NotFound`."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def find_user_by_email(email: str) -> User | None:
    """The user with ``email`` (case-insensitive), if any."""
    return db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user whose password matches, or ``None``."""
    user = find_user_by_email(email)
    if user is None or not user.active or not verify_password(user.password_hash, password or ""):
        return None
    return user


def record_login(user: User) -> None:
    """Note a successful login (for "recent login" checks)."""
    user.last_login_at = utcnow()
    db.session.commit()


def end_all_sessions(user: User) -> None:
    """Rotate the session token: every session of this user, in every browser, ends."""
    user.session_token = new_session_token()
    db.session.commit()


def _revoke_api_tokens(user: User) -> None:
    """A new password ends API access too: tokens were issued against the old one."""
    db.session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow())
    )


def change_password(user: User, current: str, new: str) -> None:
    """Change the user's own password; all their other sessions and their API tokens end."""
    if not verify_password(user.password_hash, current or ""):
        message = _("The current password is wrong.")
        raise Invalid(message, {"current_password": message})
    check_password_policy(new, user.email)
    user.password_hash = hash_password(new)
    user.session_token = new_session_token()
    _revoke_api_tokens(user)
    db.session.commit()


def set_password(user_id: int, new: str) -> None:
    """An administrator sets a user's password; the user's sessions and API tokens end."""
    user = get_user(user_id)
    check_password_policy(new, user.email)
    user.password_hash = hash_password(new)
    user.session_token = new_session_token()
    _revoke_api_tokens(user)
    db.session.commit()


def _refuse_self_lockout(roles: set[Role], active: bool) -> None:
    """An administrator cannot lock themselves out: someone must be left to manage accounts."""
    if not active:
        message = _("You cannot deactivate your own account.")
        raise Invalid(message, {"active": message})
    if Role.ADMIN not in roles:
        message = _("You cannot remove the administrator role from yourself.")
        raise Invalid(message, {"roles": message})


def set_user_active(user_id: int, active: bool, *, actor: User | None = None) -> User:
    """Deactivate (every session ends, sign-in refused) or reactivate a user."""
    user = get_user(user_id)
    if actor is not None and actor.id == user.id and not active:
        raise Conflict(_("You cannot deactivate your own account."))
    if user.active and not active:
        user.session_token = new_session_token()
    user.active = active
    db.session.commit()
    return user


def set_language(user: User, language: str) -> None:
    """Change the user's interface language."""
    _check_language(language)
    user.language = language
    db.session.commit()
