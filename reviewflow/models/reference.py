"""Reference data: municipalities, LSA's committees and the initiating institutions."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewflow.extensions import db


class Municipality(db.Model):
    """One of Lithuania's 60 municipalities, keyed by its ISO 3166-2 code (``LT-57``)."""

    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    iso_code: Mapped[str] = mapped_column(String(8), unique=True)
    rc_code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    county: Mapped[str] = mapped_column(String(60), index=True)
    county_iso: Mapped[str] = mapped_column(String(8))
    # Lithuanian collation computed at load time, so ORDER BY works on every database.
    # Binary ("C") collation on PostgreSQL so the server's locale cannot reorder the key.
    sort_key: Mapped[str] = mapped_column(
        String(240).with_variant(String(240, collation="C"), "postgresql"), index=True
    )

    def __repr__(self) -> str:
        return f"<Municipality {self.iso_code} {self.name}>"


class Committee(db.Model):
    """An LSA committee (advisory body of the board); committees change every term, so they are data."""

    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_lt: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    active: Mapped[bool] = mapped_column(default=True)
    # The code in the shipped file this row came from (None: added in the browser), and whether an administrator
    # changed it: reloading the shipped files then leaves the row as the administrator left it.
    shipped_key: Mapped[str | None] = mapped_column(String(200))
    edited_by_admin: Mapped[bool] = mapped_column(default=False, server_default=false())

    members: Mapped[list[CommitteeMember]] = relationship(
        back_populates="committee", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        """Shown with the "LSA" prefix: a state agency carries the same names."""
        return f"LSA {self.code}"

    @property
    def local_name(self) -> str:
        """The name in the reader's language (:func:`reviewflow.i18n.local_name`): English where the data has it."""
        from reviewflow.i18n import local_name

        return local_name(self)

    @property
    def label(self) -> str:
        """How pages, forms and messages name it: "LSA IVPK – <its name in the reader's language>"."""
        return f"{self.display_name} – {self.local_name}"

    def __repr__(self) -> str:
        return f"<Committee {self.code}>"


class CommitteeMember(db.Model):
    """Membership of a user in a committee."""

    __tablename__ = "committee_member"

    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    committee: Mapped[Committee] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="committee_links")  # noqa: F821


class Institution(db.Model):
    """An initiating institution, with the dative form of its name for a letter's addressee."""

    __tablename__ = "institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_lt: Mapped[str] = mapped_column(String(200), unique=True)
    name_lt_dative: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # where a signed letter may be e-mailed
    active: Mapped[bool] = mapped_column(default=True)
    # The name in the shipped file this row came from (None: added in the browser), and whether an administrator
    # changed it: reloading the shipped files then leaves the row as the administrator left it.
    shipped_key: Mapped[str | None] = mapped_column(String(200))
    edited_by_admin: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def local_name(self) -> str:
        """The name in the reader's language (:func:`reviewflow.i18n.local_name`); a letter's addressee stays
        ``name_lt_dative``, Lithuanian."""
        from reviewflow.i18n import local_name

        return local_name(self)

    def __repr__(self) -> str:
        return f"<Institution {self.name_lt}>"
