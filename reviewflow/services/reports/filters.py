"""The reports' filters: read from a URL's query (page or API), checked, and turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, select

from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import Committee, Draft, DraftKind, Institution, Role, User, UserRole

# The query parameters, in the order a report's header names them.
FILTER_KEYS = ("from", "to", "institution", "committee", "kind", "lawyer")
MAX_TEXT = 300


@dataclass(frozen=True)
class ReportFilters:
    """What a report is limited to; every field optional. ``*_id`` are the resolved rows' ids."""

    start: date | None = None
    end: date | None = None
    institution: str | None = None  # Institution.name_lt
    committee: str | None = None  # Committee.code
    kind: str | None = None  # DraftKind value
    lawyer: str | None = None  # User.email
    institution_id: int | None = field(default=None, compare=False)
    committee_id: int | None = field(default=None, compare=False)
    lawyer_id: int | None = field(default=None, compare=False)
    lawyer_name: str | None = field(default=None, compare=False)

    def as_query(self) -> dict[str, str]:
        """The filters as URL query parameters (only those set), so a report can be linked."""
        values = {"from": self.start.isoformat() if self.start else None,
                  "to": self.end.isoformat() if self.end else None,
                  "institution": self.institution, "committee": self.committee, "kind": self.kind,
                  "lawyer": self.lawyer}
        return {k: v for k, v in values.items() if v}

    def draft_conditions(self, *, period_column=None) -> list[ColumnElement]:
        """SQL conditions on ``Draft`` for the filters; the period applies to ``period_column`` when given."""
        conditions: list[ColumnElement] = []
        if self.institution_id is not None:
            conditions.append(Draft.institution_id == self.institution_id)
        if self.committee_id is not None:
            conditions.append(Draft.committee_id == self.committee_id)
        if self.kind:
            conditions.append(Draft.kind == DraftKind(self.kind))
        if self.lawyer_id is not None:
            conditions.append(Draft.lawyer_id == self.lawyer_id)
        if period_column is not None:
            conditions.extend(self.period_conditions(period_column))
        return conditions

    def period_conditions(self, column) -> list[ColumnElement]:
        """``column`` within the period (both ends included)."""
        conditions = []
        if self.start:
            conditions.append(column >= self.start)
        if self.end:
            conditions.append(column <= self.end)
        return conditions


def _text(args: Mapping[str, str], key: str, errors: dict[str, str]) -> str | None:
    value = args.get(key)
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    if len(value) > MAX_TEXT or "\x00" in value:
        errors[key] = _("Too long or not text.")
        return None
    return value.strip()


def _date(args: Mapping[str, str], key: str, errors: dict[str, str]) -> date | None:
    value = _text(args, key, errors)
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 10 or not 1990 <= parsed.year <= 2100:
        errors[key] = _("Write a date as YYYY-MM-DD.")
        return None
    return parsed


def parse_filters(args: Mapping[str, str]) -> ReportFilters:
    """Read and check the filters (``from``, ``to``, ``institution``, ``committee``, ``kind``, ``lawyer``).

    Raises :class:`Invalid` (422) naming each bad field: a malformed date, a start after the end, an
    institution, committee, kind or lawyer that does not exist. Three look-ups at most.
    """
    errors: dict[str, str] = {}
    start, end = _date(args, "from", errors), _date(args, "to", errors)
    if start and end and start > end:
        errors["from"] = _("The period's start %(start)s is after its end %(end)s.",
                           start=start.isoformat(), end=end.isoformat())
    kind = _text(args, "kind", errors)
    if kind and kind not in {k.value for k in DraftKind}:
        errors["kind"] = _("Unknown kind of act.")
    institution = _text(args, "institution", errors)
    institution_id = None
    if institution:
        institution_id = db.session.scalar(select(Institution.id).where(Institution.name_lt == institution))
        if institution_id is None:
            errors["institution"] = _("Unknown institution.")
    committee = _text(args, "committee", errors)
    committee_id = None
    if committee:
        committee = committee.upper()
        committee_id = db.session.scalar(select(Committee.id).where(Committee.code == committee))
        if committee_id is None:
            errors["committee"] = _("Unknown committee.")
    lawyer = _text(args, "lawyer", errors)
    lawyer_row = None
    if lawyer:
        lawyer = lawyer.lower()
        lawyer_row = db.session.execute(
            select(User.id, User.name).join(UserRole, UserRole.user_id == User.id)
            .where(User.email == lawyer, UserRole.role == Role.LAWYER)
        ).first()
        if lawyer_row is None:
            errors["lawyer"] = _("Unknown lawyer.")
    if errors:
        first = errors.get("from") if "from" in errors and start and end else next(iter(errors.values()))
        raise Invalid(first, errors)
    return ReportFilters(
        start=start, end=end, institution=institution, committee=committee, kind=kind, lawyer=lawyer,
        institution_id=institution_id, committee_id=committee_id,
        lawyer_id=lawyer_row.id if lawyer_row else None, lawyer_name=lawyer_row.name if lawyer_row else None,
    )
