"""f's follow list quotes a sentence elsewhere as the notes pane does (`quoted`): a sentence
with double marks of its own was wrapped in more, `““They stop…” the official said”`."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from reader.claims.same_claim import Echo
from reader.screens.claim_dialogs import FollowScreen

CLAIM = "They stop each time at the border, the official said."
SENTENCE = "“They stop every time at the border,” the official said."


async def follow_row(sentence: str) -> tuple[str, list[str]]:
    """The follow list's row for `sentence` elsewhere: its text and its underlined words."""
    app = App()
    async with app.run_test(size=(120, 20)) as pilot:
        echo = Echo(Path("beta.txt"), "Beta story", 0, sentence, 90.0)
        await app.push_screen(FollowScreen([], [echo], CLAIM))
        await pilot.pause()
        row = app.screen.query_one("#follow-list").get_option_at_index(0).prompt
        underlined = [row.plain[s.start : s.end] for s in row.spans if s.style == "underline"]
        return row.plain, underlined


async def test_a_sentence_with_its_own_double_marks_is_not_wrapped_in_more() -> None:
    row, underlined = await follow_row(SENTENCE)
    assert row == f"Same claim: ‘{SENTENCE}’  — Beta story"
    assert underlined == ["every"]


async def test_a_plain_sentence_is_still_in_double_marks() -> None:
    row, underlined = await follow_row("They stop every time at the border, officials said.")
    assert row == "Same claim: “They stop every time at the border, officials said.”  — Beta story"
    assert underlined == ["every", "officials"]
