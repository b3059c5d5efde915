"""A note's Markdown drawn as Rich `Text` for the notes pane.

Notes are stored as typed; only their display is Markdown. The text is untrusted: it is
parsed with markdown-it (CommonMark) and appended to `Text` as plain strings, so Rich markup
in it shows literally, control and hidden characters are marked as in the article, links are drawn (their text
underlined, the address after it) but never made clickable, and raw HTML shows as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.style import Style
from rich.text import Text

from reader.document.decode import sanitize

_PARSER = MarkdownIt("commonmark")
_INLINE = {
    "em_open": Style(italic=True),
    "strong_open": Style(bold=True),
    "s_open": Style(strike=True),
}
_CLOSE = frozenset({"em_close", "strong_close", "s_close", "link_close"})
BULLET = "• "
QUOTE_BAR = "▌ "


@dataclass(frozen=True, slots=True)
class NoteStyles:
    """The styles of the parts of a note (from the notes pane's component classes)."""

    heading: Style
    code: Style
    link: Style
    quote: Style


def visible(text: str) -> str:
    """`text` with the markers the article view shows (reader.document.decode.sanitize):
    ESC as ␛ and every control character as its picture, bidi controls as ⇄, hidden
    zero-width and filler characters as ◌, one for one; the text is never markup."""
    return sanitize(text)


class _Writer:
    """Walks the block tokens, keeping the list and quote nesting for each line's prefix."""

    def __init__(self, styles: NoteStyles) -> None:
        self.styles = styles
        self.out = Text(end="")
        self.lists: list[int | None] = []  # None: bullets; else the next number
        self.quotes = 0
        self.item_start = False  # the next line is the first of a list item
        self.blocks = 0  # blocks written, for the blank line between top-level ones
        self.list_begins = False  # a top-level list starts: a blank line before it

    def prefix(self) -> str:
        bars = QUOTE_BAR * self.quotes
        if not self.lists:
            return bars
        indent = "  " * (len(self.lists) - 1)
        if not self.item_start:
            return bars + indent + "  "
        self.item_start = False
        number = self.lists[-1]
        if number is None:
            return bars + indent + BULLET
        self.lists[-1] = number + 1
        return bars + indent + f"{number}. "

    def start_block(self) -> None:
        if self.blocks and (not self.lists or self.list_begins):
            self.out.append("\n\n")
        elif self.blocks:
            self.out.append("\n")
        self.blocks += 1
        self.list_begins = False
        self.out.append(self.prefix(), self.styles.quote if self.quotes else Style())

    def lines(self, text: str, style: Style) -> None:
        """Block text that keeps its line breaks (code): each line gets the prefix."""
        first = True
        for line in text.rstrip("\n").split("\n"):
            if not first:
                self.out.append("\n" + self.prefix())
            first = False
            self.out.append(visible(line), style)

    def inline(self, token: Token, base: Style) -> None:
        style = base
        stack: list[Style] = []
        addresses: list[str] = []
        for child in token.children or []:
            kind = child.type
            if kind in _INLINE:
                stack.append(style)
                style = style + _INLINE[kind]
            elif kind == "link_open":
                stack.append(style)
                style = style + self.styles.link
                addresses.append(str(child.attrs.get("href", "")))
            elif kind in _CLOSE:
                style = stack.pop() if stack else base
                address = addresses.pop() if kind == "link_close" and addresses else ""
                if address:
                    self.out.append(f" ({visible(address)})", style)
            else:
                self.leaf(child, style)

    def leaf(self, child: Token, style: Style) -> None:
        kind = child.type
        if kind == "code_inline":
            self.out.append(visible(child.content), style + self.styles.code)
        elif kind == "softbreak":
            self.out.append(" ", style)
        elif kind == "hardbreak":
            self.out.append("\n" + self.prefix(), style)
        elif kind == "image":
            self.out.append(visible(f"[image: {child.content}]"), style)
        else:  # text, html_inline: as typed
            self.out.append(visible(child.content), style)

    def nest(self, token: Token) -> bool:
        """Lists and quotes opening and closing; False for any other token."""
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.list_begins = not self.lists
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            self.lists.append(None if start is None else int(start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_start = True
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        else:
            return False
        return True

    def write(self, tokens: list[Token]) -> Text:
        heading = False
        for token in tokens:
            kind = token.type
            if self.nest(token):
                continue
            if kind in ("paragraph_open", "heading_open"):
                heading = kind == "heading_open"
                self.start_block()
            elif kind == "inline":
                base = self.styles.heading if heading else Style()
                self.inline(token, base + (self.styles.quote if self.quotes else Style()))
            elif kind in ("fence", "code_block", "html_block"):
                self.start_block()
                self.lines(token.content, self.styles.code if kind != "html_block" else Style())
            elif kind == "hr":
                self.start_block()
                self.out.append("───")
        return self.out


def note_text(source: str, styles: NoteStyles) -> Text:
    """`source` (a note as typed) rendered as `Text`."""
    return _Writer(styles).write(_PARSER.parse(source))
