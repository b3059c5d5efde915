"""The library rows' ✎ counts and progress stay on their own article's row through J/K."""

from __future__ import annotations

from reader.app import ReaderApp


def _row(app, title: str) -> str:
    pane = app.library_pane
    index = next(i for i, e in enumerate(pane.shown) if e.title == title)
    return pane.article_list.item_text(index)


async def test_counts_stay_on_their_rows_through_j_and_k(small_library, settle):
    """Highlight beta, step to alpha and gamma and back: each row keeps its own count."""
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.reading.article_widget().focus()
        await pilot.press("h")
        await settle(app, pilot)
        assert "✎1" in _row(app, "Beta story")
        await pilot.press("J")  # on to alpha (no annotations)
        await settle(app, pilot)
        assert app.title == "Alpha story"
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Alpha story")
        await pilot.press("K", "K")  # back over beta to gamma
        await settle(app, pilot)
        assert app.title == "Gamma story"
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Alpha story") + _row(app, "Gamma story")
        await pilot.press("J")  # beta again
        await settle(app, pilot)
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Gamma story")
