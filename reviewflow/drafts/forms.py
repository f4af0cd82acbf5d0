"""Forms for the drafts list, registration, assignment, consultation and the lifecycle actions.

Forms validate what a person typed; they never write. Choices come in through arguments.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from reviewflow.errors import Invalid
from reviewflow.i18n import local_name
from reviewflow.services import files
from reviewflow.services.payload import MAX_TEXT
from reviewflow.services.reference import lt_sort_key


def options(pairs) -> list[SelectChoice]:
    """``(value, label)`` pairs as WTForms choices (plain tuples are deprecated since WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]

REQUIRED = _l("This field is required.")
BAD_DATE = _l("Enter a date like 2026-11-27.")
TOO_LONG = _l("At most %(max)d characters (this text has %(length)d).")
STATE_LABELS = {
    "registered": _l("Registered"), "assigned": _l("Assigned"), "consultation": _l("Municipal consultation"),
    "consolidation": _l("Consolidation"), "committee_review": _l("Committee review"),
    "board_review": _l("Board review"), "approved": _l("Approved"), "sent": _l("Sent"),
    "withdrawn": _l("Withdrawn"),
}
KIND_LABELS = {
    "law": _l("Law"), "government_resolution": _l("Government resolution"),
    "ministerial_order": _l("Ministerial order"), "other": _l("Other"),
}
STANCE_LABELS = {
    "supports": _l("Supports"), "supports_with_remarks": _l("Supports with remarks"), "objects": _l("Objects"),
}
FILE_ROLE_LABELS = {
    "draft_text": _l("Draft text"), "explanatory_note": _l("Explanatory note"), "other": _l("Other file"),
}


def long_text(label, validators=(), *, max_length: int = MAX_TEXT, description=None, **render_kw) -> TextAreaField:
    """A text area for a person's own words, refused beyond ``max_length`` with the limit and the length typed.

    No ``maxlength`` in the page: a browser cuts a longer pasted text there without a word (trial 4, B13); the
    limit is shown as a hint under the field and as ``data-max-length`` instead, and the text is kept on refusal.
    """
    hint = _l("At most %(max)d characters.", max=max_length)
    shown = hint if description is None else LazyString(lambda: f"{description} {hint}")
    return TextAreaField(label, validators=[*validators, Length(max=max_length, message=TOO_LONG)],
                         render_kw={"maxlength": False, "data-max-length": max_length, **render_kw}, description=shown)


def date_field(label, required: bool = True, **kwargs) -> DateField:
    """A date input (``type="date"``) with a message a person understands."""
    validators = [DataRequired(REQUIRED)] if required else [Optional()]
    return DateField(label, validators=validators, **kwargs)


class DocumentFile:
    """Validator: a DOCX or PDF within the size limit, checked by content (nothing is stored)."""

    def __call__(self, form, field) -> None:
        """Refuse the upload with the service's own message."""
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        data = upload.read()
        upload.seek(0)
        try:
            files.validate_upload(upload.filename, data, current_app.config["MAX_UPLOAD_BYTES"])
        except Invalid as exc:
            raise ValidationError(exc.detail) from None


class NamedSelectField(SelectField):
    """A choice from a list that, given a value not in it (a hand-edited or old URL), names that value in its
    message, so a person sees which filter was not applied and why."""

    def pre_validate(self, form) -> None:
        """Refuse a value none of the choices has, naming it."""
        if self.data and self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_l("Unknown value “%(value)s”: choose one from the list.", value=self.data))


