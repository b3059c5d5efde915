"""The notes pane quotes a highlight without doubling the article's own quotation marks
(#14.11: `““They stop each time…” the official said.”`)."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.widgets.notes_pane import NotesPane

SIZE = (120, 40)


async def test_a_quote_with_its_own_quotation_marks_is_not_doubled(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        while not app.document.text[slice(*app.article_view.cursor_range)].startswith("“They"):
            await pilot.press("j")
        await pilot.press("5")
        await pilot.pause()
        text = app.reading.query_one(NotesPane).text()
        assert "‘“They stop each time the security guarantees can be signed,” the official" in text
        assert "““" not in text
