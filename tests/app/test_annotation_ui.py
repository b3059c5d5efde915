"""Pilot tests of the annotation UI: highlight keys, claims pane, notes pane, live sidecar."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment

from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.commands import reader_commands
from reader.document.loader import load_document
from reader.export.formats import article_export_path
from reader.export.markdown import MARKER
from reader.screens.annotation_dialogs import ConfirmScreen, TagsScreen
from reader.widgets.claims_pane import (
    ORPHAN_HEADING,
    ClaimsFilter,
    ClaimsList,
    ClaimsPane,
)
from reader.widgets.key_bar import KeyBar
from reader.widgets.notes_pane import NoteEditor, NotesPane

SIZE = (120, 40)


def seed_path(library: Path) -> Path:
    return next(library.glob("*.txt"))


def on_disk(article: Path) -> list[Annotation]:
    """What another process opening the sidecar now would see."""
    store = AnnotationStore.open(load_document(article))
    assert store.problem is None, store.problem
    return store.annotations


def record_notices(app) -> list[str]:
    messages: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        messages.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return messages


def claims_rows(app) -> list:
    return app.reading.query_one(ClaimsList).rows


def row_texts(app) -> list[str]:
    claims = app.reading.query_one(ClaimsList)
    return [
        "".join(seg.text for seg in claims.render_line(y) if isinstance(seg, Segment))
        for y in range(min(len(claims.rows), claims.size.height))
    ]


async def to_sentence(pilot, app, n: int) -> tuple[int, int]:
    """Move the cursor down `n` sentences; the cursor range."""
    for _ in range(n):
        await pilot.press("j")
    await pilot.pause()
    return app.article_view.cursor_range


async def test_h_highlights_the_cursor_sentence_as_a_claim(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        span = await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        store = app.annotations.store
        [ann] = store.annotations
        assert (ann.start, ann.end, ann.category) == (*span, "claim")
        assert ann.exact == app.document.text[span[0] : span[1]]
        assert [(h.start, h.end, h.category) for h in app.article_view.highlights.items] == [
            (*span, "claim")
        ]
        assert app.reading.query_one(ClaimsPane).title_text.startswith("Claims  C1 E0 Q0")
        await pilot.press("h")  # the same range is never stored twice
        await pilot.pause()
        assert len(store.annotations) == 1
        # said in the key bar, not by a toast (a toast lays out the screen)
        bar = app.reading.query_one(KeyBar)
        assert bar.message == "Already highlighted as Claim"
        assert messages == []
        assert not app._notifications
        await pilot.press("j")
        await pilot.pause()
        assert bar.message is None  # gone when the cursor moves
        app.annotations.flush()
        [saved] = on_disk(seed_path(seed_library))
        assert (saved.start, saved.end, saved.exact) == (ann.start, ann.end, ann.exact)


async def test_number_keys_set_the_category_or_highlight(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = await to_sentence(pilot, app, 1)
        await pilot.press("h", "2")  # on a highlight: set its category
        await pilot.pause()
        store = app.annotations.store
        [ann] = store.annotations
        assert (ann.start, ann.end, ann.category) == (*first, "evidence")
        second = await to_sentence(pilot, app, 2)
        await pilot.press("4")  # elsewhere: highlight with that category
        await pilot.pause()
        cats = {(a.start, a.end): a.category for a in store.annotations}
        assert cats == {first: "evidence", second: "disputed"}
        await pilot.press("5", "3", "1")
        await pilot.pause()
        assert store.get(store.at(second[0])[0].id).category == "claim"
        assert len(store.annotations) == 2
        title = app.reading.query_one(ClaimsPane).title_text
        assert "C1 E1 Q0 D0 K0" in title


async def test_selection_then_h_highlights_the_selection(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = await to_sentence(pilot, app, 1)
        await pilot.press("v", "j", "j")
        await pilot.pause()
        last = app.article_view.cursor_range
        await pilot.press("h")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert (ann.start, ann.end) == (first[0], last[1])
        assert app.article_view.selection_range is None


async def test_a_writes_a_note_and_escape_saves_and_returns(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        span = await to_sentence(pilot, app, 1)
        await pilot.press("h", "a")
        await pilot.pause()
        editor = app.focused
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"Is [b]this[/b] sourced?")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.article_view
        [ann] = app.annotations.store.annotations
        assert (ann.start, ann.end) == span
        assert ann.note == "Is [b]this[/b] sourced?"
        assert "Is [b]this[/b] sourced?" in app.reading.query_one(NotesPane).text()
        assert app.article_view.highlights.items[0].has_note
        # a again edits the same note, prefilled.
        await pilot.press("a")
        await pilot.pause()
        assert app.focused.text == "Is [b]this[/b] sourced?"
        await pilot.press("end", *" Yes.", "escape")
        await pilot.pause()
        assert app.annotations.store.get(ann.id).note == "Is [b]this[/b] sourced? Yes."
        app.annotations.flush()
        [saved] = on_disk(seed_path(seed_library))
        assert saved.note == "Is [b]this[/b] sourced? Yes."


async def test_a_note_is_saved_after_a_pause_without_escape(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "a")
        await pilot.press(*"typed")
        await pilot.pause()
        store = app.annotations.store
        [ann] = store.annotations
        assert ann.note == ""  # not yet: the pause has not passed
        await pilot.pause(0.8)
        assert store.get(ann.id).note == "typed"
        assert isinstance(app.focused, NoteEditor)  # still editing


async def test_A_edits_the_article_note(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.focused, NoteEditor)
        await pilot.press(*"Whole piece: *one* source.", "escape")
        await pilot.pause()
        assert app.annotations.store.article_note == "Whole piece: *one* source."
        assert app.annotations.store.annotations == []
        # Stored as typed, shown as Markdown (the emphasis marks drawn as italics).
        assert "Whole piece: one source." in app.reading.query_one(NotesPane).text()


async def test_t_edits_tags_prefilled(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "t")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"war, follow up ,war", "enter")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert ann.tags == ["war", "follow up"]
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#tags-input").value == "war, follow up"
        await pilot.press("x", "escape")  # Esc cancels
        await pilot.pause()
        assert app.annotations.store.get(ann.id).tags == ["war", "follow up"]
        assert any("#war" in text for text in row_texts(app))


async def test_x_deletes_u_undoes_ctrl_r_redoes(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "2")
        await pilot.pause()
        store = app.annotations.store
        await pilot.press("x")
        await pilot.pause()
        assert store.annotations == []
        assert app.article_view.highlights.items == []
        await pilot.press("u")
        await pilot.pause()
        [ann] = store.annotations
        assert ann.category == "evidence"
        assert len(app.article_view.highlights.items) == 1
        await pilot.press("u")  # undo the category change
        await pilot.pause()
        assert store.annotations[0].category == "claim"
        await pilot.press("ctrl+r", "ctrl+r")
        await pilot.pause()
        assert store.annotations == []
        await pilot.press("x")
        await pilot.pause()
        assert any("No highlight at the cursor" in m for m in messages)
        app.annotations.flush()
        assert on_disk(seed_path(seed_library)) == []


async def test_brackets_jump_between_highlights(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = await to_sentence(pilot, app, 1)
        await pilot.press("h")
        third = await to_sentence(pilot, app, 2)
        await pilot.press("h")
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.article_view.cursor_range == first
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.article_view.cursor_range == third
        await pilot.press("right_square_bracket")  # no more: stays
        await pilot.pause()
        assert app.article_view.cursor_range == third
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.article_view.cursor_range == first


async def test_e_exports_the_open_article_from_the_library_pane(seed_library, settle):
    """`e` with the library focused exports the open article's notes, as from the article
    (it used to do nothing and say nothing)."""
    article = seed_path(seed_library)
    target = article_export_path(article, "markdown")
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        app.library_pane.focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "The Trump administration has told Ukraine" in target.read_text(encoding="utf-8")
        assert any(str(target) in m for m in messages)


async def test_e_exports_and_asks_before_overwriting_a_foreign_file(seed_library, settle):
    article = seed_path(seed_library)
    target = article_export_path(article, "markdown")
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "e")
        await pilot.pause()
        text = target.read_text(encoding="utf-8")
        assert text.startswith(MARKER)
        assert "The Trump administration has told Ukraine" in text
        assert any(str(target) in m for m in messages)
        await pilot.press("e")  # ours: overwritten without asking
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        target.write_text("my own file\n", encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my own file\n"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith(MARKER)


async def test_claims_pane_enter_moves_the_article_cursor(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = await to_sentence(pilot, app, 1)
        await pilot.press("h")
        third = await to_sentence(pilot, app, 1)  # past the date line
        await pilot.press("3")
        await pilot.press("g")
        await pilot.pause()
        rows = row_texts(app)
        assert rows[0].startswith(" C   The Trump administration")
        assert rows[1].startswith(" Q   The United States")
        app.reading.query_one(ClaimsPane).focus()
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.focused is app.article_view
        assert app.article_view.cursor_range == third
        app.reading.query_one(ClaimsPane).focus()
        await pilot.press("k", "enter")
        await pilot.pause()
        assert app.article_view.cursor_range == first


async def test_claims_filter_by_category_and_text(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await to_sentence(pilot, app, 2)
        await pilot.press("2")
        await to_sentence(pilot, app, 1)
        await pilot.press("2")
        await pilot.pause()
        assert len(claims_rows(app)) == 3
        app.reading.query_one(ClaimsPane).focus()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, ClaimsFilter)
        await pilot.press("e", ":")
        await pilot.pause()
        assert [a.category for a in claims_rows(app)] == ["evidence", "evidence"]
        await pilot.press("space", *"weapons")
        await pilot.pause()
        [only] = claims_rows(app)
        assert "weapons" in only.exact
        await pilot.press("escape")
        await pilot.pause()
        assert len(claims_rows(app)) == 3
        assert isinstance(app.focused, ClaimsList)
        # The counts stay those of the whole article.
        assert "C1 E2" in app.reading.query_one(ClaimsPane).title_text


async def test_orphaned_highlights_get_their_own_section(seed_library, settle):
    article = seed_path(seed_library)
    document = load_document(article)
    store = AnnotationStore.open(document)
    gone = "Washington has also suggested"
    start = document.text.index(gone)
    store.add(start, start + len(gone), "disputed", note="[red]n[/red]")
    keep = document.text.index("Pressure on Kyiv")
    store.add(keep, keep + len("Pressure on Kyiv"))
    store.close()
    article.write_text(
        article.read_text(encoding="utf-8").replace(gone, "Nobody said"), encoding="utf-8"
    )
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rows = claims_rows(app)
        assert [r if isinstance(r, str) else r.category for r in rows] == [
            "claim",
            ORPHAN_HEADING,
            "disputed",
        ]
        texts = row_texts(app)
        assert ORPHAN_HEADING in texts[1]
        assert texts[2].startswith(" D✎  Washington has also suggested")
        assert len(app.article_view.highlights.items) == 1  # orphans are not drawn
        assert "C1 E0 Q0 D1 K0" in app.reading.query_one(ClaimsPane).title_text


async def test_corrupt_sidecar_turns_annotating_off_until_moved_aside(seed_library, settle):
    article = seed_path(seed_library)
    sidecar = article.with_name(article.name + ".annotations.json")
    sidecar.write_text("{not json", encoding="utf-8")
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        # One message, the same in both panes and each key's notice: the file, what is wrong
        # with it and the palette command that fixes it ("annotating is off" said once).
        said = (
            f"Annotating is off: {sidecar.name} is not valid JSON (line 1). "
            "To annotate again: ctrl+p, Move bad annotations file aside"
        )
        status = str(app.reading.query_one("#claims-status").render())
        notes = app.reading.query_one(NotesPane)
        for shown in (" ".join(status.split()), " ".join(notes.text().split())):
            assert said in shown and shown.lower().count("annotating is off") == 1
        await to_sentence(pilot, app, 1)
        for key in ("h", "3", "a", "x", "u", "t", "A"):
            await pilot.press(key)
        await pilot.pause()
        assert app.focused is app.article_view
        assert app.annotations.store.annotations == []
        assert messages == [said] * 7
        assert sidecar.read_text(encoding="utf-8") == "{not json"  # never overwritten
        [command] = [c for c in reader_commands(app) if c[0] == "Move bad annotations file aside"]
        command[2]()
        await pilot.pause()
        assert not sidecar.exists()
        assert list(article.parent.glob("*.corrupt-*"))
        assert "Annotating is off" not in app.reading.query_one(NotesPane).text()
        await pilot.press("h")
        await pilot.pause()
        app.annotations.flush()
        assert len(on_disk(article)) == 1


async def test_another_process_changes_show_within_a_second(seed_library, settle):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        app.annotations.flush()
        other = AnnotationStore.open(load_document(article))
        at = other.document.text.index("Pressure on Kyiv")
        added = other.add(at, at + len("Pressure on Kyiv"), "question")
        other.set_article_note("from elsewhere")
        other.close()
        await pilot.pause(1.3)
        ids = {a.id for a in app.annotations.store.annotations}
        assert added.id in ids and len(ids) == 2
        assert added.id in {h.id for h in app.article_view.highlights.items}
        assert "Q1" in app.reading.query_one(ClaimsPane).title_text
        assert "from elsewhere" in app.reading.query_one(NotesPane).text()


async def test_quit_flushes_and_switching_articles_closes_the_store(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        beta_store = app.annotations.store
        await pilot.press("J")  # alpha
        await settle(app, pilot)
        assert app.annotations.store is not beta_store
        assert app.annotations.store.document.path.endswith("alpha.txt")
        assert app.article_view.highlights.items == []
        assert claims_rows(app) == []
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "q")
    assert len(on_disk(small_library / "beta.txt")) == 1
    assert len(on_disk(small_library / "alpha.txt")) == 1


async def test_write_warning_is_shown_once_and_title_says_unsaved(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        store = app.annotations.store
        store.warning = "annotations cannot be saved (the folder is read-only)"
        store.unsaved = True
        store.version += 1
        app.reading.poll_annotations()
        app.reading.poll_annotations()
        store.version += 1
        app.reading.poll_annotations()
        assert messages.count(store.warning) == 1
        assert "(unsaved)" in app.reading.query_one(ClaimsPane).title_text


async def test_article_text_in_the_panes_is_never_markup(tmp_path, settle):
    library = tmp_path / "markup"
    library.mkdir()
    article = library / "m.txt"
    article.write_text("Markup story\n\nSee [bold red]this[/] now. Then more.\n", encoding="utf-8")
    app = ReaderApp(library=library, article=article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        while "[bold red]" not in app.document.text[slice(*app.article_view.cursor_range)]:
            await pilot.press("j")
        await pilot.press("h", "t", *"[i]x[/i]", "enter")
        await pilot.pause()
        assert "See [bold red]this[/]" in row_texts(app)[0]
        assert "#[i]x[/i]" in row_texts(app)[0]
        assert "“See [bold red]this[/] now.”" in app.reading.query_one(NotesPane).text()


async def test_a_at_80_columns_opens_the_notes_column(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.reading.side_shown
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        assert not app.reading.side_shown
        await pilot.press("a")
        await pilot.pause()
        assert app.reading.side_shown
        assert isinstance(app.focused, NoteEditor)
        assert isinstance(app.focused.parent, NotesPane)


async def test_highlight_keys_change_one_highlight_without_a_screen_layout(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")  # the first highlight hides the "no highlights" line: a layout
        await pilot.pause()
        view = app.article_view
        layouts: list[str] = []
        full_sets, refreshes = [], []
        screen = app.screen
        pressing = [""]
        original_layout = screen._refresh_layout
        original_set = view.set_highlights
        original_refresh = app.reading.show_annotations

        def layout(*args, **kwargs):
            layouts.append(pressing[0])
            return original_layout(*args, **kwargs)

        def full_set(*args, **kwargs):
            full_sets.append(1)
            return original_set(*args, **kwargs)

        def refresh(*args, **kwargs):
            refreshes.append(1)
            return original_refresh(*args, **kwargs)

        screen._refresh_layout = layout
        view.set_highlights = full_set
        app.reading.show_annotations = refresh
        messages = record_notices(app)
        height = view.scrollable_content_region.height
        for keys in ("j", "h", "j", "3", "2", "h", "x", "j", "h"):
            before = view.render_line_calls
            pressing[0] = keys
            await pilot.press(*keys)
            await pilot.pause()
            assert view.render_line_calls - before < height // 2  # never the whole view
        assert layouts == []  # not for j either: the header's progress needs no layout
        assert full_sets == [] and refreshes == []
        assert messages == []  # no toast either
        store = app.annotations.store
        cats = sorted(a.category for a in store.annotations)
        assert cats == ["claim", "claim", "claim"]  # the evidence one was deleted by x
        # the claims pane caught up after the article painted
        rows = claims_rows(app)
        assert [(r.id, r.category) for r in rows] == [(a.id, a.category) for a in store.annotations]
        assert "C3 E0 Q0 D0 K0" in app.reading.query_one(ClaimsPane).title_text
        assert sorted((h.start, h.category) for h in view.highlights.items) == sorted(
            (a.start, a.category) for a in store.annotations
        )


async def test_y_copies_the_highlight_under_the_cursor(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        start, end = await to_sentence(pilot, app, 3)
        store = app.annotations.store
        part = store.add(start + 4, end - 4, "evidence")  # part of the cursor sentence
        app.reading.show_annotations()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == app.document.text[part.start : part.end]
        store.delete(part.id)
        app.reading.show_annotations()
        await pilot.pause()
        await pilot.press("y")  # no highlight: the whole sentence
        await pilot.pause()
        assert app.clipboard == app.document.text[start:end]


async def test_the_palette_exports_the_library_and_asks_before_overwriting(seed_library, settle):
    target = seed_library / "library.notes.md"
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")  # saved by the export's flush before the thread reads it
        [command] = [c for c in reader_commands(app) if c[0] == "Export library notes (Markdown)"]
        command[2]()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The Trump administration has told Ukraine" in target.read_text(encoding="utf-8")
        assert any("Library notes written to" in m and str(target) in m for m in messages)
        target.write_text("my own file\n", encoding="utf-8")
        command[2]()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith(MARKER)


async def test_highlight_jumps_are_unavailable_without_a_store(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.reading
        assert screen.check_action("next_highlight", ()) is True
        assert app.annotations.store is not None
        app.annotations.close()
        assert screen.check_action("next_highlight", ()) is False
        assert screen.check_action("previous_highlight", ()) is False
        assert screen.check_action("highlight", ()) is True  # says why it cannot, when pressed
        messages = record_notices(app)
        cursor = app.article_view.cursor_range
        await pilot.press("right_square_bracket", "h")
        await pilot.pause()
        assert app.article_view.cursor_range == cursor
        assert messages == ["No article open"]


async def test_quit_with_unsaved_annotations_asks_and_saves_a_copy_elsewhere(
    seed_library, settle, tmp_path, monkeypatch
):
    """Issue 13.2: a read-only folder (simulated: every sidecar write fails with EROFS).
    `q` does not lose the highlight silently: it asks; "save elsewhere" writes the notes and
    a W3C copy that `reader import` reads back, then quits."""
    import errno
    import json

    from reader.annotations import sidecar as sidecar_module
    from reader.app import ReaderApp
    from reader.screens.annotation_dialogs import FolderScreen, UnsavedScreen

    def read_only(path, data):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", read_only)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert "not saved" in app.screen.question
        await pilot.press("escape")  # cancel: still reading
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, UnsavedScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, FolderScreen)
        folder = tmp_path / "elsewhere"
        field = app.screen.query_one("#folder-input")
        field.value = str(folder)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "000_566c8ea77d92d380.txt.annotations.w3c.json",
        "000_566c8ea77d92d380.txt.notes.md",
    ]
    copy = json.loads((folder / names[0]).read_text(encoding="utf-8"))
    assert len(copy["first"]["items"]) == 1
    assert not (seed_library / "000_566c8ea77d92d380.txt.annotations.json").exists()


async def test_quit_anyway_leaves_at_once(seed_library, settle, monkeypatch):
    import errno

    from reader.annotations import sidecar as sidecar_module
    from reader.app import ReaderApp

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", full)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "q")
        await pilot.pause()
        assert "the disk is full" in app.screen.question
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_article_rewritten_on_disk_is_read_again_and_its_highlights_follow(
    tmp_path, settle
):
    """Issue 13.16: the open article rewritten by another program: the app reads it again
    and re-anchors; deleted: it says so and never writes a sidecar next to nothing."""
    from reader.app import ReaderApp

    article = tmp_path / "story.txt"
    article.write_text("Title\n\nThe council met today. The bridge opens in May.\n", "utf-8")
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h")
        await pilot.pause()
        app.annotations.store.flush()
        (ann,) = app.annotations.store.annotations
        assert ann.exact == "The council met today."
        article.write_text(
            "Title\n\nA new first paragraph.\n\nThe council met today. The bridge opens in May.\n",
            "utf-8",
        )
        app._watch_article()
        await settle(app, pilot)
        await pilot.pause()
        (moved,) = app.annotations.store.annotations
        assert moved.id == ann.id and not moved.orphaned
        assert app.document.text[moved.start : moved.end] == "The council met today."
        assert any("changed on disk" in n.message for n in app._notifications)
        sidecar = tmp_path / "story.txt.annotations.json"
        article.unlink()
        sidecar.unlink()
        app._watch_article()
        await pilot.pause()
        assert any("moved or deleted" in n.message for n in app._notifications)
        app.annotations.store.add(0, 5)
        app.annotations.store.flush(timeout=1)
        assert not sidecar.exists()
        assert app.annotations.store.unsaved


async def test_the_notes_pane_says_who_the_highlight_is_attributed_to(seed_library, settle):
    """Issue 17: the seed's core claim is sourced to the Financial Times."""
    from reader.app import ReaderApp

    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        view.move_cursor_to_offset(app.document.text.index("The Trump administration"))
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert "Source: the Financial Times (named)" in app.reading.notes_pane.text()


