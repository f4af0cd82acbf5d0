"""Sign in, sign out (POST only), the language switch and the user's own profile."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import TooManyRequests

from reviewflow.auth.forms import LanguageForm, LoginForm, PasswordForm
from reviewflow.errors import Invalid, problem, wants_problem_json
from reviewflow.extensions import limiter
from reviewflow.i18n import remember_language
from reviewflow.services import accounts

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    """Throttle failed logins per account (the e-mail typed), not per browser.

    No e-mail names no account: such attempts count only against the address (``exempt_when``).
    """
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
# Shared scopes: the form and the API's token endpoint draw on one count per account and per address.
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], scope="sign-in-address",
                      methods=["POST"])
@limiter.shared_limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], scope="sign-in-account", key_func=_account_key,
    methods=["POST"], deduct_when=_failed, exempt_when=lambda: _account_key() == "login-account:",
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


@bp.app_errorhandler(TooManyRequests)
def too_many_requests(exc: TooManyRequests):
    """Throttled: say so in words, on the sign-in page itself when that is where it happened."""
    message = _("Too many sign-in attempts. Wait a few minutes and try again.")
    if wants_problem_json():
        return problem(429, "Too many requests", str(exc.description))
    if request.endpoint == "auth.login":
        form = LoginForm()  # keeps the e-mail that was typed
        return render_template("auth/login.html", form=form, throttled=message), 429
    return render_template("errors/error.html", status=429, detail=message), 429


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere: every session of this user ends, not just this browser's."""
    accounts.end_all_sessions(current_user._get_current_object())
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def set_language():
    """Switch the interface language: stored on the user's account, or in a cookie before sign-in."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        return redirect(_safe_next(request.form.get("next")))
    if current_user.is_authenticated:
        accounts.set_language(current_user._get_current_object(), language)
    return remember_language(redirect(_safe_next(request.form.get("next"))), language)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """The user's language and password."""
    user = current_user._get_current_object()
    language_form = LanguageForm(prefix="lang", data={"language": user.language})
    password_form = PasswordForm(prefix="pw")
    action = request.form.get("action")
    if action == "language" and language_form.validate_on_submit():
        accounts.set_language(user, language_form.language.data)
        flash(_("Language changed."), "success")
        return redirect(url_for("auth.profile"))
    if action == "password" and password_form.validate_on_submit():
        try:
            accounts.change_password(
                user, password_form.current_password.data, password_form.new_password.data
            )
        except Invalid as exc:
            for name, message in exc.errors.items():
                field = password_form.current_password if name == "current_password" else (
                    password_form.new_password
                )
                field.errors.append(message)
        else:
            login_user(user)  # this browser stays signed in with the new session token
            flash(_("Password changed. Your other sessions have ended."), "success")
            return redirect(url_for("auth.profile"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "auth/profile.html", user=user, language_form=language_form, password_form=password_form
    ), status
