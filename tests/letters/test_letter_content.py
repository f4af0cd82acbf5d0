"""What the letter says, read from the database: LSA's words, its own proposals, merged proposers once,
the subject's case forms, the signatory, Vilnius dates, and who may read it before it is sent."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from reviewflow.documents.letter import render_letter
from reviewflow.models import Comment, DraftState, Signatory
from reviewflow.services import consolidation, consultation, letters
from reviewflow.services.clock import vilnius_today
from tests.conftest import PASSWORD, login
from tests.documents.factories import annex_tables, signature
from tests.letters.conftest import approve, fire

CAPITALS = "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS"
SUBJECT = ("DĖL LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMO "
           "PROJEKTO NR. XIVP-2435(2) IŠVADOS")
BODY = ("pateiktą Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio pakeitimo įstatymo "
        "projektą Nr. XIVP-2435(2) (toliau – Projektas), teikia išvadą: Projektui pritaria su toliau")
LATE_EVENING = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 00:30 on 1 December in Vilnius


@pytest.fixture
def draft_payload(draft_payload):  # noqa: F811 - the services' payload, with the title as printed
    """The act's heading typed in capitals, as registration receives it."""
    return {**draft_payload, "title": CAPITALS}


@pytest.fixture
def approved(cast, registered, db):
    """An approved draft: a merged proposal LSA rewrote in its own words, a partly accepted one, a
    rejected one, and a proposal of LSA's own; one comment made at 00:30 Vilnius time on 1 December."""
    draft = registered
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "open_consultation", cast["lawyer"], municipalities=["LT-57", "LT-15"])
    add = consultation.add_comment
    merged = add(draft, cast["vilnius"], {"article": "2", "part": "1", "text": "Mes manome, kad terminas trumpas.",
                                          "proposed_wording": "Per 30 dienų."})
    same = add(draft, cast["kaunas"], {"article": "2", "part": "1", "text": "Mūsų savivaldybei terminas per trumpas.",
                                       "proposed_wording": "Per 30 dienų."})
    partly = add(draft, cast["vilnius"], {"article": "10", "text": "Mūsų nuomone, reikia keisti.",
                                          "proposed_wording": "\"Nauja redakcija\""})
    rejected = add(draft, cast["kaunas"], {"article": "3", "text": "Atmestinas pasiūlymas."})
    same.created_at = LATE_EVENING
    db.session.commit()
    fire(draft, "close_consultation", cast["lawyer"], reason="Baigta")
    consolidation.merge_comments(merged.id, [same.id], cast["lawyer"])
    consolidation.decide_comment(merged.id, cast["lawyer"], {
        "decision": "accepted", "lsa_text": "LSA siūlo pailginti terminą, nes savivaldybės nespės pasirengti.",
        "lsa_wording": "„2. Per 30 darbo dienų.“"})
    consolidation.decide_comment(partly.id, cast["lawyer"], {
        "decision": "partly_accepted", "reasons": "Iš dalies.", "lsa_text": "LSA siūlo patikslinti nuostatą.",
        "lsa_wording": "«LSA redakcija»"})
    consolidation.decide_comment(rejected.id, cast["lawyer"], {"decision": "rejected", "reasons": "Neatitinka."})
    consolidation.add_lsa_proposal(draft.id, cast["lawyer"], {
        "article": "5", "lsa_text": "LSA siūlo papildyti 5 straipsnį.", "lsa_wording": "5 straipsnio papildymas"})
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports_with_remarks",
                                                           "text": "LSA pritaria su pastabomis."})
    fire(draft, "skip_committee", cast["lawyer"], reason="Skubu")
    approve(draft, cast)  # no worker: the letter stays queued, rendered below in-process
    return draft


def rendered(draft_id):
    """The newest letter's data and DOCX, rendered in-process."""
    letter = letters.latest_letter(draft_id)
    data = letters.build_letter_data(letter)
    return letter, data, render_letter(data)


def body(docx):
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def test_the_letter_speaks_lsa_words_with_its_own_proposal_and_merged_proposers_once(app, approved, db):
    _, data, docx = rendered(approved.id)
    lines = body(docx)
    assert [p.content for p in data.proposals] == [
        "LSA siūlo pailginti terminą, nes savivaldybės nespės pasirengti.",
        "LSA siūlo papildyti 5 straipsnį.",
        "LSA siūlo patikslinti nuostatą.",
    ]  # document order: 2, 5, 10; the rejected one is not there
    assert ("1. Dėl Projekto 2 straipsnio 1 dalies: LSA siūlo pailginti terminą, nes savivaldybės nespės "
            "pasirengti. Siūlome išdėstyti taip: „2. Per 30 darbo dienų.“") in lines
    assert "2. Dėl Projekto 5 straipsnio: LSA siūlo papildyti 5 straipsnį. Siūlome išdėstyti taip: " \
           "„5 straipsnio papildymas“." in lines
    assert "3. Dėl Projekto 10 straipsnio: LSA siūlo patikslinti nuostatą. Siūlome išdėstyti taip: " \
           "„LSA redakcija“." in lines
    everything = "\n".join(lines)
    for raw in ("Mes manome", "Mūsų", "Atmestinas", "Nauja redakcija"):
        assert raw not in everything
    [table] = annex_tables(docx)
    today = vilnius_today().isoformat()
    assert [row[1:] for row in table[1:]] == [
        ["2 str. 1 d.", "LSA siūlo pailginti terminą, nes savivaldybės nespės pasirengti.",
         "„2. Per 30 darbo dienų.“",
         f"Vilniaus miesto savivaldybė\n({today})\nKauno miesto savivaldybė\n(2026-12-01)"],
        ["5 str.", "LSA siūlo papildyti 5 straipsnį.", "„5 straipsnio papildymas“",
         f"Lietuvos savivaldybių asociacija\n({today})"],
        ["10 str.", "LSA siūlo patikslinti nuostatą.", "„LSA redakcija“",
         f"Vilniaus miesto savivaldybė\n({today})"],
    ]


