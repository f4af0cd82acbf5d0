"""The anchors benchmark's measurement on the hand-labelled corpus meets the floors."""

from __future__ import annotations

from benchmarks.bench_anchors import (
    PRECISION_FLOOR,
    RECALL_FLOOR,
    Expected,
    corpus_documents,
    measure,
    parse_expected,
    score_document,
)
from tests.pure.samples import docx_bytes


def test_corpus_has_the_kinds_of_draft_the_issue_asks_for():
    documents = corpus_documents()
    names = [name for name, _path, _labels in documents]
    assert len(documents) >= 12
    assert sum(path.suffix == ".pdf" for _name, path, _labels in documents) >= 1
    for kind in ("law_new", "amend_missing_quote", "chapters_inserted", "resolution_description",
                 "resolution_amend_resolution", "order_rules", "tracked_changes", "comparison_version"):
        assert any(kind in name for name in names), kind


def test_every_expected_anchor_is_found_and_almost_nothing_else():
    scores, total = measure()
    assert total.misses == []
    assert total.recall == RECALL_FLOOR == 1.0
    assert total.precision >= PRECISION_FLOOR
    assert total.in_order
    assert total.expected == sum(score.expected for score in scores) > 150


def test_an_expected_text_prefix_catches_a_right_label_on_the_wrong_text(tmp_path):
    # The kind of fault a PDF table made: "6 straipsnio 2 dalis" read from a table row "2. 3–4 8".
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx_bytes("6 straipsnis. Valstybės paskata", "1. Paskata skiriama:",
                                 "2. 3–4 8", "Paskatos skyrimo tvarką nustato Vyriausybė."))
    expected = [parse_expected(line) for line in (
        "6 straipsnis | 6 straipsnis.   Valstybės\tpaskata", "6 straipsnio 1 dalis",
        "6 straipsnio 2 dalis | 2. Paskatos skyrimo")]
    assert expected[1] == Expected("6 straipsnio 1 dalis") and expected[2].text == "2. Paskatos skyrimo"
    score = score_document("draft", draft, expected)
    assert (score.expected, score.found, score.true_positives, score.checked_texts) == (3, 3, 2, 2)
    assert score.misses == ["6 straipsnio 2 dalis | 2. Paskatos skyrimo"]
    assert score.extras == ["6 straipsnio 2 dalis | 2. 3–4 8"]
    # with the right text the same label is a true positive; whitespace is compared normalised
    right = score_document("draft", draft, [*expected[:2], Expected("6 straipsnio 2 dalis", "2.  3–4")])
    assert (right.true_positives, right.misses, right.extras) == (3, [], [])


def test_the_corpus_checks_the_text_of_anchors_in_every_draft():
    documents = corpus_documents()
    assert all(any(item.text for item in expected) for _name, _path, expected in documents)
    pdf = next(expected for name, _path, expected in documents if name == "h09_law_chapters_sections_pdf")
    article_6 = {item.label: item.text for item in pdf}
    assert article_6["6 straipsnio 2 dalis"] == "2. Paskatos skyrimo tvarką nustato"
