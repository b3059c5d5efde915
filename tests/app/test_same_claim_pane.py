"""Pilot tests: the same claim elsewhere in the notes pane (a sentence of another article,
highlighted by nobody, found in a worker through the library's text index; f goes there), and
the evidence finder leaving the claim itself out."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.library_search import fts5_missing
from reader.screens.claim_dialogs import EvidenceScreen, FollowScreen
from reader.screens.same_claim import clipped

SIZE = (160, 45)
CLAIM = "The river bridge will close for repairs in March, the transport minister said."
ARTICLES = {
    "alpha.txt": f"Alpha story\n\nJanuary 3, 2021\n\n{CLAIM}\n",
    "beta.txt": "Beta story\n\nJanuary 4, 2021\n\nTraffic was light. The transport minister "
    "said the river bridge will close for urgent repairs in March. Drivers shrugged.\n",
    "gamma.txt": "Gamma story\n\nJanuary 5, 2021\n\nThe harbour froze for the first time.\n",
}


async def wait_for(pilot, test, tries: int = 200) -> None:
    for _ in range(tries):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, "utf-8")
    return root


async def _highlight_the_claim(app, pilot, settle) -> None:
    """Alpha open, its claim highlighted (h)."""
    await settle(app, pilot)
    view = app.reading.article_view
    view.move_cursor_to_offset(view.document.text.index("The river bridge"))
    await pilot.pause()
    await pilot.press("h")


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_the_notes_pane_shows_the_same_claim_elsewhere_and_f_goes_there(library, settle):
    app = ReaderApp(library=library, article=library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await _highlight_the_claim(app, pilot, settle)
        pane = app.reading.notes_pane
        await wait_for(pilot, lambda: "Same claim in 1 other article" in pane.text())
        text = pane.text()
        assert "Beta story" in text and "urgent" in text
        assert "Gamma" not in text
        # the differing word stands out (underlined) in the pane
        rendered = pane._render_text()
        urgent = rendered.plain.index("urgent")
        assert any(
            span.start <= urgent < span.end and "underline" in str(span.style)
            for span in rendered.spans
        )
        # a theme switch draws the pane again, with all it said
        app.theme = "nord"
        await wait_for(pilot, lambda: pane._shown is not None and "nord" == app.theme)
        await pilot.pause()
        assert "Same claim in 1 other article (f goes there)" in pane.text()
        assert "Source: the transport minister (named)" in pane.text()
        # f: the one place to go is that sentence of beta
        await pilot.press("f")
        beta = (library / "beta.txt").resolve()
        await wait_for(pilot, lambda: app.article_path == beta)
        await wait_for(pilot, lambda: app.reading.article_view.document.path == str(beta))
        view = app.reading.article_view
        start = view.document.text.index("The transport minister said")
        await wait_for(
            pilot, lambda: view.cursor_range is not None and view.cursor_range[0] == start
        )


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_f_lists_evidence_and_the_same_claim_elsewhere(library, settle):
    app = ReaderApp(library=library, article=library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await _highlight_the_claim(app, pilot, settle)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceScreen))
        await pilot.press(*"https://example.org/report", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, EvidenceScreen))
        pane = app.reading.notes_pane
        await wait_for(pilot, lambda: "Same claim in 1 other article" in pane.text())
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowScreen))
        rows = [str(app.screen.query_one("#follow-list").get_option_at_index(i).prompt)
                for i in range(2)]  # fmt: skip
        assert "example.org/report" in rows[0]
        assert rows[1].startswith("Same claim: “The transport minister said") and "Beta" in rows[1]


async def test_the_evidence_finder_leaves_the_claim_itself_out(library, settle):
    app = ReaderApp(library=library, article=library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.open_article(library / "beta.txt")
        await settle(app, pilot)
        await pilot.press("h")  # beta's first sentence: a highlight elsewhere
        await pilot.pause()
        app.reading.annotations.flush()
        app.open_article(library / "alpha.txt")
        await _highlight_the_claim(app, pilot, settle)
        claim = app.reading.annotation_under_cursor()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceScreen))
        await wait_for(pilot, lambda: app.screen.claims)
        assert claim.id in {c.annotation.id for c in app.screen.claims}  # read, then left out
        assert [c.name for c in app.screen.shown] == ["beta.txt"]
        assert claim.id not in {c.annotation.id for c in app.screen.listed}


def test_a_long_sentence_elsewhere_is_clipped_on_one_line() -> None:
    parts = [("The minister\nsaid ", False), ("inflation", True), (" fell " * 20, False)]
    assert clipped(parts, 500) == (("The minister said ", False), ("inflation", True),
                                   (" fell " * 20, False))  # fmt: skip
    short = clipped(parts, 24)
    assert short == (("The minister said ", False), ("infla…", True))
    assert sum(len(text) for text, _ in short) == 24


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_the_open_article_is_indexed_as_shown_not_read_again(library, settle, monkeypatch):
    import reader.library_search as search

    read: list[str] = []
    original = search.read_article  # read whole (the open one has only its head read)

    def spy(path):
        read.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(search, "read_article", spy)
    app = ReaderApp(library=library, article=library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await _highlight_the_claim(app, pilot, settle)
        pane = app.reading.notes_pane
        await wait_for(pilot, lambda: "Same claim in 1 other article" in pane.text())
        assert sorted(read) == ["beta.txt", "gamma.txt"]


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_workers_given_the_article_are_not_described_by_a_repr_of_it(
    library, settle, monkeypatch
):
    """Textual describes a worker by a repr of its arguments unless told otherwise: the
    search's folding and the same-claim lookup are given the whole text, which must not be
    copied into a description on every search and highlight."""
    from textual.worker import Worker

    descriptions: list[str] = []
    original = Worker.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        descriptions.append(self.description)

    monkeypatch.setattr(Worker, "__init__", spy)
    app = ReaderApp(library=library, article=library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await _highlight_the_claim(app, pilot, settle)
        await wait_for(
            pilot, lambda: "Same claim in 1 other article" in app.reading.notes_pane.text()
        )
        await pilot.press("slash", "r", "i", "v")
        await wait_for(pilot, lambda: "search: folding the text" in descriptions)
        assert "same claim elsewhere" in descriptions
        assert not [d for d in descriptions if "bridge will close" in d]
