"""Administrator forms: a user's details, roles, municipality, committees and password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

from reviewflow.i18n import LANGUAGE_NAMES, ROLE_LABELS
from reviewflow.services.passwords import MIN_LENGTH

REQUIRED = _l("This field is required.")
INVALID_CHOICE = _l("Choose one of the listed options.")


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as checkboxes (roles)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    """A user's details; the choices come in from the caller, the form never queries or writes."""

    name = StringField(_l("Full name"), validators=[DataRequired(REQUIRED), Length(max=120)],
                       render_kw={"autocomplete": "off"})
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(REQUIRED), Email(_l("Enter a valid e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "off"},
    )
    roles = MultiCheckboxField(
        _l("Roles"), choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        invalid_choice_message=INVALID_CHOICE,
        description=_l("A person may hold several roles."),
    )
    municipality = SelectField(
        _l("Municipality"), default="", invalid_choice_message=INVALID_CHOICE,
        description=_l("Only for municipal specialists: each belongs to exactly one municipality."),
    )
    committees = SelectMultipleField(
        _l("Committees"), invalid_choice_message=INVALID_CHOICE,
        description=_l("Only for committee members. Hold Ctrl (or Cmd) to choose several."),
        render_kw={"class": "rf-multiselect"},
    )
    language = SelectField(_l("Language"), choices=[SelectChoice(c, n) for c, n in LANGUAGE_NAMES.items()],
                           default="lt", invalid_choice_message=INVALID_CHOICE)
    active = BooleanField(_l("Active (may sign in)"), default=True)

    def __init__(self, *args, municipalities=(), committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality.choices = [SelectChoice("", _l("— none —"))] + [
            SelectChoice(m.iso_code, m.name) for m in municipalities
        ]
        self.committees.choices = [
            SelectChoice(c.code, c.label) for c in committees
        ]


class NewUserForm(UserForm):
    """Creating a user also sets the first password."""

    password = PasswordField(
        _l("Password"),
        # Length and strength are the password policy's job (services/passwords.py): one rule, one place.
        validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("At least %(min)d characters; not the e-mail, not a common word.", min=MIN_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("Password again"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class SetPasswordForm(FlaskForm):
    """An administrator sets a new password for a user."""

    password = NewUserForm.password
    confirm_password = NewUserForm.confirm_password


class SignatoryForm(FlaskForm):
    """A person who signs LSA's letters: name and position as the letter prints them."""

    name = StringField(_l("Full name"), validators=[DataRequired(REQUIRED), Length(max=120)],
                       render_kw={"autocomplete": "off"})
    position = StringField(_l("Position"), validators=[DataRequired(REQUIRED), Length(max=120)],
                           description=_l("As the letter prints it above the name, e.g. Prezidentas."))
    active = BooleanField(_l("Active (may be chosen for letters)"), default=True)
    is_default = BooleanField(_l("Default signatory"),
                              description=_l("Signs every letter for which no one else is chosen."))
