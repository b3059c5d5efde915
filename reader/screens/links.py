"""The `o` links list: every link of the article; Enter opens one in a browser or shows it."""

from __future__ import annotations

import os
import re
import sys
import webbrowser
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document.model import Document

_URL = re.compile(r"https?://[^\s<>\"'`\]\[{}|\\^]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"’”)»"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str
    offset: int  # where in Document.text the link is


def find_links(document: Document) -> list[Link]:
    """Links from Markdown spans, plus bare http(s) URLs in the text, first occurrence each."""
    links: list[Link] = []
    seen: set[str] = set()
    for block in document.blocks:
        for span in block.spans:
            if span.url and span.url not in seen:
                seen.add(span.url)
                text = block.text[span.start : span.end].strip() or span.url
                links.append(Link(text, span.url, block.start + span.start))
    for match in _URL.finditer(document.text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if len(url) > len("https://") and url not in seen:
            seen.add(url)
            links.append(Link(url, url, match.start()))
    links.sort(key=lambda link: link.offset)
    return links


def has_graphical_browser() -> bool:
    """Only hand a URL to `webbrowser` where it cannot take over this terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(
        os.environ.get("BROWSER") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def open_in_browser(url: str) -> bool:
    """Open `url` in a graphical browser; False when none is available."""
    if not has_graphical_browser():
        return False
    try:
        return bool(webbrowser.open(url, new=2))
    except webbrowser.Error:
        return False


class LinksScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,o,q", "close", "Close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog"):
            title = f"Links ({len(self.links)}) — Enter opens, Esc closes"
            yield Static(title, classes="dialog-title", markup=False)
            if not self.links:
                yield Static("This article has no links.", classes="pane-empty", markup=False)
            options = OptionList(id="links-list")
            for index, link in enumerate(self.links):
                if link.text == link.url:
                    prompt = Content(link.url)
                else:
                    prompt = Content.assemble((link.text, "bold"), "\n  ", (link.url, "dim"))
                options.add_option(Option(prompt, id=str(index)))
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.links:
            options.highlighted = 0
        options.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    @on(OptionList.OptionSelected, "#links-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        url = self.links[event.option_index].url
        if open_in_browser(url):
            self.notify(f"Opened in your browser: {url}", markup=False)
        else:
            self.app.copy_to_clipboard(url)
            self.notify(f"{url}\n(no browser here; copied to the clipboard)", markup=False)
