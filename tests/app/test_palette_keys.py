"""Typing "keys" in the command palette finds the help listing every key (#14 walkthrough:
it found nothing, once Textual's own "Keys" panel had been left out as a duplicate)."""

from __future__ import annotations

from textual.command import CommandList

from reader.app import ReaderApp
from reader.screens.help import HelpScreen


async def test_keys_in_the_palette_opens_the_help(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keys")
        results = app.screen.query_one(CommandList)
        for _ in range(200):  # the palette searches in the background: until its hits show
            if results.option_count:
                break
            await pilot.pause(0.05)
        assert str(results.get_option_at_index(0).prompt).startswith("Help: keys")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
