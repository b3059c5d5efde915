"""Pilot tests of the claim keys: s (verdict), l (evidence), f (follow), H (library claims)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.export.markdown import render_markdown
from reader.screens.claim_dialogs import EvidenceScreen, LibraryClaimsScreen, VerdictScreen

SIZE = (120, 40)


def stored(article: Path):
    store = AnnotationStore.open(load_document(article), read_only=True)
    try:
        return store.annotations
    finally:
        store.close()


async def wait_for(pilot, test, tries: int = 50) -> None:
    for _ in range(tries):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def test_verdict_evidence_follow_and_library_claims(small_library, settle):
    alpha, beta = small_library / "alpha.txt", small_library / "beta.txt"
    app = ReaderApp(library=small_library, article=beta)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")  # a claim in beta
        await pilot.pause()
        app.reading.annotations.flush()
        app.open_article(alpha)
        await settle(app, pilot)
        await pilot.press("h")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        await pilot.press("4")  # refuted; the rationale box takes focus
        await pilot.press(*"wrong year", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, VerdictScreen))
        ann = app.reading.annotation_under_cursor()
        assert (ann.status, ann.rationale) == ("refuted", "wrong year")
        assert "Verdict: Refuted — wrong year" in app.reading.notes_pane.text()
        # l: find beta's claim in the library and link it
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceScreen))
        await wait_for(pilot, lambda: app.screen.claims)
        await pilot.press(*"beta", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, EvidenceScreen))
        ann = app.reading.annotation_under_cursor()
        [link] = ann.evidence
        assert link.source == "beta.txt" and "Beta" in link.quote
        # f follows it: beta opens with the cursor on the linked highlight
        await pilot.press("f")
        await wait_for(pilot, lambda: app.article_path == beta.resolve())
        await wait_for(pilot, lambda: app.reading.annotation_under_cursor() is not None)
        assert app.reading.annotation_under_cursor().id == link.id
        # H: every claim of the library; filtering by status and Enter goes back to alpha
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        await wait_for(pilot, lambda: len(app.screen.claims) == 2)
        await pilot.press(*"ref:")
        await wait_for(pilot, lambda: len(app.screen.shown) == 1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.article_path == alpha.resolve())
        await wait_for(pilot, lambda: app.reading.annotation_under_cursor() is not None)
        assert app.reading.annotation_under_cursor().status == "refuted"
    [saved] = stored(alpha)
    assert saved.status == "refuted" and saved.evidence == [link]
    text = render_markdown(load_document(alpha), [saved], source_link="alpha.txt")
    assert "Verdict: **Refuted** — wrong year" in text
    assert "Evidence: “Beta story” (beta.txt)" in text
    assert "Source: none given in the text" in text


async def test_f_off_a_highlight_says_so_as_t_and_a_do(small_library, settle):
    """Off a highlight f says there is none (not that this one has no evidence), in the
    words of t, a and x; on one without links it says that highlight has none."""
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        said: list[str] = []
        notify = app.notify
        app.notify = lambda message, *a, **k: said.append(str(message)) or notify(message, *a, **k)
        await pilot.press("f", "t", "a", "x")
        await pilot.pause()
        assert said == ["No highlight at the cursor: h highlights the sentence first"] * 4
        await pilot.press("h", "f")
        await pilot.pause()
        assert said[4:] == [
            "No evidence linked to this highlight (l links some), no same claim elsewhere"
        ]


async def test_the_verdict_dialog_says_all_it_says_on_a_small_terminal(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "s")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        await pilot.pause()
        shown = shown_title(app.screen)
        assert "Esc cancels" in shown and "Enter saves" in shown


def shown_title(screen) -> str:
    """The dialog's title as it is drawn, its wrapped lines joined."""
    title = screen.query_one(".dialog-title")
    return " ".join(strip.text.strip() for strip in title.render_lines(title.region.reset_offset))


@pytest.mark.parametrize(
    ("key", "screen", "ending"),
    [("l", EvidenceScreen, "Esc cancels)"), ("H", LibraryClaimsScreen, "Esc closes)")],
)
async def test_a_finder_title_is_whole_on_a_small_terminal(
    small_library, settle, key, screen, ending
):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", key)
        await wait_for(pilot, lambda: isinstance(app.screen, screen))
        await pilot.pause()
        assert shown_title(app.screen).endswith(ending)


async def test_the_evidence_finder_does_not_double_a_quotes_own_marks(tmp_path, settle):
    """A highlight holding quotation marks of its own is quoted as the notes pane quotes it
    (`quoted`): `‘“They stop…” the official said.’`, never `““They stop…”`."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "q.txt").write_text(
        "Quotes story\n\nFebruary 5, 2024\n\n“They stop each time,” the official said. "
        "The reports were “totally false,” she said. Nothing more.\n"
    )
    app = ReaderApp(library=lib, article=lib / "q.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for _ in range(4):
            if app.document.text[slice(*app.article_view.cursor_range)].startswith("“They"):
                break
            await pilot.press("j")
        await pilot.press("h", "j", "h", "j", "h", "l")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceScreen))
        await wait_for(pilot, lambda: app.screen.claims)
        await pilot.pause()
        rows = [str(app.screen.prompt(c)) for c in app.screen.shown]
        assert any("‘“They stop each time,” the official said.’" in row for row in rows), rows
        assert any("‘The reports were “totally false,” she said.’" in row for row in rows), rows
        assert not any("““" in row or "””" in row for row in rows), rows
