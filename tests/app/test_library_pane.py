"""The library pane: order (s, remembered), read state, duplicate titles, width, the filter,
and the full-text search screen (F)."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.library_search import fts5_missing
from reader.screens.library_search import LibrarySearchScreen, MatchList
from reader.screens.reading import pane_widths
from reader.state import ReadingState
from reader.widgets.library_pane import LibraryList


def _titles(app):
    return [e.title for e in app.library_pane.shown]


async def test_s_cycles_the_order_and_it_is_remembered(small_library, settle):
    (small_library / "alpha.txt.annotations.json").write_text(
        '{"annotations": {"1": {"id": "a"}, "2": {"id": "b"}}}'
    )
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert _titles(app) == ["Gamma story", "Beta story", "Alpha story"]
        app.library_pane.focus()
        await pilot.press("s")
        assert _titles(app) == ["Alpha story", "Beta story", "Gamma story"]  # oldest
        assert "oldest first" in str(app.library_pane.query_one("#library-title").render())
        await pilot.press("s")  # title
        assert _titles(app) == ["Alpha story", "Beta story", "Gamma story"]
        await pilot.press("s")  # progress: unread first, the open one (beta) last
        assert _titles(app)[-1] == "Beta story"
        await pilot.press("s")  # annotations
        assert _titles(app)[0] == "Alpha story"
        await pilot.press("q")
    assert ReadingState.load().library_sort == "annotations"
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.library_pane.sort_order == "annotations"
        assert _titles(app)[0] == "Alpha story"


async def test_read_unread_and_reading_markers(small_library, settle):
    state = ReadingState()
    state.remember(small_library / "alpha.txt", "x", 0, 100.0)
    state.remember(small_library / "gamma.md", "x", 0, 30.0)
    state.save()
    app = ReaderApp(library=small_library, article=small_library / "gamma.md")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.open_article(small_library / "beta.txt")
        await settle(app, pilot)
        rows = app.library_pane.article_list
        first = {rows.item_text(i).split("\n")[0] for i in range(rows.count)}
        assert first == {"  Gamma story", "▶ Beta story", "✓ Alpha story"}
        await pilot.press("q")
    app = ReaderApp(library=small_library, article=small_library / "gamma.md")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        rows = app.library_pane.article_list
        assert rows.item_text(1).startswith("  Beta story")  # opened once: no longer unread


async def test_duplicate_titles_show_their_file_names(tmp_path, settle):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Same title\n\n2024-01-01\n\nBody.\n")
    (tmp_path / "other.txt").write_text("Unique title\n\n2023-01-01\n\nBody.\n")
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        rows = app.library_pane.article_list
        texts = [rows.item_text(i) for i in range(rows.count)]
        assert [t.split("\n")[1].split(" · ")[1] for t in texts[:2]] == ["one.txt", "two.txt"]
        assert "other.txt" not in texts[2]
        name_part = rows.lines(0)[1][2]
        assert name_part == ("one.txt", True)  # drawn dim
        line = rows.render_line(1)
        assert "one.txt" in line.text
        dim = [seg for seg in line if seg.text == "one.txt"]
        assert dim and dim[0].style != [seg for seg in line][1].style


@pytest.mark.parametrize("width, expected", [(150, 30), (180, 30), (200, 36), (400, 44)])
def test_library_width_grows_with_the_terminal(width, expected):
    assert pane_widths(width)[0] == expected


async def test_the_library_is_wider_at_200_columns(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        assert app.library_pane.outer_size.width == pane_widths(200)[0] == 36
        rows = app.library_pane.article_list
        assert rows.render_line(0).cell_length == rows.scrollable_content_region.width


@pytest.mark.parametrize("query", ["story", "zzz"])
async def test_enter_in_the_filter_opens_the_first_match_and_esc_clears_no_match(
    small_library, settle, query
):
    """Enter opens the first match; with none (`/zzz`) Esc then clears the filter, as Esc
    straight after `/` does (it did nothing: the focus had gone to the empty list)."""
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.library_pane.focus()
        await pilot.press("slash", *query, "enter")
        await settle(app, pilot)
        if query == "story":
            assert app.title == "Gamma story"  # the first of three matches
            assert app.focused is app.article_view
            return
        assert _titles(app) == [] and app.title == "Alpha story"
        await pilot.press("escape")
        await settle(app, pilot)
        assert _titles(app) == ["Gamma story", "Beta story", "Alpha story"]
        assert not app.screen.query_one("#library-filter").display
        assert isinstance(app.focused, LibraryList)


needs_fts5 = pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")


def _far_down(path, title: str, line: str) -> None:
    """An article `title` whose last paragraph, `line`, is far below its first screen, and
    beside it other.txt, a newer one ("Other story": "Nothing here.")."""
    path.write_text(
        f"{title}\n\n2024-01-01\n\n"
        + "".join(f"Filler sentence {i}.\n\n" for i in range(80))
        + line
        + "\n"
    )
    (path.parent / "other.txt").write_text("Other story\n\n2025-01-01\n\nNothing here.\n")


@needs_fts5
async def test_F_finds_a_word_in_a_body_and_enter_opens_it_at_the_match(
    tmp_path, settle, search_library
):
    _far_down(
        tmp_path / "apple.txt",
        "Apple laptop",
        "The [bold]Powerbook[/bold] was the greatest gadget.",
    )
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == "Other story"
        screen = await search_library(app, pilot, "powerbook")
        matches = screen.query_one(MatchList)
        assert matches.count == 1
        text = matches.item_text(0)
        assert text.startswith("Apple laptop  apple.txt")
        assert "[bold]Powerbook[/bold]" in text  # markup shown literally
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.title == "Apple laptop"
        start, end = app.article_view.cursor_range
        assert "Powerbook" in app.document.text[start:end]


@needs_fts5
async def test_F_searches_at_the_key_and_enter_in_the_box_opens_the_match(tmp_path, settle):
    """The key's query starts at once (it waited 0.12 s after the last key, more than the
    100 ms its matches have to be on screen in), a query superseded before it runs is
    skipped, and Enter in the box opens the best match at the matched word."""
    _far_down(tmp_path / "harbour.txt", "Coast story", "The old harbour wall fell in the storm.")
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        for _ in range(40):
            await pilot.pause(0.05)
            if screen_ready(app):
                break
        screen = app.screen
        box = screen.query_one("#library-query")
        box.value = "nothing"  # in the other article
        box.value = "harbour"  # before the first one's worker got the index
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [h.title for h in screen.hits] == ["Coast story"]
        assert str(screen.status.render()) == "1 match"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.title == "Coast story"
        start, end = app.article_view.cursor_range
        assert "harbour wall" in app.document.text[start:end]


@needs_fts5
async def test_F_with_only_syntax_says_so_in_one_line(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await pilot.pause()
        app.screen.query_one("#library-query").value = '"('
        for _ in range(40):
            await pilot.pause(0.05)
            if screen_ready(app):
                break
        await pilot.pause(0.3)
        status = str(app.screen.query_one("#library-search-status").render())
        assert status == "Type words to find"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibrarySearchScreen)
        assert isinstance(app.focused, (LibraryList, type(app.article_view)))


@needs_fts5
async def test_esc_closes_the_search_while_it_is_still_indexing(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("F", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibrarySearchScreen)
        await app.workers.wait_for_complete()
        await pilot.press("F")  # a second search screen opens on the same index
        for _ in range(40):
            await pilot.pause(0.05)
            if screen_ready(app):
                break
        assert screen_ready(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibrarySearchScreen)


def screen_ready(app) -> bool:
    return (
        isinstance(app.screen, LibrarySearchScreen)
        and app.screen.ready
        and not any(w.is_running for w in app.screen.workers)
    )


async def test_F_says_how_to_open_and_close_on_a_small_terminal(tmp_path, settle):
    (tmp_path / "other.txt").write_text("Other story\n\n2025-01-01\n\nNothing here.\n")
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, LibrarySearchScreen)
        title = app.screen.query_one(".dialog-title")
        shown = " ".join(
            strip.text.strip() for strip in title.render_lines(title.region.reset_offset)
        )
        assert "Enter opens" in shown and "Esc closes" in shown


async def test_a_highlight_shows_in_the_library_row_at_once(small_library, settle):
    """The open article's ✎ count follows its highlights, without a rescan."""
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        rows = app.library_pane.article_list
        beta = next(i for i, e in enumerate(app.library_pane.shown) if e.title == "Beta story")
        assert "✎" not in rows.item_text(beta)
        app.reading.article_widget().focus()
        await pilot.press("h")
        await settle(app, pilot)
        assert "✎1" in rows.item_text(beta)
        await pilot.press("u")  # undo: the highlight is gone again
        await settle(app, pilot)
        assert "✎" not in rows.item_text(beta)


async def test_a_project_file_opened_by_name_reads_beside_its_library(small_library, settle):
    """`reader SOURCES.md`: the folder's description opens and reads, J steps on into the
    library's articles, which do not list it."""
    (small_library / "SOURCES.md").write_text("# Sources\n\nWhere the stories came from.\n")
    app = ReaderApp(library=small_library, article=small_library / "SOURCES.md")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert "Where the stories came from." in app.document.text
        assert "Sources" not in _titles(app)
        await pilot.press("J")
        await settle(app, pilot)
        assert app.title in _titles(app)  # on to an article of the list
        await pilot.press("q")
