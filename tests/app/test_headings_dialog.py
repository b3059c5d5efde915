"""ctrl+o: the article's headings in a list; Enter puts the cursor on the one chosen."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.commands import reader_commands
from reader.screens.headings import HeadingsScreen

ARTICLE = (
    "# A long guide\n\nIntro sentence.\n\n"
    "## First part\n\nOne. Two.\n\n"
    "### A [b]detail[/b]\n\nThree. Four.\n\n"
    "## Second part\n\nFive. Six.\n"
)


async def test_ctrl_o_lists_headings_and_enter_jumps(tmp_path, settle):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "guide.md").write_text(ARTICLE, encoding="utf-8")
    app = ReaderApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HeadingsScreen)
        listed = [str(option.prompt) for option in dialog.query_one("#headings-list").options]
        assert listed == ["First part", "  A [b]detail[/b]", "Second part"]  # literal markup
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, HeadingsScreen)
        start, end = view.cursor_range
        assert app.document.text[start:end] == "Second part"
        assert app.focused is view
        # Opened again from there, the list starts on the heading the cursor is under.
        await pilot.press("j", "ctrl+o")
        await pilot.pause()
        assert app.screen.query_one("#headings-list").highlighted == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.document.text[slice(*view.cursor_range)] == "Five."
        names = [name for name, _help, _callback in reader_commands(app)]
        assert "Go to heading…" in names
        help_keys = [
            b.key
            for _t, classes in app.reading.help_groups()
            for c in classes
            for b in getattr(c, "BINDINGS", [])
        ]
        assert "ctrl+o" in help_keys


async def test_an_article_without_headings_says_so(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, HeadingsScreen)
        texts = [str(w.render()) for w in app.screen.query(".pane-empty")]
        assert texts == ["This article has no headings."]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HeadingsScreen)
