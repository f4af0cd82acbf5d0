"""What a consultation on a later revision covers: all provisions, or only those changed or added since the last.

Kept apart from :mod:`reviewflow.services.revisions` because the comment service checks it on every comment, and
that module reads the initiator's answers, which read comments (an import loop). ``revisions`` re-exports
:func:`provisions_open_for_comment`.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from reviewflow.documents.compare import Status, compare_provisions
from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import Draft, Provision

ALL = "all"
CHANGED = "changed"
SCOPES = (ALL, CHANGED)
OPEN_STATUSES = (Status.CHANGED, Status.ADDED)


def _provisions(draft_id: int) -> list[Provision]:
    return list(db.session.scalars(select(Provision).where(Provision.draft_id == draft_id)
                                   .order_by(Provision.position, Provision.id)))


def changed_provisions(draft: Draft, provisions: list[Provision] | None = None) -> list[Provision]:
    """The draft's provisions changed or added since its previous revision, in document order.

    Worked out from the two texts each time (not stored), so a text read again during the consultation is
    followed. A renumbered provision with the same words is unchanged: a new consultation need not cover it.
    """
    provisions = _provisions(draft.id) if provisions is None else provisions
    if draft.previous_revision_id is None:
        return []
    changes = compare_provisions(_provisions(draft.previous_revision_id), provisions)
    wanted = {id(c.new) for c in changes if c.status in OPEN_STATUSES}
    return [p for p in provisions if id(p) in wanted]


def is_limited(draft: Draft) -> bool:
    """Whether the draft's consultation covers only the changed and added provisions."""
    return draft.consultation_scope == CHANGED


def provisions_open_for_comment(draft: Draft) -> list[Provision]:
    """The provisions a municipality may comment on: all of them, or only the changed and added ones."""
    provisions = _provisions(draft.id)
    return changed_provisions(draft, provisions) if is_limited(draft) else provisions


def check_open_for_comment(draft: Draft, values: dict) -> None:
    """Refuse a comment on a provision the consultation does not cover (``values`` as ``provision_values`` gives).

    In a limited consultation a comment is either general (no provision) or on an open provision, chosen or
    typed as its article / part / point; one query and a comparison, only when the consultation is limited.
    """
    if not is_limited(draft):
        return
    open_ = changed_provisions(draft)
    number = draft.previous_revision.number_raw if draft.previous_revision else ""
    if values.get("provision_id") is not None:
        if any(p.id == values["provision_id"] for p in open_):
            return
        provision = db.session.get(Provision, values["provision_id"])
        message = _("%(label)s did not change since %(number)s: this consultation covers only the changed "
                    "and added provisions.", label=provision.label if provision else "?", number=number)
        raise Invalid(message, {"provision_id": message})
    typed = tuple(values.get(name) or None for name in ("article", "part", "point"))
    if typed == (None, None, None):
        return  # a general comment on the draft
    if any(p.scope is None and (p.article, p.part, p.point) == typed for p in open_):
        return
    message = _("This consultation covers only the provisions changed or added since %(number)s: "
                "choose one of them from the list.", number=number)
    raise Invalid(message, {"article": message})
