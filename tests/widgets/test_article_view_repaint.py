"""How much the article view repaints per key, and the highlight index against brute force.

These count work (lines rendered, strips built, layouts asked for), never time it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_article_view import SIZE, ViewApp, cursor_text, long_doc, screen_text

from reader.annotations.highlight_index import LONG_SPAN as LONG_HIGHLIGHT
from reader.annotations.highlight_index import Highlight
from reader.widgets.article_view import ArticleView


async def test_j_repaints_only_the_old_and_new_cursor_lines() -> None:
    app = ViewApp(long_doc(60))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        height = view.scrollable_content_region.height
        for _ in range(3):
            top = view.scroll_y
            before = view.render_line_calls
            await pilot.press("j")
            await pilot.pause()
            assert view.scroll_y == top  # still on the first screen
            repainted = view.render_line_calls - before
            assert 0 < repainted <= 8 < height
        # ...and what was repainted is right: the cursor is drawn on the new sentence only
        cursor = view.get_component_rich_style("article-view--cursor", partial=True)
        text = cursor_text(view)
        for y in range(height):
            strip = view.render_line(y)
            for segment in strip:
                if segment.style is not None and segment.style.bgcolor == cursor.bgcolor:
                    assert segment.text.strip() in text


async def test_page_down_builds_each_line_once_and_page_up_rebuilds_none() -> None:
    app = ViewApp(long_doc(200, seed=5))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        height = view.scrollable_content_region.height
        built = []
        original = view._build_strip

        def counting(*args, **kwargs):
            built.append(1)
            return original(*args, **kwargs)

        view._build_strip = counting
        await pilot.press("pagedown")
        await pilot.pause()
        calls = view.render_line_calls
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.render_line_calls - calls <= 2 * height
        # new lines (and the two cursor lines) only: not the whole screen twice over
        assert len(built) <= 2 * height + 4
        shown = screen_text(view)
        built.clear()
        await pilot.press("pageup", "pagedown")
        await pilot.pause()
        assert screen_text(view) == shown
        # back and forth: the cursor lines change, everything else comes from the cache
        assert len(built) <= 8


async def test_paging_a_long_article_asks_for_no_screen_layout() -> None:
    app = ViewApp(long_doc(400, seed=9))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        layouts = []
        original = view.refresh

        def spy(*regions, repaint=True, layout=False, recompose=False):
            if layout:
                layouts.append(1)
            return original(*regions, repaint=repaint, layout=layout, recompose=recompose)

        view.refresh = spy
        corrected = view._layout.index.total
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert view._layout.index.total != corrected  # estimated heights were corrected...
        assert layouts == []  # ...without a layout of the screen
        # the scroll range and the ruler's thumb still follow the corrected height
        assert view.virtual_size.height == view._layout.index.total
        height = view.scrollable_content_region.height
        first, last = view._thumb(height)
        size = max(1, round(height * height / view._layout.index.total))
        assert last - first == size
        assert first == round(view.scroll_y * (height - size) / (view._layout.index.total - height))
        assert thumb_rows(view) == list(range(first, last))
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        assert cursor_text(view)[:8] in "\n".join(screen_text(view))


def thumb_rows(view: ArticleView) -> list[int]:
    """Rows whose ruler cell (the last cell) has the ruler thumb's background."""
    base = view.rich_style.bgcolor
    rows = []
    for y in range(view.scrollable_content_region.height):
        last = list(view.render_line(y))[-1]
        if last.style is not None and last.style.bgcolor not in (None, base):
            rows.append(y)
    return rows


def _brute(highlights: list[Highlight], start: int, end: int) -> tuple:
    ordered = sorted(highlights, key=lambda h: (h.start, h.end))
    return tuple(
        (max(h.start, start), min(h.end, end), h.category, start <= h.start, h.has_note)
        for h in ordered
        if h.start < end and h.end > start
    )


_HIGHLIGHT = st.builds(
    lambda start, length, category, note: Highlight(start, start + length, category, note),
    st.integers(0, 20_000),
    st.one_of(st.integers(1, 300), st.integers(LONG_HIGHLIGHT - 5, 3 * LONG_HIGHLIGHT)),
    st.sampled_from(["claim", "evidence", "quote"]),
    st.booleans(),
)


@settings(deadline=None, max_examples=150)
@given(
    highlights=st.lists(_HIGHLIGHT, max_size=40),
    shuffle=st.randoms(use_true_random=False),
    windows=st.lists(st.tuples(st.integers(0, 25_000), st.integers(1, 400)), max_size=8),
)
def test_line_highlight_lookup_matches_brute_force(highlights, shuffle, windows) -> None:
    view = ArticleView()
    given_order = list(highlights)
    shuffle.shuffle(given_order)
    view.set_highlights(given_order)
    for start, length in [(0, 25_000), *windows]:
        found = view._decorations(start, start + length)[2]
        # equal highlights (same range) may come in either order; otherwise document order
        assert sorted(found) == sorted(_brute(highlights, start, start + length))
        assert [h[0] for h in found] == sorted(h[0] for h in found)


@settings(deadline=None, max_examples=150)
@given(
    highlights=st.lists(_HIGHLIGHT, max_size=40),
    height=st.integers(1, 60),
    length=st.integers(1, 40_000),
)
def test_ruler_matches_brute_force(highlights, height, length) -> None:
    class Doc:
        text = "x" * length

    view = ArticleView()
    view.document = Doc()  # the ruler reads only the text's length
    view.set_highlights(highlights)
    expected: list[str | None] = [None] * height
    for h in sorted(highlights, key=lambda h: (h.start, h.end)):
        row = min(height - 1, h.start * height // length)
        if expected[row] is None:
            expected[row] = h.category
    assert view._ruler(height) == expected
