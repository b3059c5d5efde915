"""The readable text of raw HTML inside a Markdown article, as a browser would show it.

Markdown lets an author drop into HTML (`<div>` wrappers, figures, embedded players). A
terminal reader shows what those blocks say, never their markup, and never runs or shows
what is not text: the content of `<script>`, `<style>`, `<template>` and the like is left
out, comments are dropped, entities are decoded. An image shows as `[image: alt]`, an
embedded frame or player as `[embedded: address]`, so the reader knows something was there.
Block-level tags end a line; runs of spaces collapse, as in a browser, except in `<pre>`,
whose text is kept as written and shown as code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is code or data, not text to read.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "svg", "math"})
# Elements that start and end a line of their own.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tr", "ul",
    }
)  # fmt: skip
_EMBEDS = frozenset({"iframe", "video", "audio", "embed", "object"})
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []
        self.line: list[str] = []
        self.hidden = 0  # depth inside elements whose content is not shown
        self.pre = 0  # depth inside <pre>: text kept as written

    def end_line(self) -> None:
        if self.pre:
            return
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        if text:
            self.pieces.append(("paragraph", text))
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "pre":
            self.end_line()
            self.pre += 1
        elif tag in _BLOCKS:
            self.end_line()
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.line.append(f" [image: {alt}] ")
        elif tag in _EMBEDS:
            src = (dict(attrs).get("src") or "").strip()
            self.line.append(f" [embedded: {src}] " if src else " [embedded media] ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:  # `<script/>` opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif self.hidden:
            return
        elif tag == "pre" and self.pre:
            self.pre -= 1
            if not self.pre:
                code = "".join(self.line).strip("\n").rstrip()
                if code.strip():
                    self.pieces.append(("code", code))
                self.line = []
        elif tag in _BLOCKS:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.line.append(data)


def html_pieces(source: str) -> list[tuple[str, str]]:
    """What `source` (a fragment of HTML) shows: ("paragraph", a line of text) and ("code",
    a `<pre>`'s text as written), in order; none for a comment, a stylesheet, an empty
    wrapper."""
    parser = _TextOf()
    parser.feed(source)
    parser.close()
    parser.pre = 0  # an unclosed <pre>: what it held is text all the same
    parser.end_line()
    return parser.pieces


def is_line_break(tag_source: str) -> bool:
    """True for an inline `<br>` tag (`<br>`, `<br/>`, `<BR />`)."""
    return re.fullmatch(r"<br\s*/?>", tag_source.strip(), re.IGNORECASE) is not None
