"""The reading screen: library | article | claims over notes, a title bar and a key bar.

The first frame shows the bars and the article; the claims and notes panes are built into
their column right after it (as the annotations load after it too: see `side_ready`), and so
is the library pane's list when it shows beside the article.

Which columns show depends on the width unless the user toggled them with L / C (remembered
in the reading state): the claims/notes column from 110 columns (`MEDIUM`), the library from
150 (`WIDE`), or from 120 (`NARROW`) in a library of several articles (`reader FOLDER`:
`browsing`; one article, `reader FILE`, has nothing to browse there). With both panes beside
the article below 150 columns they are narrower (26 and 30 columns at 120, widening to 30
and 40 by 150), so the article keeps 64 columns or more, a 59-column text (`pane_widths`).
A pane the user asked for shows while the article keeps `MIN_ARTICLE` columns; from `ROOMY`
columns up the panes grow wider.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Static

from reader.annotations.categories import CATEGORIES, CATEGORY_LABELS
from reader.screens.annotating import AnnotatingScreen
from reader.screens.annotation_session import AnnotationSession
from reader.widgets.article_view import ArticleView
from reader.widgets.key_bar import KeyBar
from reader.widgets.library_pane import FilterInput, LibraryList, LibraryPane
from reader.widgets.stylesheets import load_stylesheet
from reader.widgets.title_bar import TitleBar
from reader.widgets.typed_ahead import HandsOnTypedKeys

LIBRARY_WIDTH = 30
SIDE_WIDTH = 40
LIBRARY_NARROW, SIDE_NARROW = 26, 30  # both panes at `NARROW` columns: 64 left for the article
MIN_ARTICLE = 40  # the least a pane asked for with L / C leaves the article
WIDE = 150  # from here up: all three columns
NARROW = 120  # from here up, in a library of several articles: all three columns
MEDIUM = 110  # from here up: article + claims/notes
ROOMY = 180  # from here up the panes grow with the width, up to the widths below
LIBRARY_MAX, SIDE_MAX = 44, 64


def pane_widths(width: int, both: bool = True) -> tuple[int, int]:
    """(library, claims/notes) column widths at a terminal `width`, `both` of them shown or
    one: both below `WIDE` are narrower, from (`LIBRARY_NARROW`, `SIDE_NARROW`) at `NARROW`
    columns (and below) to the full widths at `WIDE`, their cut rounded up so the article
    never has less than at `NARROW`; fixed from there up to `ROOMY`, then a third (library)
    and a half (claims/notes) of the extra columns each."""
    if both and width < WIDE:
        short, span = WIDE - max(width, NARROW), WIDE - NARROW

        def cut(full: int, narrow: int) -> int:  # (full - narrow) * short / span, rounded up
            return ((full - narrow) * short + span - 1) // span

        return (
            LIBRARY_WIDTH - cut(LIBRARY_WIDTH, LIBRARY_NARROW),
            SIDE_WIDTH - cut(SIDE_WIDTH, SIDE_NARROW),
        )
    extra = max(0, width - ROOMY)
    return min(LIBRARY_MAX, LIBRARY_WIDTH + extra // 3), min(SIDE_MAX, SIDE_WIDTH + extra // 2)


CATEGORY_KEYS = Binding.Group("Category")  # 1-5 in the key bar: `1–5 Category`
EVIDENCE_KEYS = Binding.Group("Evidence")  # l and f in the key bar: `l/f Evidence`


class AnnotatedArticleView(HandsOnTypedKeys, ArticleView):
    """The article view plus the annotation keys (their actions are the reading screen's:
    `reader.screens.annotating.AnnotatingScreen`)."""

    BINDINGS = [
        Binding("h", "screen.highlight", "Highlight", show=True),
        # Keys 1-5, one per category, labelled from the model (one source of truth).
        *(
            Binding(
                str(key),
                f"screen.category({key})",
                CATEGORY_LABELS[slug],
                show=True,
                group=CATEGORY_KEYS,
            )
            for key, slug in enumerate(CATEGORIES, start=1)
        ),
        Binding("a", "screen.note", "Note", show=True),
        Binding("A", "screen.article_note", "Article note", show=False),
        Binding("t", "screen.tags", "Tags", show=True),
        Binding("x", "screen.delete_highlight", "Delete highlight", show=False),
        Binding("u", "screen.undo", "Undo", show=False),
        Binding("ctrl+r", "screen.redo", "Redo", show=False),
        Binding("right_square_bracket", "screen.next_highlight", "Next highlight", show=False),
        Binding("left_square_bracket", "screen.previous_highlight", "Prev highlight", show=False),
        Binding("s", "screen.verdict", "Verdict", show=True, id="verdict"),
        Binding(
            "l",
            "screen.link_evidence",
            "Link evidence",
            show=True,
            id="link-evidence",
            group=EVIDENCE_KEYS,
        ),
        Binding(
            "f",
            "screen.follow_evidence",
            "Follow evidence",
            show=True,
            id="follow",
            group=EVIDENCE_KEYS,
        ),
        Binding("H", "screen.library_claims", "Library claims", show=True, id="library-claims"),
        Binding(
            "W", "screen.accept_wording", "Accept new wording", show=False, id="accept-wording"
        ),
    ]

    def keeps_typed_keys(self) -> bool:
        bar = self._search_bar  # the search box: the view types into it in its own turn
        return bar is not None and bool(bar.display)


class ArticleMessage(Static, can_focus=True):
    """Shown in place of the article view for an empty article or a loading error."""


class ReadingScreen(AnnotatingScreen):
    # Key bar keys placed last, where the width leaves room: the checking keys, links, copy, then
    # the pane toggles (the panes show by themselves at the widths with room for these).
    KEY_BAR_LATER = (
        "verdict",
        "link-evidence",
        "follow",
        "library-claims",
        "links",
        "copy",
        "toggle-library",
        "toggle-side",
    )
    # A focus move restyles, so repaints, the widgets it leaves and enters; not the screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BINDINGS = [
        Binding("tab", "cycle_focus(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False),
        Binding("ctrl+o", "headings", "Headings", show=False, id="headings"),
        # From any pane (the library's included): the open article's notes.
        Binding("e", "export_notes", "Export notes", show=True),
        Binding("E", "export", "Export…", show=False, id="export"),
    ]

    def __init__(
        self,
        on_ready: Callable[[], None] | None = None,
        annotations: AnnotationSession | None = None,
    ) -> None:
        super().__init__(annotations, id="reading")
        self.user_library: bool | None = None  # None: follow the width
        self.user_side: bool | None = None
        self._on_ready = on_ready
        self.side_ready = False  # True once the claims and notes panes are built
        self.first_frame_shown = False
        self.nothing_open = False  # no article yet: the library fills the screen
        self.browsing = False  # a folder of several articles: the library shows from NARROW
        self._side_building = False

    def compose(self) -> ComposeResult:
        # The columns sit on the screen itself (`layout: horizontal` in styles/app.tcss;
        # title and key bars are docked): no container to style and paint in the first frame.
        yield TitleBar(id="title-bar")
        yield LibraryPane(id="library")
        yield AnnotatedArticleView(id="article")
        yield Vertical(id="side")  # the panes are built after the first frame
        yield KeyBar(id="key-bar")

    class Ready(Message):
        """Posted once the screen's widgets are mounted, unless an `on_ready` callback was
        given (the app starts loading then)."""

    def on_mount(self) -> None:
        state = getattr(self.app, "state", None)
        if state is not None:  # the panes as the user last left them
            self.user_library, self.user_side = state.library_pane, state.side_pane
        self.update_layout()
        if self._on_ready is not None:
            # Called here, before the screen's first layout and paint, so the first frame
            # already shows the article (no empty frame, no second full layout).
            self._on_ready()
        else:
            self.post_message(self.Ready())
        if not self.nothing_open:  # else once an article opens (`show_library_until_open`)
            self.call_after_refresh(self._build_side)
        self.call_after_refresh(setattr, self, "first_frame_shown", True)

    async def _build_side(self) -> None:
        """Build the claims and notes panes once the first frame is on screen (their modules,
        styles and first paint would otherwise delay the article), or, when the library fills
        the screen at first, once an article opens (they would delay its listing)."""
        if self._side_building:
            return
        self._side_building = True
        from reader.widgets.claims_pane import ClaimsPane  # the panes: after the first frame
        from reader.widgets.notes_pane import NotesPane

        load_stylesheet(self.app, "annotations")
        await self.query_one("#side").mount_all([ClaimsPane(id="claims"), NotesPane(id="notes")])
        self.side_ready = True
        # An article waiting for the panes opens its store once the panes have painted (the
        # article shown meanwhile stays on screen while the annotations load).
        self.call_after_refresh(self.panes_ready)

    # -- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.update_layout(event.size.width)

    def columns_for(self, width: int) -> tuple[bool, bool]:
        """(library shown, claims/notes shown) at this width, user toggles applied."""
        library = self.user_library
        if library is None:
            library = width >= (NARROW if self.browsing else WIDE) or self.nothing_open
        side = width >= MEDIUM if self.user_side is None else self.user_side
        if library and side and width - sum(pane_widths(width)) < MIN_ARTICLE:
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
        # Nothing open yet: the library takes the article's and the side panes' room.
        fill = library and self.nothing_open
        pane_width, column_width = pane_widths(width, library and side)
        # Each width set once: a style that changes, even back, lays the screen out again.
        pane.styles.width = "1fr" if fill else pane_width
        column.styles.width = column_width
        pane.display = library
        if library and (fill or self.first_frame_shown):
            pane.build()  # first time shown: its widgets are built now
        elif library:  # beside the article in the first frame: its rows right after it
            self.call_after_refresh(self._build_library)
        self.article_widget().display = not fill
        column.display = side and not fill
        if focused is not None and not self._is_shown(focused):
            self.focus_article()

    def _build_library(self) -> None:
        """The library pane's widgets, after the first frame (unless `q` came first: the
        screen is being taken down, and the pane's list would not be mounted into it)."""
        if not getattr(self.app, "leaving", False):
            self.query_one(LibraryPane).build()

    def set_browsing(self, browsing: bool) -> None:
        """A folder of several articles is open (`reader FOLDER`; the app says so from the
        metadata cache before the first frame, then from the scan): the library shows from
        `NARROW` columns, not only from `WIDE`."""
        if browsing != self.browsing:
            self.browsing = browsing
            self.update_layout()

    def show_library_until_open(self, waiting: bool) -> None:
        """While no article is open (the folder is still being read to find the newest),
        the library pane fills the screen, listing the folder as it is read."""
        if waiting != self.nothing_open:
            self.nothing_open = waiting
            if not waiting:  # one chosen before the scan is done: as many as listed so far
                self.browsing = self.browsing or len(self.query_one(LibraryPane).entries) > 1
            self.update_layout()
            if not waiting:
                self.call_after_refresh(self._build_side)
            if waiting and self.library_shown:
                self.query_one(LibraryPane).focus()

    def _is_shown(self, widget: Widget) -> bool:
        return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))

    def toggle_library(self) -> None:
        shown, _ = self.columns_for(self.size.width)
        self.user_library = not shown
        if self.user_library:
            self.user_side = self.user_side if self._room_for_both() else False
        self._remember_panes()
        self.update_layout()
        if self.user_library:
            self.query_one(LibraryPane).focus()

    def toggle_side(self) -> None:
        _, shown = self.columns_for(self.size.width)
        self.user_side = not shown
        if self.user_side and not self._room_for_both():
            self.user_library = False
        self._remember_panes()
        self.update_layout()

    def _remember_panes(self) -> None:
        """L / C are remembered across runs (the reading state, saved with the rest)."""
        state = getattr(self.app, "state", None)
        if state is not None:
            state.set_panes(self.user_library, self.user_side)

    def _room_for_both(self) -> bool:
        return self.size.width - sum(pane_widths(self.size.width)) >= MIN_ARTICLE

    @property
    def library_shown(self) -> bool:
        return bool(self.query_one(LibraryPane).display)

    @property
    def side_shown(self) -> bool:
        return bool(self.query_one("#side").display)

    # -- focus -------------------------------------------------------------------------------

    @property
    def message(self) -> ArticleMessage | None:
        """The message shown in place of the article (None until one was needed)."""
        found = self.query("#article-message")
        return found.first(ArticleMessage) if found else None

    def show_message(self, text: str) -> ArticleMessage:
        """Show plain `text` in place of the article view (the widget is made on first use)."""
        message = self.message
        if message is None:
            message = ArticleMessage("", id="article-message", markup=False)
            self.mount(message, before=self.query_one("#article"))
        message.update(text)
        message.display = True
        self.query_one("#article").display = False
        return message

    def hide_message(self) -> None:
        message = self.message
        if message is not None:
            message.display = False
        self.query_one("#article").display = True

    def annotation_count_changed(self, store) -> None:
        path = Path(store.document.path).resolve()
        self.query_one(LibraryPane).set_annotation_count(path, len(store.annotations))

    def article_widget(self) -> Widget:
        message = self.message
        return message if message is not None and message.display else self.query_one("#article")

    def focus_article(self) -> None:
        self.article_widget().focus()

    def focus_slots(self) -> list[Widget]:
        slots: list[Widget] = []
        if self.library_shown:
            slots.append(self.query_one(LibraryPane).article_list)
        slots.append(self.article_widget())
        if self.side_shown and self.side_ready:
            slots.append(self.claims_pane)
            slots.append(self.notes_pane)
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

    def action_headings(self) -> None:
        """ctrl+o: the article's headings; the one chosen gets the cursor."""
        document = self.app.document
        if document is None:
            self._notice("No article open")
            return
        from reader.document.headings import heading_at, headings
        from reader.screens.headings import HeadingsScreen

        outline = headings(document)
        view = self.query_one(ArticleView)
        here = heading_at(outline, view.cursor_range[0]) if view.cursor_range else None
        self.app.push_dialog(HeadingsScreen(outline, here), self._heading_chosen)

    def _heading_chosen(self, offset: int | None) -> None:
        if offset is not None:
            self.query_one(ArticleView).move_cursor_to_offset(offset)
            self.focus_article()

    def action_export(self) -> None:
        """E: the export formats, for the open article and the library; Enter writes one."""
        from reader.screens.export_dialog import LIBRARY, ExportScreen

        document = self.article_view.document
        article = Path(document.path) if document is not None else None

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None and choice[0] == LIBRARY:
                self.export_library(self.app.library_root, choice[1])  # type: ignore[attr-defined]
            elif choice is not None:
                self.action_export_notes(choice[1])

        self.app.push_dialog(ExportScreen(article), chosen)  # type: ignore[attr-defined]

    def help_groups(self) -> list[tuple[str, list]]:
        """(title, classes) for the help screen: the keys of each part, where they work."""
        from reader.widgets.claims_pane import ClaimsFilter, ClaimsList, ClaimsPane
        from reader.widgets.note_editor import NoteEditor  # not imported at start-up
        from reader.widgets.notes_pane import NotesPane

        groups: list[tuple[str, list]] = [
            ("Everywhere", [type(self.app), ReadingScreen]),
            ("Article", [AnnotatedArticleView]),
            ("Library (when focused)", [LibraryList, LibraryPane]),
            ("Library filter", [FilterInput]),
            ("Claims pane", [ClaimsList, ClaimsPane]),
            ("Claims filter", [ClaimsFilter]),
            ("Note editor", [NoteEditor, NotesPane]),
        ]
        known = {cls for _, classes in groups for cls in classes}
        focused = self.focused
        if focused is not None:
            extra = [
                type(node)
                for node in focused.ancestors_with_self
                if isinstance(node, Widget) and type(node) not in known
            ]
            if extra:
                groups.append((f"Focused: {type(focused).__name__}", extra))
        return groups
