"""A highlight added, replaced or removed reaches the claims list in the same turn as the
article's highlight (one frame, not two), and repaints only the list lines on screen whose
row changed: a row added below the screen repaints no line, only the title's counts."""

from __future__ import annotations

import re
from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.widgets.claims_pane import ClaimsList

SENTENCES = 60
ARTICLE = "Numbered sentences\n\n" + "\n\n".join(
    f"Sentence number {i} says something plain." for i in range(SENTENCES)
)


def highlighted(tmp_path: Path, first: int) -> Path:
    """The article with sentences [first, SENTENCES) highlighted in its sidecar."""
    article = tmp_path / "numbers.txt"
    article.write_text(ARTICLE, "utf-8")
    store = AnnotationStore.open(load_document(article))
    for i in range(first, SENTENCES):
        quote = f"Sentence number {i} says something plain."
        start = store.document.text.index(quote)
        store.add(start, start + len(quote))
    store.close()
    return article


def claimed(claims) -> int:
    """How many claims the pane's title counts (by name where wide, else by letter)."""
    title = claims.title_text
    found = re.search(r"\bClaim (\d+)|\bC(\d+) ", title)
    assert found is not None, title
    return int(found.group(1) or found.group(2))


def spy_lines(monkeypatch) -> list[tuple[str, int]]:
    """Record every line repaint the claims list asks for (and a whole repaint as -1)."""
    calls: list[tuple[str, int]] = []
    refresh_lines, refresh_line = ClaimsList.refresh_lines, ClaimsList.refresh_line

    def lines(self, y_start: int, line_count: int = 1) -> None:
        calls.append(("lines", y_start))
        refresh_lines(self, y_start, line_count)

    def line(self, y: int) -> None:
        calls.append(("line", y))
        refresh_line(self, y)

    monkeypatch.setattr(ClaimsList, "refresh_lines", lines)
    monkeypatch.setattr(ClaimsList, "refresh_line", line)
    return calls


async def test_h_reaches_the_claims_list_in_the_same_turn(tmp_path: Path, settle):
    app = ReaderApp(library=tmp_path, article=highlighted(tmp_path, SENTENCES - 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        claims = app.reading.claims_pane
        assert len(claims.claims_list.rows) == 2
        app.reading.action_highlight()  # no pause: nothing is left for a later frame
        rows = claims.claims_list.rows
        assert len(rows) == 3 and rows[0].exact.startswith("Numbered sentences")
        assert claimed(claims) == 3
        assert claims.claims_list.current_id == rows[0].id


async def test_a_row_added_below_the_screen_repaints_no_line(tmp_path: Path, settle, monkeypatch):
    app = ReaderApp(library=tmp_path, article=highlighted(tmp_path, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        claims = app.reading.claims_pane
        listed = claims.claims_list
        height = listed.size.height
        assert 0 < height < SENTENCES
        await pilot.press("G")  # the article's last sentence: highlighted already
        await pilot.press("x")  # its row (far below the list's screen) goes
        await pilot.pause()
        assert len(listed.rows) == SENTENCES - 1
        calls = spy_lines(monkeypatch)
        await pilot.press("h")
        await pilot.pause()
        assert len(listed.rows) == SENTENCES
        assert not [c for c in calls if c[0] == "lines"]  # the rows on screen are the same
        # The current mark is on no row on screen either way: no line repaints for it.
        assert listed.current_id == listed.rows[-1].id and not calls
        assert claimed(claims) == SENTENCES


async def test_a_row_added_on_screen_repaints_from_its_line(tmp_path: Path, settle, monkeypatch):
    app = ReaderApp(library=tmp_path, article=highlighted(tmp_path, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        listed = app.reading.claims_pane.claims_list
        view = app.article_view
        first = listed.rows[0]
        view.move_cursor_to_offset(first.start)
        await pilot.pause()
        calls = spy_lines(monkeypatch)
        await pilot.press("k")  # the sentence before the first highlighted one
        await pilot.pause()
        assert ("line", 0) in calls  # the current mark leaves row 0
        calls.clear()
        await pilot.press("h")
        await pilot.pause()
        assert listed.rows[1] is first
        assert ("lines", 0) in calls  # every row on screen moved down one
        lines = ["".join(segment.text for segment in listed.render_line(y)) for y in range(2)]
        assert "Sentence number 0 " in lines[0] and "Sentence number 1 " in lines[1]
