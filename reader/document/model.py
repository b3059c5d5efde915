"""The document model: what every part of the reader agrees an article is.

A `Document` holds `text`, the *anchor text* every offset indexes (code points):

* plain text (`format == "text"`): the normalised file text (decoded, CRLF/CR -> LF,
  control characters replaced one-for-one by visible placeholders);
* Markdown (`format == "markdown"`): the text as displayed, markup removed, blocks separated
  by a blank line ("\\n\\n"). Offsets for Markdown therefore point into the displayed text,
  not into the Markdown source; `Block.source_line` says where the block starts in the file.

Invariants (tested by property-based tests):

* blocks are ordered and do not overlap: `b[i].end <= b[i+1].start`;
* `len(block.text) == block.end - block.start`, and `block.text` equals
  `document.text[block.start:block.end]` except that a reflowed plain-text block has its line
  breaks replaced by spaces (one for one, so offsets still line up);
* every sentence lies inside its block and `document.text[s.start:s.end] == s.text`.

Sentences are computed lazily per block (`Block.sentences`), so opening a whole book never
waits for segmenting text that is not on screen.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple

from reader.document.sentences import split_sentences

# Blocks whose text is prose, so it is split into sentences. Code, tables and raw HTML are
# never split: each is one "sentence" spanning the whole block, so the cursor can still land
# on it. Boilerplate is split so a folded block can still be read when unfolded.
PROSE_KINDS = frozenset(
    {"title", "subtitle", "meta", "heading", "paragraph", "list_item", "quote", "boilerplate"}
)


@dataclass(slots=True, frozen=True)
class Span:
    """An inline styled run inside a block's display text (offsets relative to `Block.text`)."""

    start: int
    end: int
    style: str  # "emphasis" | "strong" | "code" | "link" | "strike"
    url: str | None = None


class Sentence(NamedTuple):
    """A sentence: `start`/`end` index `Document.text`; `text == Document.text[start:end]`.

    An immutable value of two numbers and a string."""

    start: int
    end: int
    text: str


@dataclass(slots=True, eq=False)  # blocks are compared by identity
class Block:
    kind: str
    start: int
    end: int
    text: str
    spans: tuple[Span, ...] = ()
    level: int = 0  # heading level (1-6), list nesting depth, quote depth
    label: str = ""  # e.g. the boilerplate's first line ("Related News") or a list marker
    source_line: int = 1  # 1-based line in the source file where the block starts
    # The sentences' (start, end) offsets relative to `start`, once segmented: tuples of
    # numbers, which the cyclic garbage collector stops following.
    _sentences: tuple[tuple[int, int], ...] | None = field(default=None, init=False, repr=False)
    # The anchor text of the block when it differs from `text` (a reflowed paragraph).
    _anchor_text: str | None = field(default=None, init=False, repr=False)

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    @property
    def sentences(self) -> list[Sentence]:
        """The block's sentences (segmented on first access, then made from the kept
        offsets: a book keeps two numbers a sentence, not an object)."""
        bounds = self._sentences
        if bounds is None:
            bounds = self._segment()
        source = self.text if self._anchor_text is None else self._anchor_text
        start = self.start
        sentences = []
        for s, e in bounds:
            sentences.append(Sentence(start + s, start + e, source[s:e]))
        return sentences

    def sentence_starts(self) -> list[int]:
        """Where the block's sentences start (`Document.text` offsets), without building the
        `Sentence` objects (an export numbering a whole book)."""
        bounds = self._sentences
        if bounds is None:
            bounds = self._segment()
        start = self.start
        return [start + s for s, _ in bounds]

    def sentence_offsets(self) -> list[tuple[int, int]]:
        """The sentences' (start, end) `Document.text` offsets, without building the
        `Sentence` objects (`reader parse`)."""
        bounds = self._sentences
        if bounds is None:
            bounds = self._segment()
        start = self.start
        offsets = []
        for s, e in bounds:
            offsets.append((start + s, start + e))
        return offsets

    def _segment(self) -> tuple[tuple[int, int], ...]:
        """Segment the block once: its sentences as non-empty (start, end) offsets relative
        to the block, kept in `_sentences`."""
        text = self.text
        if self.kind in PROSE_KINDS:
            # Segment the display text (reflowed line breaks are spaces there, which is what
            # the segmenter expects); offsets are identical to the anchor text's.
            bounds = tuple(split_sentences(text))
        elif text and not text.isspace():
            bounds = ((0, len(text)),)
        else:
            bounds = ()
        self._sentences = bounds
        return bounds


@dataclass(slots=True)
class Metadata:
    title: str = ""
    subtitle: str = ""
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str = ""
    authors: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True, eq=False)  # documents are compared by identity
class Document:
    path: str
    format: str  # "text" | "markdown"
    text: str  # the anchor text all offsets index
    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    encoding: str = "utf-8"
    messages: list[str] = field(default_factory=list)  # non-fatal notes, e.g. "empty article"
    _sha256: str | None = field(default=None, init=False, repr=False)

    @property
    def sha256(self) -> str:
        """SHA-256 of the anchor text (UTF-8), computed once on first use."""
        if self._sha256 is None:
            self._sha256 = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
        return self._sha256

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def is_empty(self) -> bool:
        return not self.blocks

    def block_at(self, offset: int) -> int | None:
        """Index of the block containing `offset` (or the first block after it), by bisection."""
        if not self.blocks:
            return None
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(self.blocks) - 1)
