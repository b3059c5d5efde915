"""Reading an article for an export: its text, its sidecar, and the article parsed only when
the sidecar's places cannot be trusted.

An export says what the article is (title, date, source) and where each highlight sits
(paragraph, sentence, line, the heading it falls under). The store keeps both in the sidecar for the text it was saved
with (reader/annotations/places.py), so a plain-text article whose text is the one its
sidecar's places are for is read and hashed, not parsed. Anything else (a changed article,
a record without a place, another parser version, a Markdown article, whose anchor text is
its rendering) is parsed. The sidecar is read as the store loads it, highlights re-anchored
in the text read now (reader/annotations/reading.py), without opening a store: an export
never writes a sidecar. A folder export keeps which articles it checked that way, with
nothing to re-anchor, and reads them no more while they and their sidecars stat the same
(reader/export/checked_texts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.annotations.model import Annotation
from reader.annotations.places import (
    Place,
    StoredPlaces,
    place_key,
    stored_places,
    text_place_key,
)
from reader.annotations.reading import (
    SidecarRead,
    decode_sidecar,
    read_sidecar,
    unusable_sidecar,
)
from reader.claims.model import Attribution
from reader.document.loader import is_markdown, load_document, parse_text, read_article
from reader.document.model import Document
from reader.export.checked_texts import CheckedTexts, file_stat, stat_of
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
    # the SHA-256 of the text the sidecar was checked against when reading it changed
    # nothing (every record anchored as stored, every place trusted), else ""
    checked_sha256: str = ""


def read_for_export(
    path: Path,
    sidecar: Path | LibrarySidecar | None = None,
    checked: CheckedTexts | None = None,
) -> ArticleRead:
    """The article at `path` with what its sidecar holds (read, never written): `sidecar` is
    its path when known, or the sidecar already read (reader/library_sidecars.py), then
    `checked` the folder's kept checks (reader/export/checked_texts.py), if any. Raises
    ReaderError for an article that cannot be read."""
    if checked is not None and isinstance(sidecar, LibrarySidecar) and not is_markdown(path):
        return _read_checked(path, sidecar, checked)
    return _read(path, sidecar)


def _read(path: Path, sidecar: Path | LibrarySidecar | None) -> ArticleRead:
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
    stored = None
    if found.problem is None and document.format == "text" and document.text.strip():
        stored = _stored(found, place_key(document))
    if stored is None and document.format == "text":
        document = parse_text(document.text, path, document.encoding)
    return _article_read(document, found, stored)


def _read_checked(path: Path, sidecar: LibrarySidecar, checked: CheckedTexts) -> ArticleRead:
    """`_read` of a plain-text article of a folder, trusting a kept check of it when its
    files stat as they did then, and keeping the check when it changes nothing."""
    if sidecar.problem is not None:
        return _read(path, sidecar)
    article = file_stat(path)  # before the article is read: a later write changes it
    # the sidecar's, taken before its bytes were read, likewise
    side = None if sidecar.stat is None else stat_of(sidecar.stat)
    if article is None or side is None:
        return _read(path, sidecar)
    sha256 = checked.sha256(sidecar.name, article, side)
    if sha256 is not None:
        found = decode_sidecar(sidecar.data, None, sha256)
        stored = _stored(found, text_place_key(sha256, str(path), "text"))
        if stored is not None:  # the text is not read: the document has its metadata only
            return _article_read(Document(str(path), "text", "", []), found, stored)
    read = _read(path, sidecar)
    if read.checked_sha256:
        checked.keep(sidecar.name, article, side, read.checked_sha256)
    return read


def _stored(found: SidecarRead, key: str) -> StoredPlaces | None:
    spans = [(a.start, a.end, a.place) for a in found.annotations if not a.orphaned]
    return stored_places(found.facts, key, spans)


def _article_read(
    document: Document, found: SidecarRead, stored: StoredPlaces | None
) -> ArticleRead:
    where = said = chapter = None
    if stored is not None:
        document.meta = stored.meta
        where, said, chapter = stored.where, stored.attribution, stored.heading
    read = ArticleRead(
        document, found.annotations, found.article_note, found.problem, where, said, chapter
    )
    if stored is not None and found.as_stored and document.text:
        read.checked_sha256 = document.sha256
    return read
