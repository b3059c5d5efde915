"""Word-wise selection ends and the sentence anchor (reader.document.selection)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.document.selection import Selection, end_by_word, start_by_word

TEXT = "One two  three four. Five six."


def test_the_end_moves_a_word_on_and_back() -> None:
    span = (0, 3)  # "One"
    span = end_by_word(TEXT, span, 1)
    assert TEXT[slice(*span)] == "One two"
    span = end_by_word(TEXT, span, 1)
    assert TEXT[slice(*span)] == "One two  three"
    span = end_by_word(TEXT, span, -1)
    assert TEXT[slice(*span)] == "One two"
    assert end_by_word(TEXT, (0, 3), -1) == (0, 3)  # never empty
    assert end_by_word(TEXT, (0, len(TEXT)), 1) == (0, len(TEXT))  # nothing after


def test_the_start_moves_a_word_on_and_back() -> None:
    span = (0, 19)  # "One two  three four"
    span = start_by_word(TEXT, span, 1)
    assert TEXT[slice(*span)] == "two  three four"
    span = start_by_word(TEXT, span, 1)
    assert TEXT[slice(*span)] == "three four"
    span = start_by_word(TEXT, span, -1)
    assert TEXT[slice(*span)] == "two  three four"
    assert start_by_word(TEXT, (15, 19), 1) == (15, 19)  # never empty


@given(
    st.text(alphabet=st.sampled_from("ab \n."), max_size=40),
    st.integers(0, 40),
    st.integers(1, 40),
    st.lists(st.tuples(st.booleans(), st.sampled_from([1, -1])), max_size=12),
)
def test_moves_keep_a_non_empty_span_inside_the_text(text, a, n, moves) -> None:
    if not text:
        return
    start = min(a, len(text) - 1)
    span = (start, min(len(text), start + n))
    for end_side, step in moves:
        span = (end_by_word if end_side else start_by_word)(text, span, step)
        assert 0 <= span[0] < span[1] <= len(text)


def test_the_selection_follows_the_cursor_from_its_anchor() -> None:
    selection = Selection()
    assert not selection.following and selection.follow((5, 9)) is None
    selection.begin((10, 20))
    assert selection.following
    assert selection.follow((30, 40)) == (10, 40)
    assert selection.follow((0, 5)) == (0, 20)
    selection.clear()
    assert selection.span is None and not selection.following


def test_word_moves_stop_at_the_paragraph_edge() -> None:
    text = "One two. Three.\n\nNext para here."
    three = (9, 15)
    assert end_by_word(text, three, 1, limit=15) == three  # not "Three.\n\nNext"
    assert end_by_word(text, three, 1) == (9, 21)  # without a limit it would be
    assert end_by_word(text, (0, 3), 1, limit=15) == (0, 8)  # inside: as before
    nxt = (17, 21)
    assert start_by_word(text, nxt, -1, limit=17) == nxt
    assert start_by_word(text, nxt, -1) == (9, 21)
    assert start_by_word(text, (4, 8), -1, limit=0) == (0, 8)


@given(
    st.text(alphabet=st.sampled_from("ab \n."), min_size=1, max_size=40),
    st.integers(0, 40),
    st.integers(1, 40),
    st.integers(0, 40),
    st.lists(st.tuples(st.booleans(), st.sampled_from([1, -1])), max_size=12),
)
def test_limited_moves_never_reach_past_the_limits(text, a, n, cut, moves) -> None:
    start = min(a, len(text) - 1)
    span = (start, min(len(text), start + n))
    low, high = min(cut, span[0]), max(min(cut, len(text)), span[1])
    for end_side, step in moves:
        if end_side:
            span = end_by_word(text, span, step, high)
        else:
            span = start_by_word(text, span, step, low)
        assert low <= span[0] < span[1] <= high
