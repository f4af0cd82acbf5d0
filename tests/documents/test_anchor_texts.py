"""An anchor carries the words of its provision: the body under an article's heading, quoted wording without its
quotation marks, and nothing of the signature after the last provision."""

from reviewflow.documents.compare import compare_provisions
from reviewflow.documents.docx_text import TextBlock
from reviewflow.documents.structure import structure_of_blocks

AMENDING_LAW = [
    "LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 5 STRAIPSNIO PAKEITIMO ĮSTATYMAS",
    "1 straipsnis. 5 straipsnio pakeitimas",
    "Pakeisti 5 straipsnio 2 dalį ir ją išdėstyti taip:",
    "„2. Savivaldybė organizuoja:",
    "1) vietinių kelių priežiūrą;",
    "2) viešojo transporto paslaugas.“",
    "2 straipsnis. Įstatymo įsigaliojimas",
    "Šis įstatymas įsigalioja 2027 m. sausio 1 d.",
    "Skelbiu šį Lietuvos Respublikos Seimo priimtą įstatymą.",
    "Respublikos Prezidentas",
]


def texts_by_label(lines: list[str]) -> dict[str, str]:
    extracted = structure_of_blocks([TextBlock(line) for line in lines])
    return {anchor.label: anchor.text for anchor in extracted.anchors}


def test_an_articles_body_is_part_of_its_text_up_to_the_next_provision():
    texts = texts_by_label(AMENDING_LAW)
    assert texts["1 straipsnis"] == (
        "1 straipsnis. 5 straipsnio pakeitimas\nPakeisti 5 straipsnio 2 dalį ir ją išdėstyti taip:"
    )
    # The last provision ends before the signature block.
    assert texts["2 straipsnis"] == (
        "2 straipsnis. Įstatymo įsigaliojimas\nŠis įstatymas įsigalioja 2027 m. sausio 1 d.\n"
        "Skelbiu šį Lietuvos Respublikos Seimo priimtą įstatymą."
    )


def test_quoted_wording_is_stored_without_the_quotation_marks_that_delimit_it():
    texts = texts_by_label(AMENDING_LAW)
    assert texts["1 straipsniu keičiamo 5 straipsnio 2 dalis"] == "2. Savivaldybė organizuoja:"
    assert texts["1 straipsniu keičiamo 5 straipsnio 2 dalies 2 punktas"] == "2) viešojo transporto paslaugas."


def test_a_changed_body_is_a_changed_provision_between_revisions():
    old = structure_of_blocks([TextBlock(line) for line in AMENDING_LAW]).anchors
    new = structure_of_blocks([TextBlock(line.replace("sausio 1 d.", "liepos 1 d.")) for line in AMENDING_LAW]).anchors
    statuses = {change.new_label or change.old_label: change.status.value for change in compare_provisions(old, new)}
    assert statuses["2 straipsnis"] == "changed"
    assert statuses["1 straipsnis"] == "unchanged"
