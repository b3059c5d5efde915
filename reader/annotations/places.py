"""Each highlight's place in its article (paragraph, sentence, source line), kept in the
sidecar so an export can number highlights without segmenting the article again.

The Markdown export says where each highlight is ("¶ 12, sentence 3 · line 40"). Working
that out means parsing the article and splitting every block that holds a highlight into
sentences: for a book with thousands of highlights, most of an export's time. The store
knows these places cheaply when it saves (the app has the article parsed, and the block of a
new highlight split already), so it writes them into the sidecar's meta record under
`"places"`, with what they were worked out from:

    {"sha256": <the article text's SHA-256>, "code": <reader.document.outline.code_fingerprint>,
     "name": <the title a plain text falls back to>, "format": "text" | "markdown",
     "meta": <the article's metadata>,
     "at": {"start": [...], "end": [...], "paragraph": [...], "sentence": [...],
            "last_sentence": [...], "line": [...]}}  (one column per field, in position order)

Only plain-text articles get places: their offsets and line numbers are those of the file's
own text, so its SHA-256 says whether they still hold. (A Markdown article's offsets are those
of its rendered text, which an edit of the source can leave alone while its lines move; and it
parses quickly anyway.) An export uses places only while the text, the parsing code, the file
name and the format are the ones they were worked out for, and only when every anchored
highlight has its place there; otherwise it works the places out itself (the same `Locator`,
so the bytes are the same). Places are derived data: never the user's, never merged,
rewritten on every save (see `MAX_NEW_PLACES` for when a save leaves them out).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import le, lt
from typing import Any

from reader.document.locate import Locator
from reader.document.model import Document, Metadata
from reader.document.outline import code_fingerprint, meta_from_json, meta_to_json

PLACES_KEY = "places"
# "at" holds one list per column, a highlight per index (checked in C, parsed fast).
_COLUMNS = ("start", "end", "paragraph", "sentence", "last_sentence", "line")
# A save works out at most this many new places (a new highlight's block is split already, so
# its place costs microseconds). More unknown ones (a sidecar from an earlier version, or an
# edited article whose highlights were re-anchored) would mean splitting most of a book on
# the writer thread at once: such a save works out this many, remembers them and stores no
# places; the next saves go on, and the first save that finds every place known stores them.
MAX_NEW_PLACES = 200

Place = tuple[int, int, int, int]  # paragraph, sentence, last sentence, line


class PlaceFinder:
    """Places of offset ranges in one parsed document, remembered between saves."""

    def __init__(self, document: Document, name: str) -> None:
        self.document = document
        self.name = name
        self._known: dict[tuple[int, int], Place] = {}
        self._locator: Locator | None = None

    def seed(self, stored: Any) -> None:
        """Take the places a sidecar holds when they were worked out for this document."""
        places = read_places(stored, self.document, self.name)
        if places is not None:
            self._known.update(places.at)

    def payload(
        self, spans: Iterable[tuple[int, int]], unlimited: bool = False
    ) -> dict[str, Any] | None:
        """The `"places"` value for highlights at `spans` (in document order), or None when
        the document has no blocks to number or is not plain text, or when more than
        `MAX_NEW_PLACES` are unknown yet and not `unlimited` (no user is waiting)."""
        document = self.document
        if not document.blocks or document.format != "text":
            return None
        known = self._known
        spans = list(spans)
        if not unlimited:
            unknown = [span for span in spans if span not in known]
            if len(unknown) > MAX_NEW_PLACES:
                # Work out some now and remember them: successive saves fill the rest.
                self._locate(unknown[:MAX_NEW_PLACES])
                return None
        columns: list[list[int]] = [[] for _ in _COLUMNS]
        starts, ends, paragraphs, sentences, lasts, lines = columns
        for span in spans:
            place = known.get(span)
            if place is None:
                if not self._locate([span]):
                    return None
                place = known[span]
            starts.append(span[0])
            ends.append(span[1])
            paragraphs.append(place[0])
            sentences.append(place[1])
            lasts.append(place[2])
            lines.append(place[3])
        return {
            "sha256": document.sha256,
            "code": code_fingerprint(),
            "name": self.name,
            "format": document.format,
            "meta": meta_to_json(document.meta),
            "at": dict(zip(_COLUMNS, columns, strict=True)),
        }

    def _locate(self, spans: list[tuple[int, int]]) -> bool:
        """Work out and remember the places of `spans` (in position order); False when the
        document has no blocks to place them in."""
        if self._locator is None:
            self._locator = Locator(self.document)
        for span in spans:
            where = self._locator.where(*span)
            if where is None:
                return False
            self._known[span] = where
        return True


class StoredPlaces:
    """Places read back from a sidecar (checked), with the `where` of a `Locator`."""

    __slots__ = ("at", "meta")

    def __init__(self, meta: Metadata, at: dict[tuple[int, int], Place]) -> None:
        self.meta = meta
        self.at = at

    def where(self, start: int, end: int) -> Place | None:
        return self.at.get((start, end))

    def covers(self, spans: Iterable[tuple[int, int]]) -> bool:
        at = self.at
        return all(span in at for span in spans)


_INT = {int}


def read_places(stored: Any, document: Document, name: str) -> StoredPlaces | None:
    """The places in a sidecar's meta `"places"` value when they were worked out for
    `document` (same text, parsing code, fallback title and format) and well formed; else
    None. Only `document.text`, `sha256` and `format` are used: it need not be parsed."""
    if not isinstance(stored, dict) or document.format != "text":
        return None
    if (
        stored.get("sha256") != document.sha256
        or stored.get("code") != code_fingerprint()
        or stored.get("name") != name
        or stored.get("format") != document.format
    ):
        return None
    meta = meta_from_json(stored.get("meta"))
    columns = _columns(stored.get("at"))
    if meta is None or columns is None:
        return None
    starts, ends, paragraphs, sentences, lasts, lines = columns
    if not starts:
        return StoredPlaces(meta, {})
    text = document.text
    # Every check runs in C (a book has ten thousand rows): offsets inside the text, spans in
    # strictly increasing position order, so paragraphs and lines never go back; numbers
    # from 1, a last sentence not before the first, lines within the text's line count.
    spans = list(zip(starts, ends, strict=True))
    if not (
        min(starts) >= 0
        and max(ends) <= len(text)
        and all(map(le, starts, ends))
        and all(map(lt, spans, spans[1:]))
        and min(paragraphs) >= 1
        and all(map(le, paragraphs, paragraphs[1:]))
        and min(sentences) >= 1
        and all(map(le, sentences, lasts))
        and lines[0] >= 1
        and all(map(le, lines, lines[1:]))
        and lines[-1] <= text.count("\n") + 1
    ):
        return None
    return StoredPlaces(
        meta, dict(zip(spans, zip(paragraphs, sentences, lasts, lines, strict=True), strict=True))
    )


def _columns(value: Any) -> list[list[int]] | None:
    """The six columns of `"at"`: lists of ints (not bools) of one length, or None."""
    if not isinstance(value, dict) or len(value) != len(_COLUMNS):
        return None
    columns = [value.get(key) for key in _COLUMNS]
    size = len(columns[0]) if isinstance(columns[0], list) else -1
    for column in columns:
        if not isinstance(column, list) or len(column) != size:
            return None
        if column and set(map(type, column)) != _INT:
            return None
    return columns
