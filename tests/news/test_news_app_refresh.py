"""In the app: `r` refreshes the open library as `reader refresh` does (a worker, progress in
the title bar, new articles listed unread, one summary notification); `R` fetches only the
open article again, a silent edit read in with the highlight under it marked edited;
"Add URL…" adds a page to the open library."""

from __future__ import annotations

import time

from news_fixtures import STORY, page, rss, settle

from reader.cli import main

NEW = STORY[1].replace("three years", "five years")


def _plain_library(user_dirs):
    library = user_dirs / "lib"
    library.mkdir()
    (library / "a.txt").write_text("A story\n\nBody text here.\n")
    return library


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_shift_r_refreshes_the_open_article_and_marks_the_edited_highlight(
    server, user_dirs, capsys
):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    url = server.route("/story.html", page("Harbour bridge", STORY))
    library = user_dirs / "lib"
    assert main(["add", url, "--library", str(library)]) == 0
    article = capsys.readouterr().out.strip()
    assert main(["annotate", article, "--quote", STORY[1]]) == 0
    server.route("/story.html", page("Harbour bridge", [STORY[0], NEW, *STORY[2:]]), delay=1.0)

    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert STORY[1] in app.document.text
        await pilot.press("R")
        await pilot.pause()
        assert app.sub_title.startswith("refreshing harbour-bridge.md")
        assert app.is_running  # the fetch runs in a thread
        await settle(app, pilot)
        assert NEW in app.document.text and STORY[1] not in app.document.text
        assert any("1 paragraph changed" in m for m in _messages(app))
        app.article_view.move_cursor_to_offset(app.document.text.index(NEW))
        await pilot.pause()
        notes = app.reading.notes_pane.text()
        assert "Edited since highlighted; it read:" in notes and f"“{STORY[1]}”" in notes
        assert f"“{NEW}”" in notes

        server.route("/story.html", "<html><body>down</body></html>", status=503)
        await pilot.press("R")
        await settle(app, pilot)
        assert _messages(app)[-1] == f"HTTP 503 Service Unavailable: {url}"
        assert NEW in app.document.text and not app.sub_title.startswith("refreshing")


async def test_shift_r_on_an_article_without_an_address_says_so(user_dirs):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    library = _plain_library(user_dirs)
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        assert _messages(app)[-1] == "not saved from a web address, nothing to refresh: a.txt"
        await pilot.press("r")
        await settle(app, pilot)
        assert _messages(app)[-1] == (
            "0 new, 0 updated, 0 unchanged, 0 failed\n"
            "No feeds in this library: to subscribe one, run reader feeds add URL"
        )


BETA = [
    "A second story arrived on the wire overnight, about the ferry timetable changing.",
    "The ferry company said the winter crossings would start an hour earlier from Monday.",
    "Commuters on the early boats welcomed the change, which the council had asked for.",
]


async def test_r_refreshes_the_library_new_articles_appear_unread(server, user_dirs, capsys):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    alpha = server.route("/alpha.html", page("Harbour bridge", STORY))
    beta = server.url("/beta.html")
    feed = server.route("/feed.xml", rss([("Harbour bridge", alpha)]), content_type="text/xml")
    broken = server.route("/broken.xml", "<html><body>down</body></html>", status=503)
    library = user_dirs / "lib"
    library.mkdir()
    (library / "feeds.toml").write_text(
        f'[[feed]]\nurl = "{feed}"\n\n[[feed]]\nurl = "{broken}"\n', "utf-8"
    )
    assert main(["refresh", "--library", str(library)]) == 1
    capsys.readouterr()
    # the feed gains an item and the open article is silently edited; both answer slowly
    server.route("/beta.html", page("Ferry timetable", BETA), delay=0.8)
    server.route("/feed.xml", rss([("Harbour bridge", alpha), ("Ferry timetable", beta)]))
    server.route("/alpha.html", page("Harbour bridge", [STORY[0], NEW, *STORY[2:]]), delay=0.8)

    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.article_path == (library / "harbour-bridge.md").resolve()
        assert [e.path.name for e in app.entries] == ["harbour-bridge.md"]
        await pilot.press("r")
        await pilot.press("r")  # a second refresh never runs beside the first
        assert _messages(app)[-1] == "Already refreshing"
        titles = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            await pilot.pause(0.01)
            if app.sub_title not in titles:
                titles.append(app.sub_title)
            if not any(w.group == "refresh" and w.is_running for w in app.workers):
                break
        assert titles[0].startswith("refreshing")
        assert "refreshing: articles 0/1" in titles and "refreshing: re-checking 0/1" in titles
        await settle(app, pilot)
        assert _messages(app)[-1] == (
            f"1 new, 1 updated, 0 unchanged, 1 failed\nHTTP 503 Service Unavailable: {broken}"
        )
        assert not app.sub_title.startswith("refreshing")
        names = sorted(e.path.name for e in app.entries)
        assert names == ["ferry-timetable.md", "harbour-bridge.md"]
        pane = app.library_pane
        new_row = next(i for i, e in enumerate(pane.shown) if e.path.name == "ferry-timetable.md")
        assert pane.article_list.item_text(new_row).startswith("• Ferry timetable")
        # the open article, edited on the server, is read again
        assert NEW in app.document.text and STORY[1] not in app.document.text
        app.open_article(library / "ferry-timetable.md")
        await settle(app, pilot)
        assert BETA[1] in app.document.text


async def test_add_url_from_the_palette_adds_the_page_to_the_open_library(server, user_dirs):
    from reader.app import ReaderApp
    from reader.commands import reader_commands
    from reader.state import ReadingState

    url = server.route("/new.html", page("Fresh story", STORY))
    library = _plain_library(user_dirs)
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        (add,) = [c for name, _, c in reader_commands(app) if name == "Add URL…"]
        add()
        await pilot.pause()
        await pilot.press(*"ftp://x")
        await pilot.press("enter")
        await settle(app, pilot)
        assert _messages(app)[-1] == "not an http(s) address: ftp://x"
        add()
        await pilot.pause()
        app.screen.query_one("#open-path").value = url
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.article_path == (library / "fresh-story.md").resolve()
        assert app.library_root == library.resolve()
        assert sorted(e.path.name for e in app.entries) == ["a.txt", "fresh-story.md"]
