"""The title bar (article title and progress) and the key bar (keys from the bindings)."""

from __future__ import annotations

from rich.cells import cell_len

from reader.app import ReaderApp
from reader.widgets.key_bar import KeyBar
from reader.widgets.title_bar import TitleBar, title_line

SEED_TITLE = "US Links Security Guarantees For Ukraine To Peace Deal Ceding Donbas"


def test_title_line_keeps_the_progress_and_shortens_the_title():
    title, separator, subtitle, pad = title_line("A" * 50, "42%", 30)
    assert subtitle == "42%" and separator == " — "
    assert title.endswith("…")
    assert cell_len(title + separator + subtitle) == 30 and pad == 0


def test_title_line_centres_a_short_title():
    title, separator, subtitle, pad = title_line("Short", "7%", 40)
    assert (title, separator, subtitle) == ("Short", " — ", "7%")
    assert pad == (40 - len("Short — 7%")) // 2


def test_title_line_wide_characters_fit_in_cells():
    title, _, subtitle, _ = title_line("新闻标题" * 10, "100%", 20)
    assert cell_len(title) + 3 + cell_len(subtitle) <= 20 and subtitle == "100%"


def test_title_line_too_narrow_for_both_shows_the_subtitle_only():
    assert title_line("Title", "100%", 5)[:3] == ("", "", "100%")


async def test_title_bar_shows_title_and_progress_and_follows_the_cursor(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one(TitleBar)
        line = bar.render_line(0).text
        assert SEED_TITLE in line and line.rstrip().endswith("— 0%")
        await pilot.press("G")
        await pilot.pause()
        assert bar.render_line(0).text.rstrip().endswith("— 100%")


async def test_key_bar_lists_the_keys_of_the_focused_pane(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one(KeyBar)
        article_keys = bar.text
        assert "? Help" in article_keys and "q Quit" in article_keys
        assert article_keys.endswith("? Help  ^p Commands")  # kept at the right
        painted = bar.render_line(0).text
        assert painted.rstrip().endswith("^p Commands") and " ? Help " in painted
        await pilot.press("tab")  # the claims pane: its own keys replace the article's
        await pilot.pause()
        assert bar.text != article_keys
        assert all(len(k.display) > 0 for k in bar.items()[0])


async def test_key_bar_click_presses_the_key(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one(KeyBar)
        bar.render_line(0)
        hit = next(h for h in bar._hits if h[2] == "question_mark")
        await pilot.click(KeyBar, offset=(hit[0] + 1, 0))
        await pilot.pause()
        from reader.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)


async def test_key_bar_drops_whole_keys_when_narrow(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one(KeyBar)
        painted = bar.render_line(0).text
        assert cell_len(painted) == 80
        shown = [
            item for item in bar.items()[0] if f" {item.display} {item.description} " in painted
        ]
        assert 0 < len(shown) < len(bar.items()[0])  # some keys, none cut in half
        # the way to every other key stays, however narrow: help, then the palette
        assert painted.rstrip().endswith("? Help  ^p Commands")


async def test_key_bar_says_a_selection_is_open_until_it_ends(seed_library, settle):
    """Issue 14.15: a selection had no "selecting" indicator. While one is open the key
    bar's "Select" reads "Selecting (v/Esc ends)", on the painted row too; v or Esc ends it."""
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        bar = app.reading.query_one(KeyBar)
        assert "v Select" in bar.text and "Selecting" not in bar.text
        for end in ("escape", "v"):
            await pilot.press("v", "shift+right")
            await pilot.pause()
            assert app.article_view.selection_range is not None
            assert "v Selecting (v/Esc ends)" in bar.text
            assert "Selecting" in bar.render_line(0).text
            await pilot.press(end)
            await pilot.pause()
            assert app.article_view.selection_range is None, end
            assert "v Select " in bar.text + " " and "Selecting" not in bar.text
