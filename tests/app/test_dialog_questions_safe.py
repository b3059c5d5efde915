"""A dialog's question names files: their control characters show as symbols, never reach
the terminal (review of the merged session: an article named `e\x1b[2Jvil.txt` put a raw
ESC on screen in the "exists … Overwrite it?" question)."""

from __future__ import annotations

from textual.widgets import Static

from reader.app import ReaderApp
from reader.screens.annotation_dialogs import ConfirmScreen
from reader.state import ReadingState

TEXT = "First story\n\nFebruary 5, 2024\n\nThe council met today. The bridge opens in May.\n"


async def test_the_overwrite_question_shows_a_hostile_name_safely(tmp_path, settle):
    lib = tmp_path / "lib"
    lib.mkdir()
    name = "e\x1b[2Jvil.txt"
    (lib / name).write_text(TEXT)
    (lib / f"{name}.notes.md").write_text("my own file\n")
    app = ReaderApp(library=lib, article=lib / name, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "h", "e")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConfirmScreen)
        drawn = [
            strip.text
            for widget in app.screen.query(Static)
            for strip in widget.render_lines(widget.region.reset_offset)
        ]
        assert any("exists" in line for line in drawn), drawn
        assert not any("\x1b" in line for line in drawn), drawn
