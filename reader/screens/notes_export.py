"""Writing exports from the UI: the open article's (`e` its notes; `E` and the palette any
format) and the library's (`E`, the palette), and a copy in another folder when the folder
cannot be written (for the notes, with a W3C copy that `reader import` reads back; that
copy is also offered on quitting with annotations that could not be saved).

The files and their text are reader/export/formats.py's. A file of that name that
margin-reader did not write is only overwritten once the reader says yes, and a copy in
another folder never replaces another article's (reader/export/copies.py); the library's
exports are written in a thread. What happened is said in a toast naming the file.
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
    from reader.screens.annotation_session import AnnotationSession


def _notice(app: App, message: str, severity: str = "information") -> None:
    app.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]


def confirm_overwrite(app: App, path: Path, overwrite: Callable[[], object]) -> None:
    """Ask whether to overwrite `path`; `overwrite()` on yes."""
    from reader.screens.annotation_dialogs import ConfirmScreen  # built when first used

    question = f"{path} exists and was not written by margin-reader. Overwrite it?"
    app.push_dialog(  # type: ignore[attr-defined]
        ConfirmScreen(question), lambda yes: overwrite() if yes else None
    )


# How the app names each format of reader/export/formats.py: (in a menu, in a message).
FORMAT_NAMES = {
    "markdown": ("notes (Markdown)", "notes"),
    "w3c": ("W3C annotations", "W3C annotations"),
    "claimreview": ("ClaimReview JSON-LD", "ClaimReview JSON-LD"),
    "dossier": ("fact-check dossier", "fact-check dossier"),
}
MAX_WARNINGS = 3  # shown under the message; `reader export` prints them all


def _written(app: App, message: str, warnings: list[str]) -> None:
    if not warnings:
        _notice(app, message)
        return
    more = len(warnings) - MAX_WARNINGS
    lines = [message, *warnings[:MAX_WARNINGS], *([f"…and {more} more"] if more > 0 else [])]
    app.notify(lines, severity="warning", markup=False)


def ask_folder(app: App, question: str, chosen: Callable[[str], object]) -> None:
    """Ask for a folder (the documents folder offered); `chosen(folder)` unless cancelled."""
    from reader.export.copies import default_copy_folder  # verb dispatch
    from reader.screens.annotation_dialogs import FolderScreen  # built when first used

    def answered(folder: str | None) -> None:
        if folder is not None:
            chosen(folder)

    app.push_dialog(FolderScreen(question, str(default_copy_folder())), answered)  # type: ignore[attr-defined]


def export_article(
    app: App,
    store: AnnotationStore,
    fmt: str = "markdown",
    force: bool = False,
    folder: str | None = None,
) -> Path | None:
    """Write the article's `fmt` export from `store` next to it (or in `folder`); the path
    written, None if not (yet): a folder that cannot be written offers another."""
    from reader.export.formats import store_read, write_article_export  # verb dispatch
    from reader.export.markdown import ExportExists

    noun = FORMAT_NAMES[fmt][1]
    try:
        if folder is not None:  # another folder: never another article's export replaced
            from reader.export.copies import write_elsewhere

            path, warnings = write_elsewhere(store, fmt, folder, force)
        else:
            path, warnings = write_article_export(store_read(store), fmt, folder, force)
    except ExportExists as exists:
        again = lambda: export_article(app, store, fmt, True, folder)  # noqa: E731
        confirm_overwrite(app, exists.path, again)
        return None
    except (ReaderError, OSError) as error:
        if not isinstance(error, ReaderError):  # what the export's own checks missed
            error = ReaderError(f"cannot write the {noun} of {store.document.path}: {error}")
        _notice(app, str(error), "error")
        if folder is not None:
            return None
        if fmt == "markdown":
            save_copy_elsewhere(app, [store], f"{error}. Save the notes in another folder?")
        else:
            question = f"{error}. Write the {noun} in another folder?"
            ask_folder(app, question, lambda chosen: export_article(app, store, fmt, folder=chosen))
        return None
    _written(app, f"{noun[0].upper()}{noun[1:]} written to {path}", warnings)
    return path


def save_copy_elsewhere(
    app: App,
    stores: list[AnnotationStore],
    question: str,
    then: Callable[[], object] | None = None,
) -> None:
    """Ask for a folder (the documents folder offered) and write each article's notes and
    its annotations as W3C JSON there (`reader import` reads them back); `then()` once all
    are written. A file there that margin-reader did not write is replaced only once the
    reader says yes; a no writes nothing more (nor calls `then`)."""

    def chosen(folder: str) -> None:
        _write_copies(app, list(stores), folder, [], then)

    ask_folder(app, question, chosen)


def _write_copies(
    app: App,
    stores: list[AnnotationStore],
    folder: str,
    saved: list[Path],
    then: Callable[[], object] | None,
    force: bool = False,
) -> None:
    """Write the copies of `stores[0]`, then of the rest (`saved`: those written so far)."""
    from reader.export.copies import write_copies  # verb dispatch
    from reader.export.markdown import ExportExists

    if not stores:
        _notice(app, "Saved " + " and ".join(str(p) for p in saved))
        if then is not None:
            then()
        return
    try:
        written = write_copies(stores[0], folder, force)
    except ExportExists as exists:
        again = lambda: _write_copies(app, stores, folder, saved, then, True)  # noqa: E731
        confirm_overwrite(app, exists.path, again)
        return
    except (ReaderError, OSError) as error:
        _notice(app, one_line(str(error)), "error")
        return
    _write_copies(app, stores[1:], folder, saved + written, then)


def export_library(
    app: App,
    library: Path,
    flush: Callable[[], None],
    fmt: str = "markdown",
    force: bool = False,
    folder: str | None = None,
) -> None:
    """Write the `fmt` export of the `library` folder in it (or in `folder`), after
    `flush()` has saved the open article's annotations, in a worker thread."""
    flush()
    app.run_worker(
        lambda: _write_library(app, library, flush, fmt, force, folder),
        thread=True,
        group="export",
        exclusive=True,
    )


