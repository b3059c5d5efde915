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
     "at": [[start, end, paragraph, sentence, last sentence, line], ...]}

An export uses them only while the text, the parsing code, the file name and the format are
the ones they were worked out for, and only when every anchored highlight has its place
there; otherwise it works the places out itself (the same `Locator`, so the bytes are the
same). Places are derived data: never the user's, never merged, rewritten on every save.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.document.locate import Locator
from reader.document.model import Document, Metadata
from reader.document.outline import code_fingerprint, meta_from_json, meta_to_json

PLACES_KEY = "places"
_ROW = 6  # start, end, paragraph, sentence, last sentence, line

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

    def payload(self, spans: Iterable[tuple[int, int]]) -> dict[str, Any] | None:
        """The `"places"` value for highlights at `spans` (in document order), or None when
        the document has no blocks to number (nothing worth storing)."""
        document = self.document
        if not document.blocks:
            return None
        known = self._known
        rows = []
        for span in spans:
            place = known.get(span)
            if place is None:
                if self._locator is None:
                    self._locator = Locator(document)
                where = self._locator.where(*span)
                if where is None:
                    return None
                place = known[span] = where
            rows.append([*span, *place])
        return {
            "sha256": document.sha256,
            "code": code_fingerprint(),
            "name": self.name,
            "format": document.format,
            "meta": meta_to_json(document.meta),
            "at": rows,
        }


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
    if not isinstance(stored, dict):
        return None
    if (
        stored.get("sha256") != document.sha256
        or stored.get("code") != code_fingerprint()
        or stored.get("name") != name
        or stored.get("format") != document.format
    ):
        return None
    meta = meta_from_json(stored.get("meta"))
    rows = stored.get("at")
    if meta is None or not isinstance(rows, list):
        return None
    length = len(document.text)
    at: dict[tuple[int, int], Place] = {}
    for row in rows:
        if type(row) is not list or len(row) != _ROW or set(map(type, row)) != _INT:
            return None
        start, end, paragraph, sentence, last, line = row
        if not (
            0 <= start <= end <= length and paragraph > 0 and 0 < sentence <= last and line > 0
        ):
            return None
        at[start, end] = (paragraph, sentence, last, line)
    return StoredPlaces(meta, at)
