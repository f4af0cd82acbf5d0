"""Word and Excel both ways through the services: a municipality's comments in, the lawyer's decisions back."""

from __future__ import annotations

import io

import docx
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from reviewflow.errors import Conflict, Invalid
from reviewflow.models import Comment, DraftState, Provision
from reviewflow.services import comment_import, consolidation, consultation, decision_import, lifecycle
from tests.pages.conftest import draft_in, make_people


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def people(make_user):
    """One person per role; Vilnius (LT-57) is ``specialist``."""
    return make_people(make_user)


@pytest.fixture
def consulting(people):
    """A draft with its text in consultation, Vilnius and Kaunas invited, one comment of Vilnius on 2 str. 1 d."""
    return draft_in(DraftState.CONSULTATION, people, with_file=True)


def provision(db, draft, label: str) -> Provision:
    return db.session.scalar(select(Provision).where(Provision.draft_id == draft.id, Provision.label == label))


def filled_word_table(draft, people) -> bytes:
    """The downloaded Word table, filled the way a specialist does in Word, with two rows typed below."""
    data, name = comment_import.comment_template(draft.id, people["specialist"], "docx")
    assert name == "pastabos-XIVP-2435-2.docx"
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "2 straipsnio 2 dalis")
    row.cells[1].text = "Valstybinės funkcijos turi būti finansuojamos."
    row.cells[2].text = "…ir gauna tam lėšų."
    typed = table.add_row().cells
    typed[0].text, typed[1].text = "2 straipsnio 1 dalies", "Apibrėžti savarankiškąsias funkcijas."
    unplaced = table.add_row().cells
    unplaced[0].text, unplaced[1].text = "Preambulė", "Papildyti tikslą."
    return save(document)


def test_a_filled_word_table_becomes_the_municipalitys_comments_after_confirmation(app, db, people, consulting):
    specialist = people["specialist"]
    before = db.session.scalar(select(db.func.count(Comment.id)))
    preview = comment_import.preview_comment_import(consulting.id, specialist, "pastabos.docx",
                                                    filled_word_table(consulting, people))
    assert db.session.scalar(select(db.func.count(Comment.id))) == before  # reading saves nothing
    part_2 = provision(db, consulting, "2 straipsnio 2 dalis")
    part_1 = provision(db, consulting, "2 straipsnio 1 dalis")
    assert [(r.provision, r.choice) for r in preview.placed] == [
        ("2 straipsnio 2 dalis", f"p{part_2.id}"), ("2 straipsnio 1 dalies", f"p{part_1.id}")]
    assert [(r.provision, r.choice, r.text) for r in preview.unplaced] == [("Preambulė", "", "Papildyti tikslą.")]

    # The specialist keeps the two placed rows and confirms the unplaced one as a general comment.
    items = [{"choice": r.choice or "general", "text": r.text, "wording": r.wording} for r in preview.rows]
    saved = comment_import.confirm_comment_import(consulting.id, specialist, items)
    assert [(c.provision_id, c.text, c.proposed_wording, c.municipality_id, c.author_id) for c in saved] == [
        (part_2.id, "Valstybinės funkcijos turi būti finansuojamos.", "…ir gauna tam lėšų.",
         specialist.municipality_id, specialist.id),
        (part_1.id, "Apibrėžti savarankiškąsias funkcijas.", None, specialist.municipality_id, specialist.id),
        (None, "Papildyti tikslą.", None, specialist.municipality_id, specialist.id),
    ]
    # Uploaded again, the same comments are recognised and left out by default.
    again = comment_import.preview_comment_import(consulting.id, specialist, "pastabos.docx",
                                                  filled_word_table(consulting, people))
    assert [r.choice for r in again.placed] == ["", ""]


def test_a_row_that_cannot_be_saved_saves_no_row(app, db, people, consulting):
    count = db.session.scalar(select(db.func.count(Comment.id)))
    with pytest.raises(Invalid) as refused:
        comment_import.confirm_comment_import(consulting.id, people["specialist"], [
            {"index": 1, "choice": "general", "text": "Gera pastaba."},
            {"index": 2, "choice": "general", "text": "   ", "wording": "Tik formuluotė."},
        ])
    assert set(refused.value.errors) == {"row-2"}
    assert db.session.scalar(select(db.func.count(Comment.id))) == count


def test_a_table_downloaded_for_another_draft_is_refused_and_a_typed_one_is_not(app, people, consulting):
    other = draft_in(DraftState.CONSULTATION, people, with_file=True)
    data = filled_word_table(other, people)
    with pytest.raises(Invalid) as refused:
        comment_import.preview_comment_import(consulting.id, people["specialist"], "pastabos.docx", data)
    assert refused.value.errors == {"file": refused.value.detail}
    assert consulting.number_raw in refused.value.detail
    typed = docx.Document()
    table = typed.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Nuostata", "Pastaba"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "2 str. 1 d.", "Ranka surinkta pastaba."
    preview = comment_import.preview_comment_import(consulting.id, people["specialist"], "t.docx", save(typed))
    assert [r.text for r in preview.rows] == ["Ranka surinkta pastaba."]


