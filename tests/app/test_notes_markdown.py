"""The notes pane draws notes as Markdown, storing them as typed (issue 14)."""

from __future__ import annotations

from reader.app import ReaderApp


async def test_the_notes_pane_draws_a_highlights_note_as_markdown(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h", "a", *"*no named source* [b]x[/b]", "escape")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert ann.note == "*no named source* [b]x[/b]"  # stored as typed
        shown = app.reading.notes_pane.text()
        assert "no named source [b]x[/b]" in shown and "*no named" not in shown
