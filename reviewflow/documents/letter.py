"""The response letter: LSA's Word template and the letter's data in, DOCX bytes out."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docxtpl import DocxTemplate
from flask_babel import gettext as _
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from reviewflow.documents import annex
from reviewflow.documents.lt_format import clean_text, lt_date_iso, lt_date_long, lt_plural
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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG_MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
_XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


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
    lsa_opinion_lt: str  # "Pritarti" | "Pritarti iš dalies" | "Nepritarti"
    reasons: str | None


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


def render_letter(data: LetterData, template: bytes | None = None) -> bytes:
    """The letter as DOCX, from LSA's template (the shipped default when ``template`` is None)."""
    source = template if template is not None else DEFAULT_TEMPLATE.read_bytes()
    return render_docx(source, letter_context(data))


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


def render_docx(template: bytes, context: dict[str, Any]) -> bytes:
    """Render a docxtpl template in a sandbox with autoescape; template problems become Invalid."""
    try:
        doc = DocxTemplate(io.BytesIO(template))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a file that is not DOCX
        message = _("The template is not a Word document (.docx).")
        raise Invalid(message, {"template": message}) from exc
    try:
        doc.render(context, jinja_env=make_environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        near = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        message = _("The template has a syntax error: %(error)s (near: %(near)s)", error=exc.message, near=near[:200])
        raise Invalid(message, {"template": message}) from exc
    except TemplateError as exc:
        message = _("The template cannot be filled in: %(error)s", error=str(exc))
        raise Invalid(message, {"template": message}) from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_environment() -> SandboxedEnvironment:
    """A sandboxed Jinja environment: autoescaped, strict about unknown names, literal user text."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_literal)


def _literal(value: Any) -> Any:
    """Escape a value for WordprocessingML, and keep its braces from looking like template tags."""
    if hasattr(value, "__html__"):  # RichText, Listing, Subdoc: already XML
        return value
    if value is None:
        return Markup("")
    text = str(escape(clean_text(value)))
    # docxtpl turns "{_{" back into "{{" after rendering; character references survive that.
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


def leftover_tags(docx: bytes) -> list[str]:
    """Paragraphs of a rendered DOCX that still contain template tags."""
    found = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if not _XML_PARTS.fullmatch(name):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{_W}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
                if any(marker in text for marker in _TAG_MARKERS):
                    found.append(text.strip()[:80])
    return found


def letter_title(data: LetterData) -> str:
    """The title in capitals: "DĖL … PROJEKTO NR. … DERINIMO", or "… IŠVADOS" for Seimas."""
    number = f" NR. {_line(data.draft_number)}" if _line(data.draft_number) else ""
    ending = "IŠVADOS" if data.is_seimas_conclusion else "DERINIMO"
    return f"DĖL {_line(data.draft_title).upper()} PROJEKTO{number} {ending}"


def stance_sentence(data: LetterData) -> str:
    """The sentence that ends the opening paragraph and says whether LSA supports the draft."""
    if data.stance not in STANCE_SENTENCES:
        message = _("Unknown stance %(stance)s: use one of %(allowed)s.", stance=data.stance, allowed=STANCES)
        raise Invalid(message, {"stance": message})
    sentence = STANCE_SENTENCES[data.stance]
    return f"teikia išvadą: {sentence}" if data.is_seimas_conclusion else sentence


def annex_note(data: LetterData) -> str:
    """The "PRIDEDAMA" line that tells the reader a proposals table is attached."""
    if data.annex_pages:
        pages = data.annex_pages
        return f"PRIDEDAMA. Pasiūlymų lentelė, {pages} {lt_plural(pages, 'lapas', 'lapai', 'lapų')}."
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


def _proposal_item(p: LetterProposal) -> dict[str, Any]:
    """One numbered proposal for the letter's body."""
    label = clean_text(p.provision_label).strip()
    return {
        "number": p.number,
        "provision": label or "bendrai",
        "content": _sentence(clean_text(p.content)),
        "wording": clean_text(p.proposed_wording).strip(),
        "opinion": clean_text(p.lsa_opinion_lt),
        "reasons": clean_text(p.reasons).strip(),
    }


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
        provision_label="3 straipsnio 2 dalies",
        provision_short="3 str. 2 d.",
        content="Terminas per trumpas savivaldybėms pasirengti.",
        proposed_wording="Savivaldybės taryba sprendimą priima per 30 darbo dienų.",
        decision="accepted",
        lsa_opinion_lt="Pritarti",
        reasons=None,
    )
    general = LetterProposal(
        number=2,
        proposers=[("Šiaulių rajono savivaldybė", date(2026, 11, 25))],
        provision_label="",
        provision_short="",
        content="Projekte neįvertintos papildomos savivaldybių išlaidos.",
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
