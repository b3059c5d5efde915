"""A mouse drag in a real terminal: the bytes a terminal sends for press, drag and release
(SGR mouse reporting) select sentences, and 2 highlights them as evidence."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e

FIRST = "Press j now to move the cursor to the next sentence."
SECOND = "Press j again"


def cell(screen: str, words: str) -> tuple[int, int]:
    """1-based (column, row) of `words` on the screen, as mouse reports count them."""
    for row, line in enumerate(screen.splitlines(), start=1):
        if words in line:
            return line.index(words) + 2, row
    raise AssertionError(f"{words!r} is not on the screen:\n{screen}")


def sgr(button: int, column: int, row: int, release: bool = False) -> str:
    return f"\x1b[<{button};{column};{row}{'m' if release else 'M'}"


def test_a_drag_selects_sentences_and_2_highlights_them(reader_session) -> None:
    with reader_session([], size=(160, 40)) as s:
        screen = s.wait_for(SECOND)
        (x0, y0), (x1, y1) = cell(screen, FIRST), cell(screen, SECOND)
        s.type(sgr(0, x0, y0))
        s.type(sgr(32, x0 + 3, y0))  # 32: motion with the button held
        s.type(sgr(32, x1, y1))
        s.type(sgr(0, x1, y1, release=True))
        s.wait_for("Selecting (v/Esc ends)")
        before = s.wait_stable(ansi=True)
        s.press("2")
        s.wait_for_change(before, ansi=True)
        s.press("q")
        assert s.exit_status() == 0
        tutorial = s.data_home / "margin-reader" / "library" / "start-here.md"
    sidecar = tutorial.with_name(tutorial.name + ".annotations.json")
    (highlight,) = json.loads(sidecar.read_text(encoding="utf-8"))["annotations"].values()
    assert highlight["category"] == "evidence"
    exact = highlight["target"]["selector"][0]["exact"]
    assert exact.startswith(FIRST + " " + SECOND)
    assert exact.endswith("one sentence.") and "arrow keys" not in exact
