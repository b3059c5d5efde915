"""What waits for the first frame of an open article: the library pane's remembered order is
applied with the library's listing, after the article is on screen."""

from __future__ import annotations

from textual._compositor import CompositorUpdate

from reader.app import ReaderApp
from reader.state import ReadingState


async def test_remembered_library_order_is_applied_after_the_first_frame(
    small_library, settle, monkeypatch
):
    state = ReadingState()
    state.set_library_sort("title")
    state.save()
    orders: list[str] = []
    original = ReaderApp._display

    def display(self, screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            orders.append(self.library_pane.sort_order)
        return original(self, screen, renderable)

    monkeypatch.setattr(ReaderApp, "_display", display)
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert orders, "no screen update recorded"
        assert orders[0] == "newest"  # the first frame: the article, the pane not yet sorted
        assert app.library_pane.sort_order == "title"
        assert [e.title for e in app.library_pane.shown] == sorted(
            e.title for e in app.library_pane.shown
        )
        assert len(app.library_pane.shown) == 3


async def test_the_library_beside_the_article_is_built_after_the_first_frame(
    small_library, settle, monkeypatch
):
    """The library pane reserves its column in the first frame (the article is laid out at
    its final width) and mounts its title, filter and list right after it, as the claims and
    notes panes do: the first frame of `reader FOLDER` at 120 columns costs no more than at
    110, where no library shows."""
    from reader.library import scan_library
    from reader.library_cache import MetadataCache

    cache = MetadataCache.open()
    try:
        scan_library(small_library, cache=cache)  # warm: the article opens in the first frame
    finally:
        cache.close()
    frames: list[tuple[bool, bool, int]] = []
    original = ReaderApp._display

    def display(self, screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            pane = self.library_pane
            frames.append((pane.display, pane.built, self.article_view.outer_size.width))
        return original(self, screen, renderable)

    monkeypatch.setattr(ReaderApp, "_display", display)
    app = ReaderApp(library=small_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert frames, "no screen update recorded"
        assert frames[0] == (True, False, app.article_view.outer_size.width)
        assert app.library_pane.built and app.reading.library_shown
