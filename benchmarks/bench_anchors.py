"""Precision and recall of the comment anchors read from the drafts in benchmarks/corpus.

``python -m benchmarks.bench_anchors`` prints, per draft and in total, the expected anchors (written by
hand in ``<name>.expected.txt``, one label a line, optionally followed by `` | `` and the start of the
anchor's text, so that a right label on the wrong text is caught), those found, the true positives,
precision and recall beside the floors the product aims at, and every miss and extra. It asserts nothing; the test
tests/documents/test_anchors_corpus.py holds the floors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reviewflow.documents.structure import extract_structure

CORPUS = Path(__file__).resolve().parent / "corpus"
RECALL_FLOOR = 1.0
PRECISION_FLOOR = 0.99
TEXT_MARK = " | "  # "6 straipsnio 2 dalis | 2. Paskatos skyrimo": the label, then the start of its text


@dataclass(frozen=True)
class Expected:
    """One expected anchor: its label and, when given, the start of its text."""

    label: str
    text: str | None = None

    def fits(self, label: str, text: str) -> bool:
        """Whether an anchor read from the draft is this one (its text starts so, whitespace aside)."""
        return label == self.label and (self.text is None or _spaced(text).startswith(_spaced(self.text)))


def _spaced(text: str) -> str:
    """Text with every run of whitespace made one space, as the prefix is compared."""
    return re.sub(r"\s+", " ", text).strip()


def parse_expected(line: str) -> Expected | None:
    """One line of an expected file; None for a blank line."""
    label, mark, text = line.strip().partition(TEXT_MARK.strip())
    if not label.strip():
        return None
    return Expected(label.strip(), text.strip() or None) if mark else Expected(label.strip())


@dataclass
class Score:
    """The comparison of one draft's anchors (or the whole corpus's) with the expected ones."""

    name: str
    expected: int = 0
    found: int = 0
    true_positives: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    checked_texts: int = 0  # expected anchors whose text was checked too
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


def corpus_documents() -> list[tuple[str, Path, list[Expected]]]:
    """(name, document, expected anchors) for every draft of the corpus, in name order."""
    documents = []
    for expected in sorted(CORPUS.glob("*.expected.txt")):
        name = expected.name.removesuffix(".expected.txt")
        document = next(CORPUS.glob(f"{name}.docx"), None) or next(CORPUS.glob(f"{name}.pdf"), None)
        if document is None:
            raise FileNotFoundError(f"{name}: no .docx or .pdf beside {expected.name}")
        lines = expected.read_text(encoding="utf-8").splitlines()
        documents.append((name, document, [item for item in map(parse_expected, lines) if item]))
    return documents


def score_document(name: str, document: Path, expected: list[Expected | str]) -> Score:
    """Compare the anchors read from one document with the expected ones.

    Each expected anchor takes one found anchor with its label (and its text, when given); those with a
    text choose first, so a plain duplicate label does not take the one they need. An anchor with the
    right label but the wrong text is both a miss and an extra, shown as "label | its text".
    """
    wanted = [item if isinstance(item, Expected) else Expected(item) for item in expected]
    extracted = extract_structure(document.read_bytes())
    # An anchor's first line is the paragraph that carries its number; the body follows it on later lines.
    found = [(anchor.label, anchor.text.split("\n")[0]) for anchor in extracted.anchors]
    taken: dict[int, int] = {}  # expected index -> found index
    for index in sorted(range(len(wanted)), key=lambda i: wanted[i].text is None):
        used = set(taken.values())
        free = (j for j, (label, text) in enumerate(found) if j not in used and wanted[index].fits(label, text))
        if (j := next(free, None)) is not None:
            taken[index] = j
    misses = [_shown(item.label, item.text) for i, item in enumerate(wanted) if i not in taken]
    extras = [_shown(label, text if any(e.label == label and e.text for e in wanted) else None)
              for j, (label, text) in enumerate(found) if j not in taken.values()]
    in_order = [found[j][0] for j in sorted(taken.values())] == [wanted[i].label for i in sorted(taken)]
    return Score(name, len(wanted), len(found), len(taken), misses, extras, in_order=in_order,
                 checked_texts=sum(item.text is not None for item in wanted), warning=extracted.warning)


def _shown(label: str, text: str | None) -> str:
    """A missed or extra anchor as the report shows it; its text (cut short) when the text mattered."""
    return f"{label}{TEXT_MARK}{_spaced(text)[:60]}" if text else label


def measure() -> tuple[list[Score], Score]:
    """Every draft's score and the corpus total."""
    scores = [score_document(*document) for document in corpus_documents()]
    total = Score("TOTAL")
    for score in scores:
        total.expected += score.expected
        total.found += score.found
        total.true_positives += score.true_positives
        total.checked_texts += score.checked_texts
        total.misses += [f"{score.name}: {label}" for label in score.misses]
        total.extras += [f"{score.name}: {label}" for label in score.extras]
        total.in_order &= score.in_order
    return scores, total


def main() -> None:
    """Print the table, then the misses and extras."""
    scores, total = measure()
    print(f"Anchors corpus: {len(scores)} drafts in {CORPUS}")
    print(f"floors: recall {RECALL_FLOOR:.0%}, precision >= {PRECISION_FLOOR:.0%}; an anchor counts only on its"
          f" expected text where one is given ({total.checked_texts} of {total.expected})\n")
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
