"""Search matching and stepping (reader.document.search)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.document.search import Search, fold, fold_parts

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


def _reference(text: str, query: str, limit: int) -> list[tuple[int, int]]:
    """Brute force: every offset, compared character by character under the same case rule
    (a query with a capital keeps case; else each character lower-cased when that is one
    character), leftmost first, not overlapping."""

    def low(c: str) -> str:
        return c.lower() if len(c.lower()) == 1 else c

    exact = any(c.isupper() for c in query)
    same = (lambda a, b: a == b) if exact else (lambda a, b: low(a) == low(b))
    found: list[tuple[int, int]] = []
    i = 0
    while i + len(query) <= len(text) and len(found) < limit:
        if all(same(text[i + k], query[k]) for k in range(len(query))):
            found.append((i, i + len(query)))
            i += len(query)
        else:
            i += 1
    return found


_ALPHABET = st.sampled_from(list("aAbB ßẞİiıΣσςK\u212aé\u0301ss"))


@given(
    text=st.text(_ALPHABET, max_size=60),
    typed=st.text(_ALPHABET, min_size=1, max_size=6),
    limit=st.integers(1, 8),
)
def test_matches_as_the_query_grows_equal_a_brute_force_search(text, typed, limit) -> None:
    """Typing a query letter by letter (each longer query filtering the last one's places)
    finds what a search from scratch finds, at offsets of the original text, non-ASCII
    letters whose lower case is longer (İ) included."""
    search = Search()
    for n in range(1, len(typed) + 1):
        query = typed[:n]
        search.find(text, query, limit=limit)
        assert search.matches == _reference(text, query, limit)
        assert all(len(text[a:b]) == len(query) for a, b in search.matches)


def test_folding_is_per_character_final_sigma_and_eszett_included() -> None:
    """A capital sigma folds to σ wherever it stands (str.lower() would make a word-final
    one ς), and ß is not ss: what matches is what each character's lower() gives."""
    search = Search()
    assert search.find("ΟΔΟΣ", "οδοσ") == 1 and search.find("ΟΔΟΣ", "οδος") == 0
    assert search.find("Straße STRASSE", "straße") == 1
    assert search.find("Straße STRASSE", "strasse") == 1  # only the capitals
    assert search.matches == [(7, 14)]


@given(st.text(_ALPHABET, max_size=40), st.integers(1, 7))
def test_folding_in_parts_joins_to_folding_at_once(text, size) -> None:
    assert "".join(fold_parts(text, size)) == fold(text)
    assert len(fold(text)) == len(text)


def test_prepare_makes_the_copy_once_and_takes_one_made_elsewhere() -> None:
    search = Search()
    text = "Ab ab"
    assert not search.prepared(text)
    search.prepare(text, fold(text))
    assert search.prepared(text) and not search.prepared(
        "".join(["Ab", " ab"])
    )  # an equal text, not this one
    assert search.find(text, "ab") == 2


@given(
    text=st.text(alphabet="abAB ", max_size=80),
    typed=st.text(alphabet="abAB", min_size=1, max_size=4),
    here=st.integers(0, 80),
    window=st.tuples(st.integers(0, 80), st.integers(0, 20)),
)
def test_matches_found_where_needed_equal_the_listed_ones(text, typed, here, window) -> None:
    """More matches than are listed (`eager`) are found where needed: the count, each line's
    matches, the first from the cursor, stepping both ways and wrapping all equal what the
    listed matches give."""
    listed, found = Search(), Search()
    for n in range(1, len(typed) + 1):
        query = typed[:n]
        assert found.find(text, query, eager=0) == listed.find(text, query)
        start, end = window[0], window[0] + window[1]
        assert found.overlapping(start, end) == listed.overlapping(start, end)
        assert found.first_from(here) == listed.first_from(here)
        for step in (1, -1):
            assert found.step(here, step) == listed.step(here, step)
        index = listed.first_from(here)
        if index is None:
            assert found.matches == [] and found.current_range is None
            continue
        listed.current = found.current = found.first_from(here)
        for step in (1, -1, 1, 1):
            index = listed.step(here, step)
            assert found.step(here, step) == index
            listed.current = found.current = index
            assert found.current_range == listed.current_range
            assert found.overlapping(0, len(text)) == listed.overlapping(0, len(text))
        assert found.matches == listed.matches


def test_a_query_with_many_matches_is_counted_not_listed() -> None:
    text = "ab " * 5000
    search = Search()
    assert search.find(text, "a") == 5000 and search._listed is None
    assert search.overlapping(3, 7) == ((3, 4, False), (6, 7, False))
    search.current = search.step(4, -1)
    assert search.current == 1 and search.current_range == (3, 4)
    assert search.find(text, "aa") == 0  # a self-overlapping query is listed as before
    assert search.find("a" * 9000, "aa") == 4500 and search._listed is not None
