"""A municipality's comments table in Word and Excel: written prefilled, filled as a person would, read back."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from openpyxl import Workbook, load_workbook

from reviewflow.documents.comment_tables import (
    CommentRow,
    ProvisionRef,
    read_comment_table,
    read_provision,
    render_template_docx,
    render_template_xlsx,
)
from reviewflow.documents.decision_tables import DecisionRow, read_decisions_xlsx, render_decisions_xlsx
from reviewflow.documents.xlsx import SheetHeading
from reviewflow.errors import Invalid
from tests.pure.samples import docx_bytes

HEADING = SheetHeading(number="XIVP-2435(2)", title="Vietos savivaldos įstatymo pakeitimo įstatymo projektas",
                       made_on=date(2026, 11, 30), link="http://lsa.test/drafts/7", subject="Pastabos ir pasiūlymai",
                       lines=(("Savivaldybė", "Vilniaus miesto savivaldybė"), ("Pastabas pateikti iki",
                                                                               date(2026, 12, 8))))
LABELS = ["1 straipsnis", "2 straipsnio 1 dalis", "2 straipsnio 2 dalis"]


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("phrase", "ref"), [
    ("3 str. 2 d.", ProvisionRef("3", "2")),
    ("3 straipsnio 2 dalies", ProvisionRef("3", "2")),
    ("3 straipsnio 2 dalies 1 punktas", ProvisionRef("3", "2", "1")),
    ("1 (5) str. (2) d.", ProvisionRef("5", "2", scope="1 str.")),
    ("Projekto 1 straipsniu keičiamo įstatymo 5 straipsnio 2 dalis", ProvisionRef("5", "2", scope="1 str.")),
    ("Aprašo 5.2 papunktis", ProvisionRef(point="5.2", scope="Aprašas")),
    ("25¹ str.", ProvisionRef("25¹")),
    ("II skyrius", ProvisionRef(chapter="II")),
    ("Preambulė", None),
    ("3 straipsnis ir 4 straipsnis", None),  # two articles, neither amending the other: a person decides
])
def test_provision_phrases_as_people_write_them(phrase, ref):
    assert read_provision(phrase) == ref


def test_the_word_table_round_trips_with_the_heading_and_a_row_per_provision(app):
    with app.test_request_context():
        data = render_template_docx(HEADING, LABELS)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Pastabos ir pasiūlymai: XIVP-2435(2)" in text and "Data: 2026-11-30" in text
    assert "Pastabas pateikti iki: 2026-12-08" in text and "Vilniaus miesto savivaldybė" in text
    assert "http://lsa.test/drafts/7" in document.part._element.xml or any(
        r.target_ref == "http://lsa.test/drafts/7" for r in document.part.rels.values())
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Nuostata", "Pastaba", "Siūloma redakcija"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["Bendrai", *LABELS]
    # Filled in Word (python-docx here): one comment with wording, a general one, the rest left empty.
    table.rows[3].cells[1].text = "Terminas per trumpas."
    table.rows[3].cells[2].text = "per 20 darbo dienų"
    table.rows[1].cells[1].text = "Projektui pritariame su pastabomis."
    with app.test_request_context():
        rows = read_comment_table(save(document))
    table_1 = lithuanian("table %(no)s", no=1)
    assert rows == [
        CommentRow(f"{table_1}, 2", "Bendrai", None, True, "Projektui pritariame su pastabomis.", ""),
        CommentRow(f"{table_1}, 4", "2 straipsnio 1 dalis", ProvisionRef("2", "1"), False, "Terminas per trumpas.",
                   "per 20 darbo dienų"),
    ]


def test_the_excel_table_round_trips_with_a_hidden_key_and_real_dates(app):
    with app.test_request_context():
        data = render_template_xlsx(HEADING, [("11", LABELS[0]), ("12", LABELS[1])])
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.active
    assert ws["A1"].value.startswith("Pastabos ir pasiūlymai: XIVP-2435(2)")
    assert ws["B3"].value.date() == date(2026, 11, 30) and ws["B3"].number_format == "yyyy-mm-dd"
    assert ws["B4"].hyperlink.target == "http://lsa.test/drafts/7"
    header = next(r for r in range(1, 15) if ws.cell(row=r, column=1).value == "Nuostata")
    assert ws.column_dimensions["D"].hidden
    ws.cell(row=header + 3, column=2, value="Aiškiau apibrėžti funkcijas.")
    with app.test_request_context():
        rows = read_comment_table(workbook_bytes(workbook))
    assert rows == [CommentRow(f"Pastabos, {header + 3}", "2 straipsnio 1 dalis", ProvisionRef("2", "1"), False,
                               "Aiškiau apibrėžti funkcijas.", "", key="12")]


def test_a_table_typed_by_hand_is_found_by_its_words_and_unplaceable_rows_are_kept(app):
    document = docx.Document()
    document.add_paragraph("Vilniaus rajono savivaldybės pastabos")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Eil. Nr.", "Projekto nuostata", "Pastabos ir pasiūlymai",
                                                "Siūloma redakcija"), strict=True):
        cell.text = text
    for values in (("1.", "3 straipsnio 2 dalies", "Nurodyti terminą.", "per 10 darbo dienų"),
                   ("2.", "Preambulė", "Patikslinti tikslą.", ""),
                   ("3.", "", "Bendra pastaba dėl finansavimo.", "")):
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    with app.test_request_context():
        rows = read_comment_table(save(document))
    assert [(r.provision, r.ref, r.general, r.text) for r in rows] == [
        ("3 straipsnio 2 dalies", ProvisionRef("3", "2"), False, "Nurodyti terminą."),
        ("Preambulė", None, False, "Patikslinti tikslą."),  # shown for a person to place, not dropped
        ("", None, True, "Bendra pastaba dėl finansavimo."),
    ]
    assert rows[0].wording == "per 10 darbo dienų"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"just some text", "The file is neither a Word document (.docx) nor an Excel workbook (.xlsx)."),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100,
     "This is an old Word or Excel file (.doc, .xls): save it as .docx or .xlsx and upload that."),
    (b"PK\x03\x04broken", "The file is damaged: it could not be opened as .docx or .xlsx."),
    (b"PK" + b"\0" * (5 * 1024 * 1024), "The file is larger than %(limit)s MB: a comments table is much smaller."),
    (docx_bytes("Pastabų neturime."), "No comments table was found: it needs a header row with the columns "
     "„Nuostata“ and „Pastaba“ (and, if you like, „Siūloma redakcija“)."),
], ids=["empty", "text", "old-office", "damaged", "huge", "no-table"])
def test_bad_files_are_refused_with_a_lithuanian_reason(app, data, message):
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        read_comment_table(data)
    # The reader's language is Lithuanian by default: the message is the catalogue's translation.
    assert refused.value.detail == lithuanian(message, limit=5)
    assert refused.value.errors == {"file": refused.value.detail}


def lithuanian(message: str, **values) -> str:
    """``message`` as the Lithuanian catalogue has it (the msgid until a translation is compiled)."""
    from flask_babel import force_locale, gettext

    with force_locale("lt"):
        return gettext(message, **values) if "%(" in message else gettext(message)


def test_the_decisions_workbook_offers_the_allowed_values_and_keeps_the_export_values(app):
    rows = [DecisionRow(5, "2 straipsnio 1 dalis", "Vilniaus miesto savivaldybė\nKauno miesto savivaldybė",
                        "=Per siauras", "Kitaip.", "Pritarti", "", "", "")]
    from datetime import datetime

    with app.test_request_context():
        data = render_decisions_xlsx(HEADING, rows, ["Pritarti", "Pritarti iš dalies", "Nepritarti"], 7,
                                     datetime(2026, 11, 30, 10, 0))
    workbook = load_workbook(io.BytesIO(data))
    ws, base = workbook["Sprendimai"], workbook["Eksportas"]
    assert base.sheet_state == "hidden"
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"Pritarti,Pritarti iš dalies,Nepritarti"' and "F" in str(validation.sqref)
    header = next(r for r in range(1, 15) if ws.cell(row=r, column=1).value == "ID")
    assert ws.cell(row=header + 1, column=4).value == "=Per siauras"  # text, never a formula
    assert ws.cell(row=header + 1, column=4).data_type == "s"
    ws.cell(row=header + 1, column=6, value="Nepritarti")
    ws.cell(row=header + 1, column=7, value="Prieštarauja įstatymui.")
    with app.test_request_context():
        sheet = read_decisions_xlsx(workbook_bytes(workbook))
    assert sheet.draft_id == 7 and sheet.base == {5: {"decision": "Pritarti", "reasons": "", "lsa_text": "",
                                                      "lsa_wording": ""}}
    assert [(r["comment_id"], r["decision"], r["reasons"]) for r in sheet.rows] == [
        (5, "Nepritarti", "Prieštarauja įstatymui.")]
