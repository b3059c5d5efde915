"""Issue 13.1-2 (re-test): highlights that could not be saved (a read-only folder, a full
disk, a lock another program holds) stay with their article for the whole session: moving to
another article and back shows them, the writer keeps retrying, and quitting counts and
offers to save elsewhere the unsaved work of every article read, never overwriting a file."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.annotations import sidecar as sidecar_module
from reader.annotations.locks import take_lock
from reader.annotations.sidecar import LOCK_SUFFIX
from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.screens.annotation_dialogs import ConfirmScreen, FolderScreen, UnsavedScreen
from reader.state import ReadingState

FIRST = "First story\n\nFebruary 5, 2024\n\nThe council met today. The bridge opens in May.\n"
SECOND = "Second story\n\nJanuary 3, 2024\n\nBeta one said this. Beta two said that.\n"


def write_articles(folder: Path) -> None:
    """a.txt and b.txt; b.txt the newest, by date and time (listed first: J goes to a.txt, K back)."""
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(SECOND, "utf-8")
    (folder / "b.txt").write_text(FIRST, "utf-8")
    os.utime(folder / "a.txt", (1_700_000_000, 1_700_000_000))
    os.utime(folder / "b.txt", (1_700_000_100, 1_700_000_100))


@pytest.fixture
def read_only_library(tmp_path):
    """A library on a real read-only bind mount (root only), unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    source, mountpoint = tmp_path / "rw", tmp_path / "ro"
    write_articles(source)
    mountpoint.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(source), str(mountpoint)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot bind mount here: {mounted.stderr.decode().strip()}")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(mountpoint)]
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("cannot make the bind mount read-only here")
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)
    assert sorted(p.name for p in source.iterdir()) == ["a.txt", "b.txt"]  # nothing written


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    """The documents folder the copies are offered in."""
    folder = tmp_path / "Documents"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder / "margin-reader"


@pytest.fixture
def full_library(tmp_path, monkeypatch) -> Path:
    """A library on a disk that is full (every sidecar write fails with ENOSPC)."""

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", full)
    library = tmp_path / "library"
    write_articles(library)
    return library


@contextlib.contextmanager
def lock_held(sidecar: Path):
    """Another program holds the sidecar's lock (flock locks of two open file descriptions
    conflict even in one process)."""
    fd = take_lock(Path(f"{sidecar}{LOCK_SUFFIX}"), timeout=1)
    try:
        yield
    finally:
        os.close(fd)


def reader_app(library: Path, tmp_path: Path) -> ReaderApp:
    state = ReadingState(tmp_path / "state.json")
    return ReaderApp(library=library, article=library / "b.txt", state=state)


async def to_article(app, pilot, settle, key: str, name: str) -> None:
    await pilot.press(key)
    await settle(app, pilot)
    assert app.article_path.name == name


async def highlight_then_away_and_back(app, pilot, settle) -> None:
    """`j 4` (past the date line) in b.txt (unsaved), J to a.txt, K back: the highlight is still there."""
    await pilot.press("j", "4")
    await pilot.pause()
    store = app.annotations.store
    store.flush(timeout=0.2)
    assert store.unsaved and len(store) == 1
    await to_article(app, pilot, settle, "J", "a.txt")
    await to_article(app, pilot, settle, "K", "b.txt")
    store = app.annotations.store
    assert [a.exact for a in store.annotations] == ["The council met today."]
    assert store.unsaved
    assert "D1" in app.reading.claims_pane.title_text
    counts = {entry.name: entry.annotation_count for entry in app.library_pane.shown}
    assert counts == {"a.txt": 0, "b.txt": 1}  # each row its own article's


async def test_unsaved_highlights_survive_switching_articles_on_a_read_only_mount(
    read_only_library, documents, tmp_path, settle
):
    app = reader_app(read_only_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await highlight_then_away_and_back(app, pilot, settle)
        await to_article(app, pilot, settle, "J", "a.txt")  # leave it again, then quit
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert "b.txt" in app.screen.question and "read-only" in app.screen.question
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, FolderScreen)
        await pilot.press("enter")  # the documents folder offered
        await pilot.pause()
    assert app.return_code == 0
    copy = json.loads((documents / "b.txt.annotations.w3c.json").read_text("utf-8"))
    assert [i["target"]["selector"][0]["exact"] for i in copy["first"]["items"]] == [
        "The council met today."
    ]


async def test_behind_a_held_lock_the_left_article_is_saved_once_it_is_released(tmp_path, settle):
    library = tmp_path / "library"
    write_articles(library)
    app = reader_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        with lock_held(library / "b.txt.annotations.json"):
            await highlight_then_away_and_back(app, pilot, settle)
            await to_article(app, pilot, settle, "J", "a.txt")
            assert [s.document.path for s in app.annotations.unsaved_stores()] == [
                str(library / "b.txt")
            ]
        for _ in range(300):  # the kept store's writer retries every second
            if not app.annotations.unsaved_stores():
                break
            await pilot.pause(0.02)
        assert app.annotations.unsaved_stores() == []
        await pilot.press("q")  # nothing is unsaved any more: no question
        await pilot.pause()
    assert app.return_code == 0
    saved = AnnotationStore.open(load_document(library / "b.txt"), read_only=True)
    assert [a.exact for a in saved.annotations] == ["The council met today."]


