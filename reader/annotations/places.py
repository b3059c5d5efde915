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
            "last_sentence": [...], "line": [...]},  (one column per field, in position order)
     "length": <the text's length>, "lines": <its line count>,
     "anchors": <a checksum of the text at and around the placed spans: `anchors_digest`>,
     "file": [size, mtime_ns, ctime_ns, inode] | null}  (the article file's stamp)

Only plain-text articles get places: their offsets and line numbers are those of the file's
own text, so its SHA-256 says whether they still hold. (A Markdown article's offsets are those
of its rendered text, which an edit of the source can leave alone while its lines move; and it
parses quickly anyway.) An export uses places only while the text, the parsing code, the file
name and the format are the ones they were worked out for, and only when every anchored
highlight has its place there; otherwise it works the places out itself (the same `Locator`,
so the bytes are the same). Places are derived data: never the user's, never merged,
rewritten on every save (see `MAX_NEW_PLACES` for when a save leaves them out).

Reading a book's text, decoding and hashing it costs an export about as much as rendering it.
When the article file still has the stamp its text had when the places were worked out
(`"file"`: reader.document.stamp says when a stamp vouches for the bytes), the text is known
to be that one without reading it: `read_places_by_stamp`. The highlights' own selectors
(prefix, quote, suffix) then stand for the text at and around their spans: `"anchors"` says
what that text was, so highlights edited by hand or merged in by another tool are caught
(`StoredPlaces.selectors_fit`). The places themselves (spans, numbers, metadata, the text's
length and line count) are trusted as the export that reads the text trusts them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import le, lt, sub

from reader.annotations.model import CONTEXT_CHARS, quote_selector
from reader.document.locate import Locator
from reader.document.model import Document, Metadata
from reader.document.outline import code_fingerprint, meta_from_json, meta_to_json
from reader.document.stamp import Stamp

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import Any

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
        self._lines: int | None = None  # the document's line count, counted once
        # The last `"anchors"` checksum and the spans it is for: a save that changed notes,
        # tags or categories but no span (most of them) reuses it; and the selectors of each
        # span then, so a save that added one highlight slices the text for that one only.
        self._anchors: tuple[list[tuple[int, int]], str] | None = None
        self._selectors: dict[tuple[int, int], tuple[str, str, str]] = {}

    def seed(self, stored: Any) -> None:
        """Take the places a sidecar holds when they were worked out for this document."""
        places = read_places(stored, self.document, self.name)
        if places is not None:
            self._known.update(places.at)
            if places.anchors is not None:  # worked out for this text: good until spans change
                starts, ends = places.columns[:2]
                self._anchors = (list(zip(starts, ends, strict=True)), places.anchors)

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
        text = document.text
        if self._lines is None:
            self._lines = text.count("\n") + 1
        return {
            "sha256": document.sha256,
            "code": code_fingerprint(),
            "name": self.name,
            "format": document.format,
            "meta": meta_to_json(document.meta),
            "at": dict(zip(_COLUMNS, columns, strict=True)),
            "length": len(text),
            "lines": self._lines,
            "anchors": self._anchors_of(spans),
            "file": None if document.stamp is None else list(document.stamp),
        }

    def _anchors_of(self, spans: list[tuple[int, int]]) -> str:
        if self._anchors is None or self._anchors[0] != spans:
            text, known = self.document.text, self._selectors
            selectors = [known.get(span) or quote_selector(text, *span) for span in spans]
            self._selectors = dict(zip(spans, selectors, strict=True))  # the current ones only
            columns = zip(*selectors, strict=True) if selectors else ((), (), ())
            self._anchors = (spans, anchors_digest(*columns))
        return self._anchors[1]

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


def anchors_digest(prefixes: Sequence[str], quotes: Sequence[str], suffixes: Sequence[str]) -> str:
    """What `"anchors"` holds: a checksum of the text around each placed span, as the
    selectors hold it (prefix, quote, suffix), all prefixes first, then all quotes, then all
    suffixes, in position order. The lengths of the pieces follow from the spans and the
    text's length, so joining them is unambiguous.

    A checksum (CRC-32), not a cryptographic digest: it notices a sidecar edited by hand or
    merged by another tool, at a fraction of SHA-256's cost on megabytes of quotes. It is no
    defence against forgery, and needs none: whoever can write the sidecar can write the
    notes themselves."""
    crc = 0
    for column in (prefixes, quotes, suffixes):
        crc = zlib.crc32("".join(column).encode("utf-8", "surrogatepass"), crc)
    return f"{crc:08x}"


class StoredPlaces:
    """Places read back from a sidecar (checked), with the `where` of a `Locator`.

    `columns` are the stored ones (start, end, paragraph, sentence, last sentence, line; a
    highlight per index, in position order); `at` maps a span to its place, made on first
    use (the export by stamp reads the columns by index and never needs it)."""

    __slots__ = ("columns", "meta", "sha256", "length", "anchors", "_at")

    def __init__(
        self,
        meta: Metadata,
        columns: list[list[int]],
        sha256: str,
        length: int,
        anchors: str | None,
    ) -> None:
        self.meta = meta
        self.columns = columns
        self.sha256 = sha256  # of the text they were worked out for
        self.length = length  # of that text
        self.anchors = anchors  # the `"anchors"` digest stored with them (None: not stored)
        self._at: dict[tuple[int, int], Place] | None = None

    @property
    def at(self) -> dict[tuple[int, int], Place]:
        if self._at is None:
            starts, ends, *places = self.columns
            spans = zip(starts, ends, strict=True)
            self._at = dict(zip(spans, zip(*places, strict=True), strict=True))
        return self._at

    def where(self, start: int, end: int) -> Place | None:
        return self.at.get((start, end))

    def covers(self, spans: Iterable[tuple[int, int]]) -> bool:
        at = self.at
        return all(span in at for span in spans)

    def selectors_fit(self, prefixes: list[str], exacts: list[str], suffixes: list[str]) -> bool:
        """True when these selectors, one per placed span in position order, are what
        anchoring at those spans gives in the text the places were worked out from."""
        if self.anchors is None:
            return False
        # The places' spans are checked already (inside the text, strictly increasing), so
        # each selector's length is what anchoring at its span gives, or it is wrong; then
        # the text around each span must be the one checksummed. In C: ten thousand rows.
        starts, ends = self.columns[:2]
        context = repeat(CONTEXT_CHARS)
        if (
            list(map(len, exacts)) != list(map(sub, ends, starts))
            or list(map(len, prefixes)) != list(map(min, starts, context))
            or list(map(len, suffixes))
            != list(map(min, map(sub, repeat(self.length), ends), context))
        ):
            return False
        return anchors_digest(prefixes, exacts, suffixes) == self.anchors


def read_places(stored: Any, document: Document, name: str) -> StoredPlaces | None:
    """The places in a sidecar's meta `"places"` value when they were worked out for
    `document` (same text, parsing code, fallback title and format) and well formed; else
    None. Only `document.text`, `sha256` and `format` are used: it need not be parsed."""
    if (
        not isinstance(stored, dict)
        or document.format != "text"
        or stored.get("sha256") != document.sha256
    ):
        return None
    text = document.text
    return _read_checked(stored, name, len(text), lambda: text.count("\n") + 1)


def read_places_by_stamp(stored: Any, stamp: Stamp | None, name: str) -> StoredPlaces | None:
    """The places in a sidecar's meta `"places"` value, without the article's text: when the
    article file's `stamp` now is the one its text had when they were worked out (so the text
    is that one), and they are well formed and were worked out by this parsing code for this
    fallback title; else None. The highlights must still be checked against them
    (`StoredPlaces.selectors_fit`)."""
    if stamp is None or not isinstance(stored, dict) or stored.get("file") != list(stamp):
        return None
    length, lines = stored.get("length"), stored.get("lines")
    if (
        type(length) is not int
        or type(lines) is not int
        or not isinstance(stored.get("sha256"), str)
    ):
        return None
    return _read_checked(stored, name, length, lambda: lines)


def _read_checked(
    stored: dict[str, Any], name: str, length: int, line_count: Callable[[], int]
) -> StoredPlaces | None:
    """`stored` checked against a text of `length` characters and `line_count()` lines whose
    SHA-256 is known to be the stored one."""
    if (
        stored.get("code") != code_fingerprint()
        or stored.get("name") != name
        or stored.get("format") != "text"
    ):
        return None
    meta = meta_from_json(stored.get("meta"))
    columns = _columns(stored.get("at"))
    if meta is None or columns is None:
        return None
    anchors = stored.get("anchors")
    anchors = anchors if isinstance(anchors, str) else None
    starts, ends, paragraphs, sentences, lasts, lines = columns
    if not starts:
        return StoredPlaces(meta, columns, stored["sha256"], length, anchors)
    # Every check runs in C (a book has ten thousand rows): offsets inside the text, spans not
    # empty (an empty one is never anchored) and in strictly increasing position order, so paragraphs and lines never go back; numbers
    # from 1, a last sentence not before the first, lines within the text's line count.
    spans = list(zip(starts, ends, strict=True))
    if not (
        min(starts) >= 0
        and max(ends) <= length
        and all(map(lt, starts, ends))
        and all(map(lt, spans, spans[1:]))
        and min(paragraphs) >= 1
        and all(map(le, paragraphs, paragraphs[1:]))
        and min(sentences) >= 1
        and all(map(le, sentences, lasts))
        and lines[0] >= 1
        and all(map(le, lines, lines[1:]))
        and lines[-1] <= line_count()
    ):
        return None
    return StoredPlaces(meta, columns, stored["sha256"], length, anchors)


_INT = {int}


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