async def test_undo_reaches_back_across_switching_articles(tmp_path, settle):
    """Issue 14.16: `5`, `J`, `K`, `u` said "Nothing to undo"."""
    from reader.app import ReaderApp
    from reader.state import ReadingState

    (tmp_path / "a.txt").write_text("Alpha story\n\nJanuary 3, 2024\n\nAlpha one. Alpha two.\n")
    (tmp_path / "b.txt").write_text("Beta story\n\nFebruary 5, 2024\n\nBeta one. Beta two.\n")
    first = tmp_path / "b.txt"  # the newest, listed first
    app = ReaderApp(library=tmp_path, article=first, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await pilot.pause()
        assert len(app.annotations.store) == 1
        await pilot.press("J")
        await settle(app, pilot)
        assert app.article_path.name == "a.txt"
        await pilot.press("K")
        await settle(app, pilot)
        assert app.article_path.name == "b.txt"
        await pilot.press("u")
        await pilot.pause()
        assert len(app.annotations.store) == 0
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(app.annotations.store) == 1


async def test_what_a_key_did_is_readable_in_the_key_bar(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "h")  # the second says it is already highlighted
        await pilot.pause()
        bar = app.reading.query_one(KeyBar)
        message = "Already highlighted as Claim"
        strips = app.screen._compositor.render_strips()
        assert strips[bar.region.y].text.startswith(f" {message} ")
        assert "? Help" in strips[bar.region.y].text  # the keys still show, after it
        claims = app.reading.query_one(ClaimsPane)
        assert claims.title_text == "Claims  C1 E0 Q0 D0 K0"  # the title keeps its counts
