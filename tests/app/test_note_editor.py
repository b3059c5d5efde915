"""The note editor's own keys (issue 14): Esc saves, ctrl+g discards the edit, ctrl+c copies
(it used to fall through to Textual's "press ctrl+q to quit" toast over the editor)."""

from __future__ import annotations

from test_annotation_ui import SIZE, to_sentence

from reader.app import ReaderApp
from reader.widgets.key_bar import KeyBar
from reader.widgets.notes_pane import NoteEditor, NotesPane


async def test_ctrl_g_discards_the_edit_even_after_it_was_saved_while_typing(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "a", *"kept", "escape")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert ann.note == "kept"
        await pilot.press("a")
        await pilot.pause()
        bar = app.reading.query_one(KeyBar)
        assert "esc Save note" in bar.text and "^g Discard edit" in bar.text
        assert "ctrl+g discards" in app.reading.query_one(NotesPane).text()
        await pilot.press("end", *" and more")
        await pilot.pause(0.8)  # saved after the pause in typing
        assert app.annotations.store.get(ann.id).note == "kept and more"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.focused is app.article_view
        assert app.annotations.store.get(ann.id).note == "kept"
        assert "kept and more" not in app.reading.query_one(NotesPane).text()
        assert any("discarded" in n.message for n in app._notifications)


async def test_ctrl_c_in_the_editor_copies_and_does_not_offer_to_quit(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "a", *"a note to copy")
        await pilot.pause()
        await pilot.press("ctrl+c")  # nothing selected: the whole note
        await pilot.pause()
        assert app.clipboard == "a note to copy"
        await pilot.press("shift+home", "ctrl+c")  # the selection only
        await pilot.pause()
        assert app.clipboard == "a note to copy"
        await pilot.press("end", "shift+left", "shift+left", "shift+left", "shift+left")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "copy"
        messages = [n.message for n in app._notifications]
        assert not any("quit" in m.lower() for m in messages), messages
        assert any(m.startswith("Copied: a note to copy") for m in messages)
        assert app.is_running and isinstance(app.focused, NoteEditor)