def test_a_legacy_row_without_lsa_words_falls_back_to_the_municipality_text(app, approved, db):
    comment = db.session.query(Comment).filter_by(article="10").one()
    comment.lsa_text = None
    comment.lsa_wording = None
    db.session.commit()
    proposal = next(p for p in letters.letter_proposals(approved.id) if p.provision_label == "10 straipsnio")
    assert (proposal.content, proposal.proposed_wording) == ("Mūsų nuomone, reikia keisti.", "\"Nauja redakcija\"")


def test_the_subject_and_the_body_use_the_right_case_forms_for_a_title_typed_in_capitals(app, approved, db):
    _, _, docx = rendered(approved.id)
    lines = body(docx)
    assert SUBJECT in lines
    assert letters.letter_subject_for(approved) == SUBJECT
    opening = next(line for line in lines if "išnagrinėjusi" in line)
    assert BODY in opening
    assert opening == letters.opening_sentence(approved, "supports_with_remarks")
    assert "ĮSTATYMAS" not in opening and "ĮSTATYMO" not in opening


def test_the_lawyer_corrected_subject_is_printed_as_written(app, approved, db):
    approved.letter_subject = "DĖL VIETOS SAVIVALDOS ĮSTATYMO PAKEITIMO PROJEKTO NR. XIVP-2435(2) IŠVADOS"
    db.session.commit()
    assert approved.letter_subject in body(rendered(approved.id)[2])
    assert letters.letter_subject_for(approved) == approved.letter_subject


def test_the_signatory_is_the_default_one_then_the_draft_own_and_is_kept_on_the_letter(app, approved, db):
    for seeded in db.session.query(Signatory):
        seeded.is_default = False  # the administrator makes another person the default
    db.session.add_all([Signatory(name="Retired Person", position="Buvęs", active=False, is_default=True),
                        Signatory(name="Mindaugas Sinkevičius", position="Prezidentas", is_default=True)])
    db.session.commit()
    letter, _, docx = rendered(approved.id)
    assert signature(docx) == ["Prezidentas", "Mindaugas Sinkevičius"]
    assert (letter.signatory_position, letter.signatory_name) == ("Prezidentas", "Mindaugas Sinkevičius")
    chosen = Signatory(name="Ona Onaitė", position="Viceprezidentė")
    db.session.add(chosen)
    approved.signatory = chosen
    db.session.commit()
    assert letters.letter_signatory(approved) == ("Viceprezidentė", "Ona Onaitė")
    # The rendered version keeps whom it was made for; a new version takes the draft's signatory.
    assert signature(render_letter(letters.build_letter_data(letter))) == ["Prezidentas", "Mindaugas Sinkevičius"]


def test_without_signatories_the_configured_one_signs(app, approved, db):
    db.session.query(Signatory).delete()
    db.session.commit()
    assert signature(rendered(approved.id)[2]) == [app.config["LETTER_SIGNATORY_POSITION"],
                                                    app.config["LETTER_SIGNATORY_NAME"]]


