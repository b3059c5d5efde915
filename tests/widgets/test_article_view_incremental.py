"""Incremental highlight changes and the ruler's scroll thumb of the article view.

These count work (lines rendered) and compare with brute force; they never time anything.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_article_view import SIZE, ViewApp, long_doc
from test_article_view_repaint import _HIGHLIGHT, _brute, thumb_rows

from reader.annotations.highlight_index import Highlight
from reader.widgets.article_strips import RULER_MARK
from reader.widgets.article_view import ArticleView


def ruler_cells(view: ArticleView) -> list[str]:
    return [list(view.render_line(y))[-1].text for y in range(view.size.height)]


async def test_a_highlight_change_repaints_only_that_sentences_lines() -> None:
    app = ViewApp(long_doc(60, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press(*"jjjjjj")
        await pilot.pause()
        height = view.scrollable_content_region.height
        start, end = view.cursor_range
        first, last = view._rows_of(start, end)
        lines = last - first + 1
        top = round(view.scroll_y)
        assert top <= first <= last < top + height
        gutter_at = first - top

        def gutter(y: int) -> str:
            return view.render_line(y).text[view._left(view.size.width) :][:2]

        steps = [
            ("add", Highlight(start, end, "claim", False, "a")),
            ("update", Highlight(start, end, "evidence", True, "a")),
            ("remove", None),
        ]
        current = None
        for step, new in steps:
            before = view.render_line_calls
            if step == "add":
                view.add_highlight(new)
            elif step == "update":
                view.update_highlight(current, new)
            else:
                assert view.remove_highlight(current)
            current = new
            await pilot.pause()
            repainted = view.render_line_calls - before
            # the sentence's lines, plus at most one ruler row whose mark changed
            assert lines <= repainted <= lines + 1 < height
            assert view.scroll_y == top
        # what was repainted is right
        assert gutter(gutter_at) == "  "
        assert view.highlights.items == [] and view.highlights.starts == []
        view.add_highlight(Highlight(start, end, "evidence", True, "a"))
        await pilot.pause()
        assert gutter(gutter_at) == "E✎"


async def test_a_highlights_ruler_mark_shows_and_goes() -> None:
    app = ViewApp(long_doc(60, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        length = len(view.document.text)
        height = view.size.height
        start = length // 2
        row = start * height // length
        assert RULER_MARK not in ruler_cells(view)
        before = view.render_line_calls
        highlight = Highlight(start, start + 10, "question")
        view.add_highlight(highlight)  # off screen: only its ruler row repaints
        await pilot.pause()
        assert view.render_line_calls - before == 1
        assert [i for i, c in enumerate(ruler_cells(view)) if c == RULER_MARK] == [row]
        view.remove_highlight(highlight)
        await pilot.pause()
        assert RULER_MARK not in ruler_cells(view)


@settings(deadline=None, max_examples=100)
@given(
    start=st.lists(_HIGHLIGHT, max_size=30),
    ops=st.lists(st.tuples(st.booleans(), _HIGHLIGHT, st.integers(0, 1000)), max_size=30),
    windows=st.lists(st.tuples(st.integers(0, 25_000), st.integers(1, 400)), max_size=6),
)
def test_incremental_changes_match_a_full_set(start, ops, windows) -> None:
    view = ArticleView()
    view.set_highlights(start)
    drawn = list(start)
    for add, highlight, pick in ops:
        if add or not drawn:
            view.add_highlight(highlight)
            drawn.append(highlight)
        else:
            gone = drawn.pop(pick % len(drawn))
            assert view.remove_highlight(gone)
    assert not view.remove_highlight(Highlight(-5, -1, "claim"))  # never drawn
    full = ArticleView()
    full.set_highlights(drawn)
    assert view.highlights.items == full.highlights.items
    assert view.highlights.starts == full.highlights.starts
    for a, b in [(0, 25_000), *((s, s + n) for s, n in windows)]:
        found = view._decorations(a, b)[2]
        assert sorted(found) == sorted(_brute(drawn, a, b))


async def test_the_ruler_thumb_replaces_the_scrollbar_and_follows_paging() -> None:
    app = ViewApp(long_doc(200, seed=5))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        height = view.scrollable_content_region.height
        assert view.scrollable_content_region.width == view.size.width  # no scrollbar column
        assert view.allow_vertical_scroll  # the mouse wheel still scrolls
        rows = thumb_rows(view)
        assert rows and rows[0] == 0 and len(rows) < height
        # a highlight's mark stays visible over the thumb
        view.add_highlight(Highlight(0, 5, "disputed"))
        await pilot.pause()
        assert ruler_cells(view)[0] == RULER_MARK and thumb_rows(view)[0] == 0
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        moved = thumb_rows(view)
        assert moved and moved[0] > rows[0]
        assert moved == list(range(*view._thumb(height)))
        view.scroll_down(animate=False, immediate=True)  # what a wheel notch does
        await pilot.pause()
        assert thumb_rows(view) == list(range(*view._thumb(height)))


async def test_a_view_narrower_than_the_shortest_measure_still_draws_full_rows() -> None:
    app = ViewApp(long_doc(5, seed=2))
    async with app.run_test(size=(9, 12)) as pilot:
        view = app.query_one(ArticleView)
        view.add_highlight(Highlight(*view.cursor_range, "claim"))
        await pilot.pause()
        width = view.size.width
        strips = [view.render_line(y) for y in range(view.size.height)]
        assert all(strip.cell_length == width for strip in strips)
        assert any(strip.text.strip() for strip in strips)
