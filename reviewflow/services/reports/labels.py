"""Names the reports show for stored codes (the same words as the drafts pages use)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


class _Names(dict):
    """A code -> name mapping that translates on lookup (so a report is in the reader's language)."""

    def __getitem__(self, key: str) -> str:
        return str(super().__getitem__(key))

    def get(self, key: str, default: str | None = None) -> str | None:
        """The translated name, or ``default``."""
        return str(super().__getitem__(key)) if key in self else default


KIND_NAMES = _Names({
    "law": _l("Law"), "government_resolution": _l("Government resolution"),
    "ministerial_order": _l("Ministerial order"), "other": _l("Other"),
})
STAGE_NAMES = _Names({
    "registered": _l("Registered"), "assigned": _l("Assigned"), "consultation": _l("Municipal consultation"),
    "consolidation": _l("Consolidation"), "committee_review": _l("Committee review"),
    "board_review": _l("Board review"), "approved": _l("Approved"),
})
