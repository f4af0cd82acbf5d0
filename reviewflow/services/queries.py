"""Read-only queries for pages and the API, each a fixed number of SQL statements whatever the size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import joinedload

from reviewflow import calendar
from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import (
    OPEN_STATES,
    AnswerStatus,
    AuditEntry,
    Comment,
    Committee,
    Draft,
    DraftKind,
    DraftState,
    Institution,
    Invitation,
    Role,
    User,
)
from reviewflow.permissions import draft_visibility
from reviewflow.services.clock import vilnius_today

SORT_COLUMNS = {
    "deadline": Draft.reply_deadline, "received": Draft.received_date, "number": Draft.number, "state": Draft.state,
}
SORTS = {
    **SORT_COLUMNS, **{f"-{key}": column.desc() for key, column in SORT_COLUMNS.items()},
}


@dataclass
class WaitingItem:
    """Something that waits for a person, with its deadline."""

    draft: Draft
    what: str
    deadline: date
    working_days_left: int
    overdue: bool
    entered: int = 0  # a municipality's answer: comments entered and not yet submitted


# What a row of drafts shows (the pages' lists and the API's `draft_summary`), loaded with the rows: without it
# each distinct lawyer or committee on a page cost one more statement, and the count grew with the data.
DRAFT_ROW = (joinedload(Draft.institution), joinedload(Draft.lawyer), joinedload(Draft.committee))


def visible_drafts(user: User) -> Select:
    """A SELECT of the drafts ``user`` may see (the rule is :func:`permissions.draft_visibility`)."""
    return select(Draft).where(draft_visibility(user))


def _item(draft: Draft, what: str, deadline: date, today: date, entered: int = 0) -> WaitingItem:
    left = calendar.working_days_between(today, deadline)
    return WaitingItem(draft, what, deadline, left, deadline < today, entered)


def waiting_for(user: User, limit: int | None = None) -> list[WaitingItem]:
    """What waits for ``user`` now, nearest deadline first (one query per role the user holds).

    With ``limit``, each query stops at that many rows nearest their deadline, and so does the result:
    the home page shows the first few and links to the rest.
    """
    today = vilnius_today()
    items: list[WaitingItem] = []
    base = select(Draft).options(*DRAFT_ROW)

    def bounded(query: Select, deadline) -> Select:
        return query.order_by(deadline, Draft.id).limit(limit) if limit is not None else query

    if user.has_role(Role.LAWYER, Role.ADMIN):
        mine = base.where(Draft.state.in_([DraftState.REGISTERED, DraftState.ASSIGNED, DraftState.CONSULTATION,
                                           DraftState.CONSOLIDATION, DraftState.APPROVED]))
        if not user.has_role(Role.ADMIN):
            mine = mine.where(Draft.lawyer_id == user.id)
        else:
            mine = mine.where(or_(Draft.lawyer_id == user.id, Draft.state == DraftState.REGISTERED))
        for draft in db.session.scalars(bounded(mine, Draft.reply_deadline)):
            items.append(_item(draft, draft.state.value, draft.reply_deadline, today))
    if user.has_role(Role.SPECIALIST) and user.municipality_id:
        # The comments already entered come in the same statement (a correlated count on the indexed pair):
        # the home then says which answers are begun but not submitted.
        entered = (select(func.count(Comment.id))
                   .where(Comment.draft_id == Draft.id, Comment.municipality_id == user.municipality_id)
                   .scalar_subquery())
        rows = db.session.execute(bounded(
            select(Draft, Invitation, entered).join(Invitation, Invitation.draft_id == Draft.id)
            .options(*DRAFT_ROW)
            .where(Invitation.municipality_id == user.municipality_id,
                   Invitation.status == AnswerStatus.PENDING, Draft.state == DraftState.CONSULTATION),
            Invitation.deadline,
        )).all()
        items += [_item(d, "municipal_answer", inv.deadline, today, entered=n) for d, inv, n in rows]
    if user.has_role(Role.COMMITTEE) and user.committee_ids:
        for draft in db.session.scalars(bounded(base.where(
            Draft.state == DraftState.COMMITTEE_REVIEW, Draft.committee_id.in_(user.committee_ids)
        ), Draft.reply_deadline)):
            items.append(_item(draft, "committee_opinion", draft.reply_deadline, today))
    if user.has_role(Role.BOARD):
        for draft in db.session.scalars(bounded(base.where(Draft.state == DraftState.BOARD_REVIEW),
                                                Draft.reply_deadline)):
            items.append(_item(draft, "board_decision", draft.reply_deadline, today))
    items.sort(key=lambda i: (i.deadline, i.draft.id))
    return items[:limit] if limit is not None else items


@dataclass
class DraftFilter:
    """Filters for the drafts list; every field optional."""

    state: str | None = None
    institution: str | None = None
    lawyer: str | None = None  # e-mail
    committee: str | None = None  # code
    kind: str | None = None  # a DraftKind value
    deadline_from: date | None = None
    deadline_to: date | None = None
    received_from: date | None = None
    received_to: date | None = None
    text: str | None = None
    sort: str = "deadline"
    page: int = 1
    per_page: int = 25
    # Keyset pagination (the API's ``after``): the ``Page.next_after`` of the previous page; page is then ignored.
    after: str | None = None


# A list counts at most this many matches and pages at most this deep by OFFSET: the archive grows by a
# few hundred drafts a year, and neither the count nor a deep OFFSET should have to walk all of it.
COUNT_CAP = 1000


@dataclass
class Page:
    """One page of results; ``total`` stops at :data:`COUNT_CAP` (then ``total_capped`` is true)."""

    items: list
    total: int
    page: int
    per_page: int
    total_capped: bool = False
    next_after: str | None = None

    @property
    def pages(self) -> int:
        """How many pages there are (as far as the capped count reaches)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def window(self) -> list[int]:
        """The page numbers a compact pager shows: the first, the last, and two either side of this one."""
        near = range(max(1, self.page - 2), min(self.pages, self.page + 2) + 1)
        return sorted({1, self.pages, *near})