def test_a_submitted_answer_takes_no_imported_comments(app, people, consulting):
    consultation.submit_answer(consulting, people["specialist"])
    data, _name = comment_import.comment_template(consulting.id, people["specialist"], "xlsx")
    with pytest.raises(Conflict):
        comment_import.preview_comment_import(consulting.id, people["specialist"], "pastabos.xlsx", data)


@pytest.fixture
def consolidating(db, people):
    """A draft in consolidation with undecided proposals of Vilnius (2 str. 1 d.) and Kaunas (2 str. 2 d.)."""
    draft = draft_in(DraftState.CONSULTATION, people, with_file=True)
    kaunas = consultation.add_comment(draft, people["kaunas"], {"article": "2", "part": "2", "text": "Kita."})
    lifecycle.fire_transition(draft.id, "close_consultation", people["lawyer"], {"reason": "Laikas."})
    return draft, draft.comment, kaunas


def edited(data: bytes, decisions: dict[int, tuple[str, str]]) -> bytes:
    """The exported workbook with decisions and reasons typed in Excel (openpyxl here)."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["Sprendimai"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "ID")
    for row in range(header + 1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value in decisions:
            decision, reasons = decisions[ws.cell(row=row, column=1).value]
            ws.cell(row=row, column=6, value=decision)
            ws.cell(row=row, column=7, value=reasons)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_decisions_import_with_a_conflict_shown_and_never_silently_overwritten(app, db, people, consolidating):
    draft, vilnius, kaunas = consolidating
    lawyer = people["lawyer"]
    exported, name = decision_import.decisions_xlsx(draft.id, lawyer)
    assert name == "sprendimai-XIVP-2435-2.xlsx"
    # Meanwhile in the browser, the lawyer rejects Kaunas's proposal.
    consolidation.decide_comment(kaunas.id, lawyer, {"decision": "rejected", "reasons": "Nepagrįsta."})
    data = edited(exported, {vilnius.id: ("Nepritarti", "Prieštarauja įstatymui."), kaunas.id: ("Pritarti", "")})

    preview = decision_import.preview_decision_import(draft.id, lawyer, "sprendimai.xlsx", data)
    assert [(c.comment_id, [(f.name, f.new) for f in c.fields]) for c in preview.changes] == [
        (vilnius.id, [("decision", "rejected"), ("reasons", "Prieštarauja įstatymui.")])]
    assert [(c.comment_id, [(f.name, f.base, f.current, f.new, f.conflicting) for f in c.fields])
            for c in preview.conflicts] == [(kaunas.id, [("decision", "", "rejected", "accepted", True)])]

    # Confirmed with every row ticked, but the conflict was never looked at: only the change is saved.
    items = [{"comment_id": c.comment_id, "new": c.values("new"), "base": c.values("base"), "apply": True,
              "seen_conflict": False} for c in (*preview.changes, *preview.conflicts)]
    result = decision_import.confirm_decision_import(draft.id, lawyer, items)
    assert result.saved == [vilnius.id] and [c.comment_id for c in result.kept] == [kaunas.id]
    db.session.expire_all()
    assert (db.session.get(Comment, vilnius.id).decision.value, db.session.get(Comment, vilnius.id).reasons) == (
        "rejected", "Prieštarauja įstatymui.")
    assert db.session.get(Comment, kaunas.id).decision.value == "rejected"  # the browser's decision stays

    # Ticked after being shown, the file's value wins.
    items[1]["seen_conflict"] = True
    result = decision_import.confirm_decision_import(draft.id, lawyer, items[1:])
    db.session.expire_all()
    assert result.saved == [kaunas.id] and db.session.get(Comment, kaunas.id).decision.value == "accepted"


def test_a_rejection_without_reasons_is_a_problem_not_a_change(app, people, consolidating):
    draft, vilnius, _kaunas = consolidating
    data = edited(decision_import.decisions_xlsx(draft.id, people["lawyer"])[0], {vilnius.id: ("Nepritarti", "")})
    preview = decision_import.preview_decision_import(draft.id, people["lawyer"], "x.xlsx", data)
    assert [c.comment_id for c in preview.problems] == [vilnius.id] and not preview.changes


def test_a_workbook_of_another_draft_is_refused(app, people, consolidating):
    draft, _vilnius, _kaunas = consolidating
    other = draft_in(DraftState.CONSOLIDATION, people)
    data = decision_import.decisions_xlsx(other.id, people["lawyer"])[0]
    with pytest.raises(Invalid) as refused:
        decision_import.preview_decision_import(draft.id, people["lawyer"], "x.xlsx", data)
    assert refused.value.errors == {"file": refused.value.detail}
