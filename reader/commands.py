"""The command palette (ctrl+p): the reader's own commands, plus the "Open file or URL…" prompt."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.annotations.sidecar_file import MOVE_ASIDE_COMMAND
from reader.screens.news_actions import add_url_prompt


def reader_commands(app) -> list[tuple[str, str, Callable[[], object]]]:
    """(name, help, callback) for every palette command of the reader app."""
    return [
        (
            "Open file or URL…",
            "Open an article or a folder by path, or fetch an article's URL into the library",
            app.action_open_path,
        ),
        (
            "Add URL…",
            "Save a web page, or a feed's articles, into this library and open it",
            partial(add_url_prompt, app),
        ),
        (
            "Refresh library",
            "Update this library's feeds and re-check its recent articles, as reader refresh does (r)",
            partial(app.action_refresh, "library"),
        ),
        (
            "Refresh article",
            "Fetch only the open article again from its address; an edit is kept as a revision (R)",
            partial(app.action_refresh, "article"),
        ),
        (
            "Go to heading…",
            "List the article's headings or a book's chapters; Enter goes there (ctrl+o)",
            app.reading.action_headings,
        ),
        ("Toggle library", "Show or hide the library pane (L)", app.action_toggle_library),
        (
            "Toggle claims/notes",
            "Show or hide the highlights and notes column (C)",
            app.action_toggle_side,
        ),
        ("Wider text", "Make the text column wider (+)", partial(app.change_measure, 4)),
        ("Narrower text", "Make the text column narrower (-)", partial(app.change_measure, -4)),
        (
            "Accept new wording",
            "Clear the edited mark of the highlight at the cursor: its article's new text (W)",
            app.reading.action_accept_wording,
        ),
        (
            "Export…",
            "Choose an export format for the article or the library; Enter writes it (E)",
            app.reading.action_export,
        ),
        *export_commands(app),
        (
            MOVE_ASIDE_COMMAND,
            "Rename an unreadable annotations file so annotating works again",
            app.reading.move_aside,
        ),
        ("Help: keys", "Every key of the reader and where it works (?)", app.action_help),
    ] + (
        [("Sync", "Send and receive the library's changes through git", app.library_sync.sync)]
        if app.library_sync.available
        else []
    )


def export_commands(app) -> list[tuple[str, str, Callable[[], object]]]:
    """One palette command per export format, for the open article and for the library."""
    from reader.export.formats import LIBRARY_NAME, SUFFIXES
    from reader.screens.notes_export import FORMAT_NAMES

    article = [
        (
            f"Export {label}",
            f"Write <article>{SUFFIXES[fmt]} next to the article"
            + (" (e)" if fmt == "markdown" else ""),
            partial(app.reading.action_export_notes, fmt),
        )
        for fmt, (label, _) in FORMAT_NAMES.items()
    ]
    library = [
        (
            f"Export library {label}",
            f"Write {LIBRARY_NAME}{SUFFIXES[fmt]} for every annotated article in the library",
            partial(app.reading.export_library, app.library_root, fmt),
        )
        for fmt, (label, _) in FORMAT_NAMES.items()
    ]
    return article + library


class ReaderCommands(Provider):
    """Palette provider for the reader's commands."""

    async def discover(self) -> Hits:
        for name, help_text, callback in reader_commands(self.app):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in reader_commands(self.app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)


class OpenPathScreen(ModalScreen[str | None]):
    """Ask for a path (or, with other words, an address); dismisses with the text typed, or
    None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        prompt: str = "Open an article, a folder or a URL (Enter opens, Esc cancels)",
        placeholder: str = "~/news/story.txt or https://…",
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog"):
            yield Static(self.prompt, classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="open-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
