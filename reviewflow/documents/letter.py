"""The response letter: LSA's Word template and the letter's data in, DOCX bytes out."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from flask_babel import gettext as _

from reviewflow.documents import annex
from reviewflow.documents.docx_render import leftover_tags, render_docx
from reviewflow.documents.lt_format import clean_text, lt_date_iso, lt_date_long, lt_quote, unquote
from reviewflow.documents.pdf import docx_to_pdf, page_count, pages_from
from reviewflow.errors import Invalid

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = TEMPLATES / "letter.docx"
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
STANCES = ("supports", "supports_with_remarks", "objects")
STANCE_SENTENCES = {
    "supports": "Projektui pritaria.",
    "supports_with_remarks": "Projektui pritaria su toliau išdėstytomis pastabomis ir pasiūlymais.",
    "objects": "Projektui nepritaria.",
}


@dataclass(frozen=True)
class LetterProposal:
    """One proposal as it stands in the letter and in the annex table."""

    number: int
    proposers: list[tuple[str, date]]  # municipality's official name, date of its comment
    provision_label: str  # genitive, "3 straipsnio 2 dalies"; "" for a general remark
    provision_short: str  # for the table, "3 str. 2 d."
    content: str
    proposed_wording: str | None
    decision: str  # "accepted" | "partly_accepted" | "rejected"
    lsa_opinion_lt: str  # "Pritarti" | "Pritarti iš dalies" | "Nepritarti"; internal, never in the annex
    reasons: str | None  # internal, never in the letter or the annex
    citation: str | None = None  # what follows "Dėl ": "Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio"


@dataclass(frozen=True)
class LetterData:
    """Everything the letter says; the caller fills it from the draft, the position and configuration."""

    lsa_name: str
    lsa_address: str
    lsa_phone: str
    lsa_email: str
    lsa_jar_code: str
    addressee_dative: str
    letter_date: date
    our_number: str
    their_letter_date: date
    their_letter_number: str
    draft_title: str  # the act's name in the genitive, without "projektas"
    draft_number: str
    draft_kind: str  # the kind of act in the genitive, e.g. "įstatymo", "Vyriausybės nutarimo"
    is_seimas_conclusion: bool
    stance: str  # one of STANCES
    position_text: str
    proposals: list[LetterProposal]
    annex_separate: bool
    signatory_position: str
    signatory_name: str
    drafter_name: str
    drafter_contacts: str
    annex_proposals: list[LetterProposal] | None = None  # None: default_annex_proposals(proposals)
    annex_pages: int | None = None  # stated in the annex note when known
    subject: str | None = None  # the subject line as the lawyer corrected it; None: made from the title


def render_letter(data: LetterData, template: bytes | None = None) -> bytes:
    """The letter as DOCX, from LSA's template (the shipped default when ``template`` is None)."""
    source = template if template is not None else DEFAULT_TEMPLATE.read_bytes()
    return render_docx(source, letter_context(data))


def render_annex(data: LetterData, template: bytes | None = None) -> bytes:
    """The annex as a DOCX of its own, for when LSA sends the table separately."""
    source = template if template is not None else annex.DEFAULT_ANNEX_TEMPLATE.read_bytes()
    return render_docx(source, letter_context(data))


def letter_with_pdf(data: LetterData, document: bytes, annex_docx: bytes | None, template: bytes | None,
                    timeout: float = 120) -> tuple[bytes, bytes, int | None]:
    """``(docx, pdf, annex_pages)``: the letter's PDF, and the letter rendered again with the annex's sheets
    counted in its "PRIDEDAMA" note: from the separate annex's own PDF, or, for an annex inside the letter
    (which starts on a new page), from the page where it starts to the end. Raises
    :class:`~reviewflow.documents.pdf.ConversionError` when LibreOffice fails."""
    if not annex.annex_proposals_of(data):
        return document, docx_to_pdf(document, timeout), None
    if annex_docx is not None:
        pages = page_count(docx_to_pdf(annex_docx, timeout))
    else:
        first = docx_to_pdf(document, timeout)
        pages = pages_from(first, annex.annex_context(data, [])["annex_reference"])
        if pages is None:  # a replaced template that does not print the annex's reference line
            return document, first, None
    document = render_letter(replace(data, annex_pages=pages), template)
    return document, docx_to_pdf(document, timeout), pages


def render_sample(template: bytes) -> bytes:
    """The template filled with built-in sample data, for an administrator's preview."""
    return render_docx(template, letter_context(sample_letter_data()))


def validate_template(template: bytes) -> None:
    """Refuse a replacement template unless it renders the sample data cleanly."""
    if len(template) > MAX_TEMPLATE_BYTES:
        raise Invalid(_("The template is larger than 10 MB."), {"template": "too large"})
    output = render_sample(template)
    _check_docx(output)
    leftovers = leftover_tags(output)
    if leftovers:
        message = _(
            "The template leaves unprocessed tags in the letter: %(tags)s. "
            "Check that every {{ … }} and {%% … %%} is complete and written in one style.",
            tags="; ".join(leftovers[:3]),
        )
        raise Invalid(message, {"template": message})


