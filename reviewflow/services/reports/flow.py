"""How drafts flow through LSA: received and answered per month, answers on time, time in each stage."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, case, func, select, type_coerce

from reviewflow.extensions import db
from reviewflow.i18n import local_name
from reviewflow.models import Draft, DraftStageTime, DraftState, Institution
from reviewflow.services.reports import workdays
from reviewflow.services.reports.base import (
    FLOAT,
    MONTH,
    PERCENT,
    TEXT,
    Chart,
    Column,
    Report,
    Table,
    month_label,
    share,
)
from reviewflow.services.reports.filters import ReportFilters
from reviewflow.services.reports.labels import KIND_NAMES, STAGE_NAMES
from reviewflow.services.reports.stage_times import STAGES


def received_report(f: ReportFilters) -> Report:
    """Drafts received per month (by received date) and answered per month (by sending date), by kind and institution.

    Two GROUP BY queries. A withdrawn draft counts as received (in its month) and as withdrawn, never answered.
    """
    # Thousands of small groups: read through the Core connection, the kind as its stored text (no enum per row).
    kind = type_coerce(Draft.kind, String).label("kind")
    connection = db.session.connection()
    received_month = workdays.month_key(Draft.received_date).label("month")
    received = connection.execute(
        select(received_month, kind, Draft.institution_id, func.count(),
               func.sum(case((Draft.state == DraftState.WITHDRAWN, 1), else_=0)))
        .where(*f.draft_conditions(period_column=Draft.received_date))
        .group_by(received_month, Draft.kind, Draft.institution_id)
    ).all()
    sent_month = workdays.month_key(Draft.sent_date).label("month")
    answered = connection.execute(
        select(sent_month, kind, Draft.institution_id, func.count())
        .where(Draft.state == DraftState.SENT, Draft.sent_date.is_not(None),
               *f.draft_conditions(period_column=Draft.sent_date))
        .group_by(sent_month, Draft.kind, Draft.institution_id)
    ).all()
    # "institution" stays the Lithuanian name (the key the filter takes); "institution_name" is the reader's
    # language, as the kinds have "kind_code" and "kind".
    names = {row.id: (row.name_lt, local_name(row)) for row in db.session.execute(
        select(Institution.id, Institution.name_lt, Institution.name_en))}
    institutions = {key: lt for key, (lt, _name) in names.items()}
    shown = dict(names.values())
    parsed: dict[str, date] = {}  # "2026-03" -> date(2026, 3, 1), parsed once per month
    cells: dict[tuple, dict] = defaultdict(lambda: {"received": 0, "answered": 0, "withdrawn": 0})
    for key, kind, institution_id, count, withdrawn in received:
        month = parsed.get(key) or parsed.setdefault(key, workdays.month_of_key(key))
        cell = cells[(month, kind, institutions[institution_id])]
        cell["received"] += count
        cell["withdrawn"] += int(withdrawn or 0)
    for key, kind, institution_id, count in answered:
        month = parsed.get(key) or parsed.setdefault(key, workdays.month_of_key(key))
        cells[(month, kind, institutions[institution_id])]["answered"] += count
    kind_names = {code: KIND_NAMES.get(code, code) for code in {key[1] for key in cells}}  # translated once each
    rows = [{"month": key[0], "kind": kind_names[key[1]], "kind_code": key[1], "institution": key[2],
             "institution_name": shown[key[2]], **figures}
            for key, figures in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]
    months = sorted({r["month"] for r in rows})
    totals = {m: [0, 0] for m in months}
    for r in rows:
        totals[r["month"]][0] += r["received"]
        totals[r["month"]][1] += r["answered"]
    chart = Chart("bar", [month_label(m) for m in months], [
        {"label": str(_l("Received")), "data": [totals[m][0] for m in months]},
        {"label": str(_l("Answered")), "data": [totals[m][1] for m in months]},
    ], axis_label=str(_l("Drafts")))
    columns = [Column("month", _l("Month"), MONTH), Column("kind", _l("Kind of act"), TEXT),
               Column("institution_name", _l("Initiating institution"), TEXT), Column("received", _l("Received")),
               Column("answered", _l("Answered")), Column("withdrawn", _l("Withdrawn"))]
    month_rows = [{"month": m, "received": totals[m][0], "answered": totals[m][1]} for m in months]
    return Report("received", _l("Drafts received and answered"),
                  _l("Per month: drafts received (by the date LSA received them) and answered (by the date the "
                     "letter was sent), by kind of act and initiating institution."),
                  f, [Table("months", _l("Per month"), [Column("month", _l("Month"), MONTH),
                                                        Column("received", _l("Received")),
                                                        Column("answered", _l("Answered"))], month_rows),
                      Table("rows", _l("Per month, kind and institution"), columns, rows)], chart)


def on_time_report(f: ReportFilters) -> Report:
    """Letters sent by the initiator's reply date, per month of sending, with the median margin in working days.

    The margin is ``working_days_between(sent_date, reply_deadline)``: positive when early, negative when
    late. One query for the span of dates, one GROUP BY (month, margin, on time) over a calendar join.
    """
    conditions = [Draft.state == DraftState.SENT, Draft.sent_date.is_not(None),
                  *f.draft_conditions(period_column=Draft.sent_date)]
    bounds = db.session.execute(select(func.min(Draft.sent_date), func.max(Draft.sent_date),
                                       func.min(Draft.reply_deadline), func.max(Draft.reply_deadline))
                                .where(*conditions)).one()
    histograms: dict[date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    on_time: dict[date, int] = defaultdict(int)
    dates = workdays.span(bounds)
    if dates:
        workdays.calendar_table(*dates)
        letters = select(
            workdays.month_key(Draft.sent_date).label("month"),
            (workdays.w_of_date(Draft.reply_deadline) - workdays.w_of_date(Draft.sent_date)).label("margin"),
            case((Draft.sent_date <= Draft.reply_deadline, 1), else_=0).label("punctual"),
        ).where(*conditions).subquery("letters")
        for month, days, is_on_time, count in db.session.execute(
            select(letters.c.month, letters.c.margin, letters.c.punctual, func.count())
            .group_by(letters.c.month, letters.c.margin, letters.c.punctual)
        ):
            key = workdays.month_of_key(month)
            histograms[key][int(days)] += count
            on_time[key] += count if is_on_time else 0
    rows, overall, overall_on_time = [], defaultdict(int), 0
    for key in sorted(histograms):
        sent = sum(histograms[key].values())
        rows.append({"month": key, "sent": sent, "on_time": on_time[key], "late": sent - on_time[key],
                     "on_time_share": share(on_time[key], sent), "median_margin": workdays.median(histograms[key])})
        for days, count in histograms[key].items():
            overall[days] += count
        overall_on_time += on_time[key]
    total_sent = sum(overall.values())
    total = [{"sent": total_sent, "on_time": overall_on_time, "late": total_sent - overall_on_time,
              "on_time_share": share(overall_on_time, total_sent), "median_margin": workdays.median(overall)}]
    figures = [Column("sent", _l("Letters sent")), Column("on_time", _l("On time")), Column("late", _l("Late")),
               Column("on_time_share", _l("On time, share"), PERCENT),
               Column("median_margin", _l("Median margin, working days"), FLOAT)]
    chart = Chart("bar", [month_label(r["month"]) for r in rows], [
        {"label": str(_l("On time")), "data": [r["on_time"] for r in rows], "stack": "letters", "tone": "good"},
        {"label": str(_l("Late")), "data": [r["late"] for r in rows], "stack": "letters", "tone": "bad"},
    ], axis_label=str(_l("Letters")), stacked=True)
    return Report("on-time", _l("Letters sent on time"),
                  _l("Per month of sending: letters sent by the initiator's reply date, and the median margin in "
                     "working days (positive: sent early; negative: late)."),
                  f, [Table("rows", _l("Per month"), [Column("month", _l("Month"), MONTH), *figures], rows),
                      Table("total", _l("The whole period"), figures, total)], chart)


def stages_report(f: ReportFilters) -> Report:
    """Working days spent in each stage (median and 90th percentile), from the per-draft facts stored when each
    state change was recorded (:mod:`reviewflow.services.reports.stage_times`).

    A stage lasts from the entry that moved the draft into it to the next one that moved it on, counted in
    working days between their Vilnius dates; a draft back in a stage (returned by the board) adds the time
    of each stay. Stages not yet left are not counted. Drafts are chosen by their received date. One GROUP BY
    over at most one row per draft and stage (the index alone when nothing is filtered).
    """
    conditions = f.draft_conditions(period_column=Draft.received_date)
    query = select(DraftStageTime.stage, DraftStageTime.days, func.count()).group_by(DraftStageTime.stage,
                                                                                     DraftStageTime.days)
    if conditions:
        query = query.join(Draft, Draft.id == DraftStageTime.draft_id).where(*conditions)
    histograms: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for stage, length, count in db.session.execute(query):
        histograms[str(stage)][int(length)] += count
    rows = [{"stage": STAGE_NAMES[s.value], "stage_code": s.value, "drafts": sum(histograms[s.value].values()),
             "median": workdays.median(histograms[s.value]), "p90": workdays.percentile(histograms[s.value], 0.9)}
            for s in STAGES]
    chart = Chart("horizontal-bar", [r["stage"] for r in rows], [
        {"label": str(_l("Median")), "data": [r["median"] for r in rows]},
        {"label": str(_l("90th percentile")), "data": [r["p90"] for r in rows]},
    ], axis_label=str(_l("Working days")))
    columns = [Column("stage", _l("Stage"), TEXT), Column("drafts", _l("Drafts")),
               Column("median", _l("Median, working days"), FLOAT), Column("p90", _l("90th percentile, working days"))]
    return Report("stages", _l("Time in each stage"),
                  _l("Working days a draft spent in each stage before moving on: the median and the 90th "
                     "percentile, to see where drafts wait. Drafts received in the period; stages not yet left are "
                     "not counted."),
                  f, [Table("rows", _l("Per stage"), columns, rows)], chart)

