"""Sign in, sign out (POST only), and the user's own profile."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from reviewflow.auth.forms import LanguageForm, LoginForm, PasswordForm
from reviewflow.errors import Invalid
from reviewflow.extensions import limiter
from reviewflow.services import accounts

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    """Throttle failed logins per account (the e-mail typed), not per browser."""
    return "login-account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    """Only failed attempts count against the account: a success redirects."""
    return response.status_code != 302


def _safe_next(target: str | None) -> str:
    """Follow ``next`` only within this site."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account_key,
    methods=["POST"], deduct_when=_failed,
)
def login():
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            accounts.record_login(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("Wrong e-mail or password."))
    return render_template("auth/login.html", form=form), (200 if request.method == "GET" else 401)


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere: every session of this user ends, not just this browser's."""
    accounts.end_all_sessions(current_user._get_current_object())
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """The user's language and password."""
    user = current_user._get_current_object()
    language_form = LanguageForm(prefix="lang", language=user.language)
    password_form = PasswordForm(prefix="pw")
    if request.method == "POST" and request.form.get("action") == "language":
        if language_form.validate_on_submit():
            accounts.set_language(user, language_form.language.data)
            flash(_("Language changed."), "success")
            return redirect(url_for("auth.profile"))
    elif request.method == "POST" and request.form.get("action") == "password":
        if password_form.validate_on_submit():
            try:
                accounts.change_password(
                    user, password_form.current_password.data, password_form.new_password.data
                )
            except Invalid as exc:
                for name, message in exc.errors.items():
                    field = getattr(password_form, name if name != "password" else "new_password")
                    field.errors.append(message)
            else:
                login_user(user)  # this browser stays signed in with the new session token
                flash(_("Password changed. Your other sessions have ended."), "success")
                return redirect(url_for("auth.profile"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "auth/profile.html", language_form=language_form, password_form=password_form
    ), status
