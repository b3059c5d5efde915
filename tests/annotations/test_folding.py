"""Folded quote matching: white space and typography as a person copying text expects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.annotations.anchoring import count_quote, find_quote, reanchor
from reader.annotations.folding import FoldedText, fold
from reader.annotations.model import Annotation

SEED_SENTENCE = "a White House official said the reports were \u201ctotally false,\u201d and that"


def test_the_readme_example_matches_the_curly_quotes_of_the_sample():
    """#14.5: the quotation the match opens is closed, its comma taken in (as the README's
    sample export shows it), however the quote was typed."""
    for typed in (
        "the reports were totally false",
        "the reports were totally false,",
        'the reports were "totally false,"',
        "the reports were \u201ctotally false",
    ):
        found = find_quote(SEED_SENTENCE, typed)
        assert found is not None
        assert SEED_SENTENCE[slice(*found)] == "the reports were \u201ctotally false,\u201d"
    # a quote with no quotation mark inside it is taken as it is
    assert SEED_SENTENCE[slice(*find_quote(SEED_SENTENCE, '"totally false"'))] == "totally false"


def test_apostrophes_dashes_ellipses_and_space_runs_fold():
    text = "Kyiv\u2019s line \u2014 the\u00a0talks\n  stalled\u2026 again... twice"
    for quote, shown in (
        ("Kyiv's line - the talks stalled", "Kyiv\u2019s line \u2014 the\u00a0talks\n  stalled"),
        ("stalled... again\u2026", "stalled\u2026 again..."),
    ):
        start, end = find_quote(text, quote)
        assert text[start:end] == shown
    assert fold("  \u201cA\u201d \u2013 b...  ") == "A - b\u2026"


def test_occurrences_are_counted_and_may_overlap():
    assert count_quote("the cat and the dog and the", "the") == 3
    assert find_quote("aaa", "aa", 2) == (1, 3)
    assert find_quote("x", "   ") is None


_ALPHABET = st.sampled_from(list('ab  \n\t\u201c\u201d"\u2014\u2019.'))


@given(st.text(_ALPHABET, min_size=1, max_size=60), st.data())
def test_every_slice_between_letters_is_found_where_it_is(text, data):
    letters = [i for i, ch in enumerate(text) if ch in "ab"]
    if not letters:
        return
    i = data.draw(st.sampled_from(letters))
    j = data.draw(st.sampled_from([k for k in letters if k >= i])) + 1
    assert (i, j) in list(FoldedText(text).find_all(text[i:j]))


def test_a_long_quote_against_a_repetitive_text_is_bounded_work():
    """20.10: a 4,000-character quote against 200,000 characters of "a a a": the fuzzy
    search looks for the quote's ends (PROBE characters each), not the whole quote."""
    text = "a " * 100_000
    quote = "a " * 2000 + "b"
    ann = Annotation.create("a " * 2000 + "b", 0, len(quote))
    moved = reanchor(text, ann)
    assert not moved.orphaned and moved.start == 0
