"""Markdown text that shows literally: escaping what an article gives (quotes, titles, tags)
so no CommonMark renderer reads it as markup, and heading anchors (slugs) as renderers make
them. The user's own notes are Markdown and are kept as written, their code fences closed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

_INLINE_SPECIAL = "\\`*_[]<>&~|#"  # what can open inline markup (and `#`)


def _escaper(chars: str, tab: str):
    """A function backslash-escaping `chars` (backslash first, so added backslashes are not
    escaped again) and replacing tabs."""
    ordered_chars = "\\" + chars.replace("\\", "")

    def escape(text: str) -> str:
        for ch in ordered_chars:
            if ch in text:
                text = text.replace(ch, "\\" + ch)
        return text.replace("\t", tab) if "\t" in text else text

    return escape


_escape_special = _escaper(_INLINE_SPECIAL, "&#9;")
_escape_inline_special = _escaper(_INLINE_SPECIAL, " ")


_LEADING_WS = re.compile(r"^\s+")


_TRAILING_WS = re.compile(r"\s+$")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _entities(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(ch)};" for ch in match.group(0))


_LINE_START_SPECIAL = "#>-+=*_~`|"  # what can open a block construct at a line's start


_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


def escape_line(text: str) -> str:
    """One line of literal text as CommonMark inline content.

    Characters that can open inline markup (`*`, `_`, backticks, `[`, `<`, `&`...) are
    backslash-escaped anywhere; at the start of the line, so are the characters that open a
    block (`#`, `>`, `-`, `+`, `=`, a `1.` list marker). Ordinary punctuation such as `,` and
    `.` stays as it is, so the export reads well as plain text too. Leading/trailing
    whitespace, which Markdown would strip, is written as numeric character references; tabs
    are always references.
    """
    return _escape_line_edges(_escape_special(text))


def _escape_line_edges(text: str) -> str:
    """`escape_line` for a line whose inline specials are already escaped."""
    if not text:
        return text
    first = text[0]
    if first in _LINE_START_SPECIAL:
        text = "\\" + text
    elif first.isdigit():
        text = _ORDERED_MARKER.sub(r"\1\\\2", text, count=1)
    elif first.isspace():
        text = _LEADING_WS.sub(_entities, text)
    if text[-1].isspace():
        text = _TRAILING_WS.sub(_entities, text)
    return text


def escape_inline(text: str) -> str:
    """Literal text inside a line we start (a heading, a metadata line, link text).

    Such text is never at the start of a block, so only characters that open inline markup
    (and `#`, a heading's closing sequence or an Obsidian tag) are escaped, keeping dates and
    titles readable. Line breaks (a newline, or any other `str.splitlines` breaks at, such
    as U+2028) become spaces; surrounding whitespace is dropped.
    """
    text = " ".join(text.splitlines())
    return _escape_inline_special(text.strip())


def quote_block(text: str, indent: str = "") -> str:
    """`text` as a block quote whose rendered text content is exactly `text`.

    Lines stay lines: each is prefixed `> ` and ended with a backslash hard break. Trailing
    newlines (which a hard break cannot express at the end of a paragraph) are written as
    `&#10;`.
    """
    body = text.rstrip("\n")
    prefix = f"{indent}> "
    # Inline specials are escaped in the whole quote at once (no escape spans a line break);
    # what only a line's start or end needs, line by line.
    lines = [prefix + _escape_line_edges(line) for line in _escape_special(body).split("\n")]
    lines[-1] += "&#10;" * (len(text) - len(body))
    return "\\\n".join(lines)


def close_fences(note: str) -> str:
    """A note that opens a code fence and never closes it would swallow the rest of the
    export; close it."""
    if "```" not in note and "~~~" not in note:
        return note
    open_fence: str | None = None
    for line in note.split("\n"):
        m = _FENCE.match(line)
        if not m:
            continue
        fence = m.group(1)
        if open_fence is None:
            open_fence = fence
        elif (
            fence[0] == open_fence[0]
            and len(fence) >= len(open_fence)
            and not line.strip(" ").lstrip(fence[0])
        ):
            open_fence = None
    if open_fence is not None:
        note += "\n" + open_fence
    return note


class _SlugChars(dict):
    """What a heading anchor makes of each character, by code point (a `str.translate`
    table): letters, marks, digits, `-` and `_` kept, a space made `-`, the rest dropped.
    Each character is looked up in the Unicode database the first time it is seen."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kept = ch if ch in "-_" or unicodedata.category(ch)[0] in "LNM" else None
        self[code] = kept = "-" if ch == " " else kept
        return kept


_SLUG_CHARS = _SlugChars()


@functools.lru_cache(maxsize=1024)  # the same section headings in every article of a folder
def slug(text: str) -> str:
    """A GitHub-style heading anchor (without de-duplication)."""
    return text.lower().translate(_SLUG_CHARS)


class Slugger:
    """Tracks heading anchors in order of appearance, numbering duplicates like GitHub."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def add(self, text: str) -> str:
        return self.add_slug(slug(text))

    def add_slug(self, base: str) -> str:
        """The anchor of a heading whose `slug` is `base`, numbered after those before it."""
        n = self._seen[base]
        self._seen[base] += 1
        return base if n == 0 else f"{base}-{n}"


class SlugList(Slugger):
    """Keeps the `slug` of each heading in order, numbering none: for a part of a document
    written before its place in it is known (a `Slugger` numbers them then, `add_slug`)."""

    def __init__(self) -> None:
        self.slugs: list[str] = []

    def add(self, text: str) -> str:
        base = slug(text)
        self.slugs.append(base)
        return base


@functools.lru_cache(maxsize=1024)  # a few tags, used over and over in an export
def tag_text(tag: str) -> str:
    """`#tag`, with spaces as hyphens and inline markup characters escaped."""
    body = "-".join(tag.split())
    return "#" + _escape_inline_special(body)


_SAFE_URL = re.compile(r"https?://[^\s<>\\`]+\Z", re.IGNORECASE)


def url_link(url: str, escape: Callable[[str], str]) -> str:
    """`url` as a Markdown autolink when it is a plain http(s) address, else as text escaped
    by `escape` (a `javascript:` or spaced "URL" never becomes a link)."""
    return f"<{url}>" if _SAFE_URL.match(url) else escape(url)
