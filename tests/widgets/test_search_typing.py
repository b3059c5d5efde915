"""Pilot tests of searching as one types: what is typed is searched after a pause in typing
(once for a burst of keys), Enter searches what is typed now, and each document loaded has
its own `Search`, its lower-cased copy made when the box opens."""

from __future__ import annotations

import pytest
from test_article_view import ARTICLE, SIZE, ViewApp, make_doc

from reader.document.search import Search
from reader.widgets import search_bar
from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar


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


async def test_a_burst_of_typing_is_searched_once(finds, searched, monkeypatch) -> None:
    """Keys faster than the pause (a long one here, so no machine is slow enough to see a
    pause between two keys) run one search, for the whole query; the box shows each key."""
    monkeypatch.setattr(search_bar, "SEARCH_DELAY", 1.0)
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"the plan")
        bar = app.query_one(SearchBar)
        assert bar.input.value == "the plan" and bar.pending
        assert finds == []
        await searched(pilot)
        assert finds == ["the plan"]
        start = ARTICLE.text.index("the plan")
        assert view.search_matches == [(start, start + 8)]
        assert str(bar.query_one("#search-count").render()) == "1 match"


async def test_enter_right_after_typing_goes_to_the_typed_querys_match(finds, monkeypatch):
    """With a pause that never comes, Enter searches what is typed, once, and jumps to it."""
    monkeypatch.setattr(search_bar, "SEARCH_DELAY", 60.0)
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"story", "enter")
        await pilot.pause()
        assert finds == ["story"]
        assert view.search_current == (ARTICLE.text.index("Story"), ARTICLE.text.index("Story") + 5)
        await pilot.press("slash", *"story two", "enter")
        await pilot.pause()
        assert finds == ["story", "story two"]
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
