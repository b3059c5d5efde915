"""The bottom row: the keys that work where the focus is, from the bindings themselves.

One widget drawing one line, in place of Textual's `Footer` (a scrolling container that
rebuilds a widget per key whenever the focus moves). It reads the same `Binding`s (those with
`show=True`, one key per action) that the help screen and the command palette read. Bindings
side by side in one `Binding.Group` show as one item under the group's description (`j/k
Move`, `1–5 Category`). The quit, help and palette keys stay at the right, so however narrow
the terminal, the way to every other key shows; other keys that do not fit whole are left
out, and a shorter one after them may still fit. A screen may name, in `KEY_BAR_LATER`, the
ids of bindings that come last (in that order): they show only where the width leaves room
once every other key is placed. A click on a key presses it (a group's keys
are several, so a click on a group presses none).

`say` shows what a key did at the left of the row for a few seconds, whole (the keys that
still fit follow it); a message too long for the row is refused, for its giver to show
otherwise (a notification).
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from reader.document.decode import one_line

SAY_SECONDS = 5.0  # how long what a key did stays in the row


class KeyItem(NamedTuple):
    key: str  # the key to simulate on a click
    display: str  # how the key is shown (`^p`, `?`, `J`)
    description: str
    enabled: bool


PINNED_ACTIONS = ("quit", "help")  # shown at the right, before the palette key, in this order


def _digit(display: str) -> bool:
    return len(display) == 1 and display.isdigit()


def group_display(displays: list[str]) -> str:
    """The keys of a group: `j/k`, with a run of three or more digits as a range (`1–5`)."""
    runs: list[list[str]] = []
    for display in displays:
        last = runs[-1][-1] if runs else ""
        if _digit(display) and _digit(last) and int(display) == int(last) + 1:
            runs[-1].append(display)
        else:
            runs.append([display])
    return "/".join(f"{run[0]}–{run[-1]}" if len(run) >= 3 else "/".join(run) for run in runs)


def _grouped(shown: list[tuple[Binding.Group | None, KeyItem]]) -> list[KeyItem]:
    """One item for each run of keys in the same group (its key empty: a click on it presses
    nothing), the other keys as they are."""
    items: list[KeyItem] = []
    for group, run in groupby(shown, key=itemgetter(0)):
        keys = [item for _group, item in run]
        if group is None or len(keys) == 1:
            items.extend(keys)
        else:
            display = group_display([item.display for item in keys])
            enabled = any(item.enabled for item in keys)
            items.append(KeyItem("", display, group.description, enabled))
    return items


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--message",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[list[KeyItem], list[KeyItem]] | None = None
        self._hits: list[tuple[int, int, str]] = []  # (start, end, key) drawn on the row
        self.message: str | None = None  # what the last key did, shown at the left
        self._say_timer: Timer | None = None

    def say(self, message: str | None) -> bool:
        """Show `message` (one line of plain text) for `SAY_SECONDS`, or, for None, no
        message; False (and no message) when it does not fit the row whole."""
        if message is not None:
            message = one_line(" ".join(message.split()))
        if message is not None and cell_len(message) + 2 > self.size.width:
            message = None
            fits = False
        else:
            fits = True
        if self._say_timer is not None:
            self._say_timer.stop()
            self._say_timer = None
        if message != self.message:
            self.message = message
            self.refresh()
        if message is not None:
            self._say_timer = self.set_timer(SAY_SECONDS, lambda: self.say(None))
        return fits

    def on_mount(self) -> None:
        # At once: keys told changed (the search box closing) show in the frame that follows.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        """Repaint only if the keys shown change (focus moving within one pane's keys, or
        coming back to the same keys, changes nothing here)."""
        before, self._items = self._items, None
        if before is None or self.items() != before:
            self.refresh()

    def items(self) -> tuple[list[KeyItem], list[KeyItem]]:
        """(keys shown from the left, keys kept at the right: help, then the palette)."""
        if self._items is not None:
            return self._items
        app = self.app
        shown: list[tuple[Binding.Group | None, KeyItem]] = []
        later_ids: tuple[str, ...] = getattr(self.screen, "KEY_BAR_LATER", ())
        later: list[tuple[int, Binding.Group | None, KeyItem]] = []
        pinned: list[tuple[int, KeyItem]] = []
        palette: list[KeyItem] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            item = KeyItem(binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = [item]
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                if binding.action in PINNED_ACTIONS:
                    pinned.append((PINNED_ACTIONS.index(binding.action), item))
                elif binding.id in later_ids:
                    later.append((later_ids.index(binding.id), binding.group, item))
                else:
                    shown.append((binding.group, item))
        pinned.sort(key=lambda ranked: ranked[0])
        later.sort(key=lambda ranked: ranked[0])
        shown += [(group, item) for _rank, group, item in later]
        self._items = (_grouped(shown), [item for _rank, item in pinned] + palette)
        return self._items

    @property
    def text(self) -> str:
        """The keys as plain text (for tests)."""
        left, right = self.items()
        keys = "  ".join(f"{item.display} {item.description}" for item in left + right)
        return f"{self.message}  {keys}" if self.message else keys

    def _styles(self, base: Style) -> dict[bool, tuple[Style, Style]]:
        """(key style, description style) of an enabled (True) and a disabled key, looked up
        once for the whole row."""
        key_style = base + self.get_component_rich_style("key-bar--key")
        description_style = base + self.get_component_rich_style("key-bar--description")
        dim = self.get_component_rich_style("key-bar--disabled")
        return {
            True: (key_style, description_style),
            False: (key_style + dim, description_style + dim),
        }

    @staticmethod
    def _item_segments(item: KeyItem, styles: dict[bool, tuple[Style, Style]]) -> list[Segment]:
        key_style, description_style = styles[item.enabled]
        return [
            Segment(f" {item.display} ", key_style),
            Segment(f"{item.description} ", description_style),
        ]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        shown, pinned = self.items()
        styles = self._styles(base)
        segments: list[Segment] = []
        x = 0
        if self.message:  # whole (`say` takes only what fits), the keys that fit after it
            text = f" {self.message} "
            segments.append(Segment(text, base + self.get_component_rich_style("key-bar--message")))
            x = cell_len(text)
        right: list[Segment] = []
        right_hits: list[tuple[int, int, str]] = []
        right_width = 0
        for item in reversed(pinned):  # from the right edge, while they fit
            parts = self._item_segments(item, styles)
            cells = sum(cell_len(s.text) for s in parts)
            if x + right_width + cells > width:
                break
            right = parts + right
            right_width += cells
            right_hits.append((width - right_width, width - right_width + cells, item.key))
        hits: list[tuple[int, int, str]] = []
        for item in shown:
            parts = self._item_segments(item, styles)
            cells = sum(cell_len(s.text) for s in parts)
            if x + cells > width - right_width:
                continue  # only whole keys: a cut-off description would mislead
            segments += parts
            if item.key:
                hits.append((x, x + cells, item.key))
            x += cells
        if right:
            segments.append(Segment(" " * (width - right_width - x), base))
            hits += right_hits
            segments += right
        self._hits = hits
        return Strip(segments).adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._hits:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
