"""Cursor stops and moves (reader.document.navigation), without an app."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.layout import LazyLayout, line_of
from reader.document.loader import parse_text
from reader.document.model import Block, Document
from reader.document.navigation import Folding, Navigator, first_stop_on_rows

STORY = (
    "A title\n\nFirst sentence here. Second one follows. Third ends it.\n\n"
    "Another paragraph. With two.\n\nLast words."
)


def navigator(text: str = STORY) -> Navigator:
    document = parse_text(text, "story.txt")
    return Navigator(document, Folding(document.blocks))


def walk(nav: Navigator) -> list[tuple[int, int]]:
    stops, stop = [], nav.first()
    while stop is not None:
        stops.append(stop)
        stop = nav.next(stop)
    return stops


def test_next_visits_every_sentence_once_in_order_and_previous_undoes_it() -> None:
    nav = navigator()
    stops = walk(nav)
    ranges = [nav.range_of(s) for s in stops]
    sentences = [(s.start, s.end) for b in nav.blocks for s in b.sentences]
    assert ranges == sentences
    assert nav.is_last(stops[-1]) and not nav.is_last(stops[0])
    back = [stops[-1]]
    while (stop := nav.previous(back[-1])) is not None:
        back.append(stop)
    assert back[::-1] == stops


def test_block_moves_go_to_block_starts() -> None:
    nav = navigator()
    stops = walk(nav)
    inside = next(s for s in stops if s[1] == 2)  # the third sentence of its block
    assert nav.previous_block(inside) == (inside[0], 0)
    assert nav.previous_block((inside[0], 0)) == (inside[0] - 1, 0)
    assert nav.next_block(inside) == (inside[0] + 1, 0)
    assert nav.next_block(stops[-1]) is None
    assert nav.previous_block(stops[0]) is None


def test_at_offset_finds_the_sentence_containing_it() -> None:
    nav = navigator()
    for stop in walk(nav):
        start, end = nav.range_of(stop)
        assert nav.at_offset(start) == stop
        assert nav.at_offset(end - 1) == stop


def test_progress_runs_from_zero_to_a_hundred() -> None:
    nav = navigator()
    stops = walk(nav)
    figures = [nav.progress(s) for s in stops]
    assert figures[0] == 0.0 and figures[-1] == 100.0
    assert figures == sorted(figures)


def boilerplate_doc() -> Document:
    text = "Intro sentence. Two.Share this\nFollow us"
    blocks = [
        parse_text("Intro sentence. Two.", "a.txt").blocks[0],
        Block("boilerplate", 20, len(text), text[20:]),
    ]
    return Document("a.txt", "text", text, blocks)


def test_a_folded_block_is_one_stop_and_opening_it_gives_its_sentences() -> None:
    document = boilerplate_doc()
    folding = Folding(document.blocks)
    nav = Navigator(document, folding)
    assert folding.folded(1) and folding.foldable(1) and not folding.foldable(0)
    assert nav.stops(1) == [(20, len(document.text))]
    folding.set_folded(1, False)
    assert not folding.folded(1)
    assert nav.stops(1) == [(s.start, s.end) for s in document.blocks[1].sentences]
    folding.set_folded(1, True)
    assert nav.stops(1) == [(20, len(document.text))]


def test_an_empty_document_has_no_stops() -> None:
    document = Document("e.txt", "text", "", [])
    nav = Navigator(document, Folding([]))
    assert nav.first() is None and nav.last() is None
    assert nav.range_of((0, 0)) is None
    assert nav.at_offset(5) == (0, 0)
    assert nav.progress((0, 0)) == 0.0


words = st.sampled_from(["Word.", "two", "three.", "Four?", "\n\n", "five!", "six"])


@settings(deadline=None, max_examples=60)
@given(st.lists(words, min_size=1, max_size=60), st.integers(0, 400))
def test_any_offset_lands_on_a_stop_at_or_before_it(parts, offset) -> None:
    nav = navigator(" ".join(parts))
    stop = nav.at_offset(offset)
    span = nav.range_of(stop)
    if span is None:
        return
    stops = walk(nav)
    assert stop in stops
    # the stop containing the offset, else the last one before it (or the first after)
    before = [s for s in stops if nav.range_of(s)[0] <= offset]
    if before and before[-1][0] == stop[0]:
        assert stop == before[-1]


@settings(deadline=None, max_examples=40)
@given(st.lists(words, min_size=1, max_size=80), st.integers(0, 60), st.integers(1, 12))
def test_first_stop_on_rows_is_the_first_starting_on_them(parts, top, height) -> None:
    nav = navigator(" ".join(parts))
    layout = LazyLayout(nav.blocks, nav.folding.folded, 12)
    for i in range(len(nav.blocks)):
        layout.lines(i)  # exact heights first: rows do not move while the test looks
    found = first_stop_on_rows(nav, layout, top, top + height)
    stops = walk(nav)
    if not stops:
        assert found is None
        return

    def row(stop):
        block = nav.blocks[stop[0]]
        start = nav.range_of(stop)[0] - block.start
        return layout.index.top(stop[0]) + line_of(layout.lines(stop[0]), start)

    on_rows = [s for s in stops if top <= row(s) < top + height]
    if on_rows:
        assert found == on_rows[0]
    elif found is not None:
        assert row(found) < top or found == stops[0]  # the one showing on the top row


def test_within_keeps_a_stop_in_its_block() -> None:
    nav = navigator()
    assert nav.within((1, 1), 1) == (1, 1)
    assert nav.within((2, 0), 1) == (1, 2)  # after the block: its last sentence
    assert nav.within((3, 0), 1) == (1, 2)
    assert nav.within((0, 0), 2) == (2, 0)  # before it: its first
