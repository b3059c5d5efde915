"""The export dialog (E) opens in the middle of the screen, as the other dialogs do (#14
walkthrough: it was pinned to the top-left corner)."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.screens.export_dialog import ExportScreen


async def test_the_export_dialog_is_centred(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        box = app.screen.query_one("#export-dialog").region
        left, right = box.x, 120 - box.right
        top, bottom = box.y, 40 - box.bottom
        assert abs(left - right) <= 1 and left > 5, box
        assert abs(top - bottom) <= 1 and top > 2, box
