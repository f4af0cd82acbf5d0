"""The anchors benchmark's measurement on the hand-labelled corpus meets the floors."""

from __future__ import annotations

from benchmarks.bench_anchors import PRECISION_FLOOR, RECALL_FLOOR, corpus_documents, measure


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
