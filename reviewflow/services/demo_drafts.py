"""Demo drafts for the local demo mode, walked through the real services so they look lived-in."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Draft
from reviewflow.services import consultation, lifecycle
from reviewflow.services.accounts import find_user_by_email
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import register_draft

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
]


def _walk(draft: Draft, stage: str, lawyer, vilnius, kaunas) -> None:
    if stage == "registered":
        return
    lifecycle.fire_transition(draft.id, "assign", lawyer, {"lawyer": lawyer.email, "committee": "IVPK"})
    lifecycle.fire_transition(draft.id, "open_consultation", lawyer, {})
    consultation.add_comment(draft, vilnius, {
        "article": "3", "part": "2", "text": "Siūlome patikslinti savivaldybių funkcijų sąrašą.",
        "proposed_wording": "Savivaldybė atlieka šias savarankiškąsias funkcijas: …",
    })
    consultation.add_comment(draft, kaunas, {
        "article": "6", "text": "Papildomoms funkcijoms būtinas finansavimas iš valstybės biudžeto.",
    })
    if stage == "consultation":
        return
    consultation.submit_answer(draft, vilnius)
    lifecycle.fire_transition(draft.id, "close_consultation", lawyer, {"reason": "Demonstracija"})


def load_demo_drafts() -> int:
    """Create the demo drafts that are missing (matched by number); returns how many were added."""
    lawyer = find_user_by_email("teisininkas@demo.lsa.lt")
    vilnius = find_user_by_email("vilnius@demo.lsa.lt")
    kaunas = find_user_by_email("kaunas@demo.lsa.lt")
    if not (lawyer and vilnius and kaunas):
        return 0
    today = vilnius_today()
    added = 0
    for spec in DEMO_DRAFTS:
        if db.session.scalar(select(Draft.id).where(Draft.number_raw == spec["number"])):
            continue
        payload = {k: v for k, v in spec.items() if k != "stage"}
        payload.update(incoming_letter_date=(today - timedelta(days=3)).isoformat(),
                       received_date=(today - timedelta(days=2)).isoformat(),
                       reply_deadline=(today + timedelta(days=30)).isoformat())
        draft = register_draft(payload, lawyer).draft
        _walk(draft, spec["stage"], lawyer, vilnius, kaunas)
        added += 1
    return added


