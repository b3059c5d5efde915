"""A sentence elsewhere that runs over lines of its article (a Markdown paragraph with hard
line breaks) shows as one line with spaces, in the notes pane and in f's follow list, not with
`␊` (issue 17 follow-up); a real control character in it is still shown as a visible symbol."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_same_claim_pane import CLAIM, wait_for

from reader.app import ReaderApp
from reader.claims.same_claim import Echo
from reader.library_search import fts5_missing
from reader.screens.claim_dialogs import FollowScreen
from reader.screens.same_claim import wording_on_one_line

SIZE = (160, 45)
ARTICLES = {
    "alpha.txt": f"Alpha story\n\nJanuary 3, 2021\n\n{CLAIM}\n",
    # hard line breaks (two spaces at a line's end) keep the lines of the sentence apart
    "beta.md": "# Beta story\n\nTraffic was light on the coast road this morning.  \n"
    "The transport minister said the river bridge  \nwill close for urgent repairs in\\\n"
    "March.\n",
}
WRAPPED = "The transport minister said the river bridge will close for urgent repairs in March."


def test_the_wording_of_a_wrapped_sentence_is_one_line() -> None:
    sentence = "The minister\n    said the bridge \t\n will close\x07 in\r March."
    echo = Echo(Path("beta.txt"), "Beta", 0, sentence, 90.0)
    parts = wording_on_one_line(echo, "The minister said the bridge will close in March.")
    text = "".join(part for part, _ in parts)
    assert text == "The minister said the bridge will close\u2407 in\u240d March."
    assert [part for part, differs in parts if differs] == []
    differing = [p for p, d in wording_on_one_line(echo, "the bridge") if d]
    assert differing == ["minister said", "will close␇ in␍ March"]


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_the_pane_and_the_follow_list_show_a_wrapped_sentence_on_one_line(
    tmp_path: Path, settle
) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, "utf-8")
    app = ReaderApp(library=root, article=root / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.reading.article_view
        view.move_cursor_to_offset(view.document.text.index("The river bridge"))
        await pilot.pause()
        await pilot.press("h")
        pane = app.reading.notes_pane
        await wait_for(pilot, lambda: "Same claim in 1 other article" in pane.text())
        assert WRAPPED in pane.text()
        # f's list, as f shows it when there is more than one place to go
        echoes = app.screen.echoes_of(app.reading.annotation_under_cursor())
        await app.push_screen(FollowScreen([], echoes, CLAIM))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowScreen))
        row = str(app.screen.query_one("#follow-list").get_option_at_index(0).prompt)
        assert "\u240a" not in row
        assert f"“{WRAPPED}”" in row
