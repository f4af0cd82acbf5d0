"""Forms for municipal comments, the lawyer's decisions and merges, and the LSA position."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from reviewflow.drafts.forms import REQUIRED, STANCE_LABELS, long_text, options

DECISION_LABELS = {
    "accepted": _l("Accept (Pritarti)"),
    "partly_accepted": _l("Partly accept (Pritarti iš dalies)"),
    "rejected": _l("Reject (Nepritarti)"),
}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the shared field macro renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Nested anchors (quoted new wording, approved documents) are indented under the provision they belong to.
INDENT = "\u00a0\u00a0\u00a0\u00a0"


def provision_choices(provisions, empty_label) -> list:
    """The draft's anchors in document order, nested ones indented by depth, labelled as lawyers cite them."""
    return options([("", empty_label)] + [
        (str(p.id), INDENT * (p.depth or 0) + p.label) for p in provisions
    ])


def merge_label(comment) -> str:
    """How a proposal is named in the merge form: its row number in the table (``row_no``, set by the table
    page; the id otherwise), proposer and the start of its text."""
    from flask_babel import gettext

    who = comment.municipality.name if comment.municipality else "LSA"
    text = " ".join((comment.lsa_text or comment.text or "").split())
    row_no = getattr(comment, "row_no", None)
    number = gettext("No. %(no)s", no=row_no) if row_no else f"#{comment.id}"
    return f"{number} {who}: {text[:60]}{'…' if len(text) > 60 else ''}"


class ProvisionPicked(FlaskForm):
    """A provision picked from the draft's structure, or typed as article / part / point (for a form's base)."""

    provision_id = SelectField(_l("Provision"), validators=[Optional()], coerce=str,
                               description=_l("Choose from the draft's structure, or type it below."))
    article = StringField(_l("Article"), validators=[Optional(), Length(max=16)])
    part = StringField(_l("Part"), validators=[Optional(), Length(max=16)])
    point = StringField(_l("Point"), validators=[Optional(), Length(max=16)])

    def __init__(self, *args, provisions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.provision_id.choices = provision_choices(provisions, _l("General, or typed below"))
        if not provisions:
            del self.provision_id

    def provision_payload(self) -> dict:
        """``{"provision_id"}`` when one was chosen (it wins), else the typed article / part / point."""
        chosen = (self.provision_id.data or "").strip() if "provision_id" in self._fields else None
        if chosen:
            return {"provision_id": int(chosen)}
        return {k: (self[k].data or None) for k in ("article", "part", "point")}


class CommentForm(ProvisionPicked):
    """A municipality's comment on one provision (or on the draft in general)."""

    text = long_text(_l("Comment"), [DataRequired(REQUIRED)], rows=4)
    proposed_wording = long_text(_l("Proposed wording"), [Optional()], rows=3)

    def payload(self) -> dict:
        """The service payload: a chosen provision wins over typed article / part / point."""
        return {"text": self.text.data, "proposed_wording": self.proposed_wording.data or None,
                **self.provision_payload()}


class NoCommentsForm(FlaskForm):
    """"Pastabų neturime", confirmed with a checkbox."""

    confirm = BooleanField(_l("I confirm: our municipality has no comments on this draft."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


class EmptyForm(FlaskForm):
    """A button that only needs the CSRF token (submit, delete, mark read)."""


class DecideForm(FlaskForm):
    """The lawyer's decision on one proposal, with reasons (required unless accepted) and LSA's words."""

    decision = SelectField(_l("Decision"), choices=options([("", _l("Choose…"))] + list(DECISION_LABELS.items())),
                           validators=[DataRequired(REQUIRED)])
    reasons = long_text(_l("Reasons"), [Optional()], rows=2)
    lsa_text = long_text(_l("LSA's text of the proposal"), [Optional()], rows=3,
                         description=_l("What LSA proposes and why, in LSA's words (goes into the letter)."))
    lsa_wording = long_text(_l("LSA's proposed wording"), [Optional()], rows=3,
                            description=_l("Required when partly accepting: LSA's own wording."))

    def validate_reasons(self, field) -> None:
        """Partial and rejected decisions need their reasons."""
        if self.decision.data in ("partly_accepted", "rejected") and not (field.data or "").strip():
            raise ValidationError(_l("Give the reasons for this decision."))

    def validate_lsa_wording(self, field) -> None:
        """A partial acceptance needs LSA's own wording (the service checks it is not the municipality's)."""
        if self.decision.data == "partly_accepted" and not (field.data or "").strip():
            raise ValidationError(_l("Partly accepting needs LSA's own proposed wording."))


class ProposalForm(ProvisionPicked):
    """A proposal of LSA's own, on a provision picked from the draft's structure or typed."""

    lsa_text = long_text(_l("LSA's text of the proposal"), [DataRequired(REQUIRED)], rows=3,
                         description=_l("What LSA proposes and why."))
    lsa_wording = long_text(_l("LSA's proposed wording"), [Optional()], rows=3)

    def payload(self) -> dict:
        """The service payload: a chosen provision wins over typed article / part / point."""
        return {"lsa_text": self.lsa_text.data, "lsa_wording": self.lsa_wording.data or None,
                **self.provision_payload()}


class MergeForm(FlaskForm):
    """Merge identical proposals on one provision into the one that stands for them.

    The lawyer picks the one to keep and ticks the others; ticking the kept one too is harmless.
    """

    target = SelectField(_l("Keep this proposal"), validators=[DataRequired(REQUIRED)])
    others = MultiCheckboxField(_l("Merge these identical proposals into it"), coerce=int)

    def __init__(self, *args, comments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = [(c.id, merge_label(c)) for c in comments]
        self.target.choices = options([("", _l("Choose…"))] + [(str(i), label) for i, label in labels])
        self.others.choices = options(labels)

    def validate_others(self, field) -> None:
        """At least one proposal besides the kept one."""
        if not self.merged_ids():
            raise ValidationError(_l("Tick at least one other proposal to merge into the kept one."))

    def merged_ids(self) -> list[int]:
        """The ticked proposals, without the kept one."""
        target = int(self.target.data) if (self.target.data or "").isdigit() else None
        return [i for i in (self.others.data or []) if i != target]


class PositionForm(FlaskForm):
    """The LSA position; ``version`` is the version the text was based on."""

    stance = SelectField(_l("Stance"), choices=options([("", _l("Choose…"))] + list(STANCE_LABELS.items())),
                         validators=[DataRequired(REQUIRED)])
    text = long_text(_l("Position text"), [DataRequired(REQUIRED)], max_length=100_000, rows=12)
    version = HiddenField()
