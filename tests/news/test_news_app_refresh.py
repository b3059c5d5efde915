"""In the app: `r` fetches the open article again (a worker), a silent edit is read in with
the highlight under it marked edited; "Add URL…" adds a page to the open library."""

from __future__ import annotations

import pytest
from news_fixtures import STORY, page

from reader.cli import main

NEW = STORY[1].replace("three years", "five years")


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    for var, name in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / name))
    return tmp_path


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    for _ in range(200):
        if app.reading.side_ready and app.annotations.pending is None:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def _plain_library(user_dirs):
    library = user_dirs / "lib"
    library.mkdir()
    (library / "a.txt").write_text("A story\n\nBody text here.\n")
    return library


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_r_refreshes_the_open_article_and_marks_the_edited_highlight(
    server, user_dirs, capsys
):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    url = server.route("/story.html", page("Harbour bridge", STORY))
    library = user_dirs / "lib"
    assert main(["add", url, "--library", str(library)]) == 0
    article = capsys.readouterr().out.strip()
    assert main(["annotate", article, "--quote", STORY[1]]) == 0
    server.route("/story.html", page("Harbour bridge", [STORY[0], NEW, *STORY[2:]]), delay=0.3)

    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await _settle(app, pilot)
        assert STORY[1] in app.document.text
        await pilot.press("r")
        await pilot.pause()
        assert app.sub_title.startswith("refreshing harbour-bridge.md")
        assert app.is_running  # the fetch runs in a thread
        await _settle(app, pilot)
        assert NEW in app.document.text and STORY[1] not in app.document.text
        assert any("1 paragraph changed" in m for m in _messages(app))
        app.article_view.move_cursor_to_offset(app.document.text.index(NEW))
        await pilot.pause()
        notes = app.reading.notes_pane.text()
        assert "Edited since highlighted; it read:" in notes and f"“{STORY[1]}”" in notes
        assert f"“{NEW}”" in notes

        server.route("/story.html", "<html><body>down</body></html>", status=503)
        await pilot.press("r")
        await _settle(app, pilot)
        assert _messages(app)[-1] == f"HTTP 503 Service Unavailable: {url}"
        assert NEW in app.document.text and not app.sub_title.startswith("refreshing")


async def test_r_on_an_article_without_an_address_says_so(user_dirs):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    library = _plain_library(user_dirs)
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        assert _messages(app)[-1] == "not saved from a web address, nothing to refresh: a.txt"


async def test_add_url_from_the_palette_adds_the_page_to_the_open_library(server, user_dirs):
    from reader.app import ReaderApp
    from reader.commands import reader_commands
    from reader.state import ReadingState

    url = server.route("/new.html", page("Fresh story", STORY))
    library = _plain_library(user_dirs)
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        (add,) = [c for name, _, c in reader_commands(app) if name == "Add URL…"]
        add()
        await pilot.pause()
        await pilot.press(*"ftp://x")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert _messages(app)[-1] == "not an http(s) address: ftp://x"
        add()
        await pilot.pause()
        app.screen.query_one("#open-path").value = url
        await pilot.press("enter")
        await _settle(app, pilot)
        await _settle(app, pilot)
        assert app.article_path == (library / "fresh-story.md").resolve()
        assert app.library_root == library.resolve()
        assert sorted(e.path.name for e in app.entries) == ["a.txt", "fresh-story.md"]
