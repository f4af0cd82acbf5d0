"""Forms for signing in and the user's own profile."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from reviewflow.i18n import LANGUAGE_NAMES
from reviewflow.services.passwords import MIN_LENGTH

REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    """E-mail and password; field names match what password managers expect."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(REQUIRED), Email(_l("Enter a valid e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )


class PasswordForm(FlaskForm):
    """Change one's own password."""

    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(REQUIRED),
            Length(min=MIN_LENGTH, max=200,
                   message=_l("Use between %(min)d and %(max)d characters.")),
        ],
        description=_l("At least %(min)d characters; not your e-mail, not a common word.", min=MIN_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("New password again"),
        validators=[DataRequired(REQUIRED), EqualTo("new_password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class LanguageForm(FlaskForm):
    """Choose the interface language."""

    language = SelectField(
        _l("Language"), choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        invalid_choice_message=_l("Choose one of the listed options."),
    )