def _sort_parts(sort: str):
    """The column a sort key orders by and whether it runs descending."""
    return SORT_COLUMNS[sort.lstrip("-")], sort.startswith("-")


def _cursor_of(draft: Draft, sort: str) -> str:
    """An opaque keyset cursor for the row after ``draft`` in ``sort`` order: its sort value and id."""
    value = getattr(draft, SORT_COLUMNS[sort.lstrip("-")].key)
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, DraftState):
        value = value.value
    return f"{value}~{draft.id}"


def _after_condition(cursor: str, sort: str):
    """The keyset condition "after this cursor" for ``sort`` (ties broken by id, ascending)."""
    column, descending = _sort_parts(sort)
    raw, _tilde, raw_id = cursor.rpartition("~")
    try:
        last_id = int(raw_id)
        value = date.fromisoformat(raw) if sort.lstrip("-") in ("deadline", "received") else raw
        if sort.lstrip("-") == "state":
            value = DraftState(raw)
    except ValueError:
        raise Invalid(_("The after cursor is not one this list gave."), {"after": _("Unknown cursor.")}) from None
    beyond = column < value if descending else column > value
    return or_(beyond, and_(column == value, Draft.id > last_id))


def check_period(start: date | None, end: date | None, fields: tuple[str, str] = ("deadline_from", "deadline_to")
                 ) -> None:
    """A period (the reply deadline's, or with ``fields`` the received date's) that ends before it starts is a
    typing slip: refuse it naming both fields, rather than list nothing (the drafts page's filter form and the
    API's list share this rule)."""
    if start is not None and end is not None and start > end:
        message = _("The end of the period (%(to)s) is before its start (%(start)s).", to=end.isoformat(),
                    start=start.isoformat())
        raise Invalid(message, dict.fromkeys(fields, message))


RECEIVED_PERIOD = ("received_from", "received_to")


def check_kind(kind: str | None) -> None:
    """A kind of act that is none of :class:`DraftKind`'s is refused naming it, never ignored (a list of every kind
    would look like an answer)."""
    if kind and kind not in {k.value for k in DraftKind}:
        allowed = ", ".join(k.value for k in DraftKind)
        message = _("Unknown kind of act %(kind)r (one of %(allowed)s).", kind=kind, allowed=allowed)
        raise Invalid(message, {"kind": message})


def _id_of(model, condition):
    """The id of the one row of ``model`` meeting ``condition`` (a unique name), as a scalar subquery."""
    return select(model.id).where(condition).limit(1).scalar_subquery()


