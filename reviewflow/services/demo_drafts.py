"""Demo drafts for the local demo mode, walked through the real services so they look lived-in."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Draft
from reviewflow.services import consolidation, consultation, lifecycle
from reviewflow.services.accounts import find_user_by_email
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import attach_file, register_draft

DEMO_DRAFTS = [
    {
        "title": "Vietos savivaldos įstatymo Nr. I-533 3, 6 ir 15 straipsnių pakeitimo įstatymo projektas",
        "number": "XIVP-2435(2)", "kind": "law", "institution": "Lietuvos Respublikos Seimas",
        "incoming_letter_number": "S-2026-4411", "stage": "consultation",
    },
    {
        "title": "Dėl Lietuvos Respublikos Vyriausybės 2020 m. nutarimo Nr. 1234 pakeitimo",
        "number": "26-1022", "kind": "government_resolution",
        "institution": "Lietuvos Respublikos vidaus reikalų ministerija",
        "incoming_letter_number": "(13.2-31)-3-352", "stage": "consolidation",
    },
    {
        "title": "Kelių priežiūros tvarkos aprašo pakeitimo projektas",
        "number": "3-2026-77", "kind": "ministerial_order",
        "institution": "Lietuvos Respublikos susisiekimo ministerija",
        "incoming_letter_number": "2S-1890", "stage": "registered",
    },
    {
        "title": "Atliekų tvarkymo įstatymo Nr. VIII-787 30 straipsnio pakeitimo įstatymo projektas",
        "number": "XIVP-2667", "kind": "law", "institution": "Lietuvos Respublikos Seimas",
        "incoming_letter_number": "S-2026-3980", "stage": "approved",
    },
    {  # with its text attached and the consultation open, so a newcomer can comment on its provisions
        "title": "Vietos savivaldos įstatymo Nr. I-533 7, 12 ir 27 straipsnių pakeitimo įstatymo projektas",
        "number": "XIVP-3597", "kind": "law", "institution": "Lietuvos Respublikos Seimas",
        "incoming_letter_number": "S-2026-4720", "stage": "open", "text": True,
    },
]
# The demo draft's text: an amending law of three articles, quoting the new wording as real ones do.
DEMO_TEXT = (
    "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 7, 12 IR 27 STRAIPSNIŲ PAKEITIMO ĮSTATYMAS",
    "1 straipsnis. 7 straipsnio pakeitimas",
    "Pakeisti 7 straipsnio 2 dalį ir ją išdėstyti taip:",
    "„2. Savivaldybė, prieš priimdama sprendimą dėl naujos paslaugos gyventojams, įvertina jos poreikį "
    "ir finansavimo šaltinius.“",
    "2 straipsnis. 12 straipsnio pakeitimas",
    "1. Pakeisti 12 straipsnio 1 dalį ir ją išdėstyti taip:",
    "„1. Savivaldybės tarybos posėdžiai transliuojami internetu, o jų įrašai skelbiami savivaldybės "
    "interneto svetainėje ne trumpiau kaip ketverius metus.“",
    "2. Papildyti 12 straipsnį 5 dalimi:",
    "„5. Posėdžio įrašas neskelbiamas tiek, kiek jame yra asmens duomenų, kurių skelbti neleidžia įstatymai.“",
    "3 straipsnis. Įstatymo įsigaliojimas",
    "1. Šis įstatymas, išskyrus šio straipsnio 2 dalį, įsigalioja 2027 m. sausio 1 d.",
    "2. Šio įstatymo 2 straipsnio 2 dalis įsigalioja 2027 m. liepos 1 d.",
)


def demo_text_docx() -> bytes:
    """The demo draft's text as a Word file, made now with python-docx."""
    import io

    from docx import Document

    document = Document()
    for line in DEMO_TEXT:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _walk(draft: Draft, stage: str, people: dict) -> None:
    """Take the draft through the real services up to ``stage``."""
    if stage == "registered":
        return
    lawyer = people["lawyer"]
    lifecycle.fire_transition(draft.id, "assign", lawyer, {"lawyer": lawyer.email, "committee": "IVPK"})
    lifecycle.fire_transition(draft.id, "open_consultation", lawyer, {})
    if stage == "open":
        return
    first = consultation.add_comment(draft, people["vilnius"], {
        "article": "3", "part": "2", "text": "Siūlome patikslinti savivaldybių funkcijų sąrašą.",
        "proposed_wording": "Savivaldybė atlieka šias savarankiškąsias funkcijas: …",
    })
    second = consultation.add_comment(draft, people["kaunas"], {
        "article": "6", "text": "Papildomoms funkcijoms būtinas finansavimas iš valstybės biudžeto.",
    })
    if stage == "consultation":
        return
    consultation.submit_answer(draft, people["vilnius"])
    lifecycle.fire_transition(draft.id, "close_consultation", lawyer, {"reason": "Demonstracija"})
    if stage == "consolidation":
        return
    consolidation.decide_comment(first.id, lawyer, {"decision": "accepted"})
    consolidation.decide_comment(second.id, lawyer, {
        "decision": "partly_accepted", "reasons": "Finansavimo klausimas sprendžiamas atskirai.",
        "lsa_text": "Siūlome numatyti, kad naujos funkcijos savivaldybėms būtų finansuojamos iš valstybės "
                    "biudžeto, nes savivaldybių biudžetuose tam lėšų nenumatyta.",
        "lsa_wording": "Šiame straipsnyje nurodytos funkcijos finansuojamos valstybės biudžeto lėšomis."})
    consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports_with_remarks",
                                                   "text": "LSA pritaria projektui su pastabomis."})
    lifecycle.fire_transition(draft.id, "send_to_committee", lawyer, {})
    today = vilnius_today().isoformat()
    lifecycle.fire_transition(draft.id, "give_opinion", people["ivpk"],
                              {"opinion": "supports", "text": "Komitetas pritaria.", "meeting_date": today})
    lifecycle.fire_transition(draft.id, "approve", people["board"],
                              {"decision_number": "VN-12", "decision_date": today}, recent_login=True)


def load_demo_drafts() -> int:
    """Create the demo drafts that are missing (matched by number); returns how many were added."""
    emails = {"lawyer": "teisininkas@demo.lsa.lt", "vilnius": "vilnius@demo.lsa.lt",
              "kaunas": "kaunas@demo.lsa.lt", "ivpk": "ivpk@demo.lsa.lt", "board": "valdyba@demo.lsa.lt"}
    people = {key: find_user_by_email(email) for key, email in emails.items()}
    if not all(people.values()):
        return 0
    lawyer = people["lawyer"]
    today = vilnius_today()
    added = 0
    for spec in DEMO_DRAFTS:
        if db.session.scalar(select(Draft.id).where(Draft.number_raw == spec["number"])):
            continue
        payload = {k: v for k, v in spec.items() if k not in ("stage", "text")}
        payload.update(incoming_letter_date=(today - timedelta(days=3)).isoformat(),
                       received_date=(today - timedelta(days=2)).isoformat(),
                       reply_deadline=(today + timedelta(days=30)).isoformat())
        draft = register_draft(payload, lawyer).draft
        if spec.get("text"):
            attach_file(draft.id, lawyer, "draft_text", "projektas.docx", demo_text_docx())
        _walk(draft, spec["stage"], people)
        added += 1
    return added


