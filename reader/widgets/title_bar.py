"""The top row: the app's title (the article's) and subtitle (the reading progress), and at
the right a `status` (the library's sync state, when it is a git repository).

One widget drawing one line, in place of Textual's `Header` (four widgets and a clock slot):
the first frame styles and paints less, and the progress changing on every key repaints this
row only (never a layout of the screen).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

SEPARATOR = " — "


def title_line(title: str, subtitle: str, width: int) -> tuple[str, str, str, int]:
    """Fit `title — subtitle` into `width` cells, centred: the subtitle is kept whole and the
    title shortened with an ellipsis. Returns (title, separator, subtitle, left padding)."""
    separator = SEPARATOR if title and subtitle else ""
    if cell_len(subtitle) + cell_len(separator) >= width:
        title, separator = "", ""
        if cell_len(subtitle) > width:
            subtitle = set_cell_size(subtitle, max(0, width))
    room = width - cell_len(subtitle) - cell_len(separator)
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)) + "…" if room > 0 else ""
    used = cell_len(title) + cell_len(separator) + cell_len(subtitle)
    return title, separator, subtitle, max(0, (width - used) // 2)


class TitleBar(Widget, can_focus=False):
    """Shows `app.title` and `app.sub_title` (plain text, never markup), and `status`."""

    COMPONENT_CLASSES = {"title-bar--title", "title-bar--subtitle"}
    status: reactive[str] = reactive("", layout=False)

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        status = f" {self.status} " if self.status and cell_len(self.status) < width // 3 else ""
        room = width - 2 * cell_len(status)  # the title stays centred on the whole row
        title, separator, subtitle, pad = title_line(self.app.title, self.app.sub_title, room)
        title_style: Style = base + self.get_component_rich_style("title-bar--title")
        sub_style: Style = base + self.get_component_rich_style("title-bar--subtitle")
        segments = [
            Segment(" " * (pad + cell_len(status)), base),
            Segment(title, title_style),
            Segment(separator, sub_style),
            Segment(subtitle, sub_style),
        ]
        strip = Strip(segments).adjust_cell_length(width - cell_len(status), base)
        return Strip.join([strip, Strip([Segment(status, sub_style)])]) if status else strip
