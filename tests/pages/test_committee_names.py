"""Issue 13, item 13: committees and institutions are named in the reader's language where the data has an English
name (pages, forms, the API), Lithuanian when it has none; the letter and its annex stay Lithuanian."""

from __future__ import annotations

from flask_babel import force_locale

from reviewflow.extensions import db
from reviewflow.models import Committee
from reviewflow.models import DraftState as S
from reviewflow.services import consolidation
from reviewflow.services.letters import letter_proposals
from tests.pages.conftest import draft_in
from tests.pages.test_committee_access import api_get
from tests.pages.test_forms import signed_in

IVPK_LT, IVPK_EN = "Informacinės visuomenės plėtros komitetas", "Information Society Development Committee"
SEIMAS_LT, SEIMAS_EN = "Lietuvos Respublikos Seimas", "Seimas of the Republic of Lithuania"


def test_pages_and_the_api_name_the_committee_and_institution_in_the_readers_language(app, people, make_user):
    draft = draft_in(S.CONSULTATION, people)  # the Seimas's, assigned to IVPK
    english = make_user("lawyer", language="en")
    page = signed_in(app, english).get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert f"LSA IVPK – {IVPK_EN}</dd>" in page and f">{SEIMAS_EN}</dd>" in page and IVPK_LT not in page
    listed = signed_in(app, english).get("/drafts/").get_data(as_text=True)  # the list's filter too
    assert f'<option value="{SEIMAS_LT}">{SEIMAS_EN}</option>' in listed
    reassign = signed_in(app, english).get(f"/drafts/{draft.id}/reassign").get_data(as_text=True)
    assert f'<option selected value="IVPK">LSA IVPK – {IVPK_EN}</option>' in reassign
    page = signed_in(app, people["lawyer"]).get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert f"LSA IVPK – {IVPK_LT}</dd>" in page and f">{SEIMAS_LT}</dd>" in page

    answers = {language: api_get(app, english, f"/api/v1/drafts/{draft.id}", language).get_json()
               for language in ("en", "lt")}
    assert (answers["en"]["committee_name"], answers["en"]["institution_name"]) == (IVPK_EN, SEIMAS_EN)
    assert (answers["lt"]["committee_name"], answers["lt"]["institution_name"]) == (IVPK_LT, SEIMAS_LT)
    assert answers["en"]["institution"] == SEIMAS_LT and answers["en"]["committee"] == "IVPK"  # the keys stay


def test_a_committee_without_an_english_name_is_named_in_lithuanian_in_english_too(app, people):
    committee = db.session.scalar(db.select(Committee).where(Committee.code == "APL"))
    committee.name_en = ""
    with force_locale("en"):
        assert committee.label == "LSA APL – Aplinkos apsaugos komitetas"
        assert db.session.scalar(db.select(Committee).where(Committee.code == "IVPK")).local_name == IVPK_EN


def test_the_letter_names_the_committee_in_lithuanian_whoever_reads_it(app, people):
    draft = draft_in(S.COMMITTEE_REVIEW, people)
    consolidation.add_lsa_proposal(draft.id, people["committee"], {"article": "2", "lsa_text": "Komiteto siūlymas."})
    with force_locale("en"):
        assert draft.committee.local_name == IVPK_EN  # the reader is English…
        proposers = {name for proposal in letter_proposals(draft.id) for name, _day in proposal.proposers}
    assert f"LSA {IVPK_LT}" in proposers  # …and the letter's annex still Lithuanian
