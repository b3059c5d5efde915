"""The library pane: the articles of the library folder, newest first, with a `/` filter.

The list is a Line-API ScrollView with two lines per article, so a folder of thousands of
articles costs only the lines on screen to paint (an OptionList wraps every prompt up front).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
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


# One line of a row: (text, dim) parts.
Line = tuple[tuple[str, bool], ...]


def entry_lines(
    entry: LibraryEntry,
    progress: float | None,
    current: bool,
    show_name: bool = False,
    room: int | None = None,
) -> tuple[Line, Line]:
    """The two lines of one article: marker + title, then date · [file name, dim, when the
    title is not unique] · source · counts · progress, the second fitted to `room` cells
    when given (see `details_line`)."""
    from reader.library_order import reading_status

    status = reading_status(progress)
    if current:
        marker = "▶"
    elif entry.binary:
        marker = "✗"
    else:
        marker = {"unread": "•", "read": "✓"}.get(status, " ")
    date = entry.published or ("…" if entry.pending else "no date")
    tail = []
    if entry.annotation_count:
        tail.append(f"✎{entry.annotation_count}")
    if progress is not None:
        tail.append(f"{progress:.0f}%")
    name = _printable(entry.name) if show_name else ""
    details = details_line(date, name, _printable(entry.source), " · ".join(tail), room)
    return ((_printable(f"{marker} {entry.title}"), False),), details


def _cut(text: str, cells: int) -> str:
    """`text` in at most `cells` cells, "…" ending it when cut; "" when fewer than four cells
    are left (a sliver of a word tells nothing)."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1).rstrip() + "…" if cells >= 4 else ""


def details_line(date: str, name: str, source: str, tail: str, room: int | None) -> Line:
    """`  date · name · source · tail` (the name dim; empty ones left out). In `room` cells the
    source is cut first, then the name, then the indent (in a narrow pane), so the date, the
    ✎ count and the progress (`tail`) always show."""
    indent = "  "
    if room is not None:
        spare = room - 2 - cell_len(date) - (3 + cell_len(tail) if tail else 0)
        source = _cut(source, spare - 3 - (3 + cell_len(name) if name else 0))
        name = _cut(name, spare - 3 - (3 + cell_len(source) if source else 0))
        indent = " " * max(0, min(2, 2 + spare))
    line: list[tuple[str, bool]] = [(indent + date, False)]
    if name:
        line += [(" · ", False), (name, True)]
    line += [(" · " + text, False) for text in (source, tail) if text]
    return tuple(line)


def line_text(line: Line) -> str:
    return "".join(text for text, _ in line)


def parts_strip(parts: Line, width: int, style: Style, other: Style) -> Strip:
    """One line of `width` cells from (text, flag) parts, flagged ones in `other`, the rest
    in `style`; cut with "…" when too long, after a one-cell margin."""
    segments = [Segment(" ", style)]
    room = width - 1
    for text, flagged in parts:
        if room <= 0:
            break
        cells = cell_len(text)
        if cells > room:  # no space before the "…": `high…`, not `high …`
            text = set_cell_size(text, room - 1).rstrip() + "…" if room > 1 else "…"
            segments.append(Segment(text, other if flagged else style))
            room -= cell_len(text)  # padded below: nothing comes after the "…"
            break
        segments.append(Segment(text, other if flagged else style))
        room -= cells
    if room > 0:
        segments.append(Segment(" " * room, style))
    return Strip(segments, width)


