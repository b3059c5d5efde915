"""Start-up path: what the first screen imports, and big articles shown head first."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from reader.app import ReaderApp
from reader.document.loader import load_document, load_document_head
from reader.state import ReadingState

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("tinydb", "markdown_it", "rapidfuzz", "yaml", "reader.annotations.store")


def test_app_and_first_screen_of_a_txt_article_import_no_heavy_module(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("A story\n\nOne sentence. Another one.\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reader.app import ReaderApp
        from reader.document.loader import load_document_head
        app = ReaderApp(library=Path({str(tmp_path)!r}), article=Path({str(article)!r}))
        load_document_head(Path({str(article)!r}))
        print(",".join(m for m in {HEAVY!r} if m in sys.modules))
        """
    )
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_a_folder_and_its_cached_newest_article_open_without_the_library_scan(tmp_path):
    """Before the first frame of `reader FOLDER` (metadata cache warm): the folder is checked,
    the newest article found in the cache and the library pane titled and sorted (it shows
    from 120 columns in a folder of several); the scan's modules (TinyDB for the sidecars' counts among them) load
    with the scan, after that frame."""
    from reader.library import scan_library
    from reader.library_cache import MetadataCache

    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    (root / "old.txt").write_text("Old\n\n2024-01-02\n\nBody.\n", encoding="utf-8")
    (root / "new.txt").write_text("New\n\n2024-01-09\n\nBody.\n", encoding="utf-8")
    cache = MetadataCache.open(db)
    try:
        scan_library(root, cache=cache)
    finally:
        cache.close()
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reader.targets import resolve_target
        from reader.library_cache import MetadataCache, cached_newest
        from reader.widgets.library_pane import LibraryPane
        target = resolve_target({str(root)!r})
        cache = MetadataCache.open(Path({str(db)!r}), create=False)
        print(cached_newest(target.library, cache).name)
        pane = LibraryPane()  # as built in the first frame from 120 columns: still empty
        pane.refresh_list()
        assert pane._title_text() == "Library · newest first" and pane.shown == []
        print(",".join(m for m in {(*HEAVY, "reader.library")!r} if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["new.txt", ""]


def _book(path: Path, paragraphs: int = 1200) -> Path:
    paragraph = "A sentence of the café book that goes on for a while. " * 20
    text = "Big book\n\n" + "\n\n".join(f"{i}. {paragraph}" for i in range(paragraphs)) + "\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return path


def test_head_is_a_prefix_of_the_whole_with_the_same_blocks(tmp_path):
    book = _book(tmp_path / "book.txt")
    head, complete = load_document_head(book, 64 * 1024)
    whole = load_document(book)
    assert not complete
    assert len(head.text) < len(whole.text) // 10
    assert whole.text.startswith(head.text)
    assert head.title == whole.title == "Big book"
    assert head.encoding == whole.encoding == "cp1252"
    assert [(b.kind, b.start, b.end) for b in head.blocks] == [
        (b.kind, b.start, b.end) for b in whole.blocks[: len(head.blocks)]
    ]
    assert head._sha256 is None  # nothing hashed for the first screen


def test_head_of_a_small_file_is_the_whole_document(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Title\n\nText é.\n", encoding="utf-8")
    head, complete = load_document_head(story, 64 * 1024)
    assert complete and head.text == load_document(story).text


def test_head_cut_inside_a_utf8_character_keeps_utf8(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Titre\n\n" + "Été à Paris. " * 50 + "\n\nFin.\n", encoding="utf-8")
    for size in range(60, 70):  # some of these cut inside "É"/"à"
        head, complete = load_document_head(story, size)
        assert not complete and head.encoding == "utf-8"
        assert load_document(story).text.startswith(head.text)


async def test_big_article_head_first_then_swapped_in_keeping_the_cursor(tmp_path, settle):
    book = _book(tmp_path / "book.txt")
    app = ReaderApp(library=tmp_path, article=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.article_view
        if app.partial:  # normally: the head is on screen while the worker reads the rest
            head = app.document
            assert head is not None and len(head.text) < 100_000
            assert app.annotations.store is None
            for _ in range(5):
                view.action_next_sentence()
        await settle(app, pilot)
        assert not app.partial and not view.loading
        whole = app.document
        assert whole is not None and len(whole.text) > 1_000_000
        assert view.document is whole
        assert app.annotations.store is not None and app.annotations.store.document is whole
        cursor = view.cursor_range
        assert cursor is not None and cursor[0] == app.cursor_offset
        await pilot.press("G")
        await pilot.pause()
        assert view.progress == 100.0


def screen_text(view) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


@asynccontextmanager
async def _head_shown(book: Path) -> AsyncIterator[tuple[ReaderApp, Any]]:
    """An app showing the head of `book` as if the rest were still loading (its library is
    empty: no load of its own can replace the head)."""
    head, _ = load_document_head(book, 64 * 1024)
    library = book.parent / "empty-library"
    library.mkdir()
    app = ReaderApp(library=library, state=ReadingState(book.parent / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.show_document(head, complete=False)
        await pilot.pause()
        yield app, pilot


async def test_swap_keeps_cursor_and_scroll(tmp_path):
    """Drive the swap by hand: head shown, reader moves, the whole arrives."""
    book = _book(tmp_path / "book.txt")
    whole = load_document(book)
    async with _head_shown(book) as (app, pilot):
        view = app.article_view
        for _ in range(3):
            await pilot.press("space")
        for _ in range(4):
            await pilot.press("j")
        await pilot.pause()
        before_cursor = view.cursor_range
        before_screen = screen_text(view)
        assert before_cursor is not None and view.scroll_y > 0
        from reader.annotations.store import AnnotationStore

        app._swap_in(whole, AnnotationStore.open(whole))
        await pilot.pause()
        assert view.document is whole and not app.partial
        assert view.cursor_range == before_cursor
        assert screen_text(view) == before_screen  # the same text at the same rows
        assert app.state.position(book.resolve(), whole.sha256) == before_cursor[0]


async def test_saved_position_beyond_the_head_is_restored_when_the_whole_arrives(tmp_path, settle):
    book = _book(tmp_path / "book.txt")
    whole = load_document(book)
    far = whole.blocks[-3].start
    state = ReadingState(tmp_path / "state.json")
    state.remember(book.resolve(), whole.sha256, far, 99.0)
    app = ReaderApp(library=tmp_path, article=book, state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cursor = app.article_view.cursor_range
        assert cursor is not None and cursor[0] == far


async def test_h_on_the_head_of_a_big_article_says_its_annotations_are_loading(tmp_path):
    """While only the head shows, h says the annotations are on their way (not that no
    article is open) and highlights nothing; once the whole is in, h highlights."""
    book = _book(tmp_path / "book.txt")
    async with _head_shown(book) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Loading the annotations…" in messages
        assert "No article open" not in messages
        assert app.annotations.store is None
        whole = load_document(book)
        from reader.annotations.store import AnnotationStore

        app._swap_in(whole, AnnotationStore.open(whole))
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        store = app.annotations.store
        assert store is not None and len(store.annotations) == 1


def _imported_with_the_app(modules: tuple[str, ...]) -> str:
    """Those of `modules` that `import reader.app` loads, comma-separated."""
    script = f"import sys, reader.app\nprint(','.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_help_links_and_palette_modules_load_only_when_used():
    lazy = ("reader.commands", "reader.screens.help", "reader.screens.links")
    assert _imported_with_the_app(lazy) == ""


def test_modules_of_keys_and_dialogs_load_only_when_used():
    """The annotation model (with the store, after the first frame), the search box (built
    hidden after it), export, quitting with unsaved notes and the clipboard: none is
    imported with the app."""
    lazy = (
        "reader.annotations.model",
        "reader.annotations.overlaps",
        "reader.annotations.verdicts",
        "reader.annotations.evidence_links",
        "reader.widgets.search_bar",
        "reader.screens.notes_export",
        "reader.widgets.clipboard",
    )
    assert _imported_with_the_app(lazy) == ""


async def test_first_frame_already_shows_the_article_and_the_store_opens_after_it(
    tmp_path, monkeypatch
):
    """No empty frame before the article: its text is in the very first screen update, and
    the annotation store (TinyDB) opens only after that frame."""
    import re

    from textual._compositor import CompositorUpdate

    article = tmp_path / "story.txt"
    article.write_text("Zebra crossing report\n\nThe first sentence. The second one.\n")
    frames: list[tuple[str, bool]] = []
    original = ReaderApp._display

    def display(self, screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", renderable.render_segments(self.console))
            frames.append((text, self.annotations.store is not None))
        return original(self, screen, renderable)

    monkeypatch.setattr(ReaderApp, "_display", display)
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert frames, "no screen update recorded"
        first_text, store_open_at_first = frames[0]
        assert "Zebra crossing report" in first_text
        assert "The first sentence." in first_text
        assert not store_open_at_first
        assert app.annotations.store is not None
        assert app.annotations.store.document is app.document


async def test_library_pane_is_built_only_when_first_shown(small_library, settle):
    from reader.widgets.library_pane import LibraryList, LibraryPane

    article = small_library / "beta.txt"
    app = ReaderApp(library=small_library, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.reading.query_one(LibraryPane)
        assert not pane.display and not pane.built and not pane.children
        assert [e.title for e in pane.shown][:1] == ["Gamma story"]  # J/K still work
        await pilot.press("L")
        await pilot.pause()
        assert pane.display and pane.built
        library_list = pane.query_one(LibraryList)
        assert app.focused is library_list
        assert library_list.count == 3
        assert library_list.current_index == 1  # beta, the open article
        assert library_list.item_text(1).startswith("▶ Beta story")
        assert not pane.query_one("#library-status").display


async def test_library_pane_shown_at_start_when_wide(small_library, settle):
    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        pane = app.library_pane
        assert pane.display and pane.built
        rows = pane.article_list
        assert [rows.item_text(i).split("\n")[0][2:] for i in range(rows.count)] == [
            "Gamma story",
            "Beta story",
            "Alpha story",
        ]


def frames_and_loads(monkeypatch) -> list[str]:
    """The app's frames ("frame") and whole-article worker starts ("load"), in order."""
    from textual._compositor import CompositorUpdate

    events: list[str] = []
    original_display = ReaderApp._display
    original_load = ReaderApp._load_big

    def display(self, screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            events.append("frame")
        return original_display(self, screen, renderable)

    def load_big(self, path):
        events.append("load")
        return original_load(self, path)

    monkeypatch.setattr(ReaderApp, "_display", display)
    monkeypatch.setattr(ReaderApp, "_load_big", load_big)
    return events


async def test_big_article_worker_starts_after_the_first_frame(tmp_path, monkeypatch, settle):
    book = _book(tmp_path / "book.txt")
    events = frames_and_loads(monkeypatch)
    app = ReaderApp(library=tmp_path, article=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "load" in events and events[0] == "frame"
        assert not app.partial and len(app.document.text) > 1_000_000


async def test_opening_another_article_drops_a_pending_big_load(tmp_path, settle):
    book = _book(tmp_path / "book.txt")
    small = tmp_path / "small.txt"
    small.write_text("Small story\n\nJust this.\n", encoding="utf-8")
    app = ReaderApp(library=tmp_path, article=small)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_article(book)
        app.open_article(small)  # before the big load could start
        await settle(app, pilot)
        await pilot.pause(0.2)
        await settle(app, pilot)
        assert app.document is not None and app.document.title == "Small story"
        assert not app.partial
