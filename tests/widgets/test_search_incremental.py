"""Pilot tests of incremental search: while the `/` box is open the view follows the query
(the first match from the cursor is the current one, its sentence brought on screen), Enter
keeps what is shown and puts the cursor there, Esc goes back to where the reader was, and a
query with no match says so and shows that place again."""

from __future__ import annotations

from test_article_view import SIZE, ViewApp, cursor_text, long_doc, screen_text

from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar

DOC = long_doc(60)


def shown(view: ArticleView, text: str) -> bool:
    return any(text in line for line in screen_text(view)[:-1])  # the box covers the last row


async def type_query(app: ViewApp, pilot, query: str, searched) -> ArticleView:
    await pilot.press("slash", *query)
    await searched(pilot)
    return app.query_one(ArticleView)


async def test_typing_brings_the_first_match_on_screen_and_leaves_the_cursor(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert not shown(view, "P40S1")
        moves = list(app.cursor_events)
        await type_query(app, pilot, "p40s1", searched)
        start = DOC.text.index("P40S1")
        assert view.search_current == (start, start + 5)
        assert view.scroll_y > 0 and shown(view, "P40S1")
        assert cursor_text(view) == "A long article"  # the cursor stays until Enter
        assert app.cursor_events == moves


async def test_a_match_already_on_screen_moves_nothing(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p1s0", searched)
        start = DOC.text.index("P1S0")
        assert view.search_current == (start, start + 4)
        assert view.scroll_y == 0


async def test_enter_keeps_the_view_and_puts_the_cursor_on_the_match_then_n_and_N(
    searched,
) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p45s", searched)
        top = view.scroll_y
        assert top > 0
        await pilot.press("enter")
        await pilot.pause()
        assert not app.query_one(SearchBar).display and view.has_focus
        assert view.scroll_y == top, "Enter shows what typing showed"
        assert cursor_text(view).startswith("P45S0")
        await pilot.press("n")
        assert cursor_text(view).startswith("P45S1")
        await pilot.press("N")
        assert cursor_text(view).startswith("P45S0")


async def test_escape_goes_back_to_where_the_reader_was(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("pagedown", "j")
        before, cursor = view.scroll_y, view.cursor_range
        await type_query(app, pilot, "p50s1", searched)
        assert view.scroll_y != before and shown(view, "P50S1")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one(SearchBar).display and view.has_focus
        assert view.scroll_y == before and view.cursor_range == cursor
        assert view.search_matches == [] and view.search_current is None


async def test_no_match_says_so_and_shows_where_the_reader_was(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p40s1", searched)
        assert view.scroll_y > 0
        await pilot.press("x")
        await searched(pilot)
        bar = app.query_one(SearchBar)
        assert str(bar.query_one("#search-count").render()) == "no match"
        assert view.scroll_y == 0 and view.search_current is None
        await pilot.press("backspace")
        await searched(pilot)
        assert view.scroll_y > 0 and shown(view, "P40S1")


def box_text(app: ViewApp) -> str:
    return app.query_one(SearchBar).input.value


async def test_slash_after_escape_opens_an_empty_box(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(app, pilot, "p50s1", searched)
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.query_one(SearchBar).display and box_text(app) == ""


async def test_slash_after_enter_opens_an_empty_box_and_n_goes_on_with_the_last_search(
    searched,
) -> None:
    """As in less and vim: `/` starts a new search; Esc leaves the last one, n repeats it."""
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p45s", searched)
        await pilot.press("enter", "slash")
        await pilot.pause()
        assert box_text(app) == "" and view.search_query == "p45s"
        assert str(app.query_one("#search-count").render()) == ""  # no count of an empty box
        await pilot.press("escape")
        await pilot.pause()
        assert view.search_query == "p45s" and cursor_text(view).startswith("P45S0")
        await pilot.press("n")
        assert cursor_text(view).startswith("P45S1")


async def test_escape_puts_back_the_last_search_after_typing_a_new_one(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p45s", searched)
        await pilot.press("enter")
        await type_query(app, pilot, "p50s1", searched)
        assert view.search_query == "p50s1"
        await pilot.press("escape")
        await pilot.pause()
        assert view.search_query == "p45s" and shown(view, "P45S0")
        start = DOC.text.index("P45S")
        assert view.search_matches[0] == (start, start + 4)


async def test_up_and_down_bring_back_the_queries_searched_before(searched) -> None:
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p45s", searched)
        await pilot.press("enter")
        await type_query(app, pilot, "p40s1", searched)
        await pilot.press("enter")
        await type_query(app, pilot, "p45s", searched)
        await pilot.press("enter", "slash")
        recalled = []
        for key in ("up", "up", "up", "down", "down"):
            await pilot.press(key)
            await searched(pilot)
            recalled.append((box_text(app), view.search_query))
        assert recalled == [
            ("p45s", "p45s"),
            ("p40s1", "p40s1"),  # each query once, the last searched first
            ("p40s1", "p40s1"),
            ("p45s", "p45s"),
            ("", ""),
        ]


async def test_enter_closes_the_box_and_draws_the_cursor_with_the_focus_in_its_own_turn(
    searched,
) -> None:
    """What Enter changes is on the first frame after it: nothing waits for a message."""
    app = ViewApp(DOC)
    async with app.run_test(size=SIZE) as pilot:
        view = await type_query(app, pilot, "p45s1", searched)
        bar = app.query_one(SearchBar)
        await bar.input.action_submit()  # Enter, with no message handled after it
        assert not bar.display and cursor_text(view).startswith("P45S1")
        row = next(y for y, line in enumerate(screen_text(view)) if "P45S1" in line)
        focused = view.get_component_rich_style("article-view--cursor").bgcolor
        assert any(segment.style.bgcolor == focused for segment in view.render_line(row))
