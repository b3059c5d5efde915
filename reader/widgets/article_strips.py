"""Drawing one display line of the article view as a `Strip` (no state but the styles).

Article text is untrusted: lines are built from plain strings into `Segment`s (never parsed
as markup) and any C0/C1 control character left is replaced before it reaches the terminal.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise
from operator import attrgetter

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.annotations.categories import CATEGORIES, CATEGORY_LETTERS
from reader.annotations.highlight_index import Highlight, HighlightIndex
from reader.document.layout import LayoutLine
from reader.document.model import Block

GUTTER = 2  # category letter + note marker
RULER = 1  # overview ruler, rightmost column
NOTE_MARK = "✎"
RULER_MARK = "▐"

# Control characters never reach the terminal: C0, DEL and C1 become U+FFFD, tab a space.
_SAFE = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_SAFE[0x09] = " "
_SPAN_CLASSES = {
    "emphasis": "article-view--emphasis",
    "strong": "article-view--strong",
    "code": "article-view--inline-code",
    "link": "article-view--link",
    "strike": "article-view--strike",
}
_TEXT = attrgetter("text")

# The component classes the strips are styled with (styles/article.tcss sets them).
STRIP_CLASSES = {
    "article-view--title",
    "article-view--subtitle",
    "article-view--meta",
    "article-view--heading",
    "article-view--paragraph",
    "article-view--quote",
    "article-view--list-item",
    "article-view--code",
    "article-view--table",
    "article-view--boilerplate",
    "article-view--cursor",
    "article-view--cursor-unfocused",
    "article-view--cursor-highlighted",
    "article-view--selection",
    "article-view--search-match",
    "article-view--search-current",
    "article-view--link",
    "article-view--emphasis",
    "article-view--strong",
    "article-view--inline-code",
    "article-view--strike",
    "article-view--gutter",
    "article-view--note-marker",
    "article-view--ruler",
    "article-view--ruler-thumb",
    *(f"article-view--hl-{c}" for c in CATEGORIES),
    *(f"article-view--ruler-{c}" for c in CATEGORIES),
}

# (cursor, selection, highlights, matches) of one line, clipped to it: the cursor as (start,
# end, whether the view has the focus) or None, the selection as (start, end) or None,
# highlights as (start, end, category, begins here, has a note), matches as (start, end, is
# the current one).
Decorations = tuple


def _cursor_class(cursor: tuple[int, int, bool]) -> str:
    return "article-view--cursor" if cursor[2] else "article-view--cursor-unfocused"


def safe_text(text: str) -> str:
    """`text` with every control character replaced one-for-one by a visible one."""
    return text.translate(_SAFE)


def ruler_rows(highlights: HighlightIndex[Highlight], height: int, length: int) -> list[str | None]:
    """The category marked on each of `height` ruler rows for a text `length` long."""
    rows: list[str | None] = [None] * height
    starts = highlights.starts
    if length and height and starts:
        # Row r shows the first highlight whose start s has s * height // length == r
        # (the last row also takes any later start): one bisection per row.
        count = len(starts)
        for row in range(height):
            i = bisect_left(starts, -(-row * length // height))
            if i >= count:
                break
            if row == height - 1 or starts[i] * height // length == row:
                rows[row] = highlights[i].category
    return rows


def thumb_rows(height: int, total: int, top: int) -> tuple[int, int]:
    """Ruler rows [first, last) standing for the viewport (`height` rows from row `top` of
    `total`): empty when everything fits."""
    if total <= height or height <= 0:
        return (0, 0)
    size = max(1, min(height, round(height * height / total)))
    first = round(top * (height - size) / max(1, total - height))
    first = max(0, min(height - size, first))
    return (first, first + size)


class StripPainter:
    """Builds the strips of the article view from its component styles (`style(*names)`)."""

    __slots__ = ("style",)

    def __init__(self, style: Callable[..., Style]) -> None:
        self.style = style

    def ruler_mark(self, mark: tuple[str | None, bool], base: Style) -> Segment:
        category, thumb = mark
        style = base + self.style("article-view--ruler")
        if thumb:
            style += self.style("article-view--ruler-thumb")
        if category is None:
            return Segment(" ", style)
        return Segment(RULER_MARK, style + self.style(f"article-view--ruler-{category}"))

    def message(self, message: str, left: int, width: int, base: Style) -> Strip:
        segments = [
            Segment(" " * left, base),
            Segment(message, base + self.style("article-view--meta")),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def line(
        self,
        block: Block,
        line: LayoutLine,
        doc_start: int,
        width: int,
        text_width: int,
        left: int,
        base: Style,
        decorations: Decorations,
        ruler: tuple[str | None, bool] = (None, False),
    ) -> Strip:
        """Display line `line` of `block`: margin, gutter, text padded to `text_width`, the
        ruler mark; `width` cells before the ruler."""
        segments = [Segment(" " * left, base), *self._gutter(decorations[2], base)]
        body = self._padded(self._text(block, line, doc_start, base, decorations), text_width, base)
        mark = self.ruler_mark(ruler, base)
        used = left + GUTTER + text_width
        if used <= width:
            segments.extend(body)
            if used < width:
                segments.append(Segment(" " * (width - used), base))
            segments.append(mark)
            return Strip(segments, width + RULER)
        text_strip = Strip(body, text_width) if isinstance(body, list) else body
        line_strip = Strip.join([Strip(segments), text_strip]).adjust_cell_length(width, base)
        return Strip.join([line_strip, Strip([mark], 1)])

    def _gutter(self, hls: list, base: Style) -> list[Segment]:
        """The category letter where a highlight begins, and the note marker if it has one."""
        style = self.style
        gutter = base + style("article-view--gutter")
        starting = [h for h in hls if h[3]]
        if not starting:
            return [Segment("  ", gutter)]
        category = starting[0][2]
        letter = CATEGORY_LETTERS.get(category, "?")
        marked = Segment(letter, gutter + style(f"article-view--ruler-{category}"))
        if any(h[4] for h in starting):
            return [marked, Segment(NOTE_MARK, gutter + style("article-view--note-marker"))]
        return [marked, Segment(" ", gutter)]

    def _text(
        self, block: Block, line: LayoutLine, doc_start: int, base: Style, decorations: Decorations
    ) -> list[Segment]:
        """The line's text, styled by its block kind and decorations."""
        style = self.style
        kind_style = base + style(f"article-view--{block.kind.replace('_', '-')}")
        text_segments: list[Segment] = []
        if line.prefix:
            text_segments.append(Segment(safe_text(line.prefix), kind_style))
        if line.synthetic is not None:
            synthetic_style = kind_style
            if decorations[0] is not None:
                synthetic_style += style(_cursor_class(decorations[0]))
            text_segments.append(Segment(safe_text(line.synthetic), synthetic_style))
        else:
            text = safe_text(block.text[line.start : line.end])
            text_segments.extend(
                self._styled(block, line, doc_start, text, kind_style, decorations)
            )
        return text_segments

    @staticmethod
    def _padded(text_segments: list[Segment], text_width: int, base: Style) -> list | Strip:
        """The text padded (or cut) to the measure, counting cells once."""
        cells = sum(map(cell_len, map(_TEXT, text_segments)))
        if cells > text_width:
            return Strip(text_segments).adjust_cell_length(text_width, base)
        if cells < text_width:
            text_segments.append(Segment(" " * (text_width - cells), base))
        return text_segments

    def _styled(
        self,
        block: Block,
        line: LayoutLine,
        doc_start: int,
        text: str,
        kind_style: Style,
        decorations: Decorations,
    ) -> list[Segment]:
        layers = self._layers(block, line, doc_start, decorations)
        if not layers:
            return [Segment(text, kind_style)] if text else []
        n = len(text)
        cuts = {0, n}
        for a, b, _ in layers:
            cuts.add(max(0, min(n, a)))
            cuts.add(max(0, min(n, b)))
        segments = []
        for p, q in pairwise(sorted(cuts)):
            if p == q:
                continue
            segment_style = kind_style
            for a, b, layer in layers:
                if a <= p and q <= b:
                    segment_style = segment_style + layer
            segments.append(Segment(text[p:q], segment_style))
        return segments

    def _layers(
        self, block: Block, line: LayoutLine, doc_start: int, decorations: Decorations
    ) -> list[tuple[int, int, Style]]:
        """(start, end, style) of every layer over the line, relative to it, bottom first:
        inline spans, cursor, highlights, the cursor's mark over them, selection, search
        matches."""
        cur, sel, hls, matches = decorations
        style = self.style
        layers: list[tuple[int, int, Style]] = []
        for span in block.spans:
            if span.start < line.end and span.end > line.start:
                name = _SPAN_CLASSES.get(span.style)
                if name:
                    layers.append((span.start - line.start, span.end - line.start, style(name)))
        if cur is not None:
            layers.append((cur[0] - doc_start, cur[1] - doc_start, style(_cursor_class(cur))))
        layers += self._highlight_layers(hls, cur, doc_start)
        if sel is not None:
            layers.append(
                (sel[0] - doc_start, sel[1] - doc_start, style("article-view--selection"))
            )
        for start, end, current in matches:
            name = "article-view--search-current" if current else "article-view--search-match"
            layers.append((start - doc_start, end - doc_start, style(name)))
        return layers

    def _highlight_layers(
        self, hls: tuple, cur: tuple[int, int, bool] | None, doc_start: int
    ) -> list[tuple[int, int, Style]]:
        """The highlights' tints, then the cursor's mark where it is on one: a tint covers
        the cursor's, so there the cursor adds a mark of its own, which no highlight uses."""
        style = self.style
        layers = [
            (start - doc_start, end - doc_start, style(f"article-view--hl-{category}"))
            for start, end, category, _begins, _note in hls
        ]
        if cur is not None:
            marked = style("article-view--cursor-highlighted")
            for start, end, *_ in hls:
                if start < cur[1] and end > cur[0]:
                    layers.append(
                        (max(start, cur[0]) - doc_start, min(end, cur[1]) - doc_start, marked)
                    )
        return layers
