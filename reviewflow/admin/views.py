"""Administrator pages: users (list, create, edit, deactivate, set password) and reference data."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reviewflow.admin.forms import NewUserForm, SetPasswordForm, SignatoryForm, UserForm
from reviewflow.admin.queries import all_users, reference_data
from reviewflow.errors import Invalid
from reviewflow.models import Role
from reviewflow.permissions import roles_required
from reviewflow.services import accounts, signatories

bp = Blueprint("admin", __name__)


def _user_input(form: UserForm) -> accounts.UserInput:
    """What the form says, in the shape the accounts service takes."""
    return accounts.UserInput(
        email=form.email.data or "", name=form.name.data or "", roles=form.roles.data or [],
        municipality=form.municipality.data or None, committees=form.committees.data or [],
        language=form.language.data, active=form.active.data,
    )


def _show_refusal(form, exc: Invalid) -> list[str]:
    """Put the service's field errors next to the fields; return those that belong to no field."""
    general = []
    for name, message in (exc.errors or {}).items():
        field = getattr(form, name, None)
        if field is None:
            general.append(message)
        else:
            field.errors = [*field.errors, message]
    return general if general or exc.errors else [exc.detail]


def _choices() -> dict:
    """The municipalities (Lithuanian order) and committees the user forms offer."""
    data = reference_data()
    return {"municipalities": data["municipalities"], "committees": data["committees"]}


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """All users with their roles, municipality, committees and whether they may sign in."""
    return render_template("admin/users.html", users=all_users())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create_user():
    """Create a user with roles, municipality, committees and a first password."""
    form = NewUserForm(**_choices())
    general: list[str] = []
    if form.validate_on_submit():
        try:
            user = accounts.create_user(_user_input(form), form.password.data)
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("User %(name)s created.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=None, general=general), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    """Change a user's details, roles, municipality, committees, language and status."""
    user = accounts.get_user(user_id)
    initial = {
        "name": user.name, "email": user.email, "roles": sorted(r.value for r in user.roles),
        "municipality": user.municipality.iso_code if user.municipality else "",
        "committees": sorted(link.committee.code for link in user.committee_links),
        "language": user.language, "active": user.active,
    }
    form = UserForm(data=initial, **_choices())
    general: list[str] = []
    if form.validate_on_submit():
        try:
            accounts.update_user(user.id, _user_input(form), actor=current_user._get_current_object())
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("Changes to %(name)s saved.", name=form.name.data), "success")
            return redirect(url_for("admin.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=user, general=general), status


@bp.post("/users/<int:user_id>/deactivate")
@roles_required(Role.ADMIN)
def deactivate_user(user_id: int):
    """Stop a user from signing in; their open sessions end at once. A lawyer with open drafts is
    deactivated on the handover page instead, where the drafts get their new lawyer in the same step."""
    from reviewflow.services.handover import open_drafts_of

    if open_drafts_of(user_id):
        return redirect(url_for("admin.deactivation", user_id=user_id))
    user = accounts.set_user_active(user_id, False, actor=current_user._get_current_object())
    flash(_("%(name)s can no longer sign in.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/activate")
@roles_required(Role.ADMIN)
def activate_user(user_id: int):
    """Let a deactivated user sign in again."""
    user = accounts.set_user_active(user_id, True, actor=current_user._get_current_object())
    flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def set_password(user_id: int):
    """Give a user a new password; their sessions end."""
    user = accounts.get_user(user_id)
    form = SetPasswordForm()
    general: list[str] = []
    if form.validate_on_submit():
        try:
            accounts.set_password(user.id, form.password.data)
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("New password set for %(name)s. Their sessions have ended.", name=user.name),
                  "success")
            return redirect(url_for("admin.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/password.html", form=form, user=user, general=general), status


@bp.get("/reference", endpoint="reference_data")
@roles_required(Role.ADMIN)
def reference_data_page():
    """Municipalities, committees and institutions as loaded (read-only)."""
    return render_template("admin/reference.html", **reference_data())


@bp.get("/signatories")
@roles_required(Role.ADMIN)
def signatories_list():
    """Who signs LSA's letters, the default first among the active ones."""
    return render_template("admin/signatories.html", signatories=signatories.all_signatories())


@bp.route("/signatories/new", methods=["GET", "POST"], defaults={"signatory_id": None})
@bp.route("/signatories/<int:signatory_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_signatory(signatory_id: int | None):
    """Add a signatory or change one's name, position, status and whether they are the default."""
    signatory = signatories.get_signatory(signatory_id) if signatory_id is not None else None
    initial = {"name": signatory.name, "position": signatory.position, "active": signatory.active,
               "is_default": signatory.is_default} if signatory and request.method == "GET" else None
    form = SignatoryForm(data=initial)
    general: list[str] = []
    if form.validate_on_submit():
        try:
            saved = signatories.save_signatory(current_user, {
                "name": form.name.data, "position": form.position.data, "active": form.active.data,
                "is_default": form.is_default.data,
            }, signatory_id)
        except Invalid as exc:
            general = _show_refusal(form, exc)
        else:
            flash(_("Signatory %(name)s saved.", name=saved.name), "success")
            return redirect(url_for("admin.signatories_list"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/signatory_form.html", form=form, signatory=signatory,
                           general=general), status


@bp.post("/signatories/<int:signatory_id>/default")
@roles_required(Role.ADMIN)
def default_signatory(signatory_id: int):
    """Make an active signatory the default."""
    try:
        signatory = signatories.set_default_signatory(current_user, signatory_id)
    except Invalid as exc:
        flash(exc.detail, "danger")
    else:
        flash(_("%(name)s now signs letters by default.", name=signatory.name), "success")
    return redirect(url_for("admin.signatories_list"))


@bp.post("/signatories/<int:signatory_id>/deactivate")
@roles_required(Role.ADMIN)
def deactivate_signatory(signatory_id: int):
    """Stop offering a signatory for letters: asked without a question, because it is undone in one step."""
    signatory = signatories.deactivate_signatory(current_user, signatory_id)
    flash(_("%(name)s is no longer offered as a signatory. To offer them again, open the signatory and "
            "tick “%(active)s”.", name=signatory.name, active=_("Active (may be chosen for letters)")), "success")
    return redirect(url_for("admin.signatories_list"))