def subject_line(act_genitive: str, draft_number: str, is_seimas_conclusion: bool) -> str:
    """The subject in capitals: "DĖL <act in the genitive> PROJEKTO NR. … DERINIMO" ("… IŠVADOS" for
    Seimas). ``act_genitive`` is the act's name with its head noun in the genitive, in normal case."""
    number = f" NR. {_line(draft_number)}" if _line(draft_number) else ""
    ending = "IŠVADOS" if is_seimas_conclusion else "DERINIMO"
    return f"DĖL {_line(act_genitive).upper()} PROJEKTO{number} {ending}"


def letter_title(data: LetterData) -> str:
    """The letter's subject: the lawyer's correction when there is one, else made from the title."""
    if data.subject and _line(data.subject):
        return _line(data.subject)
    return subject_line(data.draft_title, data.draft_number, data.is_seimas_conclusion)


def stance_text(stance: str, is_seimas_conclusion: bool) -> str:
    """The words that end the opening paragraph and say whether LSA supports the draft."""
    if stance not in STANCE_SENTENCES:
        message = _("Unknown stance %(stance)s: use one of %(allowed)s.", stance=stance, allowed=STANCES)
        raise Invalid(message, {"stance": message})
    sentence = STANCE_SENTENCES[stance]
    return f"teikia išvadą: {sentence}" if is_seimas_conclusion else sentence


def stance_sentence(data: LetterData) -> str:
    """The sentence that ends the opening paragraph and says whether LSA supports the draft."""
    return stance_text(data.stance, data.is_seimas_conclusion)


def opening_text(*, their_letter_date: date, their_letter_number: str, act_genitive: str, draft_number: str,
                 stance: str, is_seimas_conclusion: bool) -> str:
    """The letter's first sentence, exactly as the letter prints it (the position form previews it)."""
    number = _line(draft_number)
    return (
        f"Lietuvos savivaldybių asociacija (toliau – LSA), išnagrinėjusi Jūsų {lt_date_iso(their_letter_date)} "
        f"raštu Nr. {_line(their_letter_number)} pateiktą {_line(act_genitive)} projektą"
        f"{f' Nr. {number}' if number else ''} (toliau – Projektas), {stance_text(stance, is_seimas_conclusion)}"
    )


def annex_note(data: LetterData) -> str:
    """The "PRIDEDAMA" line that tells the reader a proposals table is attached, with its sheets."""
    if data.annex_pages:
        return f"PRIDEDAMA. Pasiūlymų lentelė, {data.annex_pages} lap."
    return "PRIDEDAMA. Pasiūlymų lentelė."


def letter_context(data: LetterData) -> dict[str, Any]:
    """The names a letter template can use, all plain text (escaped when rendered)."""
    annex_items = annex.annex_proposals_of(data)
    details = ", ".join(
        part
        for part in (
            clean_text(data.lsa_address),
            f"tel. {clean_text(data.lsa_phone)}" if data.lsa_phone else "",
            f"el. p. {clean_text(data.lsa_email)}" if data.lsa_email else "",
            f"JAR kodas {clean_text(data.lsa_jar_code)}" if data.lsa_jar_code else "",
        )
        if part
    )
    draft_number = _line(data.draft_number)
    return {
        "lsa_name": _line(data.lsa_name),
        "lsa_name_upper": _line(data.lsa_name).upper(),
        "lsa_details": details,
        "addressee": clean_text(data.addressee_dative),
        "letter_date": lt_date_iso(data.letter_date),
        "letter_date_long": lt_date_long(data.letter_date),
        "our_number": _line(data.our_number),
        "their_letter_date": lt_date_iso(data.their_letter_date),
        "their_letter_number": _line(data.their_letter_number),
        "title": letter_title(data),
        "draft_title": _line(data.draft_title),
        "draft_number": draft_number,
        "draft_number_text": f" Nr. {draft_number}" if draft_number else "",
        "draft_kind": _line(data.draft_kind),
        "stance_sentence": stance_sentence(data),
        "opening_sentence": opening_text(
            their_letter_date=data.their_letter_date, their_letter_number=data.their_letter_number,
            act_genitive=data.draft_title, draft_number=data.draft_number, stance=data.stance,
            is_seimas_conclusion=data.is_seimas_conclusion,
        ),
        "position_paragraphs": _paragraphs(data.position_text),
        "proposals": [_proposal_item(p) for p in data.proposals],
        "has_annex": bool(annex_items),
        "annex_inline": bool(annex_items) and not data.annex_separate,
        "annex_note": annex_note(data) if annex_items else "",
        **annex.annex_context(data, annex_items),
        "signatory_position": clean_text(data.signatory_position),
        "signatory_name": clean_text(data.signatory_name),
        "drafter_name": clean_text(data.drafter_name),
        "drafter_contacts": clean_text(data.drafter_contacts),
    }


