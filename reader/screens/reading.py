"""The reading screen: library | article | claims over notes, with Header and Footer.

Which columns show depends on the width (all three from 150 columns, no library below that,
no claims/notes column below 110) unless the user toggled them with L / C; the article
always keeps at least `MIN_ARTICLE` columns.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.widgets._header import HeaderTitle

from reader.screens.annotating import AnnotatedArticleView
from reader.widgets.article_view import ArticleView  # noqa: F401  (re-exported)
from reader.widgets.claims_pane import ClaimsPane
from reader.widgets.library_pane import LibraryPane
from reader.widgets.notes_pane import NotesPane

LIBRARY_WIDTH = 30
SIDE_WIDTH = 40
MIN_ARTICLE = 40
WIDE = 150  # from here up: all three columns
MEDIUM = 110  # from here up: article + claims/notes


class _HeaderTitle(HeaderTitle):
    """The header's title line: full width, one row, so new text (the reading progress on
    every page) repaints it without a layout of the whole screen."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class ReaderHeader(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield _HeaderTitle() if type(widget) is HeaderTitle else widget


class ArticleMessage(Static, can_focus=True):
    """Shown in place of the article view for an empty article or a loading error."""


class ReadingScreen(Screen):
    BINDINGS = [
        Binding("tab", "cycle_focus(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False),
    ]

    def __init__(self, on_ready: Callable[[], None] | None = None) -> None:
        super().__init__(id="reading")
        self.user_library: bool | None = None  # None: follow the width
        self.user_side: bool | None = None
        self._on_ready = on_ready

    def compose(self) -> ComposeResult:
        # The columns sit on the screen itself (`layout: horizontal` in styles/app.tcss;
        # header and footer are docked): no container to style and paint in the first frame.
        yield ReaderHeader()
        yield LibraryPane(id="library")
        yield ArticleMessage("", id="article-message", markup=False)
        yield AnnotatedArticleView(id="article")
        with Vertical(id="side"):
            yield ClaimsPane(id="claims")
            yield NotesPane(id="notes")
        yield Footer()

    class Ready(Message):
        """Posted once the screen's widgets are mounted, unless an `on_ready` callback was
        given (the app starts loading then)."""

    def on_mount(self) -> None:
        self.query_one("#article-message").display = False
        self.update_layout()
        if self._on_ready is not None:
            # Called here, before the screen's first layout and paint, so the first frame
            # already shows the article (no empty frame, no second full layout).
            self._on_ready()
        else:
            self.post_message(self.Ready())

    # -- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.update_layout(event.size.width)

    def columns_for(self, width: int) -> tuple[bool, bool]:
        """(library shown, claims/notes shown) at this width, user toggles applied."""
        library = width >= WIDE if self.user_library is None else self.user_library
        side = width >= MEDIUM if self.user_side is None else self.user_side
        if library and side and width - LIBRARY_WIDTH - SIDE_WIDTH < MIN_ARTICLE:
            # Not enough room for both: keep the one the user asked for (the library wins).
            if self.user_side and not self.user_library:
                library = False
            else:
                side = False
        return library, side

    def update_layout(self, width: int | None = None) -> None:
        width = self.size.width if width is None else width
        if width <= 0:
            return
        library, side = self.columns_for(width)
        pane = self.query_one(LibraryPane)
        column = self.query_one("#side")
        focused = self.focused
        pane.display = library
        if library:
            pane.build()  # first time shown: its widgets are built now
        column.display = side
        if focused is not None and not self._is_shown(focused):
            self.focus_article()

    def _is_shown(self, widget: Widget) -> bool:
        return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))

    def toggle_library(self) -> None:
        shown, _ = self.columns_for(self.size.width)
        self.user_library = not shown
        if self.user_library:
            self.user_side = self.user_side if self._room_for_both() else False
        self.update_layout()
        if self.user_library:
            self.query_one(LibraryPane).focus()

    def toggle_side(self) -> None:
        _, shown = self.columns_for(self.size.width)
        self.user_side = not shown
        if self.user_side and not self._room_for_both():
            self.user_library = False
        self.update_layout()

    def _room_for_both(self) -> bool:
        return self.size.width - LIBRARY_WIDTH - SIDE_WIDTH >= MIN_ARTICLE

    @property
    def library_shown(self) -> bool:
        return bool(self.query_one(LibraryPane).display)

    @property
    def side_shown(self) -> bool:
        return bool(self.query_one("#side").display)

    # -- focus -------------------------------------------------------------------------------

    def article_widget(self) -> Widget:
        message = self.query_one("#article-message")
        return message if message.display else self.query_one("#article")

    def focus_article(self) -> None:
        self.article_widget().focus()

    def focus_slots(self) -> list[Widget]:
        slots: list[Widget] = []
        if self.library_shown:
            slots.append(self.query_one(LibraryPane).article_list)
        slots.append(self.article_widget())
        if self.side_shown:
            slots.append(self.query_one(ClaimsPane))
            slots.append(self.query_one(NotesPane))
        return slots

    def action_cycle_focus(self, step: int) -> None:
        slots = self.focus_slots()
        current = -1
        if self.focused is not None:
            chain = list(self.focused.ancestors_with_self)
            current = next((i for i, slot in enumerate(slots) if slot in chain), -1)
            if current < 0 and self.library_shown and self.query_one(LibraryPane) in chain:
                current = 0  # e.g. the library's filter input
        target = slots[(current + step) % len(slots)] if current >= 0 else slots[0]
        target.focus()
