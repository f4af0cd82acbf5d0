"""Forms of the consolidation table's own tools: decisions in bulk and internal notes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional

from reviewflow.drafts.forms import REQUIRED, long_text, options
from reviewflow.drafts.forms_review import DECISION_LABELS


class BulkDecideForm(FlaskForm):
    """One decision and reasons for the ticked proposals; ``bulk_confirmed`` is set by the confirmation step.

    Its names start with ``bulk_`` (no prefix): the rows' own decision forms are the ``…-decision`` ones.
    """

    bulk_comments = SelectMultipleField(_l("Proposals"), coerce=int, validate_choice=False,
                                   validators=[DataRequired(_l("Tick the proposals to decide on."))])
    bulk_decision = SelectField(_l("Decision"), validators=[DataRequired(REQUIRED)],
                           choices=options([("", _l("Choose…"))] + list(DECISION_LABELS.items())))
    bulk_reasons = long_text(_l("Reasons"), [Optional()], rows=2, description=_l("Required unless accepting."))
    bulk_confirmed = HiddenField()

    def payload(self) -> dict:
        """The service payload (the ids go apart)."""
        return {"decision": self.bulk_decision.data, "reasons": self.bulk_reasons.data or None}


class NoteForm(FlaskForm):
    """An internal note on one proposal."""

    text = long_text(_l("Internal note"), [DataRequired(REQUIRED)], max_length=5000, rows=2)
