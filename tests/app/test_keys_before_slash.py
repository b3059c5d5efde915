"""Keys typed just before `/` in one burst (several keys in one read of the terminal, queued
before any is handled) act on the article before the search box opens: `/` used to open the
box in the view's own turn while the earlier keys' bindings ran later, from the app, where
the focus had moved to the box, so `j j h` were lost."""

from __future__ import annotations

from test_typed_bursts import burst
from textual import events

from reader.app import ReaderApp
from reader.widgets.search_bar import SearchBar


async def test_keys_before_slash_in_a_burst_still_act_on_the_article(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        start = app.article_view.cursor_range
        burst(app, "jjh")
        app.post_message(events.Key("slash", "/"))
        burst(app, "the")
        await settle(app, pilot)
        assert app.article_view.cursor_range != start
        assert len(app.annotations.store.annotations) == 1
        assert app.screen.query_one(SearchBar).input.value == "the"
