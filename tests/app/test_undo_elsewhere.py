"""Undo is per article, each keeping its history for the session: when there is nothing left
to undo here, the reader says which other article has changes to undo (#14 walkthrough: a
change in one article, J, a change in another, u, u said only "Nothing to undo")."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.state import ReadingState
from reader.widgets.key_bar import KeyBar


def said(app: ReaderApp) -> str:
    """What the reader said last: in the key bar, or a notification when too long for it."""
    shown = [n.message for n in app._notifications]
    return " | ".join([*shown, app.reading.query_one(KeyBar).message or ""])


async def test_nothing_to_undo_here_names_the_article_that_has(tmp_path, settle):
    (tmp_path / "a.txt").write_text("Alpha story\n\nJanuary 3, 2024\n\nAlpha one. Alpha two.\n")
    (tmp_path / "b.txt").write_text("Beta story\n\nFebruary 5, 2024\n\nBeta one. Beta two.\n")
    app = ReaderApp(
        library=tmp_path, article=tmp_path / "b.txt", state=ReadingState(tmp_path / "s.json")
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await pilot.press("J")
        await settle(app, pilot)
        assert app.article_path.name == "a.txt"
        await pilot.press("5", "u")
        await pilot.pause()
        assert len(app.annotations.store) == 0
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo here; changes in b.txt can be undone there" in said(app)
        await pilot.press("K")
        await settle(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert len(app.annotations.store) == 0
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo here; changes in a.txt" not in said(app)
