"""ReaderApp: the terminal UI. Holds the open article, the library and the reading state."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.worker import get_current_worker

from reader.document.decode import one_line
from reader.document.loader import load_document, load_document_head
from reader.document.model import Document
from reader.errors import ReaderError
from reader.hangup import Departure, TerminalLost, reader_driver
from reader.screens.annotating import POLL_SECONDS
from reader.screens.annotation_session import AnnotationSession
from reader.screens.notes_export import save_copy_elsewhere
from reader.screens.reading import ReadingScreen
from reader.screens.sync_control import SyncControl
from reader.state import MEASURE_MAX, MEASURE_MIN, ReadingState
from reader.targets import Target, check_article_file, fetched_target, resolve_target
from reader.widgets.article_view import ArticleView
from reader.widgets.clipboard import copy_text
from reader.widgets.library_pane import LibraryPane
from reader.widgets.stylesheets import first_frame_paths, load_stylesheet

if TYPE_CHECKING:  # the store (TinyDB), the side panes and the library scan load after paint
    from collections.abc import Callable

    from textual.command import Provider
    from textual.driver import Driver
    from textual.screen import Screen

    from reader.annotations.store import AnnotationStore
    from reader.library import LibraryEntry

BIG_FILE_BYTES = 1_000_000  # larger articles show their head first, then load in a worker
HEAD_BYTES = 64 * 1024  # how much of a big article is parsed for the first screens


def add_signal_handlers(handler: Callable[[int], None]) -> list[int]:
    """Call `handler(signum)` on SIGTERM and SIGHUP; the signals it was set for."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return []
    added = []
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            loop.add_signal_handler(signum, handler, signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            continue
        added.append(signum)
    return added


def remove_signal_handlers(signums: list[int]) -> None:
    """Undo `add_signal_handlers` (the list is emptied)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for signum in signums:
        try:
            loop.remove_signal_handler(signum)
        except (RuntimeError, ValueError):
            pass
    signums.clear()


def _reader_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens (Textual calls
    callables in `COMMANDS`); the help, links and open-path screens load when used too."""
    from reader.commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[int]):
    """`ReaderApp(library=folder, article=file_or_None)`; `article=None` opens the newest."""

    TITLE = "margin-reader"
    CSS_PATH = first_frame_paths()  # the panes' stylesheets load with the panes
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS = [
        Binding("J", "next_article", "Next article"),
        Binding("K", "previous_article", "Prev article"),
        Binding("L", "toggle_library", "Library"),
        Binding("C", "toggle_side", "Claims/notes"),
        Binding("o", "links", "Links"),
        Binding("F", "search_library", "Search library", id="search-library"),
        Binding("y", "copy", "Copy"),
        Binding("r", "refresh('library')", "Refresh library", show=False, id="refresh-library"),
        Binding("R", "refresh('article')", "Refresh article", show=False, id="refresh-article"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        library: Path,
        article: Path | None = None,
        *,
        state: ReadingState | None = None,
    ) -> None:
        super().__init__()
        self.library_root = Path(library).resolve()
        self.initial_article = Path(article).resolve() if article is not None else None
        self.state = state if state is not None else ReadingState.load()
        self.entries: list[LibraryEntry] = []
        self.library_ready = False
        self.document: Document | None = None
        self.article_path: Path | None = None
        self._article_stat: tuple[int, int, int] | None = None  # when it was read
        self.cursor_offset = 0
        self.progress = 0.0
        self.partial = False  # True while only the head of a big article is shown
        self._head_offset = 0
        self._pending_big: Path | None = None  # a big article whose worker starts after paint
        self._signals: list[int] = []
        self.annotations = AnnotationSession()  # the open article's store (the screen's)
        self._store_after_paint = True  # only for the article shown by the first frame
        self.library_sync = SyncControl(self)  # git sync state in the title bar, "Sync"
        self.departure = Departure(self, self.save_everything, self._leave)

    # -- start and stop ----------------------------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        return reader_driver(super().get_driver_class())

    def get_default_screen(self) -> ReadingScreen:
        return ReadingScreen(on_ready=self._start, annotations=self.annotations)

    @property
    def reading(self) -> ReadingScreen:
        """The reading screen (the bottom of the screen stack, under any dialog)."""
        for screen in self.screen_stack:
            if isinstance(screen, ReadingScreen):
                return screen
        raise RuntimeError("no reading screen")

    @property
    def article_view(self) -> ArticleView:
        return self.reading.query_one("#article", ArticleView)

    @property
    def library_pane(self) -> LibraryPane:
        return self.reading.query_one(LibraryPane)

    @on(ReadingScreen.Ready)
    def _start(self) -> None:
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme
        self.watch(self, "theme", self._theme_changed, init=False)
        view = self.article_view
        if self.state.measure is not None:
            view.measure = self.state.measure
        self.watch(view, "measure", self._measure_changed, init=False)
        self.library_pane.progress_of = self._progress_of
        self.library_pane.set_sort(self.state.library_sort)
        self._signals = add_signal_handlers(self.terminate_from_signal)
        self.set_interval(POLL_SECONDS, self._poll)
        if self.state.problem:
            self.notify(self.state.problem, severity="warning", markup=False)
        if self.initial_article is not None:
            self.open_article(self.initial_article)
        self._store_after_paint = False
        self.reading.focus_article()
        if self.initial_article is not None:
            # Only needed for the library pane and J/K: not before the article is on screen.
            self.call_after_refresh(self.scan_library)
        else:
            self.scan_library()
        self.call_after_refresh(self.library_sync.start)

    def terminate_from_signal(self, signum: int) -> None:
        """SIGTERM/SIGHUP: save everything and leave, within 2 s (see `reader.hangup`)."""
        self.departure.signalled(signum)

    @on(TerminalLost)
    def _terminal_lost(self) -> None:
        self.departure.lost()

    def save_everything(self, timeout: float = 2) -> None:
        """Persist all user state. Called on article switch, quit, SIGTERM and SIGHUP.

        Safe to call repeatedly and after the UI has gone (uses no widgets). The annotation
        store's flush hooks in here too.
        """
        self.remember_position()
        self.state.save()
        self.annotations.flush(timeout)

    async def action_quit(self) -> None:
        """Quit, saving everything; annotations that cannot be saved (a read-only folder, a
        full disk) are not lost silently: the reader chooses to save a copy elsewhere, quit
        anyway, or stay."""
        self.save_everything()
        store = self.annotations.store
        if store is None or not store.unsaved or not (len(store) or store.article_note):
            self._leave()
            return
        from reader.screens.annotation_dialogs import UnsavedScreen  # built when first used

        why = store.save_failure or "they could not be written"
        name = one_line(Path(store.document.path).name)
        question = f"The annotations of {name} are not saved ({why})."
        self.push_dialog(UnsavedScreen(question), lambda answer: self._unsaved(answer, store))

    def _unsaved(self, answer: str, store: AnnotationStore) -> None:
        if answer == "quit":
            self._leave()
        elif answer == "save":
            question = "Save the notes and annotations (W3C JSON, for reader import) in:"
            save_copy_elsewhere(self, store, question, then=self._leave)

    def _leave(self) -> None:
        self.save_everything()
        self.annotations.close()
        remove_signal_handlers(self._signals)
        self.exit(0)

    # -- library -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def scan_library(self) -> None:
        worker = get_current_worker()
        pane = self.library_pane

        def progress(count: int) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(pane.set_scanning, count)

        def found(batch: list[LibraryEntry]) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(pane.add_entries, batch)

        from reader.library import scan_library
        from reader.library_cache import MetadataCache

        cache = MetadataCache.open()
        try:
            entries = scan_library(self.library_root, progress, cache=cache, found=found)
        finally:
            cache.close()
        if cache.problem and not worker.is_cancelled:
            self.call_from_thread(self.notify, cache.problem, severity="warning", markup=False)
        if not worker.is_cancelled:
            self.call_from_thread(self._library_scanned, entries)

    def _library_scanned(self, entries: list[LibraryEntry]) -> None:
        self.entries = entries
        self.library_ready = True
        pane = self.library_pane
        pane.set_entries(entries)
        if self.article_path is not None:
            pane.set_current(self.article_path)
        elif self.initial_article is None:
            from reader.library import newest_openable

            newest = newest_openable(entries)
            if newest is not None:
                self.open_article(newest.path)
            else:
                self.show_message(f"No readable article in this folder: {self.library_root}")
            self.reading.focus_article()

    def notify(self, message: str | list[str], *, title: str = "", **kwargs) -> None:  # type: ignore[override]
        """Every notification passes through here: file names and article text can carry
        control characters, which must never reach the terminal (Textual keeps ESC). A list
        is shown one line per item."""
        lines = message if isinstance(message, list) else [str(message)]
        super().notify("\n".join(map(one_line, lines)), title=one_line(title), **kwargs)

    def show_message(self, text: str) -> None:
        """Show `text` (plain, never markup) in place of the article view."""
        self.reading.show_message(one_line(text))

    def _neighbour(self, step: int) -> LibraryEntry | None:
        entries = self.library_pane.shown or self.entries
        index = next(
            (i for i, entry in enumerate(entries) if entry.path == self.article_path), None
        )
        if index is None:
            return entries[0] if entries else None
        index += step
        while 0 <= index < len(entries):
            if not entries[index].binary:
                return entries[index]
            index += step
        return None

    def _step_article(self, step: int) -> None:
        if not self.library_ready:
            self.notify("Still scanning the library…")
            return
        entry = self._neighbour(step)
        if entry is None:
            self.notify("Last article in the library" if step > 0 else "First article")
            return
        self.open_article(entry.path)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    @on(LibraryPane.SortChanged)
    def _sort_changed(self, event: LibraryPane.SortChanged) -> None:
        self.state.set_library_sort(event.order)

    @on(LibraryPane.OpenArticle)
    def _open_from_library(self, event: LibraryPane.OpenArticle) -> None:
        self.open_article(event.path)
        self.reading.focus_article()

    # -- opening articles --------------------------------------------------------------------

    def open_article(self, path: Path) -> None:
        """Show `path` in the article view (in a worker when it is big)."""
        path = Path(path)
        try:
            path = check_article_file(path)
            size = path.stat().st_size
        except (ReaderError, OSError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.save_everything()
        self._pending_big = None
        self.workers.cancel_group(self, "load")  # a big article still loading is not wanted
        if size > BIG_FILE_BYTES:
            head = self._load(path, head=True)
            if head is not None:
                self.show_document(head, complete=False)
            else:
                self.article_view.loading = True
            # The whole-file parse would share the GIL with the first frame: start it after.
            self._pending_big = path
            self.call_after_refresh(self._start_load_big, path)
            return
        document = self._load(path)
        if document is not None:
            self.show_document(document)

    def _load(self, path: Path, head: bool = False) -> Document | None:
        try:
            if head:
                return load_document_head(path, HEAD_BYTES)[0]
            return load_document(path)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
        except (OSError, ValueError) as error:
            self.notify(f"cannot open ({error}): {path}", severity="error", markup=False)
        return None

    def _start_load_big(self, path: Path) -> None:
        if self._pending_big is path:  # not replaced by another article meanwhile
            self._pending_big = None
            self._load_big(path)

    @work(thread=True, exclusive=True, group="load")
    def _load_big(self, path: Path) -> None:
        from reader.annotations.store import AnnotationStore  # TinyDB: off the first frame

        worker = get_current_worker()
        try:
            document = load_document(path)
            document.sha256  # noqa: B018  (hash off the UI thread)
            store = AnnotationStore.open(document)  # re-anchoring off the UI thread too
        except (ReaderError, OSError, ValueError) as error:
            if not worker.is_cancelled:
                self.call_from_thread(self._load_failed, str(error))
            return
        if worker.is_cancelled:
            store.close()
        else:
            self.call_from_thread(self._swap_in, document, store)

    def _load_failed(self, message: str) -> None:
        self.article_view.loading = False
        self.partial = False
        self.notify(message, severity="error", markup=False)

    def _swap_in(self, document: Document, store: AnnotationStore) -> None:
        """The whole of a big article, loaded in a worker, replaces the head shown so far.

        The cursor stays on its sentence and the text on screen stays where it is; only when
        the reader has not moved yet is a saved position (maybe beyond the head) restored.
        """
        view = self.article_view
        head = self.document
        same = (
            self.partial
            and head is not None
            and Path(head.path).resolve() == Path(document.path).resolve()
            and document.text.startswith(head.text)
            and bool(view.display)
        )
        self.partial = False
        if not same or (
            self.cursor_offset == self._head_offset
            and self.state.position(Path(document.path).resolve(), document.sha256) is not None
        ):
            self.show_document(document, store)
            return
        # The head's blocks are the whole's first blocks: the text on screen stays put.
        self.document = document
        view.loading = False
        view.load_longer(document, self.cursor_offset)
        self.progress = float(view.progress)
        self.sub_title = f"{self.progress:.0f}%"
        self.reading.open_annotations(document, store)
        self.remember_position()

    def show_document(
        self, document: Document, store: AnnotationStore | None = None, complete: bool = True
    ) -> None:
        """Show `document`; `complete=False`: only its head (the rest loads in a worker)."""
        path = Path(document.path).resolve()
        self.document = document
        self.article_path = path
        self._article_stat = _stat_of(path)
        self.partial = not complete
        view = self.article_view
        view.loading = False
        message = self.reading.message
        # A head is never hashed (its hash is not the article's): the position is restored
        # when the whole article is in.
        offset = (self.state.position(path, document.sha256) or 0) if complete else 0
        if document.is_empty:
            self.show_message(f"This article is empty: {document.path}")
            self.progress = 0.0
        else:
            self.reading.hide_message()
            view.load(document, offset)
            self.progress = float(view.progress)
        self.cursor_offset = offset
        self.title = one_line(document.title or path.name)
        self.sub_title = f"{self.progress:.0f}%"
        if complete:
            if store is None and self._store_after_paint:
                # The first frame shows the text; TinyDB and the highlights come right after.
                self.annotations.close()
                self.call_after_refresh(self._open_store_after_paint, document)
            else:
                self.reading.open_annotations(document, store)
            self.remember_position()
        else:
            self._head_offset = offset
            self.sub_title = "loading the rest…"
            self.annotations.close()
        self.library_pane.set_current(path)
        if self.reading.focused in (None, view, message):
            self.reading.focus_article()

    def _poll(self) -> None:
        """Every POLL_SECONDS: another process's annotations, and the article file itself."""
        self.reading.poll_annotations()
        self._watch_article()

    def _watch_article(self) -> None:
        """An article rewritten on disk is read again, its highlights re-anchored to the new
        text, the cursor kept where it was; one moved or deleted is said once (its
        annotations stay in memory, unsaved: quitting offers to save them elsewhere)."""
        path, before = self.article_path, self._article_stat
        if path is None or before is None or self.partial:
            return
        now = _stat_of(path)
        if now == before:
            return
        self._article_stat = now
        name = one_line(path.name)
        if now is None:
            self.notify(
                f"{name} was moved or deleted: its annotations are kept here, not saved",
                severity="warning",
                markup=False,
            )
            return
        offset = self.article_view.cursor_range
        self.open_article(path)
        if offset is not None and self.article_path == path and not self.partial:
            self.article_view.move_cursor_to_offset(offset[0])
        self.notify(f"{name} changed on disk: read again, highlights re-anchored", markup=False)

    def _open_store_after_paint(self, document: Document) -> None:
        if self.document is document and self.annotations.store is None:
            self.reading.open_annotations(document)

    def remember_position(self) -> None:
        if self.document is None or self.article_path is None or self.partial:
            return
        self.state.remember(
            self.article_path, self.document.sha256, self.cursor_offset, self.progress
        )

    def _progress_of(self, path: Path) -> float | None:
        """How far the reader is in `path`: live for the open article, else as saved."""
        if path == self.article_path and not self.partial:
            return self.progress
        return self.state.progress(path)

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event) -> None:
        self.cursor_offset = event.start
        shown = round(self.progress)
        self.progress = float(event.progress)
        self.sub_title = f"{self.progress:.0f}%"
        if round(self.progress) != shown:
            self.library_pane.refresh_current()  # its row shows the same percentage

    def push_dialog(self, screen: Screen, callback: Callable | None = None) -> None:
        """Push the help, links or open-file dialog (their styles load with the first one)."""
        load_stylesheet(self, "dialogs")
        self.push_screen(screen, callback)

    def action_open_path(self) -> None:
        from reader.commands import OpenPathScreen

        self.push_dialog(OpenPathScreen(), self._open_path_chosen)

    def _open_path_chosen(self, text: str | None) -> None:
        if not text:
            return
        if text.lower().startswith(("http://", "https://")):
            self.notify(f"Fetching {one_line(text)}…", markup=False)
            self.fetch_and_open(text)
            return
        try:
            target = resolve_target(text)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._open_target(target)

    @work(thread=True, group="fetch")
    def fetch_and_open(self, url: str, library: Path | None = None) -> None:
        """A URL from the open prompt (or "Add URL…": into `library`): fetched into the sample
        library in a thread (a slow server never holds up the keys), then opened there."""
        try:
            target = resolve_target(url) if library is None else fetched_target(url, library)
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self._open_target, target)

    def _open_target(self, target: Target) -> None:
        if target.library != self.library_root:
            self.library_root = target.library
            self.library_ready = False
            self.entries = []
            self.initial_article = target.article
            self.library_pane.set_entries([])
            self.library_pane.set_scanning(0)
            self.scan_library()
            self.library_sync.refresh()
        elif target.article is not None and all(e.path != target.article for e in self.entries):
            self.scan_library()  # a page just added to this library: list it
        if target.article is not None:
            self.open_article(target.article)
        else:
            self.save_everything()
            self.document = None
            self.article_path = None

    # -- app keys ----------------------------------------------------------------------------

    def action_refresh(self, what: str = "library") -> None:
        from reader.screens.news_actions import refresh

        refresh(self, what)

    def action_toggle_library(self) -> None:
        self.reading.toggle_library()

    def action_toggle_side(self) -> None:
        self.reading.toggle_side()

    def change_measure(self, delta: int) -> None:
        view = self.article_view
        view.measure = max(MEASURE_MIN, min(MEASURE_MAX, view.measure + delta))

    def _measure_changed(self, measure: int) -> None:
        self.state.set_measure(measure)

    def _theme_changed(self, theme: str) -> None:
        self.state.set_theme(theme)

    def action_links(self) -> None:
        if self.document is None:
            return
        from reader.screens.links import LinksScreen, find_links

        self.push_dialog(LinksScreen(find_links(self.document)))

    def action_copy(self) -> None:
        if self.document is None or not self.article_view.display:
            return
        view = self.article_view
        span = view.selection_range
        if span is None:  # the highlight under the cursor, else the cursor sentence
            highlight = self.reading.annotation_under_cursor()
            span = (highlight.start, highlight.end) if highlight is not None else view.cursor_range
        if span is None:
            self.notify("Nothing to copy here")
            return
        self.notify(copy_text(self, self.document.text[span[0] : span[1]]), markup=False)

    def action_search_library(self) -> None:
        from reader.screens.library_search import LibrarySearchScreen

        load_stylesheet(self, "library_search")
        self.push_dialog(LibrarySearchScreen(self.library_root), self._search_chosen)

    def _search_chosen(self, chosen: tuple[Path, int] | None) -> None:
        if chosen is not None:
            self.open_article(chosen[0])
            if self.article_path == chosen[0] and not self.partial:
                self.article_view.move_cursor_to_offset(chosen[1])
            self.reading.focus_article()

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_dialog(HelpScreen(self.reading.help_groups()))


def _stat_of(path: Path) -> tuple[int, int, int] | None:
    """What tells a rewritten file from the one read: size, modification time, inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)
