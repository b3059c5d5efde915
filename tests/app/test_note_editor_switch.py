"""A note being written when the article changes under the editor (the open prompt's fetch
finishing, the start correcting to the newest article) is saved in its own article, never in
the next one (review of the merged session: `A`, typing, then another article opening wrote
"note for b" as a.txt's article note and kept nothing for b.txt)."""

from __future__ import annotations

import json

from reader.annotations.sidecar_file import sidecar_path_for
from reader.app import ReaderApp
from reader.state import ReadingState


def article_note(path) -> str | None:
    sidecar = sidecar_path_for(path)
    if not sidecar.exists():
        return None
    return json.loads(sidecar.read_text())["meta"]["1"].get("article_note")


async def test_the_note_is_saved_in_the_article_it_was_written_for(tmp_path, settle, two_stories):
    lib = two_stories
    app = ReaderApp(library=lib, article=lib / "b.txt", state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("A", *"note for b")
        app.open_article(lib / "a.txt")
        await settle(app, pilot)
        await pilot.pause(0.7)  # past the editor's save after a pause in typing
        app.annotations.flush(timeout=1)
    assert article_note(lib / "b.txt") == "note for b"
    assert article_note(lib / "a.txt") in (None, "")
