"""Pilot tests of `/` in the reader: the count and the current match after typing, backspace,
Enter, n and N, and a search box that lies over the panes' last row (opening or closing it
moves no pane)."""

from __future__ import annotations

from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar, count_text

PANES = ("#library", "#article", "#side", "#key-bar", "#title-bar")


def regions(app) -> dict[str, object]:
    return {name: app.screen.query_one(name).region for name in PANES}


def count_shown(bar: SearchBar) -> str:
    return str(bar.query_one("#search-count").render())


async def test_count_and_current_match_after_typing_backspace_enter_n_and_N(
    seed_library, settle, searched
) -> None:
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view: ArticleView = app.article_view
        text = view.document.text
        folded = text.lower()
        await pilot.press("slash", *"securi")
        await searched(pilot)
        bar = app.query_one(SearchBar)
        wide = folded.count("securi")
        assert wide > 1 and count_shown(bar) == count_text(wide, "securi")
        await pilot.press(*"tyx")
        await searched(pilot)
        assert count_shown(bar) == "no match" and view.search_matches == []
        await pilot.press("backspace")
        await searched(pilot)
        total = folded.count("security")
        starts = [m[0] for m in view.search_matches]
        assert len(starts) == total and count_shown(bar) == count_text(total, "security")
        assert all(folded.startswith("security", start) for start in starts)
        here = view.cursor_range[0]
        first = next((i for i, start in enumerate(starts) if start >= here), 0)
        # typing shows the first match from the cursor as the current one, moves no cursor
        assert view.search_current == (starts[first], starts[first] + len("security"))
        await pilot.press("enter")
        await pilot.pause()
        assert not bar.display and view.has_focus
        assert view.search_current == (starts[first], starts[first] + len("security"))
        assert view.cursor_range[0] <= starts[first] < view.cursor_range[1]
        await pilot.press("n")
        await pilot.pause()
        second = (first + 1) % total
        assert view.search_current[0] == starts[second]
        assert app.reading.query_one("#key-bar").message == f"Match {second + 1}/{total}"
        await pilot.press("N", "N")
        await pilot.pause()
        before = (first - 1) % total
        assert view.search_current[0] == starts[before]
        assert app.reading.query_one("#key-bar").message == f"Match {before + 1}/{total}"


async def test_the_search_box_lies_over_the_last_row_and_moves_no_pane(seed_library, settle):
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        closed = regions(app)
        await pilot.press("slash")
        await pilot.pause()
        bar = app.query_one(SearchBar)
        assert bar.display and bar.region.y == 38 and bar.region.height == 1
        assert regions(app) == closed  # the panes keep their size under the open box
        article = app.screen.query_one("#article")
        assert article.region.bottom > bar.region.y  # the box lies over the article's last row
        await pilot.press(*"the", "enter")
        await pilot.pause()
        assert not bar.display and regions(app) == closed
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert not bar.display and regions(app) == closed


async def test_n_on_the_same_screen_repaints_rows_not_the_whole_view(
    seed_library, settle, searched, monkeypatch
) -> None:
    """A match on the screen shown is gone to by repainting the rows that change (the old
    and new current match, the cursor), not the whole view."""
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        await pilot.press("slash", *"the", "enter")
        await pilot.pause(0.2)
        whole: list[bool] = []
        refresh = ArticleView.refresh

        def counted(self, *regions, **kwargs):
            if not regions and self is view:
                whole.append(True)
            return refresh(self, *regions, **kwargs)

        monkeypatch.setattr(ArticleView, "refresh", counted)
        top = view.scroll_y
        await pilot.press("n")
        await pilot.pause()
        assert view.scroll_y == top, "the next 'the' is on the same screen"
        assert view.search_current is not None and whole == []


async def test_enter_in_the_box_shows_the_views_keys_in_its_own_turn(
    seed_library, settle, searched
) -> None:
    """The key bar says the article's keys in the frame that shows the box gone, not in one
    after it."""
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"the")
        await searched(pilot)
        key_bar = app.reading.query_one("#key-bar")
        assert "j/k Move" not in key_bar.text  # the box's keys while it is open
        await app.query_one(SearchBar).input.action_submit()  # no message handled after it
        assert "j/k Move" in key_bar.text


async def test_n_and_N_say_there_is_no_search_or_no_match(seed_library, settle, searched):
    """Not silent: with no search yet, and with a search that matches nothing."""
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view: ArticleView = app.article_view
        bar = app.reading.query_one("#key-bar")
        here = view.cursor_range
        for key in ("n", "N"):
            bar.say(None)
            await pilot.press(key)
            await pilot.pause()
            assert bar.message == "No search: / searches" and view.cursor_range == here
        await pilot.press("slash", *"zqxj", "enter")
        await searched(pilot)
        await pilot.pause()
        for key in ("n", "N"):
            bar.say(None)
            await pilot.press(key)
            await pilot.pause()
            assert bar.message == "No match for “zqxj”" and view.cursor_range == here


async def test_a_new_query_takes_the_last_ones_match_message_away(
    seed_library, settle, searched
) -> None:
    """`/bridge` Enter said `Match 1/5`; `/cou` showed its own count in the box with the old
    `Match 1/5` still in the key bar under it."""
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one("#key-bar")
        await pilot.press("slash", *"security", "enter")
        await searched(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert bar.message is not None and bar.message.startswith("Match ")
        await pilot.press("slash", *"cou")
        await searched(pilot)
        assert bar.message is None
