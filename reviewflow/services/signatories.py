"""Who signs LSA's letters: administrators keep the list and its default, LSA staff pick one per draft."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from reviewflow.errors import Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import Draft, Signatory, User
from reviewflow.permissions import can_manage_users
from reviewflow.text import clean_text

MAX_LENGTH = 120


def all_signatories() -> list[Signatory]:
    """Every signatory, active ones first, then by name."""
    return list(db.session.scalars(select(Signatory).order_by(Signatory.active.desc(), Signatory.name)))


def active_signatories() -> list[Signatory]:
    """The signatories that may be chosen for a letter, by name."""
    return list(db.session.scalars(
        select(Signatory).where(Signatory.active.is_(True)).order_by(Signatory.name)
    ))


def default_signatory() -> Signatory | None:
    """The active default signatory, if an administrator set one."""
    return db.session.scalar(
        select(Signatory).where(Signatory.active.is_(True), Signatory.is_default.is_(True))
        .order_by(Signatory.id).limit(1)
    )


def signatory_for(draft: Draft) -> Signatory | None:
    """Who signs the draft's letter: the one chosen for it if still active, else the default."""
    if draft.signatory is not None and draft.signatory.active:
        return draft.signatory
    return default_signatory()


@dataclass(frozen=True)
class LetterSignatories:
    """The choices for a draft's letter, its default and who signs it now."""

    active: list[Signatory]  # by name
    default: Signatory | None
    signing: Signatory | None  # as :func:`signatory_for` answers


def letter_signatories(draft: Draft) -> LetterSignatories:
    """:func:`active_signatories`, :func:`default_signatory` and :func:`signatory_for` from one statement."""
    rows = list(db.session.scalars(
        select(Signatory).where(Signatory.active.is_(True)).order_by(Signatory.name, Signatory.id)
    ))
    defaults = sorted((s for s in rows if s.is_default), key=lambda s: s.id)
    default = defaults[0] if defaults else None
    # An inactive chosen signatory is not among ``rows``: the default signs, as in signatory_for.
    chosen = next((s for s in rows if s.id == draft.signatory_id), None)
    return LetterSignatories(active=rows, default=default, signing=chosen or default)


def get_signatory(signatory_id: int) -> Signatory:
    """One signatory, or :class:`NotFound`."""
    signatory = db.session.get(Signatory, signatory_id)
    if signatory is None:
        raise NotFound(_("No such signatory."))
    return signatory


def _require_admin(user: User) -> None:
    if not can_manage_users(user):
        raise Forbidden(_("Only administrators manage the signatories."))


def _text(value: object, name: str) -> str:
    """A required name or position, whitespace tidied; a line break would break the letter's layout."""
    text = " ".join(clean_text(value).split()) if isinstance(value, str) else ""
    if not text:
        message = _("This field is required.")
        raise Invalid(message, {name: message})
    if len(text) > MAX_LENGTH:
        message = _("At most %(max)s characters.", max=MAX_LENGTH)
        raise Invalid(message, {name: message})
    return text


def _make_default(signatory: Signatory) -> None:
    """Make ``signatory`` the only default (flushes the others' flag off first)."""
    db.session.execute(
        update(Signatory).where(Signatory.id != signatory.id, Signatory.is_default.is_(True))
        .values(is_default=False)
    )
    signatory.is_default = True


def save_signatory(user: User, payload: dict, signatory_id: int | None = None) -> Signatory:
    """Add a signatory, or change one: name, position, active and whether it is the default."""
    _require_admin(user)
    signatory = get_signatory(signatory_id) if signatory_id is not None else Signatory()
    signatory.name = _text(payload.get("name"), "name")
    signatory.position = _text(payload.get("position"), "position")
    signatory.active = bool(payload.get("active", True))
    wants_default = bool(payload.get("is_default"))
    if wants_default and not signatory.active:
        message = _("An inactive signatory cannot be the default.")
        raise Invalid(message, {"is_default": message})
    db.session.add(signatory)
    db.session.flush()
    if wants_default:
        _make_default(signatory)
    else:
        signatory.is_default = False
    db.session.commit()
    return signatory


def set_default_signatory(user: User, signatory_id: int) -> Signatory:
    """Make an active signatory the default for letters with none chosen."""
    _require_admin(user)
    signatory = get_signatory(signatory_id)
    if not signatory.active:
        message = _("An inactive signatory cannot be the default.")
        raise Invalid(message, {"is_default": message})
    _make_default(signatory)
    db.session.commit()
    return signatory


def deactivate_signatory(user: User, signatory_id: int) -> Signatory:
    """Stop offering a signatory; drafts that chose them fall back to the default."""
    _require_admin(user)
    signatory = get_signatory(signatory_id)
    signatory.active = False
    signatory.is_default = False
    db.session.commit()
    return signatory


def seed_default_signatory() -> Signatory | None:
    """With no signatory at all, add the configured one (LETTER_SIGNATORY_*) as the default; no commit."""
    if db.session.scalar(select(Signatory.id).limit(1)) is not None:
        return None
    name = (current_app.config.get("LETTER_SIGNATORY_NAME") or "").strip()
    position = (current_app.config.get("LETTER_SIGNATORY_POSITION") or "").strip()
    if not name or not position:
        return None
    signatory = Signatory(name=name[:MAX_LENGTH], position=position[:MAX_LENGTH], active=True, is_default=True)
    db.session.add(signatory)
    return signatory