async def test_quitting_counts_every_article_left_unsaved_and_copies_them_all(
    tmp_path, documents, settle, full_library
):
    library = full_library
    app = reader_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "4")
        await to_article(app, pilot, settle, "J", "a.txt")
        await pilot.press("j", "1")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert "2 articles (a.txt, b.txt)" in app.screen.question
        assert "the disk is full" in app.screen.question
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert sorted(p.name for p in documents.iterdir()) == [
        "a.txt.annotations.w3c.json",
        "a.txt.notes.md",
        "b.txt.annotations.w3c.json",
        "b.txt.notes.md",
    ]
    assert "Beta one said this." in (documents / "a.txt.notes.md").read_text("utf-8")
    assert "The council met today." in (documents / "b.txt.notes.md").read_text("utf-8")


async def test_saving_elsewhere_on_quit_asks_before_replacing_the_readers_own_file(
    tmp_path, documents, settle, monkeypatch
):
    def read_only(path, data):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", read_only)
    documents.mkdir(parents=True)
    own = documents / "b.txt.notes.md"
    own.write_text("my own notes\n", "utf-8")
    library = tmp_path / "library"
    write_articles(library)
    app = reader_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h", "q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "was not written by margin-reader" in app.screen.question
        await pilot.press("n")  # keep my file: nothing written, still reading
        await pilot.pause()
        assert app.is_running and own.read_text("utf-8") == "my own notes\n"
        assert not (documents / "b.txt.annotations.w3c.json").exists()
        await pilot.press("q", "s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert "The council met today." in own.read_text("utf-8")


async def test_an_article_rewritten_meanwhile_gets_its_unsaved_highlights_re_anchored(
    tmp_path, settle, full_library
):
    library = full_library
    app = reader_app(library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "4")
        await to_article(app, pilot, settle, "J", "a.txt")
        rewritten = FIRST.replace("\n\nThe council", "\n\nA new first paragraph.\n\nThe council")
        (library / "b.txt").write_text(rewritten, "utf-8")
        os.utime(library / "b.txt", (1_700_000_100, 1_700_000_100))
        await to_article(app, pilot, settle, "K", "b.txt")
        store = app.annotations.store
        (ann,) = store.annotations
        assert app.document.text[ann.start : ann.end] == "The council met today."
        assert not ann.orphaned and store.document is app.document
        await pilot.pause(0.2)
        assert store.unsaved and [s.document.path for s in app.annotations.unsaved_stores()] == [
            str(library / "b.txt")
        ]


LONG = "é" * 125 + ".txt"  # 254 bytes: `e` and `E` crashed on the export's name


async def test_e_and_E_export_an_article_with_a_long_name(tmp_path, settle):
    from reader.export.formats import article_export_path

    article = tmp_path / LONG
    article.write_text("Long story\n\nThe first sentence is here. The second follows.\n")
    app = ReaderApp(library=tmp_path, article=article, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h", "e")
        await pilot.pause()
        notes = article_export_path(article, "markdown")
        (ann,) = app.annotations.store.annotations
        assert f"> {ann.exact}" in notes.read_text("utf-8")
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("down", "enter")  # this article's W3C annotations
        await pilot.pause()
        assert article_export_path(article, "w3c").exists()
        assert app.is_running


async def test_a_w3c_export_elsewhere_never_replaces_another_articles_copy(
    read_only_library, documents, tmp_path, settle
):
    """`E`, this article's W3C annotations, in a read-only folder: written in the folder
    asked for, beside (not over) the copy of a same-named article of another folder."""
    from reader.export.copies import write_copies

    other = tmp_path / "other" / "b.txt"
    other.parent.mkdir()
    other.write_text(SECOND, "utf-8")
    store = AnnotationStore.open(load_document(other))
    store.add(*span_of(SECOND, "Beta one said this."))
    (theirs,) = write_copies(store, documents, formats=("w3c",))
    store.close()
    before = theirs.read_text("utf-8")
    app = reader_app(read_only_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h", "E")
        await pilot.pause()
        await pilot.press("down", "enter")  # this article's W3C annotations
        await pilot.pause()
        assert isinstance(app.screen, FolderScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert theirs.read_text("utf-8") == before
    (ours,) = [p for p in documents.iterdir() if p != theirs]
    assert ours.name.startswith("b.txt~") and "The council met today." in ours.read_text("utf-8")


def span_of(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)
