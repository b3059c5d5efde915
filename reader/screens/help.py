"""The `?` help screen: every key binding, generated from the bindings, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.annotations.categories import legend
from reader.claims.claim_filter import FILTER_HELP

HelpGroup = tuple[str, Sequence[type[DOMNode] | DOMNode]]


def own_bindings(cls: type[DOMNode]) -> set[tuple[str, str]]:
    """(key, action) of the bindings declared by the reader's own classes in `cls`'s MRO:
    the cursor, selection and scrolling keys Textual's Input, TextArea, App and scroll
    containers bring are left to those widgets."""
    own: set[tuple[str, str]] = set()
    for klass in cls.__mro__:
        declared = klass.__dict__.get("BINDINGS")
        if declared and klass.__module__.partition(".")[0] == "reader":
            own.update((binding.key, binding.action) for binding in Binding.make_bindings(declared))
    return own


def describe_bindings(app, nodes: Iterable[type[DOMNode] | DOMNode]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding the reader declares on these
    classes/nodes, in order.

    Bindings for the same action are merged ("j, down"); undocumented and system bindings,
    those inherited from Textual's widgets, and a second action on a key already listed
    (`v` while selecting) are left out.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    listed: set[str] = set()
    for node in nodes:
        cls = node if isinstance(node, type) else type(node)
        bindings = cls._merged_bindings
        if bindings is None:
            continue
        own = own_bindings(cls)
        for key, key_bindings in bindings.key_to_bindings.items():
            for binding in key_bindings:
                if binding.system or not binding.description:
                    continue
                if (key, binding.action) not in own or (
                    key in listed and binding.action not in rows
                ):
                    continue
                listed.add(key)
                keys, _ = rows.setdefault(binding.action, ([], binding.description))
                display = app.get_key_display(binding)
                if display not in keys:
                    keys.append(display)
    return [(", ".join(keys), description) for keys, description in rows.values()]


def help_content(app, groups: Sequence[HelpGroup]) -> list[Content]:
    lines: list[Content] = []
    for title, nodes in groups:
        rows = describe_bindings(app, nodes)
        if not rows:
            continue
        if lines:
            lines.append(Content(""))
        lines.append(Content.assemble((title, "bold underline")))
        width = max(len(keys) for keys, _ in rows)
        for keys, description in rows:
            lines.append(Content.assemble("  ", (keys.ljust(width), "bold"), "  ", description))
    return lines


def category_legend() -> list[Content]:
    """What the claims pane's counts (`C3 E1 Q0 D2 K1`) and the letters stand for."""
    lines = [
        Content.assemble(("Categories", "bold underline")),
        # Short lines, so that they fit the dialog at 80 columns without re-wrapping.
        Content("  Their letters mark highlights in the gutter and the claims"),
        Content("  list; the claims pane's title counts each: C3 E1 Q0 D2 K1."),
    ]
    for key, letter, name in legend():
        lines.append(Content.assemble("  ", (key, "bold"), "  ", (letter, "bold"), "  ", name))
    return [*lines, Content("")]


def filter_legend() -> list[Content]:
    """What the claims filter (`/` in the claims pane, and in H's list) understands."""
    lines = [
        Content(""),
        Content.assemble(("Filtering highlights (/ in the claims pane, H)", "bold underline")),
    ]
    width = max(len(syntax) for syntax, _ in FILTER_HELP)
    for syntax, meaning in FILTER_HELP:
        lines.append(Content.assemble("  ", (syntax.ljust(width), "bold"), "  ", meaning))
    return lines


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the app, the screen and each pane."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss_help", "Close help"),
    ]

    def __init__(self, groups: Sequence[HelpGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys — Esc or ? closes", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                lines = [
                    *category_legend(),
                    *help_content(self.app, self.groups),
                    *filter_legend(),
                ]
                yield Static(Content("\n").join(lines))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
