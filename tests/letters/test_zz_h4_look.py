"""Temporary (H4): render a realistic letter through the worker's job and save its PDF for viewing."""
from pathlib import Path

from sqlalchemy import select

from reviewflow.models import OutboxJob, Signatory
from reviewflow.services import consolidation, consultation, letters
from reviewflow.services import files
from tests.letters.conftest import approve, fire
from tests.letters.test_letter_content import CAPITALS


def test_look(app, cast, registered, db):
    draft = registered
    draft.title = CAPITALS
    for s in db.session.query(Signatory):
        s.is_default = False
    db.session.add(Signatory(name="Mindaugas Sinkevičius", position="Prezidentas", is_default=True))
    db.session.commit()
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    add = consultation.add_comment
    a = add(draft, cast["vilnius"], {"article": "1", "text": "Mes manome, kad terminas per trumpas.",
                                     "proposed_wording": "Per 30 dienų."})
    b = add(draft, cast["kaunas"], {"article": "1", "text": "Terminas per trumpas.", "proposed_wording": "Per 30 dienų."})
    c = add(draft, cast["vilnius"], {"article": "2", "part": "3", "text": "Reikia keisti.", "proposed_wording": "x"})
    d = add(draft, cast["kaunas"], {"text": "Bendra pastaba apie finansavimą."})
    fire(draft, "close_consultation", cast["lawyer"], reason="Baigta")
    consolidation.merge_comments(a.id, [b.id], cast["lawyer"])
    consolidation.decide_comment(a.id, cast["lawyer"], {
        "decision": "accepted",
        "lsa_text": "Siūlome pailginti sprendimo priėmimo terminą, nes per 10 darbo dienų savivaldybės taryba "
                    "negali sušaukti posėdžio ir tinkamai įvertinti gyventojų pastabų.",
        "lsa_wording": "„1. Savivaldybės taryba sprendimą priima ne vėliau kaip per 30 darbo dienų nuo "
                       "prašymo gavimo dienos.“"})
    consolidation.decide_comment(c.id, cast["lawyer"], {
        "decision": "partly_accepted", "reasons": "Iš dalies.",
        "lsa_text": "Siūlome patikslinti, kad išlaidas kompensuoja valstybė.",
        "lsa_wording": "\"3. Šiame straipsnyje nurodytų funkcijų vykdymo išlaidas savivaldybėms kompensuoja "
                       "valstybė.\""})
    consolidation.decide_comment(d.id, cast["lawyer"], {
        "decision": "accepted",
        "lsa_text": "Projekto aiškinamajame rašte siūlome įvertinti papildomas savivaldybių biudžetų išlaidas."})
    consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {
        "article": "3", "lsa_text": "Siūlome nustatyti pereinamąjį laikotarpį.",
        "lsa_wording": "3 straipsnis. Įstatymo įsigaliojimas\n1. Šis įstatymas įsigalioja 2027 m. liepos 1 d."})
    consolidation.save_position(draft.id, cast["lawyer"], {
        "version": 0, "stance": "supports_with_remarks",
        "text": "LSA pritaria Projekto tikslui supaprastinti sprendimų priėmimą, tačiau atkreipia dėmesį, kad "
                "savivaldybėms reikia pakankamai laiko ir lėšų naujoms funkcijoms vykdyti."})
    fire(draft, "skip_committee", cast["lawyer"], reason="Skubu")
    approve(draft, cast)
    job = db.session.scalar(select(OutboxJob).where(OutboxJob.task == letters.RENDER_TASK))
    assert letters.render_letter_job(job.id)
    letter = letters.latest_letter(draft.id)
    folder = letters._folder()
    Path("/tmp/h4/real.pdf").write_bytes(files.read_stored(folder, letter.pdf_stored_name))
    Path("/tmp/h4/real.docx").write_bytes(files.read_stored(folder, letter.stored_name))
