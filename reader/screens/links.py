"""The `o` links list: every link of the article; Enter opens one in a browser or shows it."""

from __future__ import annotations

import os
import re
import sys
import webbrowser
from dataclasses import dataclass
from urllib.parse import urlsplit

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document.model import Document
from reader.screens.list_dialog import ListDialog

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


# Browsers that run in the terminal: handed a URL, they would take over this screen.
TERMINAL_BROWSERS = frozenset(
    {"lynx", "w3m", "links", "links2", "elinks", "browsh", "carbonyl", "cha", "www-browser"}
)


def is_web_address(url: str) -> bool:
    """Only absolute http(s) addresses are handed to a browser: a link target such as
    `--new-window`, `../../etc/passwd` or `javascript:` is shown, never opened."""
    if not url.isprintable() or any(ch.isspace() for ch in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def graphical_browser() -> webbrowser.BaseBrowser | None:
    """The browser `webbrowser` would use, when it cannot take over this terminal."""
    if sys.platform not in ("darwin", "win32") and not (
        os.environ.get("BROWSER") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return None
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    command = str(getattr(browser, "name", "") or "").split()
    name = os.path.basename(command[0]).lower() if command else ""
    return None if name in TERMINAL_BROWSERS else browser


def open_in_browser(url: str) -> bool:
    """Open the web address `url` in a graphical browser; False when it is not a web address
    or no such browser is available. May take as long as the browser takes to start."""
    if not is_web_address(url):
        return False
    browser = graphical_browser()
    if browser is None:
        return False
    try:
        return bool(browser.open(url, new=2))
    except (webbrowser.Error, OSError):
        return False


class LinksScreen(ListDialog[None]):
    BINDINGS = [Binding("o", "close", "Close", show=False)]

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

    @on(OptionList.OptionSelected, "#links-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        url = self.links[event.option_index].url
        if not is_web_address(url):
            self._copied(url, "not a web address: not opened; copied")
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """In a thread: a browser that takes its time to start never holds up the keys."""
        if open_in_browser(url):
            self.app.call_from_thread(self.notify, f"Opened in your browser: {url}", markup=False)
        else:
            self.app.call_from_thread(self._no_browser, url)

    def _no_browser(self, url: str) -> None:
        self._copied(url, "no graphical browser here; copied")

    def _copied(self, url: str, said: str) -> None:
        """Copy `url` as `y` copies (and says where it went, inside tmux) and say `said`."""
        from reader.widgets.clipboard import copy

        note = copy(self.app, url)
        where = [f"({said} to the clipboard)"] if note is None else [f"({said})", f"({note})"]
        self.notify("\n".join([url, *where]), markup=False)
