"""In the reader: a mouse drag selects sentences, the key bar says so, and 2 highlights the
selection as evidence (the same as v, j and 2)."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.widgets.key_bar import KeyBar

SIZE = (120, 40)


def first_paragraph_with_sentences(view, count: int):
    """(block index, its sentences) of the first paragraph on screen with `count` or more."""
    height = view.scrollable_content_region.height
    for block_index, block in enumerate(view.document.blocks):
        if block.kind == "paragraph" and len(block.sentences) >= count:
            rows = view._layout.span_rows(block_index, (block.start, block.end))
            if rows[1] < height:
                return block_index, block.sentences
    raise AssertionError("no such paragraph on the first screen")


def cell_of_offset(view, offset: int) -> tuple[int, int]:
    """A cell of the view showing document `offset` (searched: the mapping is under test)."""
    for y in range(view.scrollable_content_region.height):
        for x in range(view.scrollable_content_region.width):
            if view.offset_at(x, y) == offset:
                return x, y
    raise AssertionError(f"offset {offset} is not on screen")


async def test_a_drag_then_2_highlights_the_dragged_sentences_as_evidence(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.article_view
        _, sentences = first_paragraph_with_sentences(view, 2)
        first, second = sentences[0], sentences[1]
        await pilot.mouse_down(view, offset=cell_of_offset(view, first.start + 1))
        await pilot.hover(view, offset=cell_of_offset(view, second.start + 2))
        await pilot.mouse_up(view, offset=cell_of_offset(view, second.start + 2))
        await pilot.pause()
        assert view.selection_range == (first.start, second.end)
        assert "Selecting (v/Esc ends)" in app.reading.query_one(KeyBar).text
        await pilot.press("2")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert (ann.start, ann.end, ann.category) == (first.start, second.end, "evidence")
        assert view.selection_range is None
