"""Administrator forms for the reference data: an initiating institution, a committee, a committee member."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from reviewflow.admin.forms import INVALID_CHOICE, REQUIRED


class InstitutionForm(FlaskForm):
    """An initiating institution as letters address it."""

    name_lt = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)],
                          description=_l("In the nominative, e.g. Lietuvos Respublikos finansų ministerija."))
    name_lt_dative = StringField(
        _l("Addressee (dative)"), validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("How a letter addresses it, e.g. Lietuvos Respublikos finansų ministerijai."))
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)],
                          description=_l("Shown in the English interface; leave empty to show the Lithuanian name."))
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(_l("Enter a valid e-mail address.")),
                                                 Length(max=254)],
                       description=_l("Where a signed letter may be e-mailed."))
    active = BooleanField(_l("Active (offered when registering a draft)"), default=True)


class CommitteeForm(FlaskForm):
    """An LSA committee: its code (shown as "LSA <code>") and names."""

    code = StringField(_l("Code"), validators=[DataRequired(REQUIRED), Length(max=16)],
                       description=_l("2 to 16 capital letters or digits; shown as “LSA IVPK”."))
    name_lt = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=160)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=160)])
    active = BooleanField(_l("Active (drafts may be assigned to it)"), default=True)


class MemberForm(FlaskForm):
    """A person with the committee member role, to add to a committee."""

    member = SelectField(_l("Person"), validators=[DataRequired(REQUIRED)], invalid_choice_message=INVALID_CHOICE)

    def __init__(self, *args, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.member.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(u.email, f"{u.name} ({u.email})") for u in candidates]
