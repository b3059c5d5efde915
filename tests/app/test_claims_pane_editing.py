"""The claims pane is a place to edit claims (issue 14.9): with the list focused, 1-5, t, a,
x, s, u and h act on the highlight under the list's cursor (not the article's), j/k move
between them, and the key bar and the help list those keys. What a key did shows whole
(issue 14.10): in the key bar where it fits, else as a notification, at 80 columns too."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from pathlib import Path

from test_annotation_ui import record_notices
from test_claim_keys import stored

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.screens.annotation_dialogs import TagsScreen
from reader.screens.claim_dialogs import EvidenceScreen, LibraryClaimsScreen, VerdictScreen
from reader.screens.help import HelpScreen
from reader.widgets.claims_pane import ClaimsList, ClaimsPane
from reader.widgets.key_bar import KeyBar
from reader.widgets.note_editor import NoteEditor

SENTENCES = ["First claim here.", "Second claim here.", "Third claim here.", "A plain one."]
ARTICLE = "Three highlights\n\n" + " ".join(SENTENCES) + "\n"


def three_highlights(folder: Path) -> Path:
    """An article whose first three sentences are claims in its sidecar."""
    folder.mkdir(exist_ok=True)
    article = folder / "three.txt"
    article.write_text(ARTICLE, "utf-8")
    store = AnnotationStore.open(load_document(article))
    for quote in SENTENCES[:3]:
        start = store.document.text.index(quote)
        store.add(start, start + len(quote))
    store.close()
    return article


@asynccontextmanager
async def reading(tmp_path: Path, settle, size: tuple[int, int], cursor: int | None = None):
    """(app, pilot) on the article of `three_highlights`, settled, the article cursor on
    sentence `cursor` if given."""
    article = three_highlights(tmp_path / "lib")
    app = ReaderApp(library=article.parent, article=article)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        if cursor is not None:
            app.article_view.move_cursor_to_offset(app.document.text.index(SENTENCES[cursor]))
        yield app, pilot


def categories(app) -> list[str]:
    return [ann.category for ann in app.annotations.store.annotations]


async def into_claims(app, pilot, settle) -> ClaimsList:
    await settle(app, pilot)
    claims_list = app.reading.query_one(ClaimsList)
    for _ in range(4):  # Tab from the article (past the library where it shows)
        if app.focused is claims_list:
            break
        await pilot.press("tab")
    assert app.focused is claims_list
    return claims_list


async def test_keys_in_the_claims_list_edit_the_claim_under_its_cursor(tmp_path, settle):
    # The article cursor on the third claim: the list's keys must not act on it.
    async with reading(tmp_path, settle, (200, 50), cursor=2) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        assert claims_list.cursor == 0
        await pilot.press("4")
        await pilot.pause()
        assert categories(app) == ["disputed", "claim", "claim"]
        bar = app.reading.query_one(KeyBar)
        assert bar.message == "Changed to Disputed"
        await pilot.press("j", "x")
        await pilot.pause()
        assert [a.exact for a in app.annotations.store.annotations] == [
            SENTENCES[0],
            SENTENCES[2],
        ]
        assert bar.message == "Deleted the Claim highlight (u undoes)"
        assert app.focused is claims_list  # the list keeps the focus
        await pilot.press("u")
        await pilot.pause()
        assert len(app.annotations.store.annotations) == 3
        assert claims_list.cursor_annotation.exact == SENTENCES[1]
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"economy", "enter")
        await pilot.pause()
        assert app.annotations.store.annotations[1].tags == ["economy"]
        assert app.focused is claims_list
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, NoteEditor)
        await pilot.press(*"checked", "escape")
        await pilot.pause()
        assert app.annotations.store.annotations[1].note == "checked"
        assert app.focused is claims_list  # Esc comes back to the list
        await pilot.press("down", "5")
        await pilot.pause()
        assert categories(app) == ["disputed", "claim", "quote"]
        await pilot.press("up", "up", "h")
        await pilot.pause()
        assert bar.message == "Already highlighted as Disputed"
        assert len(app.annotations.store.annotations) == 3
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.annotations.flush()
    saved = stored(tmp_path / "lib" / "three.txt")
    assert [(a.category, a.tags, a.note) for a in saved] == [
        ("disputed", [], ""),
        ("claim", ["economy"], "checked"),
        ("quote", [], ""),
    ]


async def test_the_list_keys_show_in_the_key_bar_and_the_help(tmp_path, settle):
    async with reading(tmp_path, settle, (200, 50)) as (app, pilot):
        await into_claims(app, pilot, settle)
        await pilot.pause()
        text = app.reading.query_one(KeyBar).text
        for item in ("j/k Move", "1–5 Category", "t Tags", "a Note", "x Delete", "u Undo"):
            assert item in text, text
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-body Static").render())
        assert "Highlights pane" not in help_text and "Highlights filter" not in help_text
        pane = help_text[help_text.index("Claims pane") :]
        pane = pane[: pane.index("\n\n")]
        rows = {
            description: set(keys.split(", "))
            for keys, description in (
                re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in pane.splitlines()[1:]
            )
        }
        assert rows["Next highlight"] == {"j", "↓"} and rows["Previous highlight"] == {"k", "↑"}
        for keys, description in (
            ("4", "Disputed"),
            ("t", "Tags"),
            ("a", "Note"),
            ("x", "Delete"),
            ("u", "Undo"),
        ):
            assert rows[description] == {keys}, pane


async def test_x_off_the_list_says_so(tmp_path, settle):
    async with reading(tmp_path, settle, (120, 40)) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        notices = record_notices(app)
        await pilot.press("slash", *"nothing-matches", "enter")  # Enter stays in the filter
        await pilot.click("#claims-list")  # the empty list
        await pilot.pause()
        assert app.focused is claims_list and claims_list.cursor_annotation is None
        await pilot.press("x")
        await pilot.pause()
        assert len(app.annotations.store.annotations) == 3
        assert notices == ["No highlight at the cursor: h highlights the sentence first"]


async def test_a_deletion_message_shows_whole_at_120_and_80_columns(tmp_path, settle):
    article = three_highlights(tmp_path / "lib")
    for width in (120, 80):
        app = ReaderApp(library=article.parent, article=article)
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(app, pilot)
            app.article_view.move_cursor_to_offset(app.document.text.index(SENTENCES[0]))
            await pilot.press("x")
            await pilot.pause()
            message = "Deleted the Claim highlight (u undoes)"
            strips = app.screen._compositor.render_strips()
            assert any(message in strip.text for strip in strips), width
            await pilot.press("u")
            await pilot.pause()


async def test_an_overlap_message_shows_whole_at_80_columns(tmp_path, settle):
    """`v j h` over a claim: a message the key bar holds shows there whole (the walkthrough
    saw `Highlighted; overlaps the Claim high…` in the claims title)."""
    async with reading(tmp_path, settle, (80, 30), cursor=2) as (app, pilot):
        await pilot.press("v", "j", "h")  # the third claim and the plain sentence
        await pilot.pause()
        message = f"Highlighted; overlaps the Claim highlight “{SENTENCES[2]}”"
        assert app.reading.query_one(KeyBar).message == message
        assert any(message in strip.text for strip in app.screen._compositor.render_strips())


async def test_a_message_too_long_for_the_key_bar_is_a_whole_notification(tmp_path, settle):
    long = "The administration has told the committee that the guarantees depend on the vote."
    (tmp_path / "lib").mkdir()
    article = tmp_path / "lib" / "long.txt"
    article.write_text(f"Title\n\n{long} A second sentence follows here.\n", "utf-8")
    store = AnnotationStore.open(load_document(article))
    start = store.document.text.index(long)
    store.add(start, start + len(long))
    store.close()
    app = ReaderApp(library=article.parent, article=article)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        app.article_view.move_cursor_to_offset(start)
        await pilot.press("v", "j", "h")
        await pilot.pause()
        assert app.reading.query_one(KeyBar).message is None  # 85 characters: no room
        await pilot.pause(0.2)  # the toast shows
        # The toast's lines, each after its left edge mark, as one text
        strips = app.screen._compositor.render_strips()
        shown = " ".join(s.text.partition("▌")[2] for s in strips if "▌" in s.text)
        message = "Highlighted; overlaps the Claim highlight “The administration has told the"
        assert f"{message} committ…”" in " ".join(shown.split())


async def test_the_filter_placeholder_fits_and_the_help_explains_the_syntax(tmp_path, settle):
    async with reading(tmp_path, settle, (80, 30)) as (app, pilot):
        await pilot.press("C")  # the claims column, hidden at 80 columns
        claims_list = await into_claims(app, pilot, settle)
        await pilot.press("slash")
        await pilot.pause()
        field = app.reading.query_one("#claims-filter")
        assert len(field.placeholder) < field.content_region.width  # shown whole
        assert "c: e: q: d: k:" in field.placeholder
        await pilot.press(*"dispu")
        await pilot.pause()
        assert claims_list.rows == []  # no disputed highlight yet
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("4", "slash", *"dispu")  # the first one disputed
        await pilot.pause()
        assert [a.category for a in claims_list.rows] == ["disputed"]
        assert app.reading.query_one(ClaimsPane).query_text == "dispu"
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body Static")
        text = str(body.render())
        legend = text[text.index("Filtering highlights") :].splitlines()
        assert any("c: e: q: d: k:" in line for line in legend)
        assert any("#econ" in line for line in legend)
        assert any("dispu" in line for line in legend)
        assert any("ref:" in line for line in legend)
        assert max(map(len, legend)) <= body.content_size.width  # none wraps at 80 columns


async def test_the_key_bar_message_is_readable_in_every_theme(tmp_path, settle):
    from test_themes import contrast

    async with reading(tmp_path, settle, (120, 30)) as (app, pilot):
        bar = app.reading.query_one(KeyBar)
        low = []
        for theme in sorted(app.available_themes):
            if theme.startswith("ansi"):
                continue
            app.theme = theme
            await pilot.pause()
            assert bar.say("Deleted the Claim highlight (u undoes)")  # (it lasts 5 seconds)
            segment = bar.render_line(0)._segments[0]
            assert segment.text.strip() == bar.message
            fg, bg = segment.style.color, segment.style.bgcolor
            ratio = contrast(tuple(fg.get_truecolor()), tuple(bg.get_truecolor()))
            if ratio < 3:
                low.append((theme, round(ratio, 2)))
        assert not low


async def test_the_library_claims_and_evidence_placeholders_show_whole_at_80(tmp_path, settle):
    async with reading(tmp_path, settle, (80, 24), cursor=0) as (app, pilot):
        for key, dialog in (("H", LibraryClaimsScreen), ("l", EvidenceScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, dialog)
            field = app.screen.query_one("#finder-input")
            assert 0 < len(field.placeholder) < field.content_region.width, dialog
            await pilot.press("escape")
            await pilot.pause()
