"""While the claims list has the focus, the notes pane shows the highlight under the list's
cursor, the one its keys (a, t, 1-5, x) act on; back in the article, the one under the
article's cursor (claims11 left the notes pane on the article cursor's highlight, so `a` in
the list edited a note the pane did not show)."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.state import ReadingState

TEXT = "Story\n\nFebruary 5, 2024\n\nThe council met today. The bridge opens in May.\n"


async def test_the_notes_pane_follows_the_list_cursor_while_the_list_has_focus(tmp_path, settle):
    (tmp_path / "a.txt").write_text(TEXT)
    app = ReaderApp(library=tmp_path, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        while "The council" not in app.document.text[slice(*app.article_view.cursor_range)]:
            await pilot.press("j")
        await pilot.press("1", "j", "3", "k")  # a claim, then a question; back on the claim
        await pilot.pause()
        notes = app.reading.notes_pane
        assert "The council met today." in notes.text()
        claims = app.reading.claims_pane.claims_list
        claims.focus()
        await pilot.pause()
        rows = [row.exact for row in claims.rows if not isinstance(row, str)]
        claims.cursor = rows.index("The bridge opens in May.")
        await pilot.pause()
        assert "The bridge opens in May." in notes.text()
        assert "The council met today." not in notes.text()
        app.article_view.focus()
        await pilot.pause()
        # The article cursor followed the list (test_claims_list_moves_article.py); back in
        # the article, the pane follows the article's cursor again.
        assert "The bridge opens in May." in notes.text()
        await pilot.press("k")
        await pilot.pause()
        assert "The council met today." in notes.text()
