"""The lifecycle actions' forms, built from the ``needs`` of each transition in the table."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from reviewflow.drafts.forms import (
    REQUIRED,
    STANCE_LABELS,
    ConsultationScope,
    date_field,
    long_text,
    options,
    scope_fields,
)
from reviewflow.workflows import TRANSITIONS

ACTION_LABELS = {
    "assign": _l("Assign"),
    "open_consultation": _l("Open municipal consultation"),
    "skip_consultation": _l("Skip consultation"),
    "close_consultation": _l("Close consultation"),
    "send_to_committee": _l("Send to committee"),
    "skip_committee": _l("Skip committee, send to the board"),
    "give_opinion": _l("Give committee opinion"),
    "approve": _l("Approve position"),
    "return_for_revision": _l("Return for revision"),
    "mark_sent": _l("Mark as sent"),
    "withdraw": _l("Withdraw"),
}
# Steps on a draft's record that are not lifecycle transitions, named for the timeline.
STEP_LABELS = {
    **ACTION_LABELS,
    "record_initiator_answer": _l("Initiator's answer recorded"),
    "carry_over_comments": _l("Comments carried over from the previous revision"),
    "add_lsa_proposal": _l("LSA's own proposal added"),
    "delete_lsa_proposal": _l("LSA's own proposal removed"),
    "edit_lsa_words": _l("LSA's words of a proposal changed"),
    "regenerate_letter": _l("Letter made again"),
    "set_letter_subject": _l("Letter subject corrected"),
    "set_signatory": _l("Signatory chosen"),
    "import_initiator_answers": _l("Initiator's answers imported"),
    "register": _l("Registered"), "attach_file": _l("File attached"), "reassign": _l("Reassigned"),
    "add_comment": _l("Comment added"), "edit_comment": _l("Comment changed"),
    "delete_comment": _l("Comment deleted"), "submit_answer": _l("Municipality's answer submitted"),
    "no_comments": _l("Answered: no comments"), "extend_deadline": _l("Deadline extended"),
    "decide_comment": _l("Decision on a comment"), "merge_comments": _l("Proposals merged"),
    "unmerge_comment": _l("Proposal unmerged"), "save_position": _l("Position saved"),
    "upload_signed_letter": _l("Signed letter uploaded"),
}
SENT_VIA_LABELS = {  # the values of services.lifecycle.SentVia
    "e_delivery": _l("E-delivery (e. pristatymas)"), "email": _l("E-mail"), "post": _l("Post"), "other": _l("Other"),
}
DATE_LABELS = {
    "comment_deadline": _l("Comment deadline for municipalities"),
    "meeting_date": _l("Committee meeting date"),
    "decision_date": _l("Decision date"),
    "sent_date": _l("Sent on"),
}


def _field(key: str, required: bool, ctx: dict):
    """The form field for one need of a transition."""
    check = [DataRequired(REQUIRED)] if required else [Optional()]
    if key == "lawyer":
        return SelectField(_l("Responsible lawyer"), validators=check,
                           choices=options([("", _l("Choose…"))] + [(u.email, u.name) for u in ctx["lawyers"]]))
    if key == "committee":
        return SelectField(_l("Committee"), validators=check, default=ctx.get("committee"), choices=options([
            ("", _l("No committee") if not required else _l("Choose…"))
        ] + [(c.code, c.label) for c in ctx["committees"]]))
    if key in DATE_LABELS:
        return date_field(DATE_LABELS[key], required=required, default=ctx["dates"].get(key))
    if key == "reason":
        return long_text(_l("Reason"), check, max_length=5000, rows=3)
    if key == "opinion":
        # An empty first choice: the committee states its opinion, never gets the first one by default.
        return SelectField(_l("Opinion"), validators=check,
                           choices=options([("", _l("Choose…"))] + list(STANCE_LABELS.items())))
    if key == "text":
        return long_text(_l("Opinion text"), check, rows=5)
    if key == "sent_via":
        return SelectField(_l("Sent via"), validators=check, default="e_delivery",
                           choices=options(list(SENT_VIA_LABELS.items())))
    if key == "decision_number":
        return StringField(_l("Decision number"), validators=[*check, Length(max=32)],
                           description=_l("The board's decision number, e.g. VN-12."))
    raise KeyError(key)


def provision_scope_field(previous) -> SelectField:
    """On a later revision, open the consultation on all provisions or only those changed since ``previous``.

    Its value goes out as the transition's ``scope`` ("all" / "changed"); the form's own ``scope`` is the
    municipalities'.
    """
    return SelectField(_l("Provisions open for comment"), default="all", choices=options([
        ("all", _l("All provisions")),
        ("changed", _l("Only the provisions changed or added since %(number)s", number=previous.number_raw)),
    ]), description=_l("Municipalities then comment only on what the initiator changed."))


def transition_form(name: str, ctx: dict, **kwargs) -> FlaskForm:
    """A form with exactly the fields transition ``name`` needs (plus the password when asked)."""
    attrs: dict = {}
    bases: tuple = (FlaskForm,)
    for need in TRANSITIONS[name].needs:
        key, required = need.rstrip("?"), not need.endswith("?")
        if key == "municipalities":
            attrs.update(scope_fields(ctx["municipalities"]))
            bases = (ConsultationScope, FlaskForm)
            if ctx.get("previous_revision") is not None:
                attrs["provision_scope"] = provision_scope_field(ctx["previous_revision"])
        else:
            attrs[key] = _field(key, required, ctx)
    if name == "mark_sent" and ctx.get("initiator_email"):
        attrs["email_initiator"] = BooleanField(
            _("E-mail the signed letter to the initiator (%(address)s)", address=ctx["initiator_email"]),
            default=True, description=_l("Sent once, with the signed file attached, when you mark the letter sent."),
        )
    if ctx.get("confirm"):  # a step that cannot be undone: ticked in the page (no browser dialog under the CSP)
        attrs["confirm"] = BooleanField(ctx["confirm"], validators=[DataRequired(_l("Tick the box to confirm."))])
    if ctx.get("ask_password"):
        attrs["password"] = PasswordField(
            _l("Your password"), validators=[DataRequired(REQUIRED)],
            render_kw={"autocomplete": "current-password"},
            description=_l("Approving needs a recent sign-in: confirm your password."),
        )
    form_class = type(f"{name.title().replace('_', '')}Form", bases, attrs)
    return form_class(**kwargs)
