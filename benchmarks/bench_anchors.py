"""Precision and recall of the comment anchors read from the drafts in benchmarks/corpus.

``python -m benchmarks.bench_anchors`` prints, per draft and in total, the expected anchors (written by
hand in ``<name>.expected.txt``), those found, the true positives, precision and recall beside the
floors the product aims at, and every miss and extra. It asserts nothing; the test
tests/documents/test_anchors_corpus.py holds the floors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reviewflow.documents.structure import extract_structure

CORPUS = Path(__file__).resolve().parent / "corpus"
RECALL_FLOOR = 1.0
PRECISION_FLOOR = 0.99


@dataclass
class Score:
    """The comparison of one draft's anchors (or the whole corpus's) with the expected ones."""

    name: str
    expected: int = 0
    found: int = 0
    true_positives: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    in_order: bool = True
    warning: str | None = None

    @property
    def precision(self) -> float:
        """Found anchors that were expected, as a share of those found (1.0 when none found and none due)."""
        return self.true_positives / self.found if self.found else float(self.expected == 0)

    @property
    def recall(self) -> float:
        """Expected anchors that were found, as a share of those expected."""
        return self.true_positives / self.expected if self.expected else 1.0


def corpus_documents() -> list[tuple[str, Path, list[str]]]:
    """(name, document, expected labels) for every draft of the corpus, in name order."""
    documents = []
    for expected in sorted(CORPUS.glob("*.expected.txt")):
        name = expected.name.removesuffix(".expected.txt")
        document = next(CORPUS.glob(f"{name}.docx"), None) or next(CORPUS.glob(f"{name}.pdf"), None)
        if document is None:
            raise FileNotFoundError(f"{name}: no .docx or .pdf beside {expected.name}")
        labels = [line.strip() for line in expected.read_text(encoding="utf-8").splitlines() if line.strip()]
        documents.append((name, document, labels))
    return documents


def score_document(name: str, document: Path, expected: list[str]) -> Score:
    """Compare the anchors read from one document with the expected labels (as multisets)."""
    extracted = extract_structure(document.read_bytes())
    found = [anchor.label for anchor in extracted.anchors]
    matched = Counter(expected) & Counter(found)
    misses = list((Counter(expected) - Counter(found)).elements())
    extras = list((Counter(found) - Counter(expected)).elements())
    return Score(name, len(expected), len(found), sum(matched.values()), misses, extras,
                 in_order=[label for label in found if label in matched] == [e for e in expected if e in matched],
                 warning=extracted.warning)


def measure() -> tuple[list[Score], Score]:
    """Every draft's score and the corpus total."""
    scores = [score_document(*document) for document in corpus_documents()]
    total = Score("TOTAL")
    for score in scores:
        total.expected += score.expected
        total.found += score.found
        total.true_positives += score.true_positives
        total.misses += [f"{score.name}: {label}" for label in score.misses]
        total.extras += [f"{score.name}: {label}" for label in score.extras]
        total.in_order &= score.in_order
    return scores, total


def main() -> None:
    """Print the table, then the misses and extras."""
    scores, total = measure()
    print(f"Anchors corpus: {len(scores)} drafts in {CORPUS}")
    print(f"floors: recall {RECALL_FLOOR:.0%}, precision >= {PRECISION_FLOOR:.0%}\n")
    header = f"{'draft':38} {'expected':>8} {'found':>6} {'TP':>5} {'precision':>9} {'recall':>7}  order"
    print(header)
    print("-" * len(header))
    for score in [*scores, total]:
        if score is total:
            print("-" * len(header))
        print(f"{score.name:38} {score.expected:8d} {score.found:6d} {score.true_positives:5d} "
              f"{score.precision:9.1%} {score.recall:7.1%}  {'ok' if score.in_order else 'DIFFERS'}")
    recall_ok = total.recall >= RECALL_FLOOR
    precision_ok = total.precision >= PRECISION_FLOOR
    print(f"\nrecall {total.recall:.1%} ({'meets' if recall_ok else 'BELOW'} the floor {RECALL_FLOOR:.0%}), "
          f"precision {total.precision:.1%} ({'meets' if precision_ok else 'BELOW'} the floor "
          f"{PRECISION_FLOOR:.0%})")
    for title, items in (("misses (expected, not found)", total.misses), ("extras (found, not expected)",
                                                                          total.extras)):
        print(f"\n{title}: {len(items)}")
        for item in items:
            print(f"  {item}")
    for score in scores:
        if score.warning:
            print(f"\n{score.name}: {score.warning}")


if __name__ == "__main__":
    main()
