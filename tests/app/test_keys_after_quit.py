"""Keys typed right after q, in the same burst (a paste, or the next shell command typed
at once), do nothing: before, `q o` opened the links dialog while the app was quitting
(a traceback), and `q H` opened the claims list instead of quitting (walk13, #14)."""

from __future__ import annotations

from textual import events

from reader.app import ReaderApp

SIZE = (120, 40)


def burst(app: ReaderApp, keys: list[str]) -> None:
    """Queue every key at once, as the driver does for one read of the terminal."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def assert_q_at_once_quits_cleanly(library, runs: int) -> None:
    """`q` queued before the first frame, `runs` times: the app leaves with status 0."""
    for _ in range(runs):
        app = ReaderApp(library=library)
        async with app.run_test(size=SIZE) as pilot:
            burst(app, ["q"])
            for _ in range(6):
                await pilot.pause()
        assert app.leaving
        assert app.return_code == 0


async def test_keys_typed_after_q_open_nothing_and_the_app_quits(seed_library, settle):
    app = ReaderApp(library=seed_library)
    pushed: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        original = app.push_screen

        def watch(screen, *args, **kwargs):
            pushed.append(type(screen).__name__)
            return original(screen, *args, **kwargs)

        app.push_screen = watch  # type: ignore[method-assign]
        burst(app, ["q", "o", "H", "h"])
        await pilot.pause()
        await pilot.pause()
        assert app.leaving
    assert pushed == []
    assert app.return_code == 0


async def test_q_before_the_side_panes_and_search_box_are_built_quits_cleanly(seed_library):
    """`q` in the first frame's turn, while the claims and notes panes and the hidden search
    box are still being built after it: they are not built into a screen being taken down
    (before: NoMatches or MountError, a traceback and exit status 1)."""
    await assert_q_at_once_quits_cleanly(seed_library, 5)


async def test_q_before_the_library_beside_the_article_is_built_quits_cleanly(small_library):
    """`reader FOLDER` at 120 columns (the library beside the article, its widgets built
    right after the first frame): `q` in that frame's turn quits without building them into
    the screen being taken down (before: NoMatches for its list, a traceback, status 1)."""
    from reader.library import scan_library
    from reader.library_cache import MetadataCache

    cache = MetadataCache.open()
    try:
        scan_library(small_library, cache=cache)  # warm: several articles, known at once
    finally:
        cache.close()
    await assert_q_at_once_quits_cleanly(small_library, 3)