def _write_library(
    app: App,
    library: Path,
    flush: Callable[[], None],
    fmt: str,
    force: bool,
    folder: str | None,
) -> None:
    from reader.export.formats import write_library_export  # verb dispatch
    from reader.export.markdown import ExportExists

    noun = FORMAT_NAMES[fmt][1]
    try:
        path, warnings = write_library_export(library, fmt, folder, force)
    except ExportExists as exists:
        again = lambda: export_library(app, library, flush, fmt, True, folder)  # noqa: E731
        app.call_from_thread(confirm_overwrite, app, exists.path, again)
        return
    except (ReaderError, OSError) as error:
        app.call_from_thread(_notice, app, str(error), "error")
        if folder is None:
            question = f"{error}. Write the library's {noun} in another folder?"
            elsewhere = lambda chosen: export_library(app, library, flush, fmt, folder=chosen)  # noqa: E731
            app.call_from_thread(ask_folder, app, question, elsewhere)
        return
    app.call_from_thread(_written, app, f"Library {noun} written to {path}", warnings)


def leave_unless_unsaved(app: App, session: AnnotationSession, leave: Callable[[], None]) -> None:
    """`leave()`, unless the open article or another one read this session holds
    annotations that could not be saved (a read-only folder, a full disk, a held lock):
    they are not lost silently, the reader chooses to save copies elsewhere, quit anyway,
    or stay."""
    stores = session.unsaved_stores()
    if not stores:
        leave()
        return
    from reader.screens.annotation_dialogs import UnsavedScreen  # built when first used

    def answered(answer: str) -> None:
        if answer == "quit":
            leave()
        elif answer == "save":
            question = "Save the notes and annotations (W3C JSON, for reader import) in:"
            save_copy_elsewhere(app, stores, question, then=leave)

    why = stores[0].save_failure or "they could not be written"
    names = [one_line(Path(store.document.path).name) for store in stores]
    if len(names) == 1:
        question = f"The annotations of {names[0]} are not saved ({why})."
    else:
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        question = f"The annotations of {len(names)} articles ({listed}) are not saved ({why})."
    app.push_dialog(UnsavedScreen(question), answered)  # type: ignore[attr-defined]
