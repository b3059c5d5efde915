"""The `E` export list: every export format, for the open article and for the library, each
with the file it writes; Enter writes it (reader/screens/notes_export.py), Esc closes."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document.decode import one_line
from reader.export.formats import LIBRARY_NAME, SUFFIXES, article_export_path
from reader.screens.list_dialog import ListDialog
from reader.screens.notes_export import FORMAT_NAMES

ARTICLE, LIBRARY = "article", "library"


class ExportScreen(ListDialog[tuple[str, str] | None]):
    """Dismisses with (ARTICLE or LIBRARY, format), or None."""

    BINDINGS = [Binding("E", "close", "Close", show=False)]

    def __init__(self, article: Path | None) -> None:
        super().__init__()
        self.article = article  # the open article, if any
        self.choices: list[tuple[str, str]] = [  # (ARTICLE or LIBRARY, format)
            *(((ARTICLE, fmt) for fmt in FORMAT_NAMES) if article is not None else ()),
            *((LIBRARY, fmt) for fmt in FORMAT_NAMES),
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            title = "Export — Enter writes the file, Esc closes"
            yield Static(title, classes="dialog-title", markup=False)
            options = OptionList(id="export-list")
            for index, (scope, fmt) in enumerate(self.choices):
                what = "This article" if scope == ARTICLE else "The library"
                if scope == ARTICLE:
                    name = one_line(article_export_path(self.article, fmt).name)
                else:
                    name = LIBRARY_NAME + SUFFIXES[fmt]
                prompt = Content.assemble(  # plain text: a file name shows literally
                    f"{what}: {FORMAT_NAMES[fmt][0]}", "\n  ", (name, "dim")
                )
                options.add_option(Option(prompt, id=str(index)))
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#export-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])
