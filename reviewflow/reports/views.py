"""Reports pages: thin views over :mod:`reviewflow.services.reports`."""

from __future__ import annotations

import io

from flask import Blueprint, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select

from reviewflow.documents.report_files import SheetTable, render_report_csv, render_report_xlsx
from reviewflow.errors import Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import Committee, DraftKind, Institution, Role, User, UserRole
from reviewflow.models.base import utcnow
from reviewflow.reports.cli import reports_rebuild_command
from reviewflow.services import reports
from reviewflow.services.clock import vilnius_time
from reviewflow.services.reference import lt_sort_key
from reviewflow.services.reports.labels import KIND_NAMES

# cli_group=None: the blueprint's command is a top-level one, ``flask --app reviewflow reports-rebuild``.
bp = Blueprint("reports", __name__, url_prefix="/reports", cli_group=None)
bp.cli.add_command(reports_rebuild_command)


@bp.record_once
def _keep_stage_times(_state) -> None:
    """When the app mounts the reports, keep their stored facts current on every flush (idempotent)."""
    from reviewflow.services.reports.stage_times import install_stage_time_listener
    from reviewflow.services.reports.tallies import install_tally_listener

    install_stage_time_listener()
    install_tally_listener()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


@bp.app_template_filter("report_cell")
def report_cell(value, kind: str) -> Markup:
    """One table cell as shown: months as 2026-03, shares as 66,7 %, days with one decimal; empty said aloud.

    A filter, not a macro: the page has a thousand cells, and a macro call costs many times more.
    """
    if value is None:
        return Markup('<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>').format(_("no data"))
    comma = str(get_locale()) == "lt"
    if kind == "month":
        text = f"{value.year:04d}-{value.month:02d}"
    elif kind == "date":
        text = value.isoformat()
    elif kind == "percent":
        text = f"{value * 100:.1f} %"
    elif kind == "float":
        text = f"{value:.1f}"
    else:
        return Markup.escape(value)
    return Markup.escape(text.replace(".", ",") if comma else text)


def _choices() -> dict:
    """What the filter form offers: institutions, committees, kinds and lawyers (four small queries)."""
    return {
        "institutions": sorted(((i.name_lt, i.local_name) for i in db.session.scalars(select(Institution))),
                               key=lambda pair: lt_sort_key(pair[1])),
        "committees": [(c.code, c.display_name) for c in db.session.scalars(
            select(Committee).where(Committee.active.is_(True)).order_by(Committee.code))],
        "kinds": [(k.value, KIND_NAMES[k.value]) for k in DraftKind],
        "lawyers": sorted(((row.email, row.name) for row in db.session.execute(
            select(User.email, User.name).join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.LAWYER))), key=lambda pair: lt_sort_key(pair[1])),
    }


@bp.get("/")
@login_required
def index():
    """Every report on one page, limited by the filters in the URL; bad filters are shown beside the form."""
    reports.check_reader(current_user)
    errors, all_reports = {}, []
    try:
        filters = reports.parse_filters(request.args)
    except Invalid as refused:
        errors, filters = refused.errors, None
    if filters is not None:
        all_reports = reports.build_all(filters, current_user)
    status = 422 if errors else 200
    return render_template("reports/index.html", reports=all_reports, errors=errors, args=request.args,
                           query=filters.as_query() if filters else {}, **_choices()), status


def header_lines(report: reports.Report) -> list[str]:
    """The lines under an export's title: the filters as a person reads them, and when it was made."""
    f = report.filters
    lines = []
    if report.as_of:
        lines.append(_("As of: %(day)s", day=report.as_of.isoformat()))
    else:
        period = f"{f.start.isoformat() if f.start else '…'} – {f.end.isoformat() if f.end else '…'}"
        lines.append(_("Period: %(period)s", period=period if (f.start or f.end) else _("all")))
    if f.institution:
        lines.append(_("Institution: %(name)s", name=f.institution))
    if f.committee:
        lines.append(_("Committee: %(name)s", name=f"LSA {f.committee}"))
    if f.kind:
        lines.append(_("Kind of act: %(name)s", name=KIND_NAMES.get(f.kind, f.kind)))
    if f.lawyer:
        lines.append(_("Lawyer: %(name)s", name=f"{f.lawyer_name} <{f.lawyer}>"))
    lines.append(_("Made: %(moment)s", moment=f"{vilnius_time(utcnow()):%Y-%m-%d %H:%M}"))
    return lines


@bp.get("/<report>/export")
@login_required
def export(report: str):
    """One report as XLSX (``?format=xlsx``, the default) or CSV (``?format=csv``), with the page's filters."""
    reports.check_reader(current_user)
    reports.check_report_name(report)
    fmt = request.args.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise NotFound(_("Reports are exported as xlsx or csv."))
    built = reports.build_report(report, reports.parse_filters(request.args), current_user)
    tables = [SheetTable(str(t.title), [(c.key, str(c.label), c.kind) for c in t.columns], t.rows)
              for t in built.tables]
    render = render_report_xlsx if fmt == "xlsx" else render_report_csv
    data = render(str(built.title), header_lines(built), tables)
    name = f"LSA-ataskaita-{report}-{utcnow():%Y%m%d}.{fmt}"
    return send_file(io.BytesIO(data), mimetype=XLSX if fmt == "xlsx" else CSV, as_attachment=True,
                     download_name=name)
