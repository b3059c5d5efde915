"""A key typed after the Esc that closes the note editor, in the same burst (a paste, a
macro, tmux send-keys), is the article's, never the note's: it was handed to the editor
while the editor had not yet taken the Esc, and saved into the note."""

from __future__ import annotations

from test_annotation_ui import to_sentence
from test_typed_bursts import burst
from textual import events

from reader.app import ReaderApp


async def test_a_key_after_the_escape_that_closes_the_note_is_not_in_the_note(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        [highlight] = app.annotations.store.annotations
        burst(app, "ahi")
        app.post_message(events.Key("escape", "\x1b"))
        burst(app, "jx")
        await settle(app, pilot)
        assert [a.note for a in app.annotations.store.annotations] == ["hi"]
        assert app.annotations.store.get(highlight.id) is not None
        assert app.focused is app.article_view
