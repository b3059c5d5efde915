"""Reading an article for an export: its text, its sidecar, and the article parsed only when
the sidecar's places cannot be trusted.

An export says what the article is (title, date, source) and where each highlight sits
(paragraph, sentence, line, the heading it falls under). The store keeps both in the sidecar for the text it was saved
with (reader/annotations/places.py), so a plain-text article whose text is the one its
sidecar's places are for is read and hashed, not parsed. Anything else (a changed article,
a record without a place, another parser version, a Markdown article, whose anchor text is
its rendering) is parsed. The sidecar is read as the store loads it, highlights re-anchored
in the text read now (reader/annotations/reading.py), without opening a store: an export
never writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.annotations.model import Annotation
from reader.annotations.places import Place, place_key, stored_places
from reader.annotations.reading import decode_sidecar, read_sidecar, unusable_sidecar
from reader.claims.model import Attribution
from reader.document.loader import is_markdown, load_document, parse_text, read_article
from reader.document.model import Document
from reader.library_sidecars import LibrarySidecar

Where = Callable[[int, int], "Place | None"]
Said = Callable[[int, int], "Attribution | None"]
Chapter = Callable[[int, int], "str | None"]


@dataclass(slots=True)
class ArticleRead:
    """One article as an export needs it."""

    document: Document  # parsed, or (its places trusted) its text with the stored metadata
    annotations: list[Annotation]
    article_note: str
    problem: str | None
    where: Where | None  # the stored places; None: work them out from the parsed document
    said: Said | None  # the stored attributions; None: work them out likewise
    chapter: Chapter | None = None  # the stored headings highlights fall under; likewise


def read_for_export(path: Path, sidecar: Path | LibrarySidecar | None = None) -> ArticleRead:
    """The article at `path` with what its sidecar holds (read, never written): `sidecar` is
    its path when known, or the sidecar already read (reader/library_sidecars.py). Raises
    ReaderError for an article that cannot be read."""
    if is_markdown(path):
        document = load_document(path)
    else:
        text, encoding = read_article(path)
        document = Document(str(path), "text", text, [], encoding=encoding)  # not parsed yet
    if not isinstance(sidecar, LibrarySidecar):
        found = read_sidecar(path, document.text, document.sha256, sidecar)
    elif sidecar.problem is not None:
        found = unusable_sidecar(sidecar.problem)
    else:
        found = decode_sidecar(sidecar.data, document.text, document.sha256)
    annotations = found.annotations
    stored = None
    if found.problem is None and document.format == "text" and document.text.strip():
        spans = [(a.start, a.end, a.place) for a in annotations if not a.orphaned]
        stored = stored_places(found.facts, place_key(document), spans)
    where = said = chapter = None
    if stored is not None:
        document.meta = stored.meta
        where, said, chapter = stored.where, stored.attribution, stored.heading
    elif document.format == "text":
        document = parse_text(document.text, path, document.encoding)
    return ArticleRead(
        document, annotations, found.article_note, found.problem, where, said, chapter
    )
