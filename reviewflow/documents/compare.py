"""What changed between two revisions of a draft, provision by provision, and what became of LSA's proposals.

Pure: lists of provisions in (anything with ``label``, ``text`` and optionally ``article`` / ``part`` /
``point`` / ``scope``, e.g. the ``Provision`` rows of two drafts), data out.

Matching. Provisions are paired in three passes, each pair at most once:

1. the same label and the same words (``unchanged``);
2. the same words under another label — a renumbered provision (article 5 became 6): status ``unchanged``
   with ``renumbered`` set. Its wording did not change, so a new consultation need not cover it and a
   proposal on it was not taken; the old and new labels are both given so the page can say "5 -> 6";
3. the rest, best pair first: the same label at any likeness (lawyers cite by number, so "3 straipsnio
   2 dalis" rewritten is still that part, ``changed``), or another label of the same kind (article, part,
   point) when the words are at least :data:`SIMILAR` alike (``changed`` and ``renumbered``).

What is left is ``removed`` (old) or ``added`` (new). "The same words" ignores the provision's own
number at the start ("5 straipsnis.", "2.", "1)"), spacing and the kind of quotation marks.

The word-level difference uses :mod:`difflib` from the standard library: it is maintained with Python
itself, needs no dependency, and works on any sequence, so it diffs word tokens directly (diff-match-patch
works on characters and needs a word-to-character encoding trick for the same result).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

# Two texts under different labels this alike (0..1, over words) are one provision renumbered and changed.
SIMILAR = 0.6
# A proposed wording this alike to a new provision's words counts as taken (the initiator's own edits:
# a changed ending, a comma).
TAKEN_SIMILARITY = 0.9

_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                         "–": "-", "—": "-", "\u00a0": " "})
# The provision's own number as the text starts with it: "5 straipsnis.", "25¹ straipsnis", "2.", "2.3.", "1)".
_OWN_NUMBER = re.compile(r"^\s*(?:\d+[¹²³⁴⁵⁶⁷⁸⁹⁰]*\s+straipsnis\.?|\d+(?:\.\d+)*\.|\d+\))\s*", re.IGNORECASE)
_TOKENS = re.compile(r"\w+|[^\w\s]|\s+")
_WORDS = re.compile(r"\w+|[^\w\s]")


class Status(enum.StrEnum):
    """What happened to a provision between two revisions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class Fate(enum.StrEnum):
    """What became of an LSA proposal in the new text (item 9 of issue 10: "were we heard")."""

    TAKEN = "taken"
    CHANGED = "changed"
    REMOVED = "removed"
    NOT_TAKEN = "not_taken"


@dataclass(frozen=True)
class DiffSegment:
    """A run of text the same in both (``equal``), only in the new (``insert``) or only in the old (``delete``)."""

    op: str
    text: str


@dataclass
class ProvisionChange:
    """One provision across two revisions: ``old`` / ``new`` are the inputs (None where it is missing)."""

    status: Status
    old: Any = None
    new: Any = None
    renumbered: bool = False
    diff: list[DiffSegment] = field(default_factory=list)

    @property
    def old_label(self) -> str | None:
        """The label in the earlier revision."""
        return self.old.label if self.old is not None else None

    @property
    def new_label(self) -> str | None:
        """The label in the new revision."""
        return self.new.label if self.new is not None else None


def normalise(text: str | None) -> str:
    """Text for comparing: NFC, one kind of quotes and dashes, single spaces, no case."""
    text = unicodedata.normalize("NFC", text or "").translate(_QUOTES)
    return " ".join(text.split()).casefold()


