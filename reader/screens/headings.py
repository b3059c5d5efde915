"""The ctrl+o headings list: the article's headings (a book's chapters), indented by level;
Enter puts the cursor on the one chosen, Esc closes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document.headings import Heading
from reader.screens.list_dialog import ListDialog

INDENT = 2  # columns per level below the top one


class HeadingsScreen(ListDialog[int | None]):
    """Dismisses with the chosen heading's offset in the text, or None."""

    BINDINGS = [Binding("ctrl+o", "close", "Close", show=False)]

    def __init__(self, outline: list[Heading], current: int | None = None) -> None:
        super().__init__()
        self.outline = outline
        self.current = current  # the heading the cursor is under: highlighted first

    def compose(self) -> ComposeResult:
        with Vertical(id="headings-dialog"):
            title = f"Headings ({len(self.outline)}) — Enter goes there, Esc closes"
            yield Static(title, classes="dialog-title", markup=False)
            if not self.outline:
                yield Static("This article has no headings.", classes="pane-empty", markup=False)
            top = min((h.level for h in self.outline), default=1)
            options = OptionList(id="headings-list")
            for index, heading in enumerate(self.outline):
                indent = " " * (INDENT * (heading.level - top))
                prompt = Content(indent + heading.text)  # plain text: markup shows literally
                options.add_option(Option(prompt, id=str(index)))
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.outline:
            options.highlighted = self.current if self.current is not None else 0
        options.focus()

    @on(OptionList.OptionSelected, "#headings-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.outline[event.option_index].offset)
