"""Accounts: users, their roles and their API tokens."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db
from reviewflow.models.base import UTCDateTime, utcnow


class Role(enum.StrEnum):
    """What a person does in Reviewflow; one person may hold several roles."""

    ADMIN = "admin"
    LAWYER = "lawyer"
    SPECIALIST = "specialist"
    COMMITTEE = "committee"
    BOARD = "board"


def new_session_token() -> str:
    """A random token that identifies the current generation of a user's sessions."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    """A person who signs in: LSA staff, a municipal specialist, a committee or board member."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(5), default="lt")
    active: Mapped[bool] = mapped_column(default=True)
    # Rotated on logout and password change: every session cookie carrying the old one is dead.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token, index=True)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    is_demo: Mapped[bool] = mapped_column(default=False)
    digest_mode: Mapped[bool] = mapped_column(default=False)
    calendar_token: Mapped[str] = mapped_column(String(64), default=new_session_token, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    municipality: Mapped[Municipality | None] = relationship()  # noqa: F821
    # Loaded on demand, not "selectin": every User a page loads in passing (a draft's lawyer, an audit
    # entry's actor) would otherwise cost two statements more. The signed-in user is loaded with both
    # collections joined in one statement (auth.sessions.load_user, services.tokens).
    role_links: Mapped[list[UserRole]] = relationship(back_populates="user", cascade="all, delete-orphan")
    committee_links: Mapped[list[CommitteeMember]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def roles(self) -> set[Role]:
        """The user's roles as a set."""
        return {link.role for link in self.role_links}

    @property
    def committee_ids(self) -> set[int]:
        """Ids of the committees the user sits on."""
        return {link.committee_id for link in self.committee_links}

    def has_role(self, *roles: Role) -> bool:
        """Whether the user holds any of ``roles``."""
        return bool(self.roles.intersection(roles))

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        """Deactivated users cannot sign in."""
        return self.active

    def get_id(self) -> str:
        """Session identity: the id plus the session generation, so rotation logs out everywhere."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    """One role held by one user."""

    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )

    user: Mapped[User] = relationship(back_populates="role_links")


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
