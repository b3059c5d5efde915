"""A found quote is widened to balance its quotation marks (#14.5), and only then."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotations.anchoring import find_quote
from reader.annotations.quote_marks import balanced

TEXT = (
    "Anna Kelly said the reports were \u201ctotally false,\u201d insisting the US role was "
    "limited. \u201cWe will see,\u201d she added. He called it \u00abune erreur\u00bb and "
    '\u201eein Fehler\u201c. She said "no comment." Then \u201cit goes on and on\u201d.'
)


@pytest.mark.parametrize(
    ("quote", "highlighted"),
    [
        ("the reports were totally false", "the reports were \u201ctotally false,\u201d"),
        ("totally false, insisting", "\u201ctotally false,\u201d insisting"),
        ("We will see", "We will see"),  # no mark inside: as found
        ("We will see, she added", "\u201cWe will see,\u201d she added"),
        ("it une erreur", "it \u00abune erreur\u00bb"),
        ("and ein Fehler", "and \u201eein Fehler\u201c"),
        ("She said no comment", 'She said "no comment."'),
        ("Then it goes on", "Then \u201cit goes on"),  # the quotation goes on past it
        ("limited. We will", "limited. \u201cWe will"),  # likewise
    ],
)
def test_a_highlight_takes_in_the_mark_it_opens_or_closes(quote, highlighted):
    found = find_quote(TEXT, quote)
    assert found is not None
    assert TEXT[slice(*found)] == highlighted


_MARKS = st.text(st.sampled_from(list('ab ,."\u201c\u201d\u00ab\u00bb')), max_size=40)


@given(_MARKS, st.data())
def test_widening_only_ever_adds_marks_and_punctuation(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new_start, new_end = balanced(text, start, end)
    assert new_start <= start <= end <= new_end
    assert start - new_start <= 1
    assert set(text[new_start:start] + text[end:new_end]) <= set(',."\u201c\u201d\u00ab\u00bb')
