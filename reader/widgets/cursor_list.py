"""A Line-API list with a row cursor: the navigation the library and claims lists share.

Subclasses say how many rows they have (`row_count`), how tall a row is (`ROW_HEIGHT` lines),
draw them in `render_line`, and bind `enter` / `slash` to their own `select` / `filter`.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class CursorList(ScrollView, can_focus=True):
    # Rows are fitted to the list's width, so it scrolls only up and down. Its virtual width
    # is its whole width, the vertical scrollbar's column with it: one cell wider than the
    # rows' room, which would show a horizontal scrollbar on the list's last line.
    DEFAULT_CSS = """
    CursorList {
        overflow-x: hidden;
    }
    """

    ROW_HEIGHT = 1

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def validate_cursor(self, value: int) -> int:
        count = self.row_count
        return max(0, min(count - 1, value)) if count else 0

    def watch_cursor(self) -> None:
        if self.row_count and self.is_mounted:
            self.call_after_refresh(self._reveal_cursor)
        self.refresh()

    def _reveal_cursor(self) -> None:
        height = self.ROW_HEIGHT
        region = Region(0, self.cursor * height, self.size.width, height)
        self.scroll_to_region(region, animate=False, immediate=True)

    def row_at(self, y: int) -> int:
        """The row index under line `y` of the widget (may be past the last row)."""
        return (int(self.scroll_offset.y) + y) // self.ROW_HEIGHT

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.row_count * self.ROW_HEIGHT)

    def _page(self) -> int:
        return max(1, self.size.height // self.ROW_HEIGHT - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_page_up(self) -> None:
        self.cursor -= self._page()
