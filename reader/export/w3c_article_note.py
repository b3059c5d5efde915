"""The article note in W3C Web Annotation JSON, and reading a file's notes and highlights.

An article note is about the whole article, not a passage of it, so it is written as an
`Annotation` whose target is the article itself: a `target` with only a `source` (the
article's `file://` URI) and no selector, motivation `commenting`, one `TextualBody`
(`format` `text/markdown`, purpose `commenting`). The extension property
`margin:articleNote: true` on the annotation says it is the reader's article note, so the
importer takes it back as the article note; a W3C consumer ignores the property and sees a
comment on the document. Its `id` is derived from the article's URI: exporting the same
article twice gives the same file.

It comes first in an article's annotations (as the Markdown export shows it first).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.annotations.model import Annotation
from reader.claims.model import Attribution
from reader.export.w3c import (
    EXTENSION,
    MARKDOWN_FORMAT,
    URN_UUID,
    _str,
    annotation_objects,
    render_w3c,
    source_uri,
    w3c_items,
    w3c_to_annotation,
)

ARTICLE_NOTE = "margin:articleNote"
_FULL_ARTICLE_NOTE = EXTENSION + ARTICLE_NOTE.removeprefix("margin:")

Said = Callable[[int, int], Attribution | None]


def has_article_note(note: str) -> bool:
    """Whether `note` is written at all (the Markdown export's test too)."""
    return bool(note.strip())


def article_note_item(note: str, source: str) -> dict[str, Any]:
    """The article note of the article at `source` (its URI) as a W3C annotation."""
    return {
        "id": URN_UUID + str(uuid.uuid5(uuid.NAMESPACE_URL, source + "#article-note")),
        "type": "Annotation",
        "motivation": "commenting",
        ARTICLE_NOTE: True,
        "body": [
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": note,
                "format": MARKDOWN_FORMAT,
            }
        ],
        "target": {"source": source},
    }


def article_items(
    document, annotations: list[Annotation], said: Said | None, article_note: str
) -> list[dict[str, Any]]:
    """The W3C annotations of one article: its article note, then its highlights."""
    items = w3c_items(document, annotations, said)
    if has_article_note(article_note):
        items.insert(0, article_note_item(article_note, source_uri(document.path)))
    return items


def render_article_w3c(
    document, annotations: list[Annotation], said: Said | None, article_note: str
) -> dict[str, Any]:
    """The collection for one article: its article note, then its highlights."""
    data = render_w3c(document, annotations, said)
    if has_article_note(article_note):
        items = data["first"]["items"]
        items.insert(0, article_note_item(article_note, source_uri(document.path)))
        data["total"] = len(items)
    return data


# --- reading ------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class ArticleNote:
    """An article note read from a file: the article it was written for, and its text."""

    source: str  # the target's `source` as found ("" when there is none)
    text: str


@dataclass(slots=True)
class W3CFile:
    """What a W3C file holds for the reader."""

    annotations: list[Annotation] = field(default_factory=list)
    notes: list[ArticleNote] = field(default_factory=list)
    skipped: int = 0  # items with neither a usable selector nor the article-note mark


def article_note_of(obj: dict[str, Any]) -> ArticleNote | None:
    """The article note `obj` is, or None when it is not marked as one or targets a passage
    (a selector: then it is a highlight)."""
    if obj.get(ARTICLE_NOTE, obj.get(_FULL_ARTICLE_NOTE)) is not True:
        return None
    targets = obj.get("target")
    if any(
        isinstance(t, dict) and t.get("selector") is not None
        for t in (targets if isinstance(targets, list) else [targets])
    ):
        return None
    source = _target_source(obj)
    bodies = obj.get("body")
    texts = [
        body["value"]
        for body in (bodies if isinstance(bodies, list) else [bodies])
        if isinstance(body, dict) and isinstance(body.get("value"), str)
    ]
    text = "\n\n".join(t for t in texts if t.strip())
    return ArticleNote(source, _str(text))


def parse_w3c_file(obj: Any) -> W3CFile:
    """The highlights and the article notes of a parsed W3C JSON document, in file order
    (W3CFormatError when it is not one)."""
    found = W3CFile()
    sources: list[str] = []  # the article each highlight was made on
    for item in annotation_objects(obj):
        note = article_note_of(item)
        ann = w3c_to_annotation(item) if note is None else None
        if note is not None:
            found.notes.append(note)
        elif ann is None:
            found.skipped += 1
        else:
            found.annotations.append(ann)
            sources.append(_target_source(item))
    ids = {ann.id for ann in found.annotations}
    found.annotations = [
        _own_links(ann, source, ids) for ann, source in zip(found.annotations, sources, strict=True)
    ]
    return found


def _target_source(obj: dict[str, Any]) -> str:
    """The `source` of the annotation's (first) target ("" when it names none)."""
    targets = obj.get("target")
    for target in targets if isinstance(targets, list) else [targets]:
        if isinstance(target, str):
            return _str(target)
        if isinstance(target, dict) and isinstance(target.get("source"), str):
            return _str(target["source"])
    return ""


def _own_links(ann: Annotation, source: str, ids: set[str]) -> Annotation:
    """`ann` with its links to highlights of its own article (the `source` it targets) that
    the file holds too (`ids`) made links within the article imported into (""), as they
    are imported with it, whatever that article is called."""

    def own(link) -> bool:  # type: ignore[no-untyped-def]
        return bool(source) and link.source == source and link.id in ids

    if not any(map(own, ann.evidence)):
        return ann
    return ann.replace(evidence=[replace(x, source="") if own(x) else x for x in ann.evidence])


def note_for(article: str | Path, notes: list[ArticleNote]) -> tuple[ArticleNote | None, int]:
    """(the article note of `notes` for the article at `article`, how many are left out).

    A file exported from one article holds one note: it is taken, whatever the copy
    imported into is called. A library's file holds one per article: the one whose
    source has the article's file name is taken (a folder's articles have distinct paths,
    so none is taken when several have that name)."""
    notes = [n for n in notes if has_article_note(n.text)]
    if len(notes) <= 1:
        return (notes[0] if notes else None), 0
    name = Path(article).name
    named = [n for n in notes if _file_name(n.source) == name]
    if len(named) == 1:
        return named[0], len(notes) - 1
    return None, len(notes)


def _file_name(source: str) -> str:
    """The last path segment of a URI or path ("" when it has none)."""
    try:
        path = urlsplit(source).path if "://" in source else source
    except ValueError:  # "http://[bad/…": not an address at all
        return ""
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])
