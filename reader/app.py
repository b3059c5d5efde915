"""ReaderApp: the terminal UI. Holds the open article, the library and the reading state."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.reactive import Reactive

from reader.document.decode import one_line
from reader.document.model import Document
from reader.hangup import (
    Departure,
    TerminalLost,
    add_signal_handlers,
    reader_driver,
    remove_signal_handlers,
)
from reader.library_browsing import LibraryBrowsing
from reader.opening import ArticleOpening
from reader.screens.annotating import POLL_SECONDS
from reader.screens.annotation_session import AnnotationSession
from reader.screens.reading import ReadingScreen
from reader.screens.sync_control import SyncControl
from reader.state import MEASURE_MAX, MEASURE_MIN, ReadingState
from reader.widgets.article_view import ArticleView
from reader.widgets.library_pane import LibraryPane
from reader.widgets.stylesheets import first_frame_paths, load_stylesheet

if TYPE_CHECKING:  # the store (TinyDB), the side panes and the library scan load after paint
    from collections.abc import Callable

    from textual.command import Provider
    from textual.driver import Driver
    from textual.screen import Screen

    from reader.library import LibraryEntry


def _reader_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens (Textual calls
    callables in `COMMANDS`); the help, links and open-path screens load when used too."""
    from reader.commands import ReaderCommands

    return ReaderCommands


ARTICLE_KEYS = Binding.Group("Article")  # J and K in the key bar: `J/K Article`


class ReaderApp(ArticleOpening, LibraryBrowsing, App[int]):
    """`ReaderApp(library=folder, article=file_or_None)`; `article=None` opens the newest.

    Opening and loading the article is `ArticleOpening`'s (reader.opening); scanning,
    stepping through and switching the library is `LibraryBrowsing`'s
    (reader.library_browsing). Here: the keys, start and quit, and the message handlers."""

    TITLE = "margin-reader"
    # Only the title bar shows these, and it repaints itself when they change (not the screen).
    title: Reactive[str] = Reactive("", compute=False, repaint=False)
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    CSS_PATH = first_frame_paths()  # the panes' stylesheets load with the panes
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS = [
        Binding("J", "next_article", "Next article", group=ARTICLE_KEYS),
        Binding("K", "previous_article", "Prev article", group=ARTICLE_KEYS),
        Binding("L", "toggle_library", "Library", id="toggle-library"),
        Binding("C", "toggle_side", "Claims/notes", id="toggle-side"),
        Binding("o", "links", "Links", id="links"),
        Binding("F", "search_library", "Search library", id="search-library"),
        Binding("y", "copy", "Copy", id="copy"),
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
        self.cursor_offset = 0
        self.progress = 0.0
        self.partial = False  # True while only the head of a big article is shown
        self._signals: list[int] = []
        self.annotations = AnnotationSession()  # the open article's store (the screen's)
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
        self._signals = add_signal_handlers(self.terminate_from_signal)
        self.set_interval(POLL_SECONDS, self._poll)
        if self.state.problem:
            self.notify(self.state.problem, severity="warning", markup=False)
        if self.initial_article is not None:
            self.open_article(self.initial_article)
        else:
            self.open_newest_cached()
        self._store_after_paint = False
        self.reading.focus_article()
        self.reading.show_library_until_open(self.article_path is None)
        if self.article_path is not None:
            # Only needed for the library pane and J/K: not before the article is on screen.
            self.call_after_refresh(self._list_library)
        else:
            self._list_library()
        self.call_after_refresh(self.library_sync.start)

    def _list_library(self) -> None:
        """The library pane in the order last chosen, then the folder's scan (a worker)."""
        self.library_pane.set_sort(self.state.library_sort)
        self.scan_library()

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
        from reader.screens.notes_export import leave_unless_unsaved

        leave_unless_unsaved(self, self.annotations, self._leave)

    leaving = False  # set once the reader has chosen to quit: later keys do nothing

    async def on_event(self, event: events.Event) -> None:
        if self.leaving and isinstance(event, events.Key):
            return  # typed after q, in the same burst
        await super().on_event(event)

    def _leave(self) -> None:
        self.leaving = True
        self.save_everything()
        self.annotations.close_all()
        remove_signal_handlers(self._signals)
        self.exit(0)

    def notify(self, message: str | list[str], *, title: str = "", **kwargs) -> None:  # type: ignore[override]
        """Every notification passes through here: file names and article text can carry
        control characters, which must never reach the terminal (Textual keeps ESC), and
        markup, which shows as typed. A list is shown one line per item, as is each line of
        a string; within a line, a tab or line break from untrusted text shows as ␉ or ␊."""
        lines = message if isinstance(message, list) else str(message).split("\n")
        kwargs["markup"] = False
        super().notify("\n".join(map(one_line, lines)), title=one_line(title), **kwargs)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which keys do, in plain words (Textual's own hint is
        markup, and `notify` never reads markup)."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        keys.sort(key=len)  # q before ctrl+q
        if keys:
            self.notify(f"Press {' or '.join(keys)} to quit the app", title="Do you want to quit?")

    @on(LibraryPane.SortChanged)
    def _sort_changed(self, event: LibraryPane.SortChanged) -> None:
        self.state.set_library_sort(event.order)

    @on(LibraryPane.OpenArticle)
    def _open_from_library(self, event: LibraryPane.OpenArticle) -> None:
        self.open_article(event.path)
        self.reading.focus_article()

    def _poll(self) -> None:
        """Every POLL_SECONDS: another process's annotations, and the article file itself."""
        if not self.is_running:  # quitting: the screens may be gone already
            return
        self.reading.poll_annotations()
        self._watch_article()

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
        from reader.widgets.clipboard import copy_text

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

    def get_system_commands(self, screen: Screen):
        """Textual's palette commands but its "Keys" panel: Help (?) lists the reader's keys."""
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_dialog(HelpScreen(self.reading.help_groups()))
