"""SVG snapshots of the app shell (seed article in the temp sample library, isolated state).

Regenerate after an intended visual change with `pytest tests/app --snapshot-update`, then
look at the SVGs.
"""

from __future__ import annotations

import pytest

from reader.app import ReaderApp


@pytest.fixture
def settled(settle):
    """`run_before` for snap_compare: the conftest's `settle` (scan, loads, side panes)."""

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    return run_before


def test_seed_article_120x40(snap_compare, seed_library, settled):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_seed_article_80x24(snap_compare, seed_library, settled):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


def test_seed_article_160x40_three_columns(snap_compare, seed_library, settled):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(160, 40), run_before=settled)


def test_help_screen(snap_compare, seed_library, settled):
    app = ReaderApp(library=seed_library)

    async def open_help(pilot) -> None:
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_help)


def test_search_bar_shows_the_query_and_its_count(snap_compare, seed_library, settled, searched):
    """The `/` box above the key bar, with what was typed and how many matches it has."""
    app = ReaderApp(library=seed_library)

    async def search(pilot) -> None:
        await settled(pilot)
        await pilot.press("slash", *"security")
        await searched(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=search)
