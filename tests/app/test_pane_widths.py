"""Issue 14: the library pane was hidden at 120 columns even for a folder of 39 articles.
`reader FOLDER` (several articles) now shows library, article and claims/notes from 120
columns, the panes narrower below 150 so the article keeps 64 columns (a 59-column text);
`reader FILE` keeps the library out of the way until 150; L / C still win over the width."""

from __future__ import annotations

import json

import pytest

from reader.app import ReaderApp
from reader.library import scan_library
from reader.library_cache import MetadataCache
from reader.screens.reading import NARROW, WIDE, pane_widths
from reader.state import ReadingState
from reader.widgets.library_pane import details_line, line_text, parts_strip

GOOD_ARTICLE = 64  # the article's column (text 59 + gutter, ruler and margins)


def columns(app) -> tuple[bool, bool]:
    return app.reading.library_shown, app.reading.side_shown


def article_width(app) -> int:
    return app.reading.query_one("#article").outer_size.width


async def test_a_folder_at_120_columns_shows_all_three_columns(small_library, settle):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.title == "Gamma story"
        assert columns(app) == (True, True)
        assert article_width(app) >= GOOD_ARTICLE
        assert app.article_view._text_width() >= 59
        library = app.library_pane.outer_size.width
        side = app.reading.query_one("#side").outer_size.width
        assert (library, side) == pane_widths(120) == (26, 30)
        assert library + article_width(app) + side == 120
        assert "Gamma story" in app.library_pane.article_list.render_line(0).text


async def test_a_folder_the_cache_knows_has_the_library_from_the_first_frame(
    small_library, monkeypatch
):
    """Opened from the metadata cache (no listing yet): the library is beside the article at
    once, not added once the folder has been listed again (the article would reflow)."""
    cache = MetadataCache.open()
    try:
        scan_library(small_library, cache=cache)
    finally:
        cache.close()
    monkeypatch.setattr(ReaderApp, "scan_library", lambda self: None)  # never lists
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.article_path == (small_library / "gamma.md").resolve()
        assert not app.library_ready
        assert columns(app) == (True, True)
        assert article_width(app) >= GOOD_ARTICLE


@pytest.mark.parametrize(
    "width, expected",
    [(119, (False, True)), (110, (False, True)), (100, (False, False)), (80, (False, False))],
)
async def test_a_folder_below_120_columns_keeps_the_article_wide(
    small_library, settle, width, expected
):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(app, pilot)
        assert columns(app) == expected
        side = pane_widths(width, both=False)[1] if expected[1] else 0
        assert article_width(app) == width - side


async def test_a_single_file_at_120_columns_has_no_library_pane(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert columns(app) == (False, True)
        assert app.reading.query_one("#side").outer_size.width == 40
        assert article_width(app) == 80
        await pilot.resize_terminal(WIDE, 40)  # from 150 its folder is listed beside it
        await pilot.pause()
        assert columns(app) == (True, True)


async def test_a_folder_of_one_article_is_read_as_a_file(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.article_path is not None
        assert columns(app) == (False, True)


async def test_resizing_a_folder_narrows_the_panes_then_hides_the_library(small_library, settle):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.library_pane.outer_size.width == 30
        for width in (149, 135, NARROW):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            assert columns(app) == (True, True)
            assert article_width(app) >= GOOD_ARTICLE
            assert app.library_pane.outer_size.width == pane_widths(width)[0] < 30
        await pilot.resize_terminal(NARROW - 1, 40)
        await pilot.pause()
        assert columns(app) == (False, True)
        assert app.reading.query_one("#side").outer_size.width == 40  # alone: full width


async def test_a_library_hidden_with_L_stays_hidden_at_120_columns(small_library, settle):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert columns(app) == (True, True)
        await pilot.press("L")
        await pilot.pause()
        assert columns(app) == (False, True)
        assert article_width(app) == 80  # the claims column is full width again
        app.save_everything()
    saved = json.loads(ReadingState.load().path.read_text())
    assert saved["prefs"]["panes"] == {"library": False, "side": None}

    again = ReaderApp(library=small_library)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert columns(again) == (False, True)


async def test_L_on_a_single_file_shows_the_narrow_panes_and_is_remembered(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        assert columns(app) == (True, True)
        assert article_width(app) >= GOOD_ARTICLE
        app.save_everything()

    again = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with again.run_test(size=(110, 40)) as pilot:
        await settle(again, pilot)
        assert columns(again) == (True, True)  # asked for: shown below 120 too
        assert article_width(again) == 110 - sum(pane_widths(110))


def test_the_article_keeps_64_columns_beside_both_panes_from_120_up():
    for width in range(NARROW, 400):
        library, side = pane_widths(width)
        assert width - library - side >= GOOD_ARTICLE, width
    assert pane_widths(WIDE) == pane_widths(WIDE, both=False) == (30, 40)
    assert pane_widths(130, both=False) == (30, 40)


@pytest.mark.parametrize("tail", ["✎3 · 45%", "✎12 · 100%"])
def test_a_row_of_the_narrow_library_keeps_its_date_count_and_progress(tail):
    room = pane_widths(NARROW)[0] - 3  # less the border, the scrollbar and the margin
    assert room == 23
    text = line_text(details_line("2024-01-03", "story.txt", "Project Gutenberg", tail, room))
    assert "2024-01-03 · " in text and text.endswith(" · " + tail) and len(text) <= room


def test_a_cut_title_has_no_space_before_its_ellipsis():
    strip = parts_strip((("• Algorithms for high performance", False),), 24, None, None)
    assert strip.text == " • Algorithms for high… "
    # The strip is as wide as it says (a short one broke the borders beside the pane).
    assert strip.cell_length == sum(seg.cell_length for seg in strip) == 24
    two = parts_strip((("• Algorithms for high", False), (" performance", True)), 24, None, None)
    assert two.text == " • Algorithms for high… " and two.cell_length == 24


def test_folder_120x40_three_columns(snap_compare, small_library, settle):
    async def settled(pilot) -> None:
        await settle(pilot.app, pilot)

    app = ReaderApp(library=small_library)
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_nothing_follows_the_ellipsis_of_a_cut_part():
    # The cut dropped the space before its "…", so one cell was left: the next part drew a
    # second "…" there (`high……`).
    parts = (("• Algorithms for high performance", False), (" · story.txt", True))
    strip = parts_strip(parts, 24, None, None)
    assert strip.text == " • Algorithms for high… "
    assert strip.cell_length == 24
