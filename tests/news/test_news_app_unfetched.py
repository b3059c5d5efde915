"""`r` in the app names the feed items whose article could not be fetched, one line per feed
(how many, and one of them with why), from the feeds' record that `reader feeds list` reads: this
run's failures and those kept from an earlier update when the feed itself is down now."""

from __future__ import annotations

import json

from news_fixtures import STORY, page, rss, settle

from reader.news import subscriptions


async def _refresh(app, pilot) -> list[str]:
    await pilot.press("r")
    await settle(app, pilot)
    await settle(app, pilot)
    return [n.message for n in app._notifications][-1].split("\n")


async def test_r_names_the_items_of_a_feed_not_fetched_one_line_per_feed(server, user_dirs):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    good = server.route("/good.html", page("Good story", STORY))
    late = server.url("/late[b]x[/b].html")  # not there: a 404, its address with markup in it
    more = server.url("/more.html")
    feed = server.route(
        "/feed.xml",
        rss([("Good", good), ("Late", late), ("More", more)]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"'},
    )
    library = user_dirs / "lib"
    library.mkdir()
    (library / "feeds.toml").write_text(f'[[feed]]\nurl = "{feed}"\n', "utf-8")
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        lines = await _refresh(app, pilot)
        assert lines == [
            "1 new, 0 updated, 0 unchanged, 2 failed",
            f"{feed}: 2 items not fetched, tried again at the next refresh, among them:"
            f" {late} (HTTP 404 Not Found: {late})",
        ]
        server.route("/feed.xml", "<html><body>down</body></html>", status=503)
        lines = await _refresh(app, pilot)
        assert lines[1:] == [
            f"HTTP 503 Service Unavailable: {feed}",
            f"{feed}: 2 items not fetched, tried again at the next refresh, among them:"
            f" {late} (HTTP 404 Not Found: {late})",
        ]


def test_the_lines_are_one_per_feed_and_safe_to_show(tmp_path):
    (tmp_path / "feeds.toml").write_text(
        '[[feed]]\nurl = "https://a.example/feed"\n\n[[feed]]\nurl = "https://b.example/feed"\n'
        '\n[[feed]]\nurl = "https://c.example/feed"\n',
        "utf-8",
    )
    state = {
        "https://a.example/feed": {"failed": {"https://a.example/1\x1b[31m": "HTTP 500\n[b]"}},
        "https://b.example/feed": {"etag": '"x"'},
        "https://gone.example/feed": {"failed": {"https://gone.example/1": "unsubscribed"}},
    }
    (tmp_path / subscriptions.STATE_NAME).write_text(json.dumps(state), "utf-8")
    assert subscriptions.unfetched_lines(tmp_path) == [
        "https://a.example/feed: 1 item not fetched, tried again at the next refresh:"
        " https://a.example/1\u241b[31m (HTTP 500\u240a[b])"
    ]
