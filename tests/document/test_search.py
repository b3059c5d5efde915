"""Search matching and stepping (reader.document.search)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.document.search import Search

TEXT = "The cat sat. the Cat ran. THE end."


def test_smart_case_and_literal_queries() -> None:
    search = Search()
    assert search.find(TEXT, "the") == 3  # lower case: any case
    assert search.find(TEXT, "The") == 1  # a capital: exact case
    assert search.find("a.b axb", "a.b") == 1  # literal, not a pattern
    assert search.find(TEXT, "") == 0 and search.matches == []


def test_the_limit_caps_the_matches_kept() -> None:
    search = Search()
    assert search.find("a" * 100, "a", limit=7) == 7
    assert search.matches == [(i, i + 1) for i in range(7)]


def test_stepping_wraps_and_starts_from_the_cursor() -> None:
    search = Search()
    search.find(TEXT, "the")  # at 0, 13, 26
    assert search.first_from(5) == 1 and search.first_from(27) == 0
    assert search.step(5, 1) == 1 and search.step(5, -1) == 0
    search.current = 2
    assert search.step(0, 1) == 0 and search.step(0, -1) == 1
    assert search.current_range == (26, 29)


def test_overlapping_clips_and_marks_the_current_match() -> None:
    search = Search()
    search.find(TEXT, "the")
    search.current = 1
    assert search.overlapping(1, 15) == ((1, 3, False), (13, 15, True))
    assert search.overlapping(4, 12) == ()
    search.clear()
    assert search.overlapping(0, 99) == () and search.first_from(0) is None


@given(st.text(alphabet="abAB ", max_size=60), st.text(alphabet="abAB", min_size=1, max_size=3))
def test_matches_are_what_a_regular_expression_finds(text, query) -> None:
    search = Search()
    search.find(text, query)
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    expected = [m.span() for m in re.finditer(re.escape(query), text, flags)]
    assert search.matches == expected
