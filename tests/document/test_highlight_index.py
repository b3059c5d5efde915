"""The sorted-by-start span index (reader.annotations.highlight_index), against brute force."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.highlight_index import Highlight, HighlightIndex


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    id: str
    created: int = 0


def brute(items, start, end):
    return sorted(
        (i for i in items if i.start < end and i.end > start), key=lambda i: (i.start, i.end)
    )


# An id names one span (start, end, category): two highlights with one id and one start but
# different ends cannot exist in a store, and would make removal by id ambiguous.
spans = st.builds(
    lambda s, n, long, c: Highlight(
        s, s + (n * 50 if long else n), c, False, f"{s}-{n * 50 if long else n}-{c}"
    ),
    st.integers(0, 5_000),
    st.integers(1, 80),
    st.booleans(),
    st.sampled_from(["claim", "evidence"]),
)


@settings(deadline=None, max_examples=150)
@given(
    first=st.lists(spans, max_size=30),
    ops=st.lists(st.tuples(st.sampled_from("arui"), spans, st.integers(0, 1000)), max_size=30),
    windows=st.lists(st.tuples(st.integers(0, 9_000), st.integers(1, 400)), max_size=6),
)
def test_changes_in_place_match_a_fresh_index_and_brute_force(first, ops, windows) -> None:
    index = HighlightIndex(first, long=1_000)
    held = list(first)
    for op, item, pick in ops:
        if op == "a" or not held:  # add
            index.add(item)
            held.append(item)
            continue
        old = held.pop(pick % len(held))
        if op == "r":  # remove an equal one
            assert index.remove(old)
        elif op == "u":  # update in place
            assert index.update(old, item)
            held.append(item)
        else:  # remove by id at its start
            assert index.remove_id(old.start, old.id) is not None
    assert not index.remove(Highlight(-5, -1, "claim"))
    fresh = HighlightIndex(held, long=1_000)
    assert sorted(index, key=repr) == sorted(fresh, key=repr)
    assert [(i.start, i.end) for i in index] == sorted((i.start, i.end) for i in held)
    for a, b in [(0, 10_000), *((s, s + n) for s, n in windows)]:
        assert sorted(index.overlapping(a, b), key=repr) == sorted(brute(held, a, b), key=repr)
        assert sorted(index.at(a), key=repr) == sorted(brute(held, a, a + 1), key=repr)
        # in the index's order, the long ones included
        assert index.overlapping(a, b) == [i for i in index if i.start < b and i.end > a]


def test_exact_find_and_remove_by_id_and_update() -> None:
    a, b, c = Item(10, 20, "a"), Item(10, 30, "b"), Item(40, 50, "c")
    index = HighlightIndex([c, b, a])
    assert list(index) == [a, b, c] and len(index) == 3
    assert index.exact(10, 30) is b and index.exact(10, 25) is None
    assert index.find_id(10, "b") is b and index.find_id(40, "b") is None
    assert index.first_start_from(11) == 40 and index.first_start_from(41) is None
    assert index.last_start_before(40) == 10 and index.last_start_before(10) is None
    moved = Item(45, 60, "b")
    assert index.update(b, moved)
    assert list(index) == [a, c, moved]
    assert index.remove_id(45, "b") is moved and index.remove_id(45, "b") is None
    assert list(index) == [a, c]


def test_a_custom_key_orders_ties() -> None:
    early, late = Item(5, 9, "x", created=2), Item(5, 9, "y", created=1)
    index = HighlightIndex([early, late], key=lambda i: (i.start, i.end, i.created))
    assert list(index) == [late, early]
    index.add(Item(5, 9, "z", created=3))
    assert [i.id for i in index] == ["y", "x", "z"]


def test_long_items_are_found_from_windows_far_after_their_start() -> None:
    long = Item(0, 100_000, "long")
    index = HighlightIndex([long, *(Item(s, s + 5, str(s)) for s in range(10, 99_000, 1_000))])
    assert index.at(50_000) == [long]
    assert [i.id for i in index.overlapping(98_000, 98_005)] == ["long"]
    assert [i.id for i in index.overlapping(98_008, 98_020)] == ["long", "98010"]