def proposal_citation(p: LetterProposal) -> str:
    """What follows "Dėl " in the body: "Projekto 3 straipsnio 2 dalies", or "Projekto" for a general remark."""
    citation = _line(p.citation)
    if citation:
        return citation
    label = _line(p.provision_label)
    return f"Projekto {label}" if label else "Projekto"


def _proposal_item(p: LetterProposal) -> dict[str, Any]:
    """One numbered proposal for the letter's body."""
    citation = proposal_citation(p)
    wording = unquote(clean_text(p.proposed_wording)) if p.proposed_wording else ""
    return {
        "number": p.number,
        "heading": f"Dėl {citation}",
        # For templates written as "Dėl Projekto {{ p.provision }}".
        "provision": citation.removeprefix("Projekto").strip() or "bendrai",
        "content": _sentence(clean_text(p.content)),
        "wording": wording,
        "wording_quoted": _quoted_sentence(wording) if wording else "",
    }


def _quoted_sentence(wording: str) -> str:
    """„wording“ ending the sentence: a full stop after the closing mark unless the wording has one."""
    quoted = lt_quote(wording)
    return quoted if wording[-1:] in ".!?…" else quoted + "."


def _line(text: object) -> str:
    """Text for a one-line requisite: line breaks and runs of spaces become one space."""
    return " ".join(clean_text(text).split())


def _sentence(text: str) -> str:
    """Text that ends like a sentence, so "Siūlome …" can follow it."""
    text = text.strip()
    return text if not text or text[-1] in '.!?…;:“"»)' else text + "."


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single line breaks stay inside a paragraph."""
    return [part.strip() for part in re.split(r"\n\s*\n", clean_text(text)) if part.strip()]


def sample_letter_data() -> LetterData:
    """Realistic sample data, used to preview and validate templates."""
    merged = LetterProposal(
        number=1,
        proposers=[
            ("Vilniaus miesto savivaldybė", date(2026, 11, 24)),
            ("Kauno miesto savivaldybė", date(2026, 11, 25)),
        ],
        provision_label="1 straipsniu keičiamo įstatymo 15 straipsnio 2 dalies",
        provision_short="1 (15) str. 2 d.",
        content="Siūlome pailginti terminą, nes savivaldybėms reikia laiko pasirengti.",
        proposed_wording="„2. Savivaldybės taryba sprendimą priima per 30 darbo dienų.“",
        decision="accepted",
        lsa_opinion_lt="Pritarti",
        reasons=None,
        citation="Projekto 1 straipsniu keičiamo įstatymo 15 straipsnio 2 dalies",
    )
    general = LetterProposal(
        number=2,
        proposers=[("Šiaulių rajono savivaldybė", date(2026, 11, 25))],
        provision_label="",
        provision_short="",
        content="Siūlome aiškinamajame rašte įvertinti papildomas savivaldybių išlaidas.",
        proposed_wording=None,
        decision="partly_accepted",
        lsa_opinion_lt="Pritarti iš dalies",
        reasons="Išlaidų įvertinimą siūloma pateikti aiškinamajame rašte.",
    )
    return LetterData(
        lsa_name="Lietuvos savivaldybių asociacija",
        lsa_address="T. Vrublevskio g. 6, LT-01143 Vilnius",
        lsa_phone="(8 5) 261 6063",
        lsa_email="bendras@lsa.lt",
        lsa_jar_code="124111348",
        addressee_dative="Lietuvos Respublikos Seimo Valstybės valdymo ir savivaldybių komitetui",
        letter_date=date(2026, 11, 27),
        our_number="(1.3)-S-123",
        their_letter_date=date(2026, 11, 20),
        their_letter_number="(13.2-31)-3-352",
        draft_title=("Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio pakeitimo įstatymo"),
        draft_number="XIVP-2667",
        draft_kind="įstatymo",
        is_seimas_conclusion=True,
        stance="supports_with_remarks",
        position_text="Pritariame Projekto tikslams.\n\nSavivaldybėms reikia laiko pasirengti.",
        proposals=[merged, general],
        annex_separate=False,
        signatory_position="Prezidentas",
        signatory_name="Vardenis Pavardenis",
        drafter_name="Ąžuolė Šilaitė",
        drafter_contacts="tel. (8 5) 261 6063, el. p. bendras@lsa.lt",
    )


def _check_docx(payload: bytes) -> None:
    """Open a rendered DOCX with python-docx, as Word would have to."""
    Document(io.BytesIO(payload))
