"""Re-anchoring weighs the quote, its context and its position together (the way Hypothesis
scores candidates), on real articles edited by hand the way news sites edit them."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_fixtures import CORPUS
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.annotations.anchoring import find_quote, reanchor
from reader.annotations.model import Annotation


def corpus_text(name: str) -> str:
    path = Path(CORPUS) / name
    if not path.exists():
        pytest.skip(f"corpus not available: {name}")
    return path.read_text(encoding="utf-8", errors="replace")


def highlight(text: str, quote: str, nth: int = 1) -> Annotation:
    found = find_quote(text, quote, nth)
    assert found is not None, quote
    return Annotation.create(text, found[0], found[1], "claim")


def where(text: str, quote: str, nth: int = 1) -> tuple[int, int]:
    found = find_quote(text, quote, nth)
    assert found is not None, quote
    return found


EBOLA = "wire-reuters-london-ebola-glasgow.txt"
QUOTE = "The patient is being treated in isolation at Glasgow's Gartnavel Hospital"
EDITED = "The patient is being treated in strict isolation at Glasgow's Gartnavel Hospital"


def test_an_edited_quote_in_its_context_beats_an_exact_copy_out_of_it():
    """A live update repeats the original sentence in a summary at the top, and the paragraph
    itself is reworded: the highlight stays on its paragraph (the context says so), not on
    the verbatim copy in the summary."""
    text = corpus_text(EBOLA)
    ann = highlight(text, QUOTE)
    summary = f"Summary of the day. {QUOTE}, officials said earlier.\n\n"
    new_text = summary + text.replace(QUOTE, EDITED)
    moved = reanchor(new_text, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == where(new_text, EDITED)
    assert moved.edited_from == QUOTE


def test_the_same_reworded_sentence_twice_goes_where_the_context_is():
    """The reworded sentence is repeated further down, in another paragraph: the copy whose
    prefix and suffix match the stored ones wins, although the other is just as close."""
    text = corpus_text(EBOLA)
    ann = highlight(text, QUOTE)
    later = "\n\nAn earlier report, repeated: " + EDITED + " in the night, a doctor said.\n"
    new_text = text.replace(QUOTE, EDITED) + later
    moved = reanchor(new_text, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == where(new_text, EDITED, 1)


def test_the_same_sentence_after_a_long_insertion_is_told_apart_by_its_context():
    """Highlighted on the second of two reworded copies, then 6,000 characters inserted
    before both: position alone no longer points at either; the context does."""
    text = corpus_text(EBOLA)
    first = f"\n\nBackground: {QUOTE} was first reported by local media.\n\n"
    text = text + first
    ann = highlight(text, QUOTE, 2)
    inserted = ("An update inserted at the top of the story. " * 140) + "\n\n"
    new_text = inserted + text.replace(QUOTE, EDITED)
    moved = reanchor(new_text, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == where(new_text, EDITED, 2)


BUDGET = "bbc-politics-361.txt"
BUDGET_QUOTE = "Treasury officials have said there will not be a pre-election giveaway"


def test_words_changed_around_the_quote_still_pick_the_right_copy():
    """The exact quote is in two places; the words around the highlighted one were edited.
    The copy whose (fuzzily matched) context is closest to the stored one wins."""
    text = corpus_text(BUDGET)
    ann = highlight(text, BUDGET_QUOTE)
    around = text.replace(
        "Treasury officials have said there will not be a pre-election giveaway, but Mr Brown",
        "Treasury officials have said there will not be a pre-election giveaway, although Mr Brown",
    )
    decoy = f"\n\nIn other news today: {BUDGET_QUOTE} and nothing more was said.\n"
    new_text = decoy + around
    moved = reanchor(new_text, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == where(new_text, BUDGET_QUOTE, 2)


def test_a_similar_sentence_elsewhere_does_not_win_over_the_edited_one_in_place():
    """The highlighted sentence was reworded; another sentence of the article is now
    closer to the old wording by edits alone, but sits in unrelated context."""
    text = corpus_text(BUDGET)
    quote = "The chancellor is expected to freeze petrol duty and raise the stamp duty threshold"
    ann = highlight(text, quote)
    edited = "The chancellor is expected to freeze fuel duty and lift the stamp duty threshold"
    lookalike = "The chancellor is expected to freeze petrol duty and raise the stamp duty limit"
    new_text = text.replace(quote, edited) + f"\n\nLast year: {lookalike}, as it turned out.\n"
    moved = reanchor(new_text, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == where(new_text, edited)


WORDS = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9), min_size=1, max_size=12
).map(" ".join)


@settings(deadline=None, max_examples=120)
@given(
    before=WORDS,
    quote=st.lists(st.text("abcdefghij", min_size=3, max_size=8), min_size=4, max_size=10).map(
        " ".join
    ),
    after=WORDS,
    decoy_before=WORDS,
    decoy_after=WORDS,
    edit_at=st.floats(0.1, 0.9),
    decoy_first=st.booleans(),
)
def test_a_quote_edited_once_stays_in_its_context_against_a_verbatim_copy(
    before, quote, after, decoy_before, decoy_after, edit_at, decoy_first
):
    head = "Opening line of the story. " + before + " "
    tail = " " + after + ". The story ends here with a closing line."
    text = head + quote + tail
    ann = Annotation.create(text, len(head), len(head) + len(quote))
    i = int(edit_at * (len(quote) - 1))
    edited = quote[:i] + ("X" if quote[i] != "X" else "Y") + quote[i + 1 :]
    decoy = "\n\nElsewhere: " + decoy_before + " " + quote + " " + decoy_after + ".\n\n"
    # The stored context must not also surround the decoy, or nothing can tell them apart.
    assume(ann.prefix not in decoy and ann.suffix not in decoy)
    new_text = (decoy + head + edited + tail) if decoy_first else (head + edited + tail + decoy)
    moved = reanchor(new_text, ann)
    start = new_text.index(head) + len(head)
    assert not moved.orphaned
    assert (moved.start, moved.end) == (start, start + len(edited))
