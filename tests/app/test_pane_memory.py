"""Issue 14: pane visibility is remembered across runs, and at 200 columns the panes use the
width (they were 30 and 40 columns whatever the terminal)."""

from __future__ import annotations

import json

from reader.app import ReaderApp
from reader.state import ReadingState


async def test_panes_hidden_or_shown_with_L_and_C_come_back_so(small_library, settle):
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(app, pilot)
        assert app.reading.side_shown and not app.reading.library_shown  # by the width
        await pilot.press("C")  # hide the claims/notes column
        await pilot.pause()
        assert not app.reading.side_shown
        app.save_everything()
    saved = json.loads(ReadingState.load().path.read_text())
    assert saved["prefs"]["panes"] == {"library": None, "side": False}

    again = ReaderApp(library=small_library)
    async with again.run_test(size=(110, 40)) as pilot:
        await settle(again, pilot)
        assert not again.reading.side_shown
        again.reading.focus_article()
        await pilot.press("L")  # show the library: remembered too
        await pilot.pause()
        assert again.reading.library_shown
        again.save_everything()

    third = ReaderApp(library=small_library)
    async with third.run_test(size=(110, 40)) as pilot:
        await settle(third, pilot)
        assert third.reading.library_shown and not third.reading.side_shown


def test_bad_pane_prefs_are_left_to_the_width(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"prefs": {"panes": {"library": "yes", "side": 1}}}))
    state = ReadingState.load(path)
    assert (state.library_pane, state.side_pane) == (None, None) and state.problem is None


async def test_at_200_columns_the_panes_are_wider(small_library, settle):
    widths = {}
    for width in (160, 200):
        app = ReaderApp(library=small_library)
        async with app.run_test(size=(width, 50)) as pilot:
            await settle(app, pilot)
            screen = app.reading
            assert screen.library_shown and screen.side_shown
            library = screen.query_one("#library").outer_size.width
            side = screen.query_one("#side").outer_size.width
            article = screen.query_one("#article").outer_size.width
            widths[width] = (library, side, article)
    assert widths[160][:2] == (30, 40)
    library, side, article = widths[200]
    assert library > 30 and side > 40 and article >= 100
