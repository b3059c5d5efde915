"""The library pane: the articles of the library folder, newest first, with a `/` filter.

The list is a Line-API ScrollView with two lines per article, so a folder of thousands of
articles costs only the lines on screen to paint (an OptionList wraps every prompt up front).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.widgets.cursor_list import CursorList
from reader.widgets.stylesheets import load_stylesheet

if TYPE_CHECKING:  # the library module loads with the scan, after the first frame
    from reader.library import LibraryEntry

ProgressLookup = Callable[[Path], float | None]
LINES_PER_ENTRY = 2


def _printable(text: str) -> str:
    """Article strings go straight into Segments: never let a control character through."""
    return text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)


def entry_lines(entry: LibraryEntry, progress: float | None, current: bool) -> tuple[str, str]:
    """The two plain-text lines for one article: marker + title, then date · source · counts."""
    if current:
        marker = "▶"
    elif entry.binary:
        marker = "✗"
    elif progress is None:
        marker = "•"  # unread
    elif progress >= 99.5:
        marker = "✓"
    else:
        marker = " "
    details = [entry.published or "no date"]
    if entry.source:
        details.append(entry.source)
    if entry.annotation_count:
        details.append(f"✎{entry.annotation_count}")
    if progress is not None:
        details.append(f"{progress:.0f}%")
    return _printable(f"{marker} {entry.title}"), _printable("  " + " · ".join(details))


class LibraryList(CursorList):
    """Two lines per article; j/k move, Enter opens, / filters."""

    COMPONENT_CLASSES = {
        "library-list--title",
        "library-list--details",
        "library-list--cursor",
        "library-list--current",
    }
    ROW_HEIGHT = LINES_PER_ENTRY
    BINDINGS = [
        Binding("enter", "select", "Open article"),
        Binding("slash", "filter", "Filter"),
    ]

    class Selected(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, str]] = []
        self.current_index: int | None = None

    def set_items(self, items: list[tuple[str, str]], current_index: int | None) -> None:
        self.items = items
        self.current_index = current_index
        self.virtual_size = Size(self.size.width, len(items) * LINES_PER_ENTRY)
        self.cursor = current_index if current_index is not None else 0
        self.refresh()

    def replace_item(self, index: int, item: tuple[str, str]) -> None:
        self.items[index] = item
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.items)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        index, line = divmod(row, LINES_PER_ENTRY)
        base = self.get_component_rich_style(
            "library-list--title" if line == 0 else "library-list--details"
        )
        if index >= len(self.items):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + base
        if index == self.current_index:
            style += self.get_component_rich_style("library-list--current")
        if index == self.cursor:
            style += self.get_component_rich_style("library-list--cursor")
        text = " " + self.items[index][line]
        if cell_len(text) > width and width > 1:
            text = set_cell_size(text, width - 1) + "…"
        else:
            text = set_cell_size(text, width)
        return Strip([Segment(text, style)], width)

    def item_text(self, index: int) -> str:
        return "\n".join(self.items[index])

    def action_select(self) -> None:
        if self.items:
            self.post_message(self.Selected(self.cursor))

    def action_filter(self) -> None:
        self.query_ancestor(LibraryPane).show_filter()

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if 0 <= index < len(self.items):
            self.cursor = index
            self.post_message(self.Selected(index))


class FilterInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Clear filter")]

    def action_cancel(self) -> None:
        self.query_ancestor(LibraryPane).hide_filter()


class LibraryPane(Vertical):
    """Library folder contents. Posts `LibraryPane.OpenArticle` when one is chosen.

    Its widgets are built the first time it is shown (`build()`): below 150 columns it starts
    hidden, and an empty container costs the first frame nothing. Entries, the current article
    and the scanning count given before are kept and shown once built.
    """

    class OpenArticle(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[LibraryEntry] = []
        self.shown: list[LibraryEntry] = []
        self.current: Path | None = None
        self.progress_of: ProgressLookup = lambda path: None
        self.query_text = ""
        self.built = False
        self._scanning: int | None = 0  # None: scan done

    def compose(self) -> ComposeResult:
        return ()

    def build(self) -> None:
        """Mount the pane's widgets (once), filled with what the pane was given so far."""
        if self.built:
            return
        self.built = True
        load_stylesheet(self.app, "library")
        self.mount_all(
            [
                Static("Library", classes="pane-title"),
                FilterInput(placeholder="Filter: title, source, date", id="library-filter"),
                Static(self._status_text(), id="library-status", markup=False),
                LibraryList(id="library-list"),
            ]
        )
        self.refresh_list()

    def _status_text(self) -> str:
        count = self._scanning
        return f"Scanning… {count} files" if count else "Scanning…"

    @property
    def article_list(self) -> LibraryList:
        self.build()
        return self.query_one(LibraryList)

    # -- content -----------------------------------------------------------------------------

    def set_scanning(self, count: int) -> None:
        self._scanning = count
        if self.built:
            status = self.query_one("#library-status", Static)
            status.update(self._status_text())
            status.display = True

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.entries = list(entries)
        self._scanning = None
        self.refresh_list()

    def _lines(self, entry: LibraryEntry) -> tuple[str, str]:
        return entry_lines(entry, self.progress_of(entry.path), entry.path == self.current)

    def _index_of(self, path: Path | None) -> int | None:
        if path is None:
            return None
        return next((i for i, entry in enumerate(self.shown) if entry.path == path), None)

    def refresh_current(self) -> None:
        """Re-render the open article's entry (its reading progress moved)."""
        index = self._index_of(self.current)
        if self.built and index is not None:
            self.article_list.replace_item(index, self._lines(self.shown[index]))

    def set_current(self, path: Path | None) -> None:
        """Mark the open article; re-renders only the old and new current entries."""
        previous, self.current = self.current, path
        if not self.built:
            return
        article_list = self.article_list
        for index in {self._index_of(previous), self._index_of(path)} - {None}:
            article_list.replace_item(index, self._lines(self.shown[index]))
        article_list.current_index = self._index_of(path)
        if article_list.current_index is not None:
            article_list.cursor = article_list.current_index

    def refresh_list(self) -> None:
        from reader.library import filter_entries

        self.shown = filter_entries(self.entries, self.query_text)
        if not self.built:
            return
        self.article_list.set_items(
            [self._lines(entry) for entry in self.shown], self._index_of(self.current)
        )
        status = self.query_one("#library-status", Static)
        if self.entries and not self.shown:
            status.update("No article matches the filter")
            status.display = True
        elif self._scanning is not None:
            status.update(self._status_text())
            status.display = True
        else:
            status.display = False

    # -- filter ------------------------------------------------------------------------------

    def show_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    def hide_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.value = ""
        field.display = False
        self.article_list.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_list()
        self.article_list.cursor = 0

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.article_list.focus()

    @on(LibraryList.Selected)
    def _selected(self, event: LibraryList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown):
            self.post_message(self.OpenArticle(self.shown[event.index].path))

    def focus(self, scroll_visible: bool = True) -> LibraryPane:
        self.article_list.focus(scroll_visible)
        return self