def list_drafts(user: User, f: DraftFilter) -> Page:
    """Drafts ``user`` may see, filtered, sorted and paginated (two statements: a capped count and the page)."""
    if f.state and f.state not in {s.value for s in DraftState}:
        raise Invalid(_("Unknown state %(state)r.", state=f.state), {"state": _("Unknown state.")})
    if f.sort not in SORTS:
        raise Invalid(_("Unknown sort %(sort)r.", sort=f.sort), {"sort": _("Unknown sort.")})
    if not 1 <= f.per_page <= 100 or not 1 <= f.page <= 100_000:
        raise Invalid(_("page must be between 1 and 100000 and per_page between 1 and 100."),
                      {"page": _("Out of range.")})
    check_kind(f.kind)
    check_period(f.deadline_from, f.deadline_to)
    check_period(f.received_from, f.received_to, RECEIVED_PERIOD)
    if f.after is None and (f.page - 1) * f.per_page >= COUNT_CAP:
        raise Invalid(_("Pages go %(count)d drafts deep: narrow the filters to see the rest.", count=COUNT_CAP),
                      {"page": _("Out of range.")})
    query = visible_drafts(user)
    if f.state:
        query = query.where(Draft.state == DraftState(f.state))
    if f.institution:
        # An equality with a one-row subquery (not EXISTS) lets both databases seek the composite index
        # (institution_id, reply_deadline, id) and read one page, instead of walking every draft by deadline.
        # A lawyer's or a committee's share is large (a lawyer holds a fifth to a half of the archive): walking the
        # sort order and stopping at a page is cheaper there, and SQLite without statistics picked a composite
        # (lawyer, deadline) index for the lawyer's home too and read every draft the lawyer ever had.
        query = query.where(Draft.institution_id == _id_of(Institution, Institution.name_lt == f.institution))
    if f.lawyer:
        query = query.where(Draft.lawyer.has(User.email == f.lawyer.strip().lower()))
    if f.committee:
        query = query.where(Draft.committee.has(Committee.code == f.committee.strip().upper()))
    if f.kind:
        query = query.where(Draft.kind == DraftKind(f.kind))
    if f.deadline_from:
        query = query.where(Draft.reply_deadline >= f.deadline_from)
    if f.deadline_to:
        query = query.where(Draft.reply_deadline <= f.deadline_to)
    # The received period is served by the received-date indexes (ix_draft_received_date, ix_draft_report_received).
    if f.received_from:
        query = query.where(Draft.received_date >= f.received_from)
    if f.received_to:
        query = query.where(Draft.received_date <= f.received_to)
    if f.text:
        # The same matching as the search box (case, diacritics, prefixes, numbers), through its index.
        from reviewflow.services import search

        try:
            query = query.where(search.drafts_matching_clause(f.text))
        except Invalid as exc:
            raise Invalid(exc.detail, {"text": exc.errors.get("q", exc.detail)}) from exc
    # Counting stops one past the cap: "more than 1000" is all a person needs, and the archive is not walked.
    total = db.session.scalar(
        select(func.count()).select_from(query.with_only_columns(Draft.id).limit(COUNT_CAP + 1).subquery())
    )
    rows_query = query.options(*DRAFT_ROW).order_by(SORTS[f.sort], Draft.id).limit(f.per_page)
    if f.after is not None:
        rows_query = rows_query.where(_after_condition(f.after, f.sort))
    else:
        rows_query = rows_query.offset((f.page - 1) * f.per_page)
    rows = list(db.session.scalars(rows_query).unique())
    following = _cursor_of(rows[-1], f.sort) if len(rows) == f.per_page else None
    return Page(rows, min(total, COUNT_CAP), f.page, f.per_page, total > COUNT_CAP, following)


def timeline(draft_id: int) -> list[AuditEntry]:
    """Every step on the draft's record, oldest first (one query)."""
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.draft_id == draft_id)
        .options(joinedload(AuditEntry.actor)).order_by(AuditEntry.created_at, AuditEntry.id)
    ))


def lawyer_workload() -> list[dict]:
    """Each lawyer's open drafts and nearest deadline (two queries)."""
    from reviewflow.models import UserRole

    lawyers = db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.LAWYER, User.active.is_(True)).order_by(User.name)
    ).all()
    stats = {row.lawyer_id: row for row in db.session.execute(
        select(Draft.lawyer_id, func.count(Draft.id).label("open"),
               func.min(Draft.reply_deadline).label("nearest"))
        .where(Draft.state.in_(OPEN_STATES), Draft.lawyer_id.is_not(None)).group_by(Draft.lawyer_id)
    )}
    return [
        {"email": u.email, "name": u.name,
         "open_drafts": stats[u.id].open if u.id in stats else 0,
         "nearest_deadline": stats[u.id].nearest.isoformat() if u.id in stats else None}
        for u in lawyers
    ]


class AtLeast(int):
    """A count that stopped at its cap: prints as "1000+" (a page shows it as it is, no more exact)."""

    def __str__(self) -> str:
        return f"{int(self)}+"


def state_counts(user: User) -> dict[str, int]:
    """How many visible drafts are in each state (one statement), bounded whatever the archive holds.

    The open states are few drafts, counted exactly through the state index; the closed ones (sent,
    withdrawn) are the archive, counted only up to :data:`COUNT_CAP` (then an :class:`AtLeast`), so
    the home page does not count every draft ever sent.
    """
    visible = draft_visibility(user)
    parts = [select(Draft.state.label("state"), func.count().label("n"))
             .where(visible, Draft.state.in_(OPEN_STATES)).group_by(Draft.state)]
    for state in (s for s in DraftState if s not in OPEN_STATES):
        capped = select(Draft.id).where(visible, Draft.state == state).limit(COUNT_CAP + 1).subquery()
        parts.append(select(literal(state, Draft.state.type), func.count()).select_from(capped))
    counts: dict[str, int] = {}
    for state, count in db.session.execute(union_all(*parts)).all():
        key = str(getattr(state, "value", state))
        counts[key] = AtLeast(COUNT_CAP) if count > COUNT_CAP else count
    return {key: count for key, count in counts.items() if count}