class DraftFilterForm(FlaskForm):
    """The drafts list's filters, read from the URL so a filtered list can be shared."""

    class Meta:
        """Filters are a GET form: no CSRF token in the URL."""

        csrf = False

    text = StringField(_l("Title or number contains"), validators=[Optional(), Length(max=200)])
    state = NamedSelectField(_l("State"), validators=[Optional()])
    institution = NamedSelectField(_l("Institution"), validators=[Optional()])
    lawyer = NamedSelectField(_l("Lawyer"), validators=[Optional()])
    committee = NamedSelectField(_l("Committee"), validators=[Optional()])
    kind = NamedSelectField(_l("Kind of act"), validators=[Optional()],
                            choices=options([("", _l("Any"))] + list(KIND_LABELS.items())))
    deadline_from = date_field(_l("Reply deadline from"), required=False)
    deadline_to = date_field(_l("Reply deadline to"), required=False)
    received_from = date_field(_l("Received from"), required=False)
    received_to = date_field(_l("Received to"), required=False)
    sort = NamedSelectField(_l("Sort by"), validators=[Optional()], choices=options([
        ("deadline", _l("Reply deadline, nearest first")), ("-deadline", _l("Reply deadline, latest first")),
        ("-received", _l("Received, newest first")), ("received", _l("Received, oldest first")),
        ("number", _l("Number")), ("state", _l("State")),
    ]))
    page = IntegerField(_l("Page"), validators=[Optional()])

    def validate_deadline_to(self, field) -> None:
        """A period that ends before it starts: the drafts list's own rule (:func:`queries.check_period`)."""
        from reviewflow.services.queries import check_period

        try:
            check_period(self.deadline_from.data, field.data)
        except Invalid as exc:
            raise ValidationError(exc.detail) from None

    def validate_received_to(self, field) -> None:
        """The received period follows the same rule as the reply deadline's."""
        from reviewflow.services.queries import RECEIVED_PERIOD, check_period

        try:
            check_period(self.received_from.data, field.data, RECEIVED_PERIOD)
        except Invalid as exc:
            raise ValidationError(exc.detail) from None

    def __init__(self, *args, institutions=(), lawyers=(), committees=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _l("Any"))]
        self.state.choices = options(anything + list(STATE_LABELS.items()))
        self.institution.choices = options(anything + _institution_choices(institutions))
        self.lawyer.choices = options(anything + [(u.email, u.name) for u in lawyers])
        self.committee.choices = options(anything + [(c.code, c.display_name) for c in committees])


def _institution_choices(institutions) -> list[tuple[str, str]]:
    """Institutions by their Lithuanian name (the key drafts are filed under), labelled and ordered in the reader's
    language: an English list in English order, a Lithuanian one in the Lithuanian alphabet's."""
    labelled = [(i.name_lt, local_name(i)) for i in institutions]
    return sorted(labelled, key=lambda pair: lt_sort_key(pair[1]))


