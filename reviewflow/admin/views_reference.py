"""Editing the reference data in the browser: initiating institutions, committees and their members.

Routes on the admin blueprint; the rules (uniqueness, the committee role) are in services/reference_admin.py.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reviewflow.admin.forms_reference import CommitteeForm, InstitutionForm, MemberForm
from reviewflow.admin.views import _show_refusal, bp
from reviewflow.errors import RECOVERABLE, Invalid
from reviewflow.models import Role
from reviewflow.permissions import roles_required
from reviewflow.services import reference_admin


def _status() -> int:
    return 422 if request.method == "POST" else 200


@bp.get("/institutions")
@roles_required(Role.ADMIN)
def institutions():
    """The initiating institutions, with the addressee form and e-mail each letter uses."""
    return render_template("admin/institutions.html", institutions=reference_admin.all_institutions())


@bp.route("/institutions/new", methods=["GET", "POST"], defaults={"institution_id": None})
@bp.route("/institutions/<int:institution_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_institution(institution_id: int | None):
    """Add an institution or correct one (name, dative, English name, e-mail, active)."""
    institution = reference_admin.get_institution(institution_id) if institution_id is not None else None
    initial = None
    if institution is not None and request.method == "GET":
        initial = {"name_lt": institution.name_lt, "name_lt_dative": institution.name_lt_dative,
                   "name_en": institution.name_en, "email": institution.email or "", "active": institution.active}
    form = InstitutionForm(data=initial)
    general: list[str] = []
    if form.validate_on_submit():
        try:
            saved = reference_admin.save_institution(current_user, {
                name: form[name].data for name in ("name_lt", "name_lt_dative", "name_en", "email", "active")
            }, institution_id)
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("Institution %(name)s saved.", name=saved.local_name), "success")
            return redirect(url_for("admin.institutions"))
    return render_template("admin/institution_form.html", form=form, institution=institution,
                           general=general), _status()


@bp.get("/committees")
@roles_required(Role.ADMIN)
def committees():
    """LSA's committees with their members."""
    return render_template("admin/committees.html", committees=reference_admin.all_committees())


@bp.route("/committees/new", methods=["GET", "POST"], defaults={"committee_id": None})
@bp.route("/committees/<int:committee_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_committee(committee_id: int | None):
    """Add a committee or change one; its members are listed and added on the same page."""
    committee = reference_admin.get_committee(committee_id) if committee_id is not None else None
    initial = None
    if committee is not None and request.method == "GET":
        initial = {"code": committee.code, "name_lt": committee.name_lt, "name_en": committee.name_en,
                   "active": committee.active}
    form = CommitteeForm(data=initial)
    general: list[str] = []
    if form.validate_on_submit():
        try:
            saved = reference_admin.save_committee(current_user, {
                name: form[name].data for name in ("code", "name_lt", "name_en", "active")}, committee_id)
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("Committee %(name)s saved.", name=saved.display_name), "success")
            return redirect(url_for("admin.edit_committee", committee_id=saved.id))
    return _committee_page(committee, form, general, status=_status())


def _committee_page(committee, form, general, member_form=None, status=200):
    candidates = reference_admin.committee_candidates(committee) if committee is not None else []
    member_form = member_form or MemberForm(candidates=candidates, formdata=None)
    return render_template("admin/committee_form.html", form=form, committee=committee, general=general,
                           member_form=member_form), status


@bp.post("/committees/<int:committee_id>/members")
@roles_required(Role.ADMIN)
def add_member(committee_id: int):
    """Add a person with the committee member role to the committee."""
    committee = reference_admin.get_committee(committee_id)
    member_form = MemberForm(candidates=reference_admin.committee_candidates(committee))
    general: list[str] = []
    if member_form.validate_on_submit():
        try:
            member = reference_admin.add_committee_member(current_user, committee.id, member_form.member.data)
        except RECOVERABLE as exc:
            general = _show_refusal(member_form, exc) if isinstance(exc, Invalid) else [exc.detail]
        else:
            flash(_("%(name)s added to %(committee)s.", name=member.name, committee=committee.display_name),
                  "success")
            return redirect(url_for("admin.edit_committee", committee_id=committee.id))
    form = CommitteeForm(formdata=None, data={"code": committee.code, "name_lt": committee.name_lt,
                                              "name_en": committee.name_en, "active": committee.active})
    return _committee_page(committee, form, general, member_form, status=422)


@bp.post("/committees/<int:committee_id>/members/<int:user_id>/remove")
@roles_required(Role.ADMIN)
def remove_member(committee_id: int, user_id: int):
    """End one person's membership of the committee."""
    committee = reference_admin.get_committee(committee_id)
    member = reference_admin.remove_committee_member(current_user, committee.id, user_id)
    flash(_("%(name)s removed from %(committee)s.", name=member.name, committee=committee.display_name), "success")
    return redirect(url_for("admin.edit_committee", committee_id=committee.id))