class RowList(CursorList):
    """Rows of two lines, each line (text, flag) parts drawn by `parts_strip`; rows come from
    `lines_of(index)` when they come on screen. Enter or a click posts `Selected(index)`."""

    ROW_HEIGHT = LINES_PER_ENTRY

    class Selected(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.count = 0
        self.lines_of: Callable[[int], tuple[Line, Line]] = lambda index: ((), ())
        self._lines: dict[int, tuple[Line, Line]] = {}
        self._lines_width = 0  # the width the cached lines were made for

    def set_count(self, count: int, cursor: int = 0) -> None:
        """`count` rows (drawn afresh), the cursor on row `cursor`."""
        self.count = count
        self._lines.clear()
        self.virtual_size = Size(self.size.width, count * LINES_PER_ENTRY)
        self.cursor = cursor
        self.refresh()

    def replace_item(self, index: int) -> None:
        self._lines.pop(index, None)
        self.refresh()

    @property
    def room(self) -> int:
        """The cells a line's text has (after the one-cell margin)."""
        return max(0, self.scrollable_content_region.width - 1)

    def lines(self, index: int) -> tuple[Line, Line]:
        if self._lines_width != self.room:  # a line may be laid out to fit the width
            self._lines_width = self.room
            self._lines.clear()
        found = self._lines.get(index)
        if found is None:
            found = self._lines[index] = self.lines_of(index)
        return found

    @property
    def row_count(self) -> int:
        return self.count

    def line_styles(self, index: int, line: int) -> tuple[Style, Style]:
        """The styles of line `line` (0 or 1) of row `index`: plain parts, flagged parts."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(int(self.scroll_offset.y) + y, LINES_PER_ENTRY)
        if index >= self.count:
            return Strip.blank(width, self.rich_style)
        style, flagged = self.line_styles(index, line)
        return parts_strip(self.lines(index)[line], width, style, flagged)

    def item_text(self, index: int) -> str:
        return "\n".join(line_text(line) for line in self.lines(index))

    def action_select(self) -> None:
        if self.count:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if 0 <= index < self.count:
            self.cursor = index
            self.post_message(self.Selected(index))


class LibraryList(RowList):
    """Two lines per article; j/k move, Enter opens, / filters, s changes the order."""

    COMPONENT_CLASSES = {
        "library-list--title",
        "library-list--details",
        "library-list--name",
        "library-list--cursor",
        "library-list--current",
    }
    BINDINGS = [
        Binding("enter", "select", "Open article"),
        # A priority binding runs as the app takes the key, before it hands on the next:
        # letters typed in one burst with the `/` go into the filter, not to other keys.
        Binding("slash", "filter", "Filter", priority=True),
        Binding("s", "sort", "Sort", tooltip="Cycle the order: newest, oldest, title, ..."),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current_index: int | None = None

    def set_items(self, count: int, current_index: int | None, cursor: int | None = None) -> None:
        """`count` rows; the cursor on `cursor`, else on the open article, else the first."""
        self.current_index = current_index
        if cursor is None:
            cursor = current_index if current_index is not None else 0
        self.set_count(count, cursor)

    def line_styles(self, index: int, line: int) -> tuple[Style, Style]:
        base = self.get_component_rich_style(
            "library-list--title" if line == 0 else "library-list--details"
        )
        style = self.rich_style + base
        if index == self.current_index:
            style += self.get_component_rich_style("library-list--current")
        if index == self.cursor:
            style += self.get_component_rich_style("library-list--cursor")
        return style, style + self.get_component_rich_style("library-list--name")

    def action_filter(self) -> None:
        self.query_ancestor(LibraryPane).show_filter()

    def action_sort(self) -> None:
        self.query_ancestor(LibraryPane).cycle_sort()


class FilterInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Clear filter")]

    def action_cancel(self) -> None:
        self.query_ancestor(LibraryPane).hide_filter()


class LibraryPane(Vertical):
    """Library folder contents. Posts `LibraryPane.OpenArticle` when one is chosen and
    `LibraryPane.SortChanged` when `s` changes the order.

    Its widgets are built the first time it is shown (`build()`): in a narrow terminal it
    starts hidden, and an empty container costs the first frame nothing. Entries, the current article
    and the scanning count given before are kept and shown once built. Entries may come in
    batches while the library is scanned (`add_entries`); rows are drawn when on screen.
    """

    class OpenArticle(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class SortChanged(Message):
        def __init__(self, order: str) -> None:
            super().__init__()
            self.order = order

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[LibraryEntry] = []
        self.shown: list[LibraryEntry] = []
        self.current: Path | None = None
        self.progress_of: ProgressLookup = lambda path: None
        self.query_text = ""
        self.sort_order = "newest"
        self.built = False
        self._scanning: int | None = 0  # files checked so far; None: scan done
        self._listed = 0  # while scanning: how many articles the folder's listing holds
        self._where: dict[str, int] | None = None  # where each listed file is in `entries`
        self._shared_titles: set[str] = set()
        self._refresh_due = False

    def compose(self) -> ComposeResult:
        return ()

    def build(self) -> None:
        """Mount the pane's widgets (once), filled with what the pane was given so far."""
        if self.built:
            return
        self.built = True
        load_stylesheet(self.app, "library")
        article_list = LibraryList(id="library-list")
        article_list.lines_of = self._lines_at
        self.mount_all(
            [
                Static(self._title_text(), id="library-title", classes="pane-title", markup=False),
                FilterInput(placeholder="Filter: title, source, date", id="library-filter"),
                Static(self._status_text(), id="library-status", markup=False),
                article_list,
            ]
        )
        self.refresh_list()

    def _status_text(self) -> str:
        count, total = self._scanning, self._listed
        if total:
            return f"Read {count or 0:,} of {total:,}…"
        return f"Scanning… {count:,} files" if count else "Scanning…"

    def _title_text(self) -> str:
        from reader.library_order import SORT_LABELS

        return f"Library · {SORT_LABELS.get(self.sort_order, self.sort_order)}"

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
        """The whole library (the scan is done)."""
        self.entries = list(entries)
        self._scanning = None
        self._listed, self._where = 0, None
        self._refresh_due = False
        self.refresh_list()

    def set_listing(self, entries: list[LibraryEntry]) -> None:
        """Every article of the folder before its files are read: as the metadata cache has
        them, or by name (`pending`); `add_entries` then brings the ones read since."""
        self.entries = list(entries)
        self._listed, self._where = len(self.entries), None  # indexed with the first batch
        self._scanning = 0
        self.refresh_list(keep_cursor=True)

    def add_entries(self, batch: list[LibraryEntry], checked: int | None = None) -> None:
        """More entries while the scan goes on (each replacing the listed entry of its path),
        `checked` files read or checked so far: listed within a fraction of a second."""
        if self._where is None:
            self._where = {entry.file: i for i, entry in enumerate(self.entries[: self._listed])}
        for entry in batch:
            at = self._where.get(entry.file)
            if at is None:
                self.entries.append(entry)
            else:
                self.entries[at] = entry
        self.set_scanning(len(self.entries) if checked is None else checked)
        if not self._refresh_due:  # sorted in once the scan's thread has been let go
            self._refresh_due = True
            self.call_later(self._refresh_batches)

    def _refresh_batches(self) -> None:
        if self._refresh_due:
            self._refresh_due = False
            self.refresh_list(keep_cursor=True)

    def _lines_at(self, index: int) -> tuple[Line, Line]:
        entry = self.shown[index]
        shared = entry.title.casefold() in self._shared_titles
        current = self.current is not None and entry.is_at(self.current)
        progress = self.progress_of(entry.path)
        return entry_lines(entry, progress, current, shared, self.article_list.room or None)

    def _index_of(self, path: Path | None) -> int | None:
        if path is None:
            return None
        return next((i for i, entry in enumerate(self.shown) if entry.is_at(path)), None)

    def set_annotation_count(self, path: Path, count: int) -> None:
        """The article at `path` now has `count` annotations: its row says so. The path is
        the store's own, never "the current article": a store opens before its article is
        marked current, and a count must not land on the row being left."""
        at = next((i for i, e in enumerate(self.entries) if e.is_at(path)), None)
        if at is None or self.entries[at].annotation_count == count:
            return
        updated = self.entries[at] = dataclasses.replace(self.entries[at], annotation_count=count)
        index = self._index_of(path)
        if index is not None:
            self.shown[index] = updated
            if self.built:
                self.article_list.replace_item(index)

    def refresh_current(self) -> None:
        """Re-render the open article's entry (its reading progress moved)."""
        index = self._index_of(self.current)
        if self.built and index is not None:
            self.article_list.replace_item(index)

    def set_current(self, path: Path | None) -> None:
        """Mark the open article; re-renders only the old and new current entries."""
        previous, self.current = self.current, path
        if not self.built:
            return
        article_list = self.article_list
        for index in {self._index_of(previous), self._index_of(path)} - {None}:
            article_list.replace_item(index)
        article_list.current_index = self._index_of(path)
        if article_list.current_index is not None:
            article_list.cursor = article_list.current_index

    def refresh_list(self, *, keep_cursor: bool = False) -> None:
        from reader.library_order import filter_entries, shared_titles, sort_entries

        if not self.built and self._scanning is not None:
            return  # sorted when shown, or when the scan is done
        self._shared_titles = shared_titles(self.entries)
        ordered = sort_entries(self.entries, self.sort_order, self.progress_of)
        self.shown = filter_entries(ordered, self.query_text)
        if not self.built:
            return
        article_list = self.article_list
        cursor = None
        if keep_cursor and article_list.count:
            cursor = article_list.cursor
        article_list.set_items(len(self.shown), self._index_of(self.current), cursor)
        self.query_one("#library-title", Static).update(self._title_text())
        status = self.query_one("#library-status", Static)
        if self.entries and not self.shown:
            status.update("No article matches the filter")
            status.display = True
        elif self._scanning is not None:
            status.update(self._status_text())
            status.display = True
        else:
            status.display = False

    # -- order -------------------------------------------------------------------------------

    def set_sort(self, order: str | None) -> None:
        from reader.library_order import SORT_ORDERS

        if order in SORT_ORDERS and order != self.sort_order:
            self.sort_order = order
            self.refresh_list()

    def cycle_sort(self) -> None:
        from reader.library_order import SORT_ORDERS

        order = SORT_ORDERS[(SORT_ORDERS.index(self.sort_order) + 1) % len(SORT_ORDERS)]
        self.set_sort(order)
        self.article_list.cursor = 0
        self.post_message(self.SortChanged(order))

    # -- filter ------------------------------------------------------------------------------

    def show_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        # At once, not after the keys already queued (`focus()` waits its turn): letters
        # typed right after the slash belong to the filter.
        self.screen.set_focus(field)

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
        """Enter in the filter opens the match under the cursor (the first one, unless the
        cursor was moved); with no match the focus stays in the filter (Esc clears it)."""
        if not self.shown:
            return
        self.article_list.focus()
        self.article_list.action_select()

    @on(LibraryList.Selected)
    def _selected(self, event: LibraryList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown):
            self.post_message(self.OpenArticle(self.shown[event.index].path))

    def focus(self, scroll_visible: bool = True) -> LibraryPane:
        self.article_list.focus(scroll_visible)
        return self