def test_a_comment_at_22_30_utc_is_dated_the_next_vilnius_day_in_the_xlsx(app, cast, approved):
    client = app.test_client()
    login(client, cast["lawyer"].email)
    response = client.get(f"/drafts/{approved.id}/comments.xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    rows = rows[next(i for i, row in enumerate(rows) if row[0] == "Eil. Nr."):]  # below the heading (issue 13)
    header = rows[0]
    kaunas = next(r for r in rows[1:] if r[header.index("Savivaldybė")] == "Kauno miesto savivaldybė"
                  and r[header.index("Siūloma keisti")] == "2 str. 1 d.")
    assert kaunas[header.index("Data")].date() == date(2026, 12, 1)
    lsa = next(r for r in rows[1:] if r[header.index("Savivaldybė")] == "Lietuvos savivaldybių asociacija")
    assert lsa[header.index("LSA pasiūlymas")] == "LSA siūlo papildyti 5 straipsnį."


def letter_routes(draft_id):
    return [f"/drafts/{draft_id}/letter", f"/drafts/{draft_id}/letter?format=pdf",
            f"/drafts/{draft_id}/letter?annex=1", f"/drafts/{draft_id}/letter/status"]


def test_the_letter_is_hidden_from_a_municipality_until_it_is_sent(app, cast, approved, db):
    from reviewflow.services.tokens import issue_token

    specialist = app.test_client()
    login(specialist, cast["vilnius"].email)
    token, _ = issue_token({"email": cast["vilnius"].email, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token}"}
    assert specialist.get(f"/drafts/{approved.id}").status_code == 200  # the draft itself is theirs to see
    for route in letter_routes(approved.id):
        assert specialist.get(route).status_code == 403, route
    for query in ("", "?format=pdf", "?annex=1"):
        answer = specialist.get(f"/api/v1/drafts/{approved.id}/letter{query}", headers=headers)
        assert answer.status_code == 403 and b"once LSA has sent it" in answer.data
    board = app.test_client()
    login(board, cast["board"].email)
    assert board.get(f"/drafts/{approved.id}/letter/status").status_code == 200
    fire(approved, "mark_sent", cast["lawyer"], sent_date=vilnius_today().isoformat())
    db.session.refresh(approved)
    assert approved.state == DraftState.SENT
    assert specialist.get(f"/drafts/{approved.id}/letter/status").status_code == 200
    # Still queued (no worker here): the status, not a refusal.
    assert specialist.get(f"/api/v1/drafts/{approved.id}/letter", headers=headers).status_code == 202


def test_an_unknown_format_is_refused(app, cast, approved):
    from reviewflow.services.tokens import issue_token

    token, _ = issue_token({"email": cast["lawyer"].email, "password": PASSWORD})
    answer = app.test_client().get(f"/api/v1/drafts/{approved.id}/letter?format=exe",
                                   headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422


def test_dates_before_midnight_utc_stay_on_their_day(app):
    from reviewflow.services.clock import vilnius_date

    assert vilnius_date(LATE_EVENING) == date(2026, 12, 1)
    assert vilnius_date(LATE_EVENING - timedelta(hours=1)) == date(2026, 11, 30)  # 23:30 in Vilnius
    assert vilnius_date(datetime(2026, 7, 1, 21, 30, tzinfo=UTC)) == date(2026, 7, 2)  # summer time: UTC+3


def test_provisions_give_the_citation_the_short_form_and_the_document_order(app, approved, db):
    from reviewflow.models import Provision

    # Anchors as the draft reader makes them: the 15 straipsnis quoted in article 1 stands before article 2.
    quoted = Provision(draft_id=approved.id, position=1, article="15", part="2", scope="1 str.",
                       label="1 straipsniu keičiamo 15 straipsnio 2 dalis", depth=1, short="1 (15) str. 2 d.",
                       citation="Projekto 1 straipsniu keičiamo įstatymo 15 straipsnio 2 dalies")
    legacy = Provision(draft_id=approved.id, position=2, article="2", part="1", label="2 straipsnio 1 dalis",
                       citation=None)
    db.session.add_all([quoted, legacy,
                        Provision(draft_id=approved.id, position=0, article="1", label="1 straipsnis"),
                        Provision(draft_id=approved.id, position=9, article="10", label="10 straipsnis")])
    db.session.flush()
    db.session.query(Comment).filter_by(article="10", merged_into_id=None).one().provision_id = quoted.id
    db.session.query(Comment).filter_by(article="2", merged_into_id=None).one().provision_id = legacy.id
    db.session.commit()
    lines = body(rendered(approved.id)[2])
    numbered = [line for line in lines if line[:2] in ("1.", "2.", "3.")]
    assert numbered[0].startswith("1. Dėl Projekto 1 straipsniu keičiamo įstatymo 15 straipsnio 2 dalies: "
                                  "LSA siūlo patikslinti nuostatą.")
    # No citation on the anchor: today's label of the comment's own numbers.
    assert numbered[1].startswith("2. Dėl Projekto 2 straipsnio 1 dalies: LSA siūlo pailginti terminą")
    [table] = annex_tables(rendered(approved.id)[2])
    assert [row[1] for row in table[1:]] == ["1 (15) str. 2 d.", "2 str. 1 d.", "5 str."]


def test_a_proposal_the_committee_added_names_the_committee(app, cast, registered, db):
    draft = registered
    fire(draft, "assign", cast["admin"], lawyer=cast["lawyer"].email, committee="IVPK")
    fire(draft, "skip_consultation", cast["lawyer"], reason="Skubu")
    consolidation.save_position(draft.id, cast["lawyer"], {"version": 0, "stance": "supports", "text": "Pritariame."})
    fire(draft, "send_to_committee", cast["lawyer"])
    consolidation.add_lsa_proposal(draft.id, cast["ivpk"], {"article": "4", "lsa_text": "Komiteto pasiūlymas."})
    fire(draft, "give_opinion", cast["ivpk"], opinion="supports_with_remarks", text="Pritariame.",
         meeting_date=vilnius_today().isoformat())
    approve(draft, cast)
    [proposal] = letters.letter_proposals(draft.id)
    assert proposal.content == "Komiteto pasiūlymas."
    assert proposal.proposers == [(f"LSA {draft.committee.name_lt}", vilnius_today())]
