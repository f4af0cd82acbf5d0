"""Letter data for tests, and helpers that read a rendered DOCX back."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date

from docx import Document

from reviewflow.documents.letter import LetterData, LetterProposal

LITHUANIAN = "ąčęėįšųūž ĄČĘĖĮŠŲŪŽ"
OPINIONS = {"accepted": "Pritarti", "partly_accepted": "Pritarti iš dalies", "rejected": "Nepritarti"}


def proposal(number: int, label: str, short: str, decision: str = "accepted", **overrides) -> LetterProposal:
    """A proposal by Alytaus miesto savivaldybė unless told otherwise."""
    values = dict(
        number=number,
        proposers=[("Alytaus miesto savivaldybė", date(2026, 11, 23))],
        provision_label=label,
        provision_short=short,
        content=f"Pastaba numeris {number}.",
        proposed_wording=None,
        decision=decision,
        lsa_opinion_lt=OPINIONS[decision],
        reasons=None if decision == "accepted" else f"Argumentas {number}.",
    )
    values.update(overrides)
    return LetterProposal(**values)


PROPOSALS = [
    proposal(
        1,
        "2 straipsnio 1 dalies",
        "2 str. 1 d.",
        proposers=[
            ("Vilniaus miesto savivaldybė", date(2026, 11, 24)),
            ("Kauno miesto savivaldybė", date(2026, 11, 25)),
        ],
        content=f"Sąvoka neaiški: {LITHUANIAN}.",
        proposed_wording="Savivaldybė – savivaldos teisę turintis teritorinis vienetas.",
    ),
    proposal(2, "3 straipsnio 2 dalies", "3 str. 2 d.", decision="partly_accepted"),
    proposal(3, "", "", content="Projektas didina savivaldybių išlaidas"),
]


def letter(**overrides) -> LetterData:
    """A complete coordination letter with three proposals, annex inside the letter."""
    values = dict(
        lsa_name="Lietuvos savivaldybių asociacija",
        lsa_address="T. Vrublevskio g. 6, LT-01143 Vilnius",
        lsa_phone="(8 5) 261 6063",
        lsa_email="bendras@lsa.lt",
        lsa_jar_code="124111348",
        addressee_dative="Lietuvos Respublikos vidaus reikalų ministerijai",
        letter_date=date(2026, 11, 27),
        our_number="(1.3)-S-321",
        their_letter_date=date(2026, 11, 20),
        their_letter_number="(13.2-31)-3-352",
        draft_title="Lietuvos Respublikos Vyriausybės nutarimo „Dėl savivaldybių veiklos“ pakeitimo",
        draft_number="26-1234(2)",
        draft_kind="Vyriausybės nutarimo",
        is_seimas_conclusion=False,
        stance="supports_with_remarks",
        position_text="Savivaldybės pritaria tikslui.\n\nTačiau terminai per trumpi.",
        proposals=list(PROPOSALS),
        annex_separate=False,
        signatory_position="Prezidentas",
        signatory_name="Žydrūnas Čiūras",
        drafter_name="Ąžuolė Šilaitė",
        drafter_contacts="tel. (8 5) 261 6063, el. p. bendras@lsa.lt",
    )
    values.update(overrides)
    return LetterData(**values)


def replace(data: LetterData, **changes) -> LetterData:
    """A copy of frozen letter data with some fields changed."""
    return dataclasses.replace(data, **changes)


def paragraphs(docx: bytes) -> list[str]:
    """The body's paragraph texts, in order (table cells not included)."""
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def tables(docx: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(io.BytesIO(docx)).tables]


def all_text(docx: bytes) -> str:
    """Paragraphs and table cells, one per line."""
    cells = [cell for table in tables(docx) for row in table for cell in row]
    return "\n".join(paragraphs(docx) + cells)


def document_xml(docx: bytes) -> str:
    """word/document.xml as text."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def docx_with(*texts: str) -> bytes:
    """A minimal Word document with one paragraph (one run) per text, to serve as a template."""
    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def annex_tables(docx: bytes) -> list[list[list[str]]]:
    """The proposals tables (those with the annex's header row)."""
    return [t for t in tables(docx) if t and t[0] and t[0][0] == "Eil. Nr."]


def signature(docx: bytes) -> list[str]:
    """The signature line: the borderless table with the position and the name."""
    [row] = next(t for t in tables(docx) if len(t) == 1 and len(t[0]) == 2)
    return row
