"""Comparing two revisions by provision: pairing (renumbered ones too), the word difference, proposals' fate."""

from __future__ import annotations

from types import SimpleNamespace

from reviewflow.documents.compare import Fate, compare_provisions, proposal_fate, word_diff


def p(label: str, text: str, part: str | None = None, point: str | None = None, scope: str | None = None):
    """A provision as the comparison reads it."""
    return SimpleNamespace(label=label, text=text, part=part, point=point, scope=scope)


def summary(changes):
    return [(c.status.value, c.old_label, c.new_label, c.renumbered) for c in changes]


def test_an_inserted_article_shifts_the_next_one_which_keeps_its_words():
    old = [p("5 straipsnis", "5 straipsnis. Įsigaliojimas"), p("6 straipsnis", "6 straipsnis. Taikymas")]
    new = [p("5 straipsnis", "5 straipsnis. Duomenų teikimas"), p("6 straipsnis", "6 straipsnis. Įsigaliojimas"),
           p("7 straipsnis", "7 straipsnis. Taikymas")]
    assert summary(compare_provisions(old, new)) == [
        ("added", None, "5 straipsnis", False),
        ("unchanged", "5 straipsnis", "6 straipsnis", True),
        ("unchanged", "6 straipsnis", "7 straipsnis", True),
    ]


def test_a_part_rewritten_under_its_own_number_is_changed_not_removed_and_added():
    old = [p("1 straipsnio 1 dalis", "1. Seniūnijos nuostatus tvirtina direktorius.", part="1")]
    new = [p("1 straipsnio 1 dalis", "1. Savivaldybė gali steigti seniūnijas.", part="1")]
    assert summary(compare_provisions(old, new)) == [("changed", "1 straipsnio 1 dalis", "1 straipsnio 1 dalis",
                                                      False)]


def test_a_similar_part_under_another_number_is_changed_and_renumbered():
    old = [p("2 straipsnio 3 dalis", "3. Paslaugos teikiamos pagal metinį savivaldybės planą.", part="3")]
    new = [p("2 straipsnio 2 dalis", "2. Paslaugos teikiamos pagal metinį savivaldybės tarybos planą.", part="2")]
    changes = compare_provisions(old, new)
    assert summary(changes) == [("changed", "2 straipsnio 3 dalis", "2 straipsnio 2 dalis", True)]
    assert [(s.op, s.text) for s in changes[0].diff] == [
        ("delete", "3"), ("insert", "2"), ("equal", ". Paslaugos teikiamos pagal metinį savivaldybės"),
        ("insert", " tarybos"), ("equal", " planą.")]


def test_an_article_and_a_part_with_the_same_words_are_not_one_provision():
    old = [p("3 straipsnis", "3 straipsnis. Finansavimas")]
    new = [p("4 straipsnio 1 dalis", "1. Finansavimas", part="1")]
    assert summary(compare_provisions(old, new)) == [("added", None, "4 straipsnio 1 dalis", False),
                                                     ("removed", "3 straipsnis", None, False)]


def test_a_removed_provision_stays_where_it_was():
    old = [p("1 dalis", "1. Pirma.", part="1"), p("2 dalis", "2. Antra.", part="2"),
           p("3 dalis", "3. Trečia.", part="3")]
    new = [p("1 dalis", "1. Pirma.", part="1"), p("2 dalis", "2. Trečia.", part="2")]
    assert summary(compare_provisions(old, new)) == [
        ("unchanged", "1 dalis", "1 dalis", False), ("removed", "2 dalis", None, False),
        ("unchanged", "3 dalis", "2 dalis", True)]


def test_the_word_difference_never_lines_up_on_spaces_alone():
    assert [(s.op, s.text) for s in word_diff("a b c", "x y z")] == [("delete", "a b c"), ("insert", "x y z")]


def test_a_wording_in_other_quotes_and_spacing_counts_as_taken():
    old = [p("1 dalis", "1. Taryba tvirtina planą.", part="1")]
    new = [p("1 dalis", "1. Taryba  tvirtina „Plėtros planą“ iki kovo 1 d.", part="1")]
    changes = compare_provisions(old, new)
    assert proposal_fate('Taryba tvirtina "Plėtros planą" iki kovo 1 d.', old[0], changes) == Fate.TAKEN
    # Nearly word for word (the initiator dropped a word): still taken.
    assert proposal_fate("Taryba tvirtina „Plėtros planą“ iki kovo 1 dienos d.", old[0], changes) == Fate.TAKEN
    assert proposal_fate("Planą tvirtina meras.", old[0], changes) == Fate.CHANGED


def test_without_the_wording_the_provision_tells_the_fate():
    old = [p("1 dalis", "1. Pirma.", part="1"), p("2 dalis", "2. Antra.", part="2")]
    new = [p("1 dalis", "1. Pirma.", part="1")]
    changes = compare_provisions(old, new)
    assert proposal_fate("Kitaip.", old[0], changes) == Fate.NOT_TAKEN
    assert proposal_fate(None, old[1], changes) == Fate.REMOVED
    assert proposal_fate("Kitaip.", None, changes) is None  # a general proposal whose words are not there
