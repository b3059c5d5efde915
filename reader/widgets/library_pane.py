"""The library pane: the articles of the library folder, newest first, with a `/` filter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.library import LibraryEntry, filter_entries

ProgressLookup = Callable[[Path], float | None]


def entry_prompt(entry: LibraryEntry, progress: float | None, current: bool) -> Content:
    """Two plain-text lines for one article (article strings are never markup)."""
    if entry.binary:
        marker = "✗"
    elif progress is None:
        marker = "•"  # unread
    elif progress >= 99.5:
        marker = "✓"
    else:
        marker = " "
    if current:
        marker = "▶"
    details = [entry.published or "no date"]
    if entry.source:
        details.append(entry.source)
    if entry.annotation_count:
        details.append(f"✎{entry.annotation_count}")
    if progress is not None:
        details.append(f"{progress:.0f}%")
    return Content.assemble(
        (f"{marker} ", "bold"),
        (entry.title, "bold"),
        "\n  ",
        (" · ".join(details), "dim"),
    )


class LibraryList(OptionList):
    """The list itself: j/k move, Enter opens, / filters."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Open article"),
        Binding("slash", "filter", "Filter"),
    ]

    def action_filter(self) -> None:
        pane = self.query_ancestor(LibraryPane)
        pane.show_filter()


class FilterInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Clear filter")]

    def action_cancel(self) -> None:
        self.query_ancestor(LibraryPane).hide_filter()


class LibraryPane(Vertical):
    """Library folder contents. Posts `LibraryPane.OpenArticle` when one is chosen."""

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

    def compose(self) -> ComposeResult:
        yield Static("Library", classes="pane-title")
        yield FilterInput(placeholder="Filter: words in title, source, date", id="library-filter")
        yield Static("Scanning…", id="library-status", markup=False)
        yield LibraryList(id="library-list")

    @property
    def option_list(self) -> LibraryList:
        return self.query_one(LibraryList)

    # -- content -----------------------------------------------------------------------------

    def set_scanning(self, count: int) -> None:
        status = self.query_one("#library-status", Static)
        status.update(f"Scanning… {count} files" if count else "Scanning…")
        status.display = True

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.entries = list(entries)
        self.query_one("#library-status", Static).display = False
        self.refresh_list()

    def set_current(self, path: Path | None) -> None:
        self.current = path
        self.refresh_list()

    def refresh_list(self) -> None:
        self.shown = filter_entries(self.entries, self.query_text)
        option_list = self.option_list
        option_list.clear_options()
        option_list.add_options(
            Option(
                entry_prompt(entry, self.progress_of(entry.path), entry.path == self.current),
                id=str(index),
            )
            for index, entry in enumerate(self.shown)
        )
        status = self.query_one("#library-status", Static)
        if self.entries and not self.shown:
            status.update("No article matches the filter")
            status.display = True
        elif self.entries:
            status.display = False
        for index, entry in enumerate(self.shown):
            if entry.path == self.current:
                option_list.highlighted = index
                break

    # -- filter ------------------------------------------------------------------------------

    def show_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    def hide_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.value = ""
        field.display = False
        self.option_list.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_list()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.option_list.focus()
        if self.shown and self.option_list.highlighted is None:
            self.option_list.highlighted = 0

    @on(OptionList.OptionSelected, "#library-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.shown[event.option_index]
        self.post_message(self.OpenArticle(entry.path))

    def focus(self, scroll_visible: bool = True) -> LibraryPane:
        self.option_list.focus(scroll_visible)
        return self
