"""The proposals table (annex) as LSA sends it out: what LSA proposes, in LSA's words.

The annex faces the addressee, so it carries no internal vocabulary (no Pritarti / Nepritarti, no
lawyer's reasons): Eil. Nr. | Projekto nuostata | LSA pasiūlymas | Siūloma redakcija | Pasiūlymą pateikė.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewflow.documents.lt_format import clean_text, lt_date_iso, lt_quote, unquote

if TYPE_CHECKING:
    from reviewflow.documents.letter import LetterData, LetterProposal

DEFAULT_ANNEX_TEMPLATE = Path(__file__).parent / "templates" / "annex.docx"
ANNEX_COLUMNS = (
    "Eil. Nr.",
    "Projekto nuostata",
    "LSA pasiūlymas",
    "Siūloma redakcija",
    "Pasiūlymą pateikė",
)
ANNEX_DECISIONS = ("accepted", "partly_accepted")
GENERAL_REMARK = "Bendra pastaba"


def default_annex_proposals(proposals: Iterable[LetterProposal]) -> list[LetterProposal]:
    """The proposals LSA supports or partly supports, in their given order."""
    return [p for p in proposals if p.decision in ANNEX_DECISIONS]


def annex_proposals_of(data: LetterData) -> list[LetterProposal]:
    """The caller's choice of annex proposals, or the default choice."""
    if data.annex_proposals is not None:
        return list(data.annex_proposals)
    return default_annex_proposals(data.proposals)


def annex_row(p: LetterProposal) -> dict[str, Any]:
    """One table row: the provision, LSA's proposal, its wording in one pair of „…“, who proposed it."""
    # The date on a line of its own: in a narrow column LibreOffice would break it at a hyphen.
    proposers = "\n".join(f"{clean_text(name).strip()}\n({lt_date_iso(day)})" for name, day in p.proposers)
    wording = unquote(clean_text(p.proposed_wording)) if p.proposed_wording else ""
    return {
        "number": p.number,
        "provision": clean_text(p.provision_short).strip() or GENERAL_REMARK,
        "content": clean_text(p.content).strip(),
        "wording": lt_quote(wording) if wording else "",
        "proposers": proposers,
    }


def annex_context(data: LetterData, items: list[LetterProposal]) -> dict[str, Any]:
    """The annex's names for a template: the reference line, the title and the rows."""
    number = " ".join(clean_text(data.draft_number).split())
    act = " ".join(clean_text(data.draft_title).split())
    return {
        "annex_reference": (
            f"{clean_text(data.lsa_name)} {lt_date_iso(data.letter_date)} "
            f"rašto Nr. {clean_text(data.our_number)} priedas"
        ),
        "annex_title": f"PASIŪLYMAI DĖL {act.upper()} PROJEKTO{f' NR. {number}' if number else ''}",
        "annex_columns": list(ANNEX_COLUMNS),
        "annex_rows": [annex_row(p) for p in items],
    }
