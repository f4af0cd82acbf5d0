"""Forms for municipal comments, the lawyer's decisions and merges, and the LSA position."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from reviewflow.drafts.forms import REQUIRED, STANCE_LABELS, options

DECISION_LABELS = {
    "accepted": _l("Accept (Pritarti)"),
    "partly_accepted": _l("Partly accept (Pritarti iš dalies)"),
    "rejected": _l("Reject (Nepritarti)"),
}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the shared field macro renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CommentForm(FlaskForm):
    """A municipality's comment on one provision (or on the draft in general)."""

    provision_id = SelectField(_l("Provision"), validators=[Optional()], coerce=str,
                               description=_l("Choose from the draft's structure, or type it below."))
    article = StringField(_l("Article"), validators=[Optional(), Length(max=16)])
    part = StringField(_l("Part"), validators=[Optional(), Length(max=16)])
    point = StringField(_l("Point"), validators=[Optional(), Length(max=16)])
    text = TextAreaField(_l("Comment"), validators=[DataRequired(REQUIRED), Length(max=20000)],
                         render_kw={"rows": 4})
    proposed_wording = TextAreaField(_l("Proposed wording"), validators=[Optional(), Length(max=20000)],
                                     render_kw={"rows": 3})

    def __init__(self, *args, provisions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.provision_id.choices = options([("", _l("General, or typed below"))] + [
            (str(p.id), p.label) for p in provisions
        ])
        if not provisions:
            del self.provision_id

    def payload(self) -> dict:
        """The service payload: a chosen provision wins over typed article / part / point."""
        chosen = self.provision_id.data if "provision_id" in self._fields else None
        payload = {"text": self.text.data, "proposed_wording": self.proposed_wording.data or None}
        if chosen:
            payload["provision_id"] = int(chosen)
        else:
            payload.update({k: (self[k].data or None) for k in ("article", "part", "point")})
        return payload


class NoCommentsForm(FlaskForm):
    """"Pastabų neturime", confirmed with a checkbox."""

    confirm = BooleanField(_l("I confirm: our municipality has no comments on this draft."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


class EmptyForm(FlaskForm):
    """A button that only needs the CSRF token (submit, delete, mark read)."""


class DecideForm(FlaskForm):
    """The lawyer's decision on one proposal, with reasons (required unless accepted)."""

    decision = SelectField(_l("Decision"), choices=options([("", _l("Choose…"))] + list(DECISION_LABELS.items())),
                           validators=[DataRequired(REQUIRED)])
    reasons = TextAreaField(_l("Reasons"), validators=[Optional(), Length(max=20000)], render_kw={"rows": 2})

    def validate_reasons(self, field) -> None:
        """Partial and rejected decisions need their reasons."""
        if self.decision.data in ("partly_accepted", "rejected") and not (field.data or "").strip():
            raise ValidationError(_l("Give the reasons for this decision."))


class MergeForm(FlaskForm):
    """Merge identical proposals on one provision into the one that stands for them."""

    target = SelectField(_l("Keep this proposal"), validators=[DataRequired(REQUIRED)])
    others = MultiCheckboxField(_l("Merge these identical proposals into it"), coerce=int,
                                validators=[DataRequired(_l("Choose at least one proposal to merge."))])

    def __init__(self, *args, comments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = [(c.id, f"#{c.id} {c.municipality.short_name}") for c in comments]
        self.target.choices = options((str(i), label) for i, label in labels)
        self.others.choices = options(labels)


class PositionForm(FlaskForm):
    """The LSA position; ``version`` is the version the text was based on."""

    stance = SelectField(_l("Stance"), choices=options([("", _l("Choose…"))] + list(STANCE_LABELS.items())),
                         validators=[DataRequired(REQUIRED)])
    text = TextAreaField(_l("Position text"), validators=[DataRequired(REQUIRED), Length(max=100_000)],
                         render_kw={"rows": 12})
    version = HiddenField()
