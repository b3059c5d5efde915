"""Writing notes files from the UI: an article's (`e`) and the library's (palette), and a
copy in another folder when the article's own folder cannot be written (also offered on
quitting with annotations that could not be saved).

A file of that name that margin-reader did not write is only overwritten once the reader
says yes; the library's notes are written in a thread. What happened is said in a toast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from reader.document.decode import one_line
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore


def _notice(app: App, message: str, severity: str = "information") -> None:
    app.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]


def confirm_overwrite(app: App, path: Path, overwrite: Callable[[], object]) -> None:
    """Ask whether to overwrite `path`; `overwrite()` on yes."""
    from reader.screens.annotation_dialogs import ConfirmScreen  # built when first used

    question = f"{path} exists and was not written by margin-reader. Overwrite it?"
    app.push_dialog(  # type: ignore[attr-defined]
        ConfirmScreen(question), lambda yes: overwrite() if yes else None
    )


def export_article_notes(app: App, store: AnnotationStore, force: bool = False) -> Path | None:
    """Write `<article>.notes.md` from `store`; the path written, None if not (yet)."""
    from reader.export.markdown import ExportExists, write_article_notes  # verb dispatch

    try:
        path = write_article_notes(store.document, store, force=force)
    except ExportExists as exists:
        confirm_overwrite(app, exists.path, lambda: export_article_notes(app, store, True))
        return None
    except ReaderError as error:
        _notice(app, str(error), "error")
        save_copy_elsewhere(app, store, f"{error}. Save the notes in another folder?")
        return None
    _notice(app, f"Notes written to {path}")
    return path


def save_copy_elsewhere(
    app: App, store: AnnotationStore, question: str, then: Callable[[], object] | None = None
) -> None:
    """Ask for a folder (the documents folder offered) and write the article's notes and its
    annotations as W3C JSON there (`reader import` reads them back); `then()` once written."""
    from reader.export.copies import default_copy_folder, write_copies  # verb dispatch
    from reader.screens.annotation_dialogs import FolderScreen  # built when first used

    def chosen(folder: str | None) -> None:
        if folder is None:
            return
        try:
            paths = write_copies(store, folder)
        except ReaderError as error:
            _notice(app, str(error), "error")
            return
        _notice(app, "Saved " + " and ".join(str(p) for p in paths))
        if then is not None:
            then()

    app.push_dialog(FolderScreen(question, str(default_copy_folder())), chosen)  # type: ignore[attr-defined]


def export_library_notes(
    app: App, library: Path, flush: Callable[[], None], force: bool = False
) -> None:
    """Write `library.notes.md` for the `library` folder (after `flush()` has saved the open
    article's annotations), in a worker thread."""
    flush()
    app.run_worker(
        lambda: _write_library_notes(app, library, flush, force),
        thread=True,
        group="export",
        exclusive=True,
    )


def _write_library_notes(app: App, library: Path, flush: Callable[[], None], force: bool) -> None:
    from reader.export.library import write_library_notes  # verb dispatch
    from reader.export.markdown import ExportExists

    try:
        path, warnings = write_library_notes(library, force=force)
    except ExportExists as exists:
        again = lambda: export_library_notes(app, library, flush, force=True)  # noqa: E731
        app.call_from_thread(confirm_overwrite, app, exists.path, again)
        return
    except (ReaderError, OSError) as error:
        app.call_from_thread(_notice, app, str(error), "error")
        return
    extra = f" ({len(warnings)} articles skipped)" if warnings else ""
    app.call_from_thread(_notice, app, f"Library notes written to {path}{extra}")


def leave_unless_unsaved(
    app: App, store: AnnotationStore | None, leave: Callable[[], None]
) -> None:
    """`leave()`, unless `store` holds annotations that could not be saved (a read-only
    folder, a full disk): they are not lost silently, the reader chooses to save a copy
    elsewhere, quit anyway, or stay."""
    if store is None or not store.unsaved or not (len(store) or store.article_note):
        leave()
        return
    from reader.screens.annotation_dialogs import UnsavedScreen  # built when first used

    def answered(answer: str) -> None:
        if answer == "quit":
            leave()
        elif answer == "save":
            question = "Save the notes and annotations (W3C JSON, for reader import) in:"
            save_copy_elsewhere(app, store, question, then=leave)

    why = store.save_failure or "they could not be written"
    name = one_line(Path(store.document.path).name)
    question = f"The annotations of {name} are not saved ({why})."
    app.push_dialog(UnsavedScreen(question), answered)  # type: ignore[attr-defined]
