"""User text comes out literally; a replacement template is accepted only when it renders cleanly."""

from __future__ import annotations

import io
import zipfile

import pytest

from reviewflow.documents.letter import DEFAULT_TEMPLATE, render_annex, render_letter, render_sample, validate_template
from reviewflow.errors import Invalid
from tests.documents.factories import all_text, annex_tables, docx_with, letter, paragraphs, proposal, signature

HOSTILE = "<b>&amp; \"quotes\" 'x' {{ 7*7 }} {% if %} \x0b\x07"
LITERAL = "<b>&amp; \"quotes\" 'x' {{ 7*7 }} {% if %}"  # \x0b becomes a line break, \x07 goes
AFTER = "Tekstas po pavojingų ženklų"


def hostile_letter():
    text = f"{HOSTILE}{AFTER}"
    return letter(
        addressee_dative=text,
        draft_title=text,
        position_text=text,
        signatory_name=text,
        drafter_contacts=text,
        proposals=[
            proposal(1, text, text, content=text, proposed_wording=text, proposers=[(text, letter().letter_date)]),
            proposal(2, "4 straipsnio", "4 str.", content="Paskutinė pastaba."),
        ],
    )


def test_user_text_comes_out_literally_and_the_document_is_not_cut():
    docx = render_letter(hostile_letter())
    text = all_text(docx)
    assert text.count(LITERAL) >= 10
    assert f"{LITERAL} \n{AFTER}" in text  # the vertical tab became a line break
    assert "\x07" not in text and "\x0b" not in text
    assert "49" not in text
    # Text after the hostile part, and the rest of the letter, are all there.
    lines = paragraphs(docx)
    assert "2. Dėl Projekto 4 straipsnio: Paskutinė pastaba." in lines
    assert signature(docx)[0] == "Prezidentas"
    [table] = annex_tables(docx)
    assert [row[0] for row in table[1:]] == ["1", "2"]


def test_the_separate_annex_is_as_safe():
    docx = render_annex(hostile_letter())
    assert LITERAL in all_text(docx)
    assert "49" not in all_text(docx)


def test_docxtpl_escape_sequences_in_user_text_stay_as_written():
    # docxtpl turns "{_{" into "{{" after rendering; user text must not be rewritten by that.
    text = "{_{ a }_} {_% b %_}"
    assert text in all_text(render_letter(letter(position_text=text)))


def test_the_default_template_is_valid_and_renders_the_sample():
    template = DEFAULT_TEMPLATE.read_bytes()
    validate_template(template)
    text = all_text(render_sample(template))
    assert "PROJEKTO NR. XIVP-2667 IŠVADOS" in text
    assert "Vilniaus miesto savivaldybė\n(2026-11-24)\nKauno miesto savivaldybė\n(2026-11-25)" in text
    assert "„2. Savivaldybės taryba sprendimą priima per 30 darbo dienų.“" in text


def zip_without_word() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a docx")
    return out.getvalue()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (b"this is not a word file", "not a Word document"),
        (b"", "not a Word document"),
        (zip_without_word(), "not a Word document"),
        (docx_with("{{ title "), "syntax error"),
        (docx_with("{% for p in proposals %}{{ p.number }}"), "syntax error"),
        (docx_with("{{ title | nosuchfilter }}"), "syntax error"),
        (docx_with("{{ no_such_field }}"), "cannot be filled in"),
        (docx_with("{{ ''.__class__.__mro__ }}"), "cannot be filled in"),
        (docx_with("{{ title.__class__ }}"), "cannot be filled in"),
        (docx_with("Nr. { {our_number}}"), "unprocessed tags"),
        (docx_with("{{ '{{' }} title }}"), "unprocessed tags"),
    ],
)
def test_validate_template_refuses_with_a_clear_message(template, message):
    with pytest.raises(Invalid) as caught:
        validate_template(template)
    assert message in caught.value.detail
    assert caught.value.errors["template"] == caught.value.detail


def test_validate_template_accepts_a_small_clean_template():
    validate_template(docx_with("{{ addressee }}", "{{ title }}", "{{ signatory_name }}"))


def test_validate_template_refuses_an_oversized_file():
    with pytest.raises(Invalid, match="10 MB"):
        validate_template(b"x" * (10 * 1024 * 1024 + 1))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% include 'letter.docx' %}", "cannot include, import or extend"),
        ("{% import 'macros' as m %}", "cannot include, import or extend"),
        ("{% from 'macros' import x %}", "cannot include, import or extend"),
        ("{% extends 'base' %}", "cannot include, import or extend"),
        ("{% for i in range(10000000000) %}{{ i }}{% endfor %}", "at most 10000 items"),
        ("{% for i in range(100000) %}{% endfor %}", "at most 10000 items"),
        ("{{ 'x' * 1000000000 }}", "repeats text"),
        ("{{ [1] * 1000000000 }}", "repeats text"),
        ("{{ 1000000000 * 'x' }}", "repeats text"),
        ("{{ 10 ** 100000000 }}", "Powers above 64"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ proposals[0].number + 'x' }}", "TypeError"),
    ],
)
def test_a_template_that_reaches_outside_or_computes_too_much_is_refused_never_a_server_error(source, message):
    with pytest.raises(Invalid) as caught:
        validate_template(docx_with(source))
    assert message in caught.value.detail
    assert caught.value.status == 422


def test_a_template_within_the_limits_still_renders():
    validate_template(docx_with("{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 3 }} {{ 2 ** 10 }}"))
    text = all_text(render_sample(docx_with("{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 3 }} {{ 2 ** 10 }}")))
    assert text == "012 ababab 1024"
