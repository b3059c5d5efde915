"""Pilot tests of the app shell: layout, app keys, library pane, state, safety of article text."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from reader.app import ReaderApp
from reader.screens.help import HelpScreen
from reader.screens.links import LinksScreen
from reader.state import ReadingState, default_state_path
from reader.widgets.claims_pane import ClaimsList
from reader.widgets.library_pane import LibraryList
from reader.widgets.notes_pane import NotesView
from reader.widgets.title_bar import TitleBar

REPO = Path(__file__).resolve().parents[2]
SEED_TITLE = "US Links Security Guarantees For Ukraine To Peace Deal Ceding Donbas"


def visible(app) -> tuple[bool, bool]:
    return app.reading.library_shown, app.reading.side_shown


def plain(content) -> str:
    return getattr(content, "plain", str(content))


async def test_starts_on_newest_article_with_the_article_focused(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == SEED_TITLE
        assert app.sub_title == "0%"
        assert app.focused is app.article_view
        assert app.article_view.cursor_range is not None
        assert app.article_view.cursor_range[0] == 0
        header = app.reading.query_one(TitleBar).render_line(0).text
        assert SEED_TITLE in header and "0%" in header


@pytest.mark.parametrize(
    "size, expected",
    [((160, 40), (True, True)), ((120, 40), (False, True)), ((80, 24), (False, False))],
)
async def test_columns_depend_on_width(seed_library, settle, size, expected):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert visible(app) == expected
        assert app.article_view.size.width >= 40


async def test_resize_hides_and_shows_columns(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert visible(app) == (True, True)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert visible(app) == (False, False)
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert visible(app) == (False, True)


async def test_L_and_C_toggle_at_any_width_and_keep_the_article_usable(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        assert visible(app) == (True, False)
        assert app.focused is app.library_pane.article_list
        assert app.article_view.size.width >= 40
        await pilot.press("C")  # no room for both beside the article: the library yields
        await pilot.pause()
        assert visible(app) == (False, True)
        assert app.article_view.size.width >= 40
        await pilot.press("C")
        await pilot.pause()
        assert visible(app) == (False, False)
        # A user toggle survives resizing; the automatic rule applies to the other column.
        await pilot.press("L")
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert visible(app) == (True, False)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        assert visible(app) == (False, True)
        await pilot.press("L", "C")
        await pilot.pause()
        assert visible(app) == (True, False)


async def test_J_and_K_step_through_the_library(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == "Beta story"
        await pilot.press("J")  # next = older
        await settle(app, pilot)
        assert app.title == "Alpha story"
        await pilot.press("J")  # already the last: stays
        await settle(app, pilot)
        assert app.title == "Alpha story"
        await pilot.press("K", "K")
        await settle(app, pilot)
        assert app.title == "Gamma story"
        assert app.focused is app.article_view


async def test_tab_cycles_library_article_claims_notes(small_library, settle):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(type(app.focused))
        assert order == [ClaimsList, NotesView, LibraryList, type(app.article_view)]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, LibraryList)
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(80, 24)) as pilot:  # hidden columns are skipped
        await settle(app, pilot)
        await pilot.press("tab")
        assert app.focused is app.article_view


async def test_y_copies_the_cursor_sentence(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")  # past the date line
        start, end = app.article_view.cursor_range
        await pilot.press("y")
        expected = app.document.text[start:end]
        assert app.clipboard == expected
        assert expected.startswith("The United States has signalled")
        assert any("Copied" in n.message for n in app._notifications)


async def test_o_lists_links_and_enter_shows_the_url_without_a_browser(tmp_path, settle):
    article = tmp_path / "links.txt"
    article.write_text(
        "Links story\n\nSee https://example.com/a. And (https://example.org/b?x=1) too.\n"
        "Again https://example.com/a here.\n",
        encoding="utf-8",
    )
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert [link.url for link in app.screen.links] == [
            "https://example.com/a",
            "https://example.org/b?x=1",
        ]
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("j", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == "https://example.org/b?x=1"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)


async def test_markdown_link_spans_are_listed(tmp_path):
    from reader.document.model import Block, Document, Span
    from reader.screens.links import find_links

    text = "Read the docs now."
    block = Block(
        "paragraph", 0, len(text), text, spans=(Span(5, 13, "link", "https://d.example/"),)
    )
    links = find_links(Document("x.md", "markdown", text, [block]))
    assert [(link.text, link.url) for link in links] == [("the docs", "https://d.example/")]


async def test_help_lists_bindings_grouped_by_where_they_work(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(plain(static.render()) for static in app.screen.query("#help-body Static"))
        for expected in (
            "Everywhere",
            "Article",
            "Library (when focused)",
            "Next article",
            "Filter",
        ):
            assert expected in text
        # Generated from the bindings: every described app binding is there.
        for binding in ReaderApp.BINDINGS:
            assert binding.description in text
        for binding in type(app.article_view).BINDINGS:
            assert binding.description in text
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_has_our_commands(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert CommandPalette.is_open(app)
        # With nothing typed, the palette lists every discoverable command.
        prompts = [plain(o.prompt) for o in app.screen.query_one(OptionList).options]
        for name in (
            "Open file or URL…",
            "Toggle library",
            "Toggle claims/notes",
            "Wider text",
            "Narrower text",
            "Theme",  # Textual's own, once (issue 14.13: it was listed twice)
            "Help",
        ):
            assert any(name in prompt for prompt in prompts), (name, prompts)
        names = [prompt.split("\n")[0].strip() for prompt in prompts]
        assert len(names) == len(set(names)), names
        await pilot.press(*"toggle lib")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert visible(app)[0] is True


async def test_wider_narrower_are_saved_as_a_global_pref(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = app.article_view.measure
        app.change_measure(-4)
        app.change_measure(-4)
        app.theme = "nord"
        await pilot.press("q")
    state = ReadingState.load()
    assert (state.measure, state.theme) == (before - 8, "nord")
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.article_view.measure == before - 8
        assert app.theme == "nord"


async def test_open_file_command_asks_for_a_path(small_library, tmp_path, settle, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "delta.txt").write_text("Delta story\n\nDelta one.\n")
    monkeypatch.chdir(tmp_path)  # the paths typed are relative to it: fewer keys to press
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.action_open_path()
        await pilot.pause()
        await pilot.press(*"missing.txt", "enter")
        await pilot.pause()
        assert app.title == "Gamma story"  # unchanged; the error is shown
        assert any("no such file or folder" in n.message for n in app._notifications)
        app.action_open_path()
        await pilot.pause()
        await pilot.press(*"elsewhere/delta.txt", "enter")
        await settle(app, pilot)
        assert app.title == "Delta story"
        assert [e.title for e in app.library_pane.shown] == ["Delta story"]


async def test_q_quits_and_position_is_restored_on_reopen(seed_library, settle):
    files_before = sorted(p.name for p in seed_library.iterdir())
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "j", "j")
        saved = app.article_view.cursor_range
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert default_state_path().exists()
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.article_view.cursor_range == saved
        assert app.sub_title != "0%"
    # Reading alone never creates files next to the articles.
    assert sorted(p.name for p in seed_library.iterdir()) == files_before


async def test_position_saved_on_article_switch(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")
        offset = app.article_view.cursor_range[0]
        await pilot.press("K")
        await settle(app, pilot)
        state = ReadingState.load()
        assert (
            state.position(
                small_library / "alpha.txt",
                app.state.positions[str((small_library / "alpha.txt").resolve())].sha256,
            )
            == offset
        )
        assert offset > 0


async def test_sigterm_saves_state_and_exits_cleanly(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")
        offset = app.article_view.cursor_range[0]
        loop = asyncio.get_running_loop()
        handlers = getattr(loop, "_signal_handlers", None)
        if handlers is None or signal.SIGTERM not in handlers:
            pytest.fail("no SIGTERM handler installed on the event loop")
        signal.raise_signal(signal.SIGTERM)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0
    state = ReadingState.load()
    assert state.position(app.article_path, app.document.sha256) == offset


async def test_library_pane_sorting_filter_and_open(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        pane = app.library_pane
        assert [e.title for e in pane.shown] == ["Gamma story", "Beta story", "Alpha story"]
        await pilot.press("L", "L")  # hide, then show again: focus goes to the list
        await pilot.pause()
        assert isinstance(app.focused, LibraryList)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"beta")
        await pilot.pause()
        assert [e.title for e in pane.shown] == ["Beta story"]
        await pilot.press("enter")  # opens the (first) match
        await settle(app, pilot)
        assert app.title == "Beta story"
        assert app.focused is app.article_view
        pane.focus()
        await pilot.pause()
        assert isinstance(app.focused, LibraryList)
        await pilot.press("slash", "backspace", "q")  # typed into the filter, does not quit
        await pilot.pause()
        assert app.is_running and pane.shown == []
        assert pane.query_one("#library-status").display
        await pilot.press("escape", "q")  # q keeps its meaning in the list
        await pilot.pause()
    assert app.return_code == 0
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("L", "L", "slash", *"gamma", "escape")
        await pilot.pause()
        assert len(app.library_pane.shown) == 3  # escape clears the filter
        assert isinstance(app.focused, LibraryList)
        await pilot.press("home", "j", "enter")  # j moves in the list; Enter opens
        await settle(app, pilot)
        assert app.title == "Beta story"
        assert app.focused is app.article_view


async def test_library_entries_show_progress_and_unread(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        library_list = app.library_pane.article_list
        texts = [library_list.item_text(i) for i in range(library_list.count)]
        assert texts[0].startswith("• Gamma story")  # unread
        assert texts[2].startswith("▶ Alpha story")  # the open one
        assert texts[2].endswith("  2024-01-03 · Alpha W… · 0%")  # the source cut, not 0%


async def test_article_text_is_never_markup(tmp_path, settle):
    article = tmp_path / "evil.txt"
    article.write_text("[bold]x[/] and [red]y[/red] title\n\nBody [link=x]z[/link].\n")
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        header = app.reading.query_one(TitleBar).render_line(0).text
        assert "[bold]x[/] and [red]y[/red] title" in header
        entry = app.library_pane.article_list.item_text(0)
        assert "[bold]x[/] and [red]y[/red] title" in entry
        painted = app.library_pane.article_list.render_line(0).text
        assert "[bold]x[/] and [red]y" in painted
        await pilot.press("y")
        await pilot.pause()
        assert any("[bold]x[/]" in n.message for n in app._notifications)


async def test_empty_article_shows_a_message(tmp_path, settle):
    empty = tmp_path / "[bold red]empty.txt"
    empty.write_text("")
    app = ReaderApp(library=tmp_path, article=empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        message = app.reading.message
        assert message.display and not app.article_view.display
        assert plain(message.render()) == f"This article is empty: {empty}"
        assert app.focused is message
        await pilot.press("y", "o", "J")  # nothing to copy, no crash
        await pilot.pause()


async def test_big_article_loads_in_a_worker(tmp_path, settle):
    article = tmp_path / "book.txt"
    paragraph = "A sentence of the book that goes on for a while. " * 20
    article.write_text("Big book\n\n" + "\n\n".join([paragraph] * 1200), encoding="utf-8")
    assert article.stat().st_size > 1_000_000
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == "Big book"
        assert not app.article_view.loading
        assert app.focused is app.article_view


async def test_binary_article_in_library_is_reported_not_fatal(tmp_path, settle):
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (tmp_path / "real.txt").write_text("Real story\n\nText.\n")
    app = ReaderApp(library=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == "Real story"
        app.open_article(tmp_path / "logo.txt")
        await pilot.pause()
        assert app.title == "Real story"
        assert any("binary" in n.message for n in app._notifications)


async def test_library_of_only_binary_files_says_so(tmp_path, settle):
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    app = ReaderApp(library=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        message = app.reading.message
        assert message.display
        assert "No readable article in this folder" in plain(message.render())


async def test_search_box_shows_the_query_the_count_and_n_says_which_match(
    seed_library, settle, searched
):
    from reader.app import ReaderApp
    from reader.widgets.search_bar import SearchBar

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"security")
        await searched(pilot)
        bar = app.query_one(SearchBar)
        assert bar.region.height == 1 and bar.region.y == 38  # above the key bar, visible
        assert bar.input.value == "security"
        total = len(app.article_view.search_matches)
        assert total > 1
        assert str(bar.query_one("#search-count").render()) == f"{total} matches"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.reading.query_one("#key-bar").message == f"Match 2/{total}"


def test_only_web_addresses_are_handed_to_a_browser(monkeypatch):
    """Issue 20.5: a link target can be an option (`--new-window`), a path or a script."""
    from reader.screens import links

    for target in (
        "--new-window",
        "../../etc/passwd",
        "file:///etc/passwd",
        "javascript:x()",
        "https://",
        "https://a b.example/",
        "https://ex.example/\x1b]2;x",
    ):
        assert not links.is_web_address(target), target
        assert links.open_in_browser(target) is False
    assert links.is_web_address("https://example.com/a?b=1#c")
    assert links.is_web_address("HTTP://example.com")


def test_a_terminal_browser_is_never_started(monkeypatch):
    from reader.screens import links

    for browser in ("lynx", "w3m -dump", "/usr/bin/elinks"):
        monkeypatch.setenv("BROWSER", browser)
        assert links.graphical_browser() is None, browser
    opened = []
    monkeypatch.setattr(
        links.webbrowser,
        "get",
        lambda: type(
            "B",
            (),
            {"name": "firefox", "open": lambda self, url, new=0: opened.append(url) or True},
        )(),
    )
    assert links.open_in_browser("https://example.com/") is True
    assert opened == ["https://example.com/"]


async def test_a_slow_browser_never_holds_up_the_keys(tmp_path, settle, monkeypatch):
    import threading

    from reader.screens import links

    started, release = threading.Event(), threading.Event()

    def slow_open(url: str) -> bool:
        started.set()
        release.wait(10)
        return True

    monkeypatch.setattr(links, "open_in_browser", slow_open)
    article = tmp_path / "links.txt"
    article.write_text("Links story\n\nSee https://example.com/a now.\n", encoding="utf-8")
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o", "enter")
        await pilot.pause()
        assert started.wait(5)
        await pilot.press("escape")  # the browser is still starting: keys still work
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        release.set()
        await app.workers.wait_for_complete()