class RegisterForm(FlaskForm):
    """An incoming draft with its letter, dates and files."""

    # No maxlength in the page: the browser would cut a longer pasted title silently; refused here, with the limit.
    title = TextAreaField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=2000, message=TOO_LONG)],
                          render_kw={"rows": 2, "maxlength": False},
                          description=_l("As printed on the draft, even in capitals: it is stored in normal case."))
    number = StringField(_l("Draft number"), validators=[DataRequired(REQUIRED), Length(max=80)],
                         description=_l("As the initiator writes it, e.g. XIVP-2435(2); “Nr.” may stay."))
    kind = SelectField(_l("Kind of act"), choices=options(KIND_LABELS.items()))
    institution = SelectField(_l("Initiating institution"), validators=[DataRequired(REQUIRED)])
    incoming_letter_number = StringField(_l("Received letter number"),
                                         validators=[DataRequired(REQUIRED), Length(max=80)])
    incoming_letter_date = date_field(_l("Received letter date"))
    received_date = date_field(_l("Received on"))
    reply_deadline = date_field(
        _l("Reply deadline"), required=False,
        description=_l("Leave empty for the default number of working days after receipt."),
    )
    tais_url = StringField(_l("Link to the draft in the Seimas legal acts information system"),
                           validators=[Optional(), URL(message=_l("Enter a full web address.")),
                                       Length(max=500)])
    related_act = StringField(_l("Related act"), validators=[Optional(), Length(max=300)],
                              description=_l("E.g. the act it amends, with its Register of Legal Acts (TAR) code."))
    draft_text = FileField(_l("Draft text (DOCX or PDF)"), validators=[DocumentFile()])
    explanatory_note = FileField(_l("Explanatory note (DOCX or PDF)"), validators=[DocumentFile()])
    allow_duplicate = BooleanField(_l("Register it anyway, as a second draft with the same number"))
    allow_same_letter = BooleanField(_l("Register it anyway: this letter brings more than one draft"))

    def __init__(self, *args, institutions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.institution.choices = options([("", _l("Choose…"))] + _institution_choices(institutions))


class FileForm(FlaskForm):
    """One more file for a registered draft."""

    role = SelectField(_l("What the file is"), choices=options(FILE_ROLE_LABELS.items()))
    file = FileField(_l("File (DOCX or PDF)"), validators=[DataRequired(REQUIRED), DocumentFile()])


class ExtendForm(FlaskForm):
    """A later comment deadline for one invited municipality."""

    municipality = SelectField(_l("Municipality"), validators=[DataRequired(REQUIRED)])
    deadline = date_field(_l("New deadline"))
    reason = long_text(_l("Reason"), [Optional()], max_length=2000, rows=2)

    def __init__(self, *args, invited=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality.choices = options(
            [("", _l("Choose…"))] + [(row["municipality"], row["name"]) for row in invited]
        )


class AssignForm(FlaskForm):
    """The responsible lawyer and, where the topic needs one, a committee (assignment, reassignment)."""

    lawyer = SelectField(_l("Responsible lawyer"), validators=[DataRequired(REQUIRED)])
    committee = SelectField(_l("Committee"), validators=[Optional()])

    def __init__(self, *args, lawyers=(), committees=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lawyer.choices = options([("", _l("Choose…"))] + [(u.email, u.name) for u in lawyers])
        self.committee.choices = options([("", _l("No committee"))] + [
            (c.code, c.label) for c in committees
        ])


class PasswordAgainForm(FlaskForm):
    """The password, asked again before an act that needs a recent login."""

    password = PasswordField(_l("Your password"), validators=[DataRequired(REQUIRED)],
                             render_kw={"autocomplete": "current-password"},
                             description=_l("Approving needs a recent sign-in: confirm your password."))


class ConsultationScope:
    """Mixin: which municipalities are invited — all, those of chosen counties, or a list."""

    def municipality_codes(self, municipalities) -> list[str] | None:
        """The chosen ISO codes; ``None`` means all municipalities."""
        if self.scope.data == "county":
            return [m.iso_code for m in municipalities if m.county in set(self.counties.data or [])]
        if self.scope.data == "list":
            return list(self.municipalities.data or [])
        return None

    def validate_counties(self, field) -> None:
        """Choosing by county needs at least one county."""
        if self.scope.data == "county" and not field.data:
            raise ValidationError(_l("Choose at least one county."))

    def validate_municipalities(self, field) -> None:
        """Choosing by list needs at least one municipality."""
        if self.scope.data == "list" and not field.data:
            raise ValidationError(_l("Choose at least one municipality."))


def scope_fields(municipalities) -> dict:
    """The fields of :class:`ConsultationScope`, with choices from ``municipalities``."""
    counties = sorted({m.county for m in municipalities}, key=lt_sort_key)  # Šiaulių after Panevėžio, not Vilniaus
    return {
        "scope": RadioField(_l("Invite"), default="all", choices=options([
            ("all", _l("All municipalities")), ("county", _l("The municipalities of chosen counties")),
            ("list", _l("Chosen municipalities")),
        ])),
        "counties": SelectMultipleField(_l("Counties"), choices=options((c, c) for c in counties),
                                        validators=[Optional()], render_kw={"size": 5}),
        "municipalities": SelectMultipleField(
            _l("Municipalities"), choices=options((m.iso_code, m.name) for m in municipalities),
            validators=[Optional()], render_kw={"size": 8},
            description=_l("Hold Ctrl (or ⌘) to choose several."),
        ),
    }


class LetterSubjectForm(FlaskForm):
    """The lawyer's correction of the letter's subject line (empty: the one made from the title)."""

    letter_subject = long_text(
        _l("Letter subject"), [Optional()], max_length=1000, rows=2,
        description=_l("Correct it here; empty it to go back to the subject made from the title."),
    )


class SignatoryChoiceForm(FlaskForm):
    """Who signs this draft's letter: one of the active signatories, or the default."""

    signatory = SelectField(_l("Signatory"), validators=[Optional()])

    def __init__(self, *args, signatories=(), default=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fallback = (_l("The default signatory (%(who)s)", who=f"{default.position} {default.name}")
                    if default else _l("The default signatory (none set)"))
        self.signatory.choices = options([("", fallback)] + [
            (str(s.id), f"{s.position} {s.name}") for s in signatories
        ])
