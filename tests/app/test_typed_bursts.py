"""A key pressed off a highlight never makes one, even in a burst of keys as a terminal
delivers them (several in one read, queued before any is handled): #14.8, where `t` then
`ax` made a claim with `a`, then `x` deleted it while the note editor opened, and the note
typed there was lost. `a`, like `t`, only says that `h` highlights first."""

from __future__ import annotations

from textual import events

from reader.app import ReaderApp

SIZE = (120, 40)


def burst(app: ReaderApp, keys: str) -> None:
    """Queue every key at once, as the driver does for one read of the terminal."""
    for key in keys:
        app.post_message(events.Key(key, key))


async def test_a_and_t_off_a_highlight_only_say_so(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        burst(app, "tax")
        await pilot.pause()
        await pilot.pause()
        assert app.annotations.store.annotations == []
        said = [n.message for n in app._notifications]
        assert said.count("No highlight at the cursor: h highlights the sentence first") >= 2
        assert app.focused is app.article_view
