"""SVG snapshots of the app shell (seed article in the temp sample library, isolated state).

Regenerate after an intended visual change with `pytest tests/app --snapshot-update`, then
look at the SVGs.
"""

from __future__ import annotations

from reader.app import ReaderApp


async def _settled(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    for _ in range(100):  # the claims and notes panes are built after the first frame
        if app.reading.side_ready and app.annotating._pending is None:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def test_seed_article_120x40(snap_compare, seed_library):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)


def test_seed_article_80x24(snap_compare, seed_library):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_seed_article_160x40_three_columns(snap_compare, seed_library):
    app = ReaderApp(library=seed_library)
    assert snap_compare(app, terminal_size=(160, 40), run_before=_settled)


def test_help_screen(snap_compare, seed_library):
    app = ReaderApp(library=seed_library)

    async def open_help(pilot) -> None:
        await _settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_help)
