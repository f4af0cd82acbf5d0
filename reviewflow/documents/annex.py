"""The proposals table (annex) in the Seimas column order, inside the letter or as its own DOCX."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewflow.documents.lt_format import clean_text, lt_date_iso, lt_quote

if TYPE_CHECKING:
    from reviewflow.documents.letter import LetterData, LetterProposal

DEFAULT_ANNEX_TEMPLATE = Path(__file__).parent / "templates" / "annex.docx"
ANNEX_COLUMNS = (
    "Eil. Nr.",
    "Pasiūlymo teikėjas, data",
    "Siūloma keisti (str., d., p.)",
    "Pasiūlymo turinys",
    "LSA nuomonė",
    "Argumentai",
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
    """One table row: every proposer with its date, the provision, content, opinion and reasons."""
    proposers = "\n".join(f"{clean_text(name).strip()}, {lt_date_iso(day)}" for name, day in p.proposers)
    content = clean_text(p.content).strip()
    wording = clean_text(p.proposed_wording).strip()
    if wording:
        content = f"{content}\nSiūloma redakcija: {lt_quote(wording)}"
    return {
        "number": p.number,
        "proposers": proposers,
        "provision": clean_text(p.provision_short).strip() or GENERAL_REMARK,
        "content": content,
        "opinion": clean_text(p.lsa_opinion_lt),
        "reasons": clean_text(p.reasons).strip(),
    }


def annex_context(data: LetterData, items: list[LetterProposal]) -> dict[str, Any]:
    """The annex's names for a template: the reference line, the title and the rows."""
    number = clean_text(data.draft_number).strip()
    kind = clean_text(data.draft_kind).strip()
    draft = f"{kind} projekto" if kind else "projekto"
    return {
        "annex_reference": (
            f"{clean_text(data.lsa_name)} {lt_date_iso(data.letter_date)} "
            f"rašto Nr. {clean_text(data.our_number)} priedas"
        ),
        "annex_title": f"LSA PASIŪLYMAI DĖL {draft.upper()}{f' NR. {number}' if number else ''}",
        "annex_columns": list(ANNEX_COLUMNS),
        "annex_rows": [annex_row(p) for p in items],
    }


def render_annex(data: LetterData, template: bytes | None = None) -> bytes:
    """The annex as a DOCX of its own, for when LSA sends the table separately."""
    # Imported here: letter.py builds its context from this module.
    from reviewflow.documents.letter import letter_context, render_docx

    source = template if template is not None else DEFAULT_ANNEX_TEMPLATE.read_bytes()
    return render_docx(source, letter_context(data))
