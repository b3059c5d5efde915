"""Pilot tests of searching as one types: each key is searched at once (what is typed before
the lower-cased copy is made, once it is), Enter goes to what is typed, and each document
loaded has its own `Search`, its lower-cased copy made when the box opens."""

from __future__ import annotations

import threading

import pytest
from test_article_view import ARTICLE, SIZE, ViewApp, make_doc, screen_text

from reader.document.search import FOLD_PART, Search, fold_parts
from reader.widgets import article_search
from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar, count_text


@pytest.fixture
def finds(monkeypatch) -> list[str]:
    """Every query a `Search` is asked to find, in order."""
    queries: list[str] = []
    find = Search.find

    def counted(self: Search, text: str, query: str, *args, **kwargs) -> int:
        queries.append(query)
        return find(self, text, query, *args, **kwargs)

    monkeypatch.setattr(Search, "find", counted)
    return queries


async def open_box(app: ViewApp, pilot) -> ArticleView:
    """Open the `/` box and wait for its lower-cased copy: keys are searched at once then."""
    await pilot.press("slash")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.query_one(ArticleView)


async def test_each_key_is_searched_as_it_is_typed(finds) -> None:
    """Once the box's copy is made, every key searches at once (no pause waited for): the
    query grows, the matches narrow, and the count follows each key."""
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_box(app, pilot)
        bar = app.query_one(SearchBar)
        counts = []
        for key in "the plan":
            await pilot.press(key)
            assert not bar.pending
            counts.append(str(bar.query_one("#search-count").render()))
        assert finds == ["the plan"[:n] for n in range(1, 9)]
        start = ARTICLE.text.index("the plan")
        assert view.search_matches == [(start, start + 8)]
        assert counts[-1] == "1 match" and counts[0] == count_text(
            ARTICLE.text.lower().count("t"), "t"
        )


async def test_keys_typed_before_the_copy_is_made_are_searched_once_it_is(
    finds, searched, monkeypatch
) -> None:
    """While the worker makes the lower-cased copy, keys only show; what is typed is then
    searched once, whole."""
    ready = threading.Event()

    def slow_parts(text: str, size: int = FOLD_PART):
        ready.wait(10)
        yield from fold_parts(text, size)

    monkeypatch.setattr(article_search, "fold_parts", slow_parts)
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"the plan")
        bar = app.query_one(SearchBar)
        assert bar.input.value == "the plan" and bar.pending and finds == []
        ready.set()
        await searched(pilot)
        assert finds == ["the plan"]
        start = ARTICLE.text.index("the plan")
        assert view.search_matches == [(start, start + 8)]
        assert str(bar.query_one("#search-count").render()) == "1 match"


async def test_enter_right_after_typing_goes_to_the_typed_querys_match(finds):
    """Enter goes to the match of what is typed (searched by its last key: not again)."""
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"story", "enter")
        await pilot.pause()
        assert finds[-1] == "story" and finds.count("story") == 1
        assert view.search_current == (ARTICLE.text.index("Story"), ARTICLE.text.index("Story") + 5)
        await pilot.press("slash", *"story two", "enter")
        await pilot.pause()
        assert finds[-1] == "story two" and finds.count("story two") == 1
        start = ARTICLE.text.index("Story two")
        assert view.search_current == (start, start + 9)
        assert view.cursor_range[0] <= start < view.cursor_range[1]


async def test_the_lower_cased_copy_is_made_when_the_box_opens() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert not view.search.prepared(ARTICLE.text)
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.search.prepared(ARTICLE.text)
        assert app.query_one(SearchBar).input.value == ""


async def test_a_reloaded_article_gets_a_fresh_search(searched) -> None:
    """Loading another text (an article read again after it changed) drops the old search and
    its copy: the next keys search the new text, not the old one's copy."""
    first = make_doc(("paragraph", "Alpha beta. Gamma."))
    changed = make_doc(("paragraph", "Delta alpha. Alpha again, ALPHA."))
    app = ViewApp(first)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"alp")
        await searched(pilot)
        old = view.search
        assert view.search_matches == [(0, 3)]
        view.load(changed)
        assert view.search is not old and view.search_matches == []
        assert not view.search.prepared(changed.text)
        await pilot.press(*"ha")
        await searched(pilot)
        assert view.search.prepared(changed.text) and not old.prepared(changed.text)
        assert view.search_matches == [(i, i + 5) for i in (6, 13, 26)]
        assert str(app.query_one(SearchBar).query_one("#search-count").render()) == "3 matches"


async def test_a_key_repaints_only_the_rows_whose_matches_changed(monkeypatch) -> None:
    """A query that adds no match on screen repaints no row of the view; one that adds a
    match on one row repaints that row, not the screen."""
    repaints: list[tuple[int, int] | str] = []
    refresh_lines, refresh = ArticleView.refresh_lines, ArticleView.refresh

    def lines(self, y_start: int, line_count: int = 1) -> None:
        repaints.append((y_start, line_count))
        refresh_lines(self, y_start, line_count)

    def whole(self, *regions, **kwargs):
        if not regions:
            repaints.append("all")
        return refresh(self, *regions, **kwargs)

    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_box(app, pilot)
        monkeypatch.setattr(ArticleView, "refresh_lines", lines)
        monkeypatch.setattr(ArticleView, "refresh", whole)
        await pilot.press(*"zq")
        assert view.search_query == "zq" and repaints == []
        for _ in "zq":
            await pilot.press("backspace")
        await pilot.press(*"two year")
        repaints.clear()
        await pilot.press("s")
        row = next(y for y, text in enumerate(screen_text(view)) if "two years" in text)
        assert view.search_query == "two years" and len(view.search_matches) == 1
        assert repaints == [(row, 1)]


async def test_a_query_wider_than_the_box_scrolls_to_what_is_typed_last() -> None:
    """The field lays nothing out as it grows, yet its own scrolling follows the cursor."""
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_box(app, pilot)
        field = app.query_one(SearchBar).input
        width = field.content_size.width
        assert width > 0
        typed = ("abcdefghij" * 30)[: width + 20]  # 20 keys past the box's edge
        await pilot.press(*typed)
        await pilot.pause()
        assert field.value == typed and field.scroll_x == field.max_scroll_x > 0
        assert field.render_line(0).text.rstrip().endswith(typed[-20:])


async def test_a_key_that_keeps_the_count_repaints_no_count(monkeypatch) -> None:
    """ "two year" and "two years" have one match each: the count box is not drawn again."""
    from textual.widgets import Static

    updates: list[str] = []
    update = Static.update

    def counted(self, *args, **kwargs):
        if self.id == "search-count":
            updates.append(str(args[0]))
        return update(self, *args, **kwargs)

    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_box(app, pilot)
        monkeypatch.setattr(Static, "update", counted)
        await pilot.press(*"two year")
        assert updates[-1] == count_text(1, "two year")
        updates.clear()
        await pilot.press("s")
        assert view.search_query == "two years" and updates == []
        assert str(app.query_one("#search-count").render()) == count_text(1, "two years")
