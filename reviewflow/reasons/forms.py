"""The saved reason form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired

from reviewflow.drafts.forms import REQUIRED, long_text


class SavedReasonForm(FlaskForm):
    """The text of a reason; ``shared`` is offered to administrators only (the view removes it otherwise)."""

    text = long_text(_l("Text of the reason"), [DataRequired(REQUIRED)], max_length=5000, rows=3,
                     description=_l("Inserted into the reasons of a decision, where it can still be edited."))
    shared = BooleanField(_l("Shared with every lawyer"))
