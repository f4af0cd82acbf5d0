"""Who takes part and who carries the work: municipal participation, proposals and their fate, lawyers' load."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select

from reviewflow import calendar
from reviewflow.extensions import db
from reviewflow.i18n import local_name
from reviewflow.models import (
    OPEN_STATES,
    AnswerStatus,
    Comment,
    Decision,
    Draft,
    DraftKind,
    DraftState,
    Institution,
    Invitation,
    InvitationTally,
    Municipality,
    Role,
    User,
    UserRole,
)
from reviewflow.services.consolidation import submitted_comments
from reviewflow.services.reference import lt_sort_key
from reviewflow.services.reports.base import PERCENT, TEXT, Chart, Column, Report, Table, share
from reviewflow.services.reports.filters import ReportFilters
from reviewflow.services.reports.tallies import month_of, next_month

PARTICIPATION_FIGURES = ("invited", "with_comments", "no_comments", "silent", "waiting")
OUTCOMES = ("taken", "partly", "not_taken")
DUE_SOON_WORKING_DAYS = 10


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def _invitation_counts(drafts) -> dict[tuple[int, str], int]:
    """``{(municipality id, status): invitations}`` of the drafts ``drafts`` (a SELECT of draft ids)."""
    return {(m, str(status)): count for m, status, count in db.session.execute(
        select(Invitation.municipality_id, Invitation.status, func.count())
        .where(Invitation.draft_id.in_(drafts)).group_by(Invitation.municipality_id, Invitation.status))}


def _tally_counts(low: date | None, high: date | None, kind: str | None) -> dict[tuple[int, str], int]:
    """``{(municipality id, status): invitations}`` from the stored tally: months ``low``..``high`` (1sts), one kind."""
    query = select(InvitationTally.municipality_id, InvitationTally.status, InvitationTally.invitations)
    if low:
        query = query.where(InvitationTally.received_month >= low)
    if high:
        query = query.where(InvitationTally.received_month <= high)
    if kind:
        query = query.where(InvitationTally.kind == kind)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    # Summed here: a few thousand small rows, and SQL's GROUP BY would sort them first.
    for m, status, count in db.session.execute(query):
        counts[(m, status)] += count
    return counts


def _participation_counts(f: ReportFilters) -> dict[int, dict[str, int]]:
    """Per municipality id: invited, with comments, "no comments", silent and waiting, over the drafts the
    filters choose (withdrawn ones left out).

    Counting every invitation (all 60 municipalities for most drafts) costs a million rows at 20,000 drafts,
    so the smaller side is counted. The tally (kept at write time, :mod:`reviewflow.services.reports.tallies`)
    holds the invitations per month of receipt and kind: the drafts of the months the period touches (and of the
    kind chosen) are those considered; of them, either the chosen drafts' invitations are counted, or the tally's
    cells less the invitations of the drafts not chosen (withdrawn ones, other institutions, the days of a month
    outside the period). Which side is smaller is judged from a count of drafts. The waiting ones (consultation
    still open) are few: counted directly.
    """
    chosen = and_(Draft.state != DraftState.WITHDRAWN, *f.draft_conditions(period_column=Draft.received_date))
    low = month_of(f.start) if f.start else None
    high = month_of(f.end) if f.end else None
    cells = []  # the drafts the tally's cells hold: the months the period touches, whole; the kind chosen
    if low:
        cells.append(Draft.received_date >= low)
    if high:
        cells.append(Draft.received_date < next_month(high))
    if f.kind:
        cells.append(Draft.kind == DraftKind(f.kind))
    picked, considered = db.session.execute(select(_count_if(chosen), func.count(Draft.id)).where(*cells)).one()
    if int(picked or 0) * 2 <= considered:
        counts = _invitation_counts(select(Draft.id).where(chosen))
    else:
        counts = _tally_counts(low, high, f.kind)
        # "Not chosen" by a CASE: a filter on a column that may be NULL (committee) is neither true nor false.
        left_out = select(Draft.id).where(*cells, case((chosen, 0), else_=1) == 1)
        for key, count in _invitation_counts(left_out).items():
            counts[key] = counts.get(key, 0) - count
    # Every status of the open consultations' invitations, pending picked here: a condition on the status would
    # let SQLite walk the status index (half the archive is pending) instead of the few drafts' invitations.
    waiting = {m: count for (m, status), count in _invitation_counts(
        select(Draft.id).where(chosen, Draft.state == DraftState.CONSULTATION)).items()
        if status == AnswerStatus.PENDING.value}
    figures: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(PARTICIPATION_FIGURES, 0))
    for (municipality_id, status), count in counts.items():
        row = figures[municipality_id]
        row["invited"] += count
        if status == AnswerStatus.ANSWERED.value:
            row["with_comments"] += count
        elif status == AnswerStatus.NO_COMMENTS.value:
            row["no_comments"] += count
        elif status == AnswerStatus.PENDING.value:
            row["silent"] += count - waiting.get(municipality_id, 0)
            row["waiting"] += waiting.get(municipality_id, 0)
    return figures


def participation_report(f: ReportFilters) -> Report:
    """Per municipality (all 60, Lithuanian order) and per county: invited, answered with comments, answered
    "no comments", silent (the consultation ended without an answer) and waiting (it still runs).

    Drafts are chosen by their received date; a withdrawn draft is left out (nobody owes an answer to it).
    Five queries: a count of drafts, one or two GROUP BYs over invitations, the waiting ones, the municipalities.
    """
    figures = _participation_counts(f)
    rows = []
    for m in db.session.execute(select(Municipality.id, Municipality.name, Municipality.iso_code,
                                       Municipality.county).order_by(Municipality.sort_key)):
        values = figures.get(m.id) or dict.fromkeys(PARTICIPATION_FIGURES, 0)
        rows.append({"municipality": m.name, "code": m.iso_code, "county": m.county, **values,
                     "answer_share": share(values["with_comments"] + values["no_comments"],
                                           values["invited"] - values["waiting"])})
    counties: dict[str, dict] = defaultdict(lambda: dict.fromkeys(PARTICIPATION_FIGURES, 0))
    for row in rows:
        for key in PARTICIPATION_FIGURES:
            counties[row["county"]][key] += row[key]
    county_rows = [{"county": name, **values,
                    "answer_share": share(values["with_comments"] + values["no_comments"],
                                          values["invited"] - values["waiting"])}
                   for name, values in sorted(counties.items(), key=lambda kv: lt_sort_key(kv[0]))]
    numbers = [Column("invited", _l("Invited")), Column("with_comments", _l("Answered with comments")),
               Column("no_comments", _l("Answered “no comments”")), Column("silent", _l("Silent")),
               Column("waiting", _l("Consultation still open")),
               Column("answer_share", _l("Answered, share"), PERCENT)]
    chart = Chart("horizontal-bar", [r["county"] for r in county_rows], [
        {"label": str(_l("Answered with comments")), "data": [r["with_comments"] for r in county_rows], "stack": "a",
         "tone": "good"},
        {"label": str(_l("Answered “no comments”")), "data": [r["no_comments"] for r in county_rows], "stack": "a",
         "tone": "light"},
        {"label": str(_l("Silent")), "data": [r["silent"] for r in county_rows], "stack": "a", "tone": "bad"},
    ], axis_label=str(_l("Invitations")), stacked=True)
    return Report("participation", _l("Municipal participation"),
                  _l("How often each municipality was invited to comment and how it answered: with comments, "
                     "“no comments”, or not at all by the end of the consultation. Withdrawn drafts are left out."),
                  f, [Table("counties", _l("Per county"), [Column("county", _l("County"), TEXT), *numbers],
                            county_rows),
                      Table("rows", _l("Per municipality"),
                            [Column("municipality", _l("Municipality"), TEXT), Column("county", _l("County"), TEXT),
                             *numbers], rows)], chart)


def proposals_report(f: ReportFilters) -> Report:
    """Per initiating institution: proposals made (merged ones counted once; a municipality's only once its answer
    is submitted, :func:`consolidation.submitted_comments`), LSA's decisions on them, and —
    where LSA recorded the initiator's answer — how many were taken into account.

    The initiator's columns stay empty (None) for an institution with no answer recorded: nothing is
    invented. Drafts are chosen by their received date. One GROUP BY query.
    """
    outcome = Comment.initiator_outcome
    rows = []
    for r in db.session.execute(
        select(Institution.name_lt, Institution.name_en, func.count(Comment.id).label("made"),
               _count_if(Comment.decision == Decision.ACCEPTED).label("accepted"),
               _count_if(Comment.decision == Decision.PARTLY_ACCEPTED).label("partly_accepted"),
               _count_if(Comment.decision == Decision.REJECTED).label("rejected"),
               _count_if(Comment.decision.is_(None)).label("undecided"),
               _count_if(outcome == "taken").label("taken"), _count_if(outcome == "partly").label("partly"),
               _count_if(outcome == "not_taken").label("not_taken"))
        .join(Draft, Draft.id == Comment.draft_id).join(Institution, Institution.id == Draft.institution_id)
        .where(Comment.merged_into_id.is_(None), submitted_comments(),
               *f.draft_conditions(period_column=Draft.received_date))
        .group_by(Institution.name_lt, Institution.name_en)
    ):
        recorded = int(r.taken or 0) + int(r.partly or 0) + int(r.not_taken or 0)
        answers = {key: int(getattr(r, key) or 0) if recorded else None for key in OUTCOMES}
        rows.append({"institution": r.name_lt, "institution_name": local_name(r), "made": r.made,
                     "accepted": int(r.accepted or 0),
                     "partly_accepted": int(r.partly_accepted or 0), "rejected": int(r.rejected or 0),
                     "undecided": int(r.undecided or 0), "answers_recorded": recorded, **answers,
                     "taken_share": share(answers["taken"] + answers["partly"], recorded) if recorded else None})
    rows.sort(key=lambda row: lt_sort_key(row["institution"]))
    columns = [Column("institution_name", _l("Initiating institution"), TEXT), Column("made", _l("Proposals made")),
               Column("accepted", _l("Supported by LSA")), Column("partly_accepted", _l("Partly supported by LSA")),
               Column("rejected", _l("Rejected by LSA")), Column("undecided", _l("Not decided yet")),
               Column("answers_recorded", _l("Initiator's answers recorded")),
               Column("taken", _l("Taken into account")), Column("partly", _l("Partly taken into account")),
               Column("not_taken", _l("Not taken into account")),
               Column("taken_share", _l("Taken into account, share"), PERCENT)]
    chart = Chart("horizontal-bar", [r["institution_name"] for r in rows], [
        {"label": str(_l("Supported by LSA")), "data": [r["accepted"] for r in rows], "stack": "lsa", "tone": "main"},
        {"label": str(_l("Partly supported by LSA")), "data": [r["partly_accepted"] for r in rows], "stack": "lsa",
         "tone": "light"},
        {"label": str(_l("Rejected by LSA")), "data": [r["rejected"] for r in rows], "stack": "lsa", "tone": "bad"},
        {"label": str(_l("Not decided yet")), "data": [r["undecided"] for r in rows], "stack": "lsa", "tone": "grey"},
        # The initiator's answers, as a second bar per institution (none drawn where none were recorded).
        {"label": str(_l("Taken into account")), "data": [r["taken"] for r in rows], "stack": "initiator",
         "tone": "good"},
        {"label": str(_l("Partly taken into account")), "data": [r["partly"] for r in rows], "stack": "initiator",
         "tone": "warn"},
        {"label": str(_l("Not taken into account")), "data": [r["not_taken"] for r in rows], "stack": "initiator",
         "tone": "pink"},
    ], axis_label=str(_l("Proposals")), stacked=True)
    return Report("proposals", _l("Proposals and their fate"),
                  _l("Proposals made on drafts of each institution, LSA's decisions on them and, where the initiator's "
                     "answer was recorded, how many it took into account. Empty: no answer recorded."),
                  f, [Table("rows", _l("Per institution"), columns, rows)], chart)


def workload_report(f: ReportFilters, today: date) -> Report:
    """Per active lawyer: open drafts now, those whose reply date falls within the next 10 working days, and
    those already past it. A snapshot of ``today``: the period does not apply. One GROUP BY query."""
    horizon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    counts = {row.lawyer_id: row for row in db.session.execute(
        select(Draft.lawyer_id, func.count(Draft.id).label("open"),
               _count_if(and_(Draft.reply_deadline >= today, Draft.reply_deadline <= horizon)).label("due_soon"),
               _count_if(Draft.reply_deadline < today).label("overdue"))
        .where(Draft.state.in_(OPEN_STATES), Draft.lawyer_id.is_not(None), *f.draft_conditions())
        .group_by(Draft.lawyer_id)
    )}
    lawyers = select(User.id, User.name, User.email).join(UserRole, UserRole.user_id == User.id).where(
        UserRole.role == Role.LAWYER, User.active.is_(True))
    if f.lawyer_id is not None:
        lawyers = lawyers.where(User.id == f.lawyer_id)
    rows = []
    for lawyer in db.session.execute(lawyers.order_by(User.name, User.id)):
        c = counts.get(lawyer.id)
        rows.append({"lawyer": lawyer.name, "email": lawyer.email, "open": c.open if c else 0,
                     "due_soon": int(c.due_soon or 0) if c else 0, "overdue": int(c.overdue or 0) if c else 0})
    rows.sort(key=lambda row: (lt_sort_key(row["lawyer"]), row["email"]))
    chart = Chart("horizontal-bar", [r["lawyer"] for r in rows], [
        {"label": str(_l("Overdue")), "data": [r["overdue"] for r in rows], "stack": "open", "tone": "bad"},
        {"label": str(_l("Due within 10 working days")), "data": [r["due_soon"] for r in rows], "stack": "open",
         "tone": "warn"},
        {"label": str(_l("Due later")), "data": [r["open"] - r["due_soon"] - r["overdue"] for r in rows],
         "stack": "open", "tone": "main"},
    ], axis_label=str(_l("Open drafts")), stacked=True)
    # The e-mail stays in the rows (the API, the filter's value) but not among the columns shown.
    columns = [Column("lawyer", _l("Lawyer"), TEXT), Column("open", _l("Open drafts")),
               Column("due_soon", _l("Due within 10 working days")),
               Column("overdue", _l("Overdue"))]
    return Report("workload", _l("Lawyers' workload"),
                  _l("Open drafts per lawyer today, those whose reply date is within the next 10 working days "
                     "(by %(horizon)s), and those past it. The period does not apply: this is today's picture.",
                     horizon=horizon.isoformat()),
                  f, [Table("rows", _l("Per lawyer"), columns, rows)], chart, as_of=today)
