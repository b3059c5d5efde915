"""Dialogs open in the middle of the screen (#14 walkthrough: the export dialog was pinned
to the top-left corner; so were the unsaved-annotations dialog, the folder question after
it and the note dialog of H's list, over the title bar)."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.screens.annotation_dialogs import FolderScreen, NoteScreen, UnsavedScreen
from reader.screens.export_dialog import ExportScreen


def assert_centred(box) -> None:
    left, right = box.x, 120 - box.right
    top, bottom = box.y, 40 - box.bottom
    assert abs(left - right) <= 1 and left > 5, box
    assert abs(top - bottom) <= 1 and top > 2, box


async def test_the_export_dialog_is_centred(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert_centred(app.screen.query_one("#export-dialog").region)


DIALOGS = {
    "unsaved-dialog": lambda: UnsavedScreen("The annotations of a.txt are not saved."),
    "folder-dialog": lambda: FolderScreen("Save a copy of the annotations in", "/tmp/copies"),
    "note-dialog": lambda: NoteScreen("A note", "The quote"),
}


@pytest.mark.parametrize("dialog", sorted(DIALOGS))
async def test_annotation_dialogs_are_centred(seed_library, settle, dialog):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_dialog(DIALOGS[dialog]())
        await pilot.pause()
        assert_centred(app.screen.query_one(f"#{dialog}").region)
