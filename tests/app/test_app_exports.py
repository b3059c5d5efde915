"""Every export format from the app (issue 17, "Exports for checkers"): the palette's entries
and the `E` list, for the open article and for the library; each writes its file, says
which in a toast, and, when the folder cannot be written, offers another folder."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from textual.command import CommandList

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.cli import main
from reader.commands import reader_commands
from reader.document.loader import load_document
from reader.export import markdown as markdown_module
from reader.export.copies import write_elsewhere
from reader.export.markdown import MARKER
from reader.library import iter_article_paths
from reader.screens.annotation_dialogs import FolderScreen
from reader.screens.export_dialog import ExportScreen

SIZE = (120, 40)
CHECKED = "The Trump administration has told Ukraine"  # refuted, with a rationale
LABELS = {
    "markdown": "notes (Markdown)",
    "w3c": "W3C annotations",
    "claimreview": "ClaimReview JSON-LD",
    "dossier": "fact-check dossier",
}
SUFFIXES = {
    "markdown": ".notes.md",
    "w3c": ".annotations.w3c.json",
    "claimreview": ".claimreview.json",
    "dossier": ".dossier.md",
}


@pytest.fixture
def checked_library(seed_library: Path, capsys) -> Path:
    """The seed library with one refuted claim, annotated as a user would from the shell."""
    article = next(seed_library.glob("*.txt"))
    argv = ["annotate", str(article), "--quote", CHECKED, "--status", "refuted"]
    assert main([*argv, "--rationale", "The FT piece says otherwise"]) == 0
    capsys.readouterr()
    return seed_library


def record_notices(app) -> list[str]:
    messages: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        messages.append("\n".join(message) if isinstance(message, list) else str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return messages


def command(app, name: str):
    [found] = [c for c in reader_commands(app) if c[0] == name]
    return found[2]


def check(fmt: str, text: str) -> None:
    """The file holds the refuted claim, its verdict and rationale, as its format writes them."""
    if fmt == "markdown":
        assert text.startswith(MARKER) and CHECKED in text
        assert "Verdict: **Refuted**" in text and "The FT piece says otherwise" in text
    elif fmt == "w3c":
        data = json.loads(text)
        assert data["type"] == "AnnotationCollection"
        assert any(CHECKED in json.dumps(item) for item in data["first"]["items"])
    elif fmt == "claimreview":
        [review] = json.loads(text)
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"].startswith(CHECKED)
        assert review["reviewRating"]["alternateName"] == "refuted"
    else:
        assert text.startswith(MARKER) and "# Claims dossier:" in text
        assert "## Refuted (1)" in text and "The FT piece says otherwise" in text


async def settled(app, pilot, settle) -> None:
    await settle(app, pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("fmt", sorted(LABELS))
async def test_the_palette_exports_the_open_article_in_each_format(checked_library, settle, fmt):
    article = next(checked_library.glob("*.txt"))
    target = article.with_name(article.name + SUFFIXES[fmt])
    app = ReaderApp(library=checked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        command(app, f"Export {LABELS[fmt]}")()
        await pilot.pause()
        check(fmt, target.read_text(encoding="utf-8"))
        assert any("written to" in m and str(target) in m for m in messages)


@pytest.mark.parametrize("fmt", sorted(LABELS))
async def test_the_palette_exports_the_library_in_each_format_in_a_worker(
    checked_library, settle, fmt
):
    target = checked_library / f"library{SUFFIXES[fmt]}"
    app = ReaderApp(library=checked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        command(app, f"Export library {LABELS[fmt]}")()
        await settled(app, pilot, settle)
        check(fmt, target.read_text(encoding="utf-8"))
        assert any(m.startswith("Library ") and str(target) in m for m in messages)


async def test_E_lists_every_format_and_enter_writes_the_one_chosen(checked_library, settle):
    article = next(checked_library.glob("*.txt"))
    app = ReaderApp(library=checked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.choices == [
            *(("article", fmt) for fmt in LABELS),
            *(("library", fmt) for fmt in LABELS),
        ]
        await pilot.press("j", "j", "j", "enter")  # this article: fact-check dossier
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        check("dossier", article.with_name(article.name + ".dossier.md").read_text("utf-8"))
        assert any(m.startswith("Fact-check dossier written to") for m in messages)
        await pilot.press("E", "j", "j", "j", "j", "j", "enter")  # the library: W3C
        await settled(app, pilot, settle)
        check("w3c", (checked_library / "library.annotations.w3c.json").read_text("utf-8"))
        await pilot.press("E", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert app.article_view.document is not None  # still reading
    assert not any(p.name.endswith(".dossier.md") for p in iter_article_paths(checked_library))


@pytest.fixture
def read_only_library(checked_library, monkeypatch) -> Path:
    """Every export written inside the library fails as on a read-only mount (EROFS)."""
    real = markdown_module.write_atomic

    def write_atomic(path, data):
        if Path(path).resolve().is_relative_to(checked_library.resolve()):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, data)

    monkeypatch.setattr(markdown_module, "write_atomic", write_atomic)
    return checked_library


async def answer_folder(app, pilot, folder: Path) -> None:
    assert isinstance(app.screen, FolderScreen)
    app.screen.query_one("#folder-input").value = str(folder)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_read_only_folder_offers_another_for_the_claimreview_export(
    read_only_library, settle, tmp_path
):
    article = next(read_only_library.glob("*.txt"))
    app = ReaderApp(library=read_only_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        command(app, "Export ClaimReview JSON-LD")()
        await pilot.pause()
        assert any(
            "cannot write (read-only file system)" in m and str(read_only_library) in m
            for m in messages
        )
        assert "Write the ClaimReview JSON-LD in another folder?" in app.screen.question
        await answer_folder(app, pilot, tmp_path / "elsewhere")
        written = tmp_path / "elsewhere" / f"{article.name}.claimreview.json"
        check("claimreview", written.read_text("utf-8"))
        assert any(f"ClaimReview JSON-LD written to {written}" in m for m in messages)
        assert not article.with_name(f"{article.name}.claimreview.json").exists()

        command(app, "Export library fact-check dossier")()  # the library's, from its worker
        await settled(app, pilot, settle)
        assert "Write the library's fact-check dossier in another folder?" in app.screen.question
        await answer_folder(app, pilot, tmp_path / "elsewhere")
        await settled(app, pilot, settle)
        check("dossier", (tmp_path / "elsewhere" / "library.dossier.md").read_text("utf-8"))
        assert not (read_only_library / "library.dossier.md").exists()


async def test_the_palette_entry_is_found_by_typing_its_name(checked_library, settle):
    article = next(checked_library.glob("*.txt"))
    app = ReaderApp(library=checked_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export ClaimReview")
        results = app.screen.query_one(CommandList)
        for _ in range(200):  # the palette searches in the background: until its hits show
            if results.option_count and "ClaimReview" in str(results.get_option_at_index(0).prompt):
                break
            await pilot.pause(0.05)
        assert str(results.get_option_at_index(0).prompt).startswith("Export ClaimReview JSON-LD")
        await pilot.press("enter")
        await pilot.pause()
        check(
            "claimreview", article.with_name(f"{article.name}.claimreview.json").read_text("utf-8")
        )


async def test_the_claimreview_in_another_folder_keeps_a_same_named_articles(
    read_only_library, settle, tmp_path
):
    article = next(read_only_library.glob("*.txt"))
    elsewhere = tmp_path / "elsewhere"
    twin = tmp_path / "other" / article.name  # the same name, in another folder
    twin.parent.mkdir()
    twin.write_text(article.read_text("utf-8"), "utf-8")
    store = AnnotationStore.open(load_document(twin))
    ann = store.add(0, 20)
    store.update(ann.id, status="supported", rationale="TWIN-WHY")
    theirs, _ = write_elsewhere(store, "claimreview", elsewhere)
    store.close()
    before = theirs.read_text("utf-8")
    app = ReaderApp(library=read_only_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = record_notices(app)
        command(app, "Export ClaimReview JSON-LD")()
        await pilot.pause()
        await answer_folder(app, pilot, elsewhere)
        await pilot.pause()
    assert theirs.read_text("utf-8") == before
    [mine] = [p for p in elsewhere.iterdir() if p != theirs]
    check("claimreview", mine.read_text("utf-8"))
    assert any(f"written to {mine}" in m for m in messages)
