"""Reading an initiator's answer table: a Seimas committee conclusion and a Government derinimo pažyma."""

from __future__ import annotations

import io

import docx
import pytest

from reviewflow.documents.answer_tables import AnswerRow, read_answer_table, read_opinion
from reviewflow.documents.answer_tables_pdf import read_answer_pdf
from reviewflow.documents.pdf import docx_to_pdf
from reviewflow.errors import Invalid
from tests.documents.answer_docs import LSA, committee_conclusion, coordination_certificate


def test_a_committee_conclusion_is_read_row_by_row_under_its_two_row_header():
    assert read_answer_table(committee_conclusion()) == [
        AnswerRow("1", "Lietuvos Respublikos finansų ministerija", "2026-10-05", "2 str. 1 d.", "2", "1", "",
                  "2 straipsnio 1 dalyje žodžius „per 10 darbo dienų“ pakeisti žodžiais „per 20 darbo dienų“.",
                  "Nepritarti", "not_taken", "Pakankamas terminas jau nustatytas."),
        AnswerRow("2", LSA, "2026-10-12", "1 (5) str. (2) d.", "1 (5)", "(2)", "",
                  "Siūlome 5 straipsnio 2 dalyje nustatyti, kad savivaldybė užtikrina socialinių paslaugų "
                  "teikimą ir gauna tam valstybės biudžeto lėšų.", "Pritarti", "taken", ""),
        AnswerRow("3", "Vilniaus miesto savivaldybės administracija", "2026-10-10", "3 str.", "3", "", "",
                  "3 straipsnį papildyti nauja 4 dalimi dėl viešųjų konsultacijų.", "Pritarti iš dalies",
                  "partly", "Atsižvelgta į esmę, redakcija patikslinta."),
        AnswerRow("4", LSA, "2026-10-12", "10 str.", "10", "", "",
                  "10 straipsnį išdėstyti nauja redakcija: „Savivaldybės taryba tvirtina seniūnijų nuostatus.“",
                  "NEPRITARTI", "not_taken", "Nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui."),
        AnswerRow("5", "LSA", "2026-10-12", "1 (12) str. (4) d. 2 p.", "1 (12)", "(4)", "2",
                  "Papildyti nuostata dėl mokinių pavėžėjimo išlaidų kompensavimo tvarkos.", "Pritarti iš dalies",
                  "partly", "Bus svarstoma rengiant įgyvendinamuosius teisės aktus."),
    ]


def test_a_coordination_certificate_reads_the_outcome_from_the_explanation():
    assert read_answer_table(coordination_certificate()) == [
        AnswerRow("1", "Lietuvos Respublikos finansų ministerija", None, "2 str. 1 d.", "2", "1", "",
                  "Projekto 2 straipsnio 1 dalyje terminą pailginti.", "Neatsižvelgta", "not_taken",
                  "nes terminas pakankamas."),
        AnswerRow("2", LSA, None, "5 str. 2 d.", "5", "2", "",
                  "Projekto 5 straipsnio 2 dalyje nustatyti, kad savivaldybė užtikrina socialinių paslaugų "
                  "teikimą ir gauna tam valstybės biudžeto lėšų.", "Atsižvelgta", "taken", ""),
        AnswerRow("3", LSA, None, "10 str.", "10", "", "",
                  "Projekto 10 straipsnį išdėstyti nauja redakcija: „Savivaldybės taryba tvirtina seniūnijų "
                  "nuostatus.“", "Neatsižvelgta", "not_taken",
                  "nes nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui."),
        AnswerRow("4", "Lietuvos Respublikos teisingumo ministerija", None, "3 str. 4 d.", "3", "4", "",
                  "Projekto 3 straipsnio 4 dalį patikslinti.", "Iš dalies atsižvelgta", "partly",
                  "Redakcija patikslinta."),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pritarti", ("Pritarti", "taken", "")),
    ("pritarti iš dalies", ("pritarti iš dalies", "partly", "")),
    ("Nepritarti.", ("Nepritarti", "not_taken", "")),
    ("ATSIŽVELGTA", ("ATSIŽVELGTA", "taken", "")),
    ("Atsižvelgta iš dalies: patikslinta", ("Atsižvelgta iš dalies", "partly", "patikslinta")),
    ("Neatsizvelgta, nes per vėlu.", ("Neatsizvelgta", "not_taken", "nes per vėlu.")),
    ("Bus svarstoma vėliau.", ("", None, "Bus svarstoma vėliau.")),
])
def test_every_opinion_is_read_in_any_case_and_without_diacritics(text, expected):
    assert read_opinion(text) == expected


def test_a_document_without_an_answer_table_is_refused(app):
    document = docx.Document()
    document.add_paragraph("Raštas be lentelės.")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Kažkas"
    buffer = io.BytesIO()
    document.save(buffer)
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        read_answer_table(buffer.getvalue())
    assert refused.value.errors["file"] == "Dokumente nerasta pasiūlymų ir atsakymų lentelės."


@pytest.mark.parametrize("make", [committee_conclusion, coordination_certificate])
def test_the_pdf_of_an_answer_document_reads_as_its_word_original(make):
    """LibreOffice prints the table (no table survives in a PDF, only text in columns); the rows are the same."""
    data = make()
    assert read_answer_pdf(docx_to_pdf(data)) == read_answer_table(data)


def test_a_pdf_without_an_answer_table_is_refused(app):
    document = docx.Document()
    document.add_paragraph("Raštas be lentelės: pasiūlymams pritarta.")
    buffer = io.BytesIO()
    document.save(buffer)
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        read_answer_pdf(docx_to_pdf(buffer.getvalue()))
    assert refused.value.errors["file"] == "Dokumente nerasta pasiūlymų ir atsakymų lentelės."


def test_a_file_that_is_no_word_document_is_refused(app):
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        read_answer_table(b"%PDF-1.4 not a docx")
    assert "Nepavyko perskaityti Word dokumento" in refused.value.detail
