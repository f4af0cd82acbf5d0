"""An approved draft whose letter PDF is ready, with Vilnius' and Kaunas' comments decided (one pair merged),
ready to be marked sent: what municipalities see before and after sending."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewflow.extensions import db
from reviewflow.models import Comment, Draft, LetterStatus
from reviewflow.services import consolidation, consultation, files, letters, lifecycle, signing
from reviewflow.services.clock import vilnius_today
from tests.documents.signing_kit import minimal_pdf, sign_pades

LETTER_PDF = minimal_pdf("LSA atsakymas Nr. 1")
LETTER_DOCX = b"PK\x03\x04 the letter's Word file (its bytes are not read here)"
SAME = {"article": "5", "part": "2", "text": "Savivaldybėms trūksta lėšų socialinėms paslaugoms.",
        "proposed_wording": "Savivaldybė užtikrina socialinių paslaugų teikimą ir gauna tam valstybės lėšų."}


@dataclass
class World:
    """The draft and its comments: ``fifth`` (Vilnius, stands for Kaunas' identical ``fifth_kaunas``),
    ``tenth`` (Kaunas, partly supported), ``rejected`` (Vilnius) and ``own`` (LSA's own proposal)."""

    draft: Draft
    fifth: Comment
    fifth_kaunas: Comment
    tenth: Comment
    rejected: Comment
    own: Comment


def fire(draft, name, user, **payload):
    """Fire a transition as if the user had just signed in."""
    return lifecycle.fire_transition(draft.id, name, user, payload, recent_login=True)


@pytest.fixture
def approved(app, cast, registered):
    """The draft walked to APPROVED; its letter is ready with its DOCX and PDF (stored here, as the worker would)."""
    draft, lawyer = registered, cast["lawyer"]
    fire(draft, "assign", cast["admin"], lawyer=lawyer.email, committee="IVPK")
    fire(draft, "open_consultation", lawyer, municipalities=["LT-57", "LT-15"])
    add = consultation.add_comment
    fifth = add(draft, cast["vilnius"], dict(SAME))
    same = add(draft, cast["kaunas"], dict(SAME))
    tenth = add(draft, cast["kaunas"], {"article": "10", "text": "Seniūnijų nuostatus turėtų tvirtinti taryba."})
    rejected = add(draft, cast["vilnius"], {"article": "3", "text": "Vilniaus atmestinas pasiūlymas."})
    fire(draft, "close_consultation", lawyer, reason="Baigta")
    consolidation.merge_comments(fifth.id, [same.id], lawyer)
    consolidation.decide_comment(fifth.id, lawyer, {"decision": "accepted", "lsa_text": "LSA siūlo 5 str. 2 d."})
    consolidation.decide_comment(tenth.id, lawyer, {"decision": "partly_accepted", "reasons": "Kauno priežastys.",
                                                    "lsa_text": "10 straipsnį patikslinti.",
                                                    "lsa_wording": "Taryba tvirtina seniūnijų nuostatus."})
    consolidation.decide_comment(rejected.id, lawyer, {"decision": "rejected", "reasons": "Vilniaus priežastys."})
    own = consolidation.add_lsa_proposal(draft.id, lawyer, {"article": "8", "lsa_text": "LSA vidinis siūlymas."})
    consolidation.save_position(draft.id, lawyer, {"version": 0, "stance": "supports_with_remarks",
                                                   "text": "LSA pritaria su pastabomis."})
    fire(draft, "skip_committee", lawyer, reason="Skubu")
    fire(draft, "approve", cast["board"], decision_number="VN-12", decision_date=vilnius_today().isoformat())
    letter = letters.latest_letter(draft.id)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "letters"
    letter.stored_name = files.store_file(folder, LETTER_DOCX, ".docx")
    letter.pdf_stored_name = files.store_file(folder, LETTER_PDF, ".pdf")
    letter.status = LetterStatus.READY
    db.session.commit()
    return World(draft=draft, fifth=fifth, fifth_kaunas=same, tenth=tenth, rejected=rejected, own=own)


def store_signed(world: World, lawyer, signer) -> bytes:
    """Sign the letter's PDF (PAdES, the test CA) and keep it as the letter of record; returns the signed bytes."""
    signed = sign_pades(LETTER_PDF, signer)
    signing.store_signed_letter(world.draft.id, lawyer, "rastas.pdf", signed)
    return signed


def mark_sent(world: World, lawyer, **extra):
    """The lawyer marks the letter sent today (``extra``: e.g. ``email_initiator``)."""
    return fire(world.draft, "mark_sent", lawyer, sent_date=vilnius_today().isoformat(), **extra)