def words_of(text: str | None) -> str:
    """The provision's words without its own number at the start, normalised."""
    return normalise(_OWN_NUMBER.sub("", unicodedata.normalize("NFC", text or ""), count=1))


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0..1, over words and punctuation marks."""
    left, right = _WORDS.findall(a), _WORDS.findall(b)
    if not left and not right:
        return 1.0
    return SequenceMatcher(None, left, right, autojunk=False).ratio()


def word_diff(old: str, new: str) -> list[DiffSegment]:
    """The difference as tracked changes: runs of equal, deleted and inserted text, word by word.

    Spaces are tokens of their own but marked junk, so two texts are never lined up on their spaces
    alone ("a b" -> "x y" is one deletion and one insertion, not four). Tokens are compared with any
    run of spaces as one space and one kind of quotes, so a retyped space or „“ for "" is no change;
    equal runs are shown as the new text has them.
    """
    left, right = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = SequenceMatcher(lambda token: token == " ", _keys(left), _keys(right), autojunk=False)
    segments: list[DiffSegment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            _append(segments, "delete", "".join(left[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, "insert", "".join(right[j1:j2]))
        if op == "equal":
            _append(segments, "equal", "".join(right[j1:j2]))
    return segments


def _keys(tokens: list[str]) -> list[str]:
    return [" " if token.isspace() else unicodedata.normalize("NFC", token).translate(_QUOTES) for token in tokens]


def _append(segments: list[DiffSegment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = DiffSegment(op, segments[-1].text + text)
    else:
        segments.append(DiffSegment(op, text))


def _kind(provision: Any) -> tuple:
    """Article, part or point (and in which scope): only provisions of one kind are one renumbered."""
    return (getattr(provision, "scope", None) is not None, bool(getattr(provision, "part", None)),
            bool(getattr(provision, "point", None)))


def compare_provisions(old: Sequence[Any], new: Sequence[Any]) -> list[ProvisionChange]:
    """Pair the provisions of two revisions and say what happened to each, in the new text's order.

    Removed provisions come right after the provision that preceded them in the old text.
    """
    old_words = [words_of(p.text) for p in old]
    new_words = [words_of(p.text) for p in new]
    pair_of_new: dict[int, int] = {}
    paired_old: set[int] = set()

    def pair(i: int, j: int) -> None:
        pair_of_new[j] = i
        paired_old.add(i)

    # 1 and 2: the same words, first under the same label, then under any label (in document order).
    for same_label in (True, False):
        for j, target in enumerate(new):
            if j in pair_of_new:
                continue
            for i, source in enumerate(old):
                if (i not in paired_old and old_words[i] == new_words[j] and _kind(source) == _kind(target)
                        and (not same_label or source.label == target.label)):
                    pair(i, j)
                    break
    # 3: the rest, best pair first. One matcher per new provision (difflib indexes the second sequence once),
    # and the cheap upper bounds first, so a long draft does not cost a full comparison per pair.
    candidates = []
    old_tokens = [_WORDS.findall(w) for w in old_words]
    matcher = SequenceMatcher(None, autojunk=False)
    for j, target in enumerate(new):
        if j in pair_of_new:
            continue
        matcher.set_seq2(_WORDS.findall(new_words[j]))
        for i, source in enumerate(old):
            if i in paired_old:
                continue
            same_label = source.label == target.label
            if not same_label and _kind(source) != _kind(target):
                continue
            matcher.set_seq1(old_tokens[i])
            if not same_label and (matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR):
                continue
            score = matcher.ratio() if old_tokens[i] or matcher.b else 1.0
            if same_label or score >= SIMILAR:
                candidates.append((score + (0.01 if same_label else 0.0), i, j))
    for _score, i, j in sorted(candidates, key=lambda item: (-item[0], item[1], item[2])):
        if i not in paired_old and j not in pair_of_new:
            pair(i, j)
    return _in_order(old, new, pair_of_new, old_words, new_words)


def _in_order(old, new, pair_of_new: dict[int, int], old_words: list[str], new_words: list[str]):
    changes: list[ProvisionChange] = []
    paired_old = set(pair_of_new.values())
    emitted: set[int] = set()

    def removed_up_to(limit: int) -> None:
        for i in range(limit):
            if i not in paired_old and i not in emitted:
                emitted.add(i)
                changes.append(ProvisionChange(Status.REMOVED, old=old[i]))

    for j, target in enumerate(new):
        i = pair_of_new.get(j)
        if i is None:
            changes.append(ProvisionChange(Status.ADDED, new=target))
            continue
        removed_up_to(i)
        source = old[i]
        renumbered = source.label != target.label
        if old_words[i] == new_words[j]:
            changes.append(ProvisionChange(Status.UNCHANGED, old=source, new=target, renumbered=renumbered))
        else:
            changes.append(ProvisionChange(Status.CHANGED, old=source, new=target, renumbered=renumbered,
                                           diff=word_diff(source.text, target.text)))
    removed_up_to(len(old))
    return changes


def wording_appears(wording: str | None, texts: Sequence[str]) -> bool:
    """Whether a proposed wording is in one of the new texts: word for word (normalised), or nearly so."""
    wanted = words_of(wording)
    if not wanted:
        return False
    for text in texts:
        have = words_of(text)
        if wanted in have or wanted in normalise(text) or similarity(wanted, have) >= TAKEN_SIMILARITY:
            return True
    return False


def proposal_fate(wording: str | None, provision: Any, changes: Sequence[ProvisionChange]) -> Fate | None:
    """What became of a proposal on ``provision`` (an item of the old list) proposing ``wording``.

    Taken when the wording now appears in the new text (wherever it landed); otherwise removed, changed
    or not taken by what happened to its provision. None when that cannot be told: no wording found and
    no provision to look at.
    """
    if wording_appears(wording, [c.new.text for c in changes if c.new is not None]):
        return Fate.TAKEN
    change = next((c for c in changes if provision is not None and c.old is provision), None)
    if change is None:
        return None
    if change.status == Status.REMOVED:
        return Fate.REMOVED
    if change.status == Status.CHANGED:
        return Fate.CHANGED
    return Fate.NOT_TAKEN
