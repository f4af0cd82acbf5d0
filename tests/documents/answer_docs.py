"""Initiators' answer documents written with python-docx: a Seimas committee conclusion and a derinimo pažyma."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

LSA = "Lietuvos savivaldybių asociacija"

# (Eil. Nr., Pasiūlymo teikėjas, data, str., str. d., p., Pasiūlymo turinys, Komiteto nuomonė, Argumentai)
COMMITTEE_ROWS = [
    ("1.", "Lietuvos Respublikos finansų ministerija, 2026-10-05", "2", "1", "",
     "2 straipsnio 1 dalyje žodžius „per 10 darbo dienų“ pakeisti žodžiais „per 20 darbo dienų“.",
     "Nepritarti", "Pakankamas terminas jau nustatytas."),
    ("2.", f"{LSA}, 2026-10-12", "1 (5)", "(2)", "",
     "Siūlome 5 straipsnio 2 dalyje nustatyti, kad savivaldybė užtikrina socialinių paslaugų teikimą "
     "ir gauna tam valstybės biudžeto lėšų.",
     "Pritarti", ""),
    ("3.", "Vilniaus miesto savivaldybės administracija\n2026-10-10", "3", "", "",
     "3 straipsnį papildyti nauja 4 dalimi dėl viešųjų konsultacijų.",
     "Pritarti iš dalies", "Atsižvelgta į esmę, redakcija patikslinta."),
    ("4.", f"{LSA}\n2026 m. spalio 12 d.", "10", "", "",
     "10 straipsnį išdėstyti nauja redakcija: „Savivaldybės taryba tvirtina seniūnijų nuostatus.“",
     "NEPRITARTI", "Nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui."),
    ("5.", "LSA, 2026-10-12", "1 (12)", "(4)", "2",
     "Papildyti nuostata dėl mokinių pavėžėjimo išlaidų kompensavimo tvarkos.",
     "Pritarti iš dalies", "Bus svarstoma rengiant įgyvendinamuosius teisės aktus."),
]

# (Eil. Nr., Institucijos pavadinimas, Pastabos ir pasiūlymai, Paaiškinimai dėl pastabų)
CERTIFICATE_ROWS = [
    ("1.", "Lietuvos Respublikos finansų ministerija", "Projekto 2 straipsnio 1 dalyje terminą pailginti.",
     "Neatsižvelgta, nes terminas pakankamas."),
    ("2.", LSA, "Projekto 5 straipsnio 2 dalyje nustatyti, kad savivaldybė užtikrina socialinių paslaugų "
                "teikimą ir gauna tam valstybės biudžeto lėšų.", "Atsižvelgta."),
    ("3.", LSA, "Projekto 10 straipsnį išdėstyti nauja redakcija: „Savivaldybės taryba tvirtina seniūnijų "
                "nuostatus.“", "Neatsižvelgta, nes nuostata prieštarauja Vietos savivaldos įstatymo 15 straipsniui."),
    ("4.", "Lietuvos Respublikos teisingumo ministerija", "Projekto 3 straipsnio 4 dalį patikslinti.",
     "Iš dalies atsižvelgta. Redakcija patikslinta."),
]


def committee_conclusion() -> bytes:
    """A Seimas committee conclusion: some prose, then the proposals table with a two-row header."""
    document = docx.Document()
    document.add_paragraph("LIETUVOS RESPUBLIKOS SEIMAS")
    document.add_paragraph("VALSTYBĖS VALDYMO IR SAVIVALDYBIŲ KOMITETAS")
    document.add_paragraph("PAPILDOMA IŠVADA DĖL VIETOS SAVIVALDOS ĮSTATYMO PROJEKTO NR. XIVP-2435(2)")
    document.add_paragraph("Komitete gauti pasiūlymai:")
    section = document.sections[0]
    # Landscape, with columns wide enough for words, as a committee prints it (for the PDF made from it).
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    table = document.add_table(rows=3 + len(COMMITTEE_ROWS), cols=8)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, (1.2, 3.6, 1.4, 1.4, 1.0, 6.0, 3.2, 5.0), strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    head, sub = table.rows[0].cells, table.rows[1].cells
    for index in (0, 1, 5, 6, 7):
        head[index].merge(sub[index])
    head[2].merge(head[4])
    titles = {0: "Eil. Nr.", 1: "Pasiūlymo teikėjas, data", 2: "Siūloma keisti", 5: "Pasiūlymo turinys",
              6: "Komiteto nuomonė", 7: "Argumentai, pagrindžiantys nuomonę"}
    for index, title in titles.items():
        table.cell(0, index).text = title
    for index, title in ((2, "str."), (3, "str. d."), (4, "p.")):
        table.cell(1, index).text = title
    title = table.cell(2, 0).merge(table.cell(2, 7))  # a section title spanning the table is no row
    title.text = "Suinteresuotų institucijų ir asociacijų pasiūlymai"
    for offset, values in enumerate(COMMITTEE_ROWS, start=3):
        for index, value in enumerate(values):
            table.cell(offset, index).text = value
    document.add_paragraph("Komiteto pirmininkas")
    return _bytes(document)


def coordination_certificate() -> bytes:
    """A Government derinimo pažyma; LSA's two remarks share one institution cell, merged down."""
    document = docx.Document()
    document.add_paragraph("DERINIMO PAŽYMA")
    document.add_paragraph("Dėl Lietuvos Respublikos Vyriausybės nutarimo projekto")
    table = document.add_table(rows=1 + len(CERTIFICATE_ROWS), cols=4)
    for index, title in enumerate(("Eil. Nr.", "Institucijos pavadinimas", "Pastabos ir pasiūlymai",
                                   "Paaiškinimai dėl pastabų ir pasiūlymų")):
        table.cell(0, index).text = title
    for offset, values in enumerate(CERTIFICATE_ROWS, start=1):
        for index, value in enumerate(values):
            if index == 1 and offset == 3:
                continue  # the merged LSA cell, below
            table.cell(offset, index).text = value
    table.cell(2, 1).merge(table.cell(3, 1))
    table.cell(2, 1).text = LSA
    return _bytes(document)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
