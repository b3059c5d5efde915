"""Reading an article for an export: its text, its sidecar through the store, and the article
parsed only when the sidecar's places cannot be trusted.

An export says what the article is (title, date, source) and where each highlight sits
(paragraph, sentence, line). The store keeps both in the sidecar for the text it was saved
with (reader/annotations/places.py), so a plain-text article whose text is the one its
sidecar's places are for is read and hashed, not parsed. Anything else (a changed article,
a record without a place, another parser version, a Markdown article, whose anchor text is
its rendering) is parsed, and its highlights re-anchored by the store as ever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore
from reader.claims import Attribution
from reader.document.loader import is_markdown, load_document, parse_text, read_article
from reader.document.model import Document

Where = Callable[[int, int], "tuple[int, int, int, int] | None"]
Said = Callable[[int, int], "Attribution | None"]


@dataclass(slots=True)
class ArticleRead:
    """One article as an export needs it."""

    document: Document  # parsed, or (its places trusted) its text with the stored metadata
    annotations: list[Annotation]
    article_note: str
    problem: str | None
    where: Where | None  # the stored places; None: work them out from the parsed document
    said: Said | None  # the stored attributions; None: work them out likewise


def read_for_export(path: Path) -> ArticleRead:
    """The article at `path` with what its sidecar holds (opened read-only). Raises
    ReaderError for an article that cannot be read."""
    if is_markdown(path):
        document = load_document(path)
    else:
        text, encoding = read_article(path)
        document = Document(str(path), "text", text, [], encoding=encoding)  # not parsed yet
    store = AnnotationStore.open(document, read_only=True)
    try:
        annotations, note, problem = list(store.annotations), store.article_note, store.problem
        stored = store.stored_places() if problem is None and document.format == "text" else None
    finally:
        store.close()
    where = said = None
    if document.format == "text":
        if stored is not None and document.text.strip():
            document.meta = stored.meta
            where, said = stored.where, stored.attribution
        else:
            document = parse_text(document.text, path, document.encoding)
    return ArticleRead(document, annotations, note or "", problem, where, said)
