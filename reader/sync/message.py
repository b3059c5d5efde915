"""The commit message of a sync: what changed, counted (`margin-reader: 3 highlights, 1 note
on 2 articles; 1 article added`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.annotations.merge import ANNOTATIONS_TABLE, documents_by_id, meta_of
from reader.sync.paths import FEEDS_FILE, OWN_FILES, REVISIONS, is_sidecar

PREFIX = "margin-reader:"
Tables = dict[str, Any]


@dataclass
class Counts:
    highlights: int = 0  # new annotations
    notes: int = 0  # notes written or changed (the article note included)
    edits: int = 0  # other changes to an annotation (category, tags, place)
    removed: int = 0  # annotations deleted
    annotated: int = 0  # sidecars whose annotations changed
    articles_added: int = 0
    articles_changed: int = 0
    articles_removed: int = 0
    revisions: int = 0
    feeds: bool = False
    other: int = 0


def count_sidecar(before: Tables, after: Tables, counts: Counts) -> None:
    """Add what changed from one version of a sidecar to the next to `counts`."""
    old = {k: doc for k, (_, doc) in documents_by_id(before.get(ANNOTATIONS_TABLE) or {}).items()}
    new = {k: doc for k, (_, doc) in documents_by_id(after.get(ANNOTATIONS_TABLE) or {}).items()}
    changed = False
    for key, doc in new.items():
        was = old.get(key)
        if was == doc:
            continue
        changed = True
        note = doc.get("note")
        if was is None:
            counts.highlights += 1
            counts.notes += bool(note)
        elif note != was.get("note"):
            counts.notes += 1
        else:
            counts.edits += 1
    removed = len(old.keys() - new.keys())
    counts.removed += removed
    if (meta_of(before).get("article_note") or "") != (meta_of(after).get("article_note") or ""):
        counts.notes += 1
        changed = True
    counts.annotated += changed or bool(removed)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def describe(counts: Counts) -> str:
    """The commit message for `counts`."""
    parts = []
    marks = [
        _n(count, one)
        for count, one in (
            (counts.highlights, "highlight"),
            (counts.notes, "note"),
            (counts.edits, "edit"),
            (counts.removed, "removal"),
        )
        if count
    ]
    if marks:
        parts.append(f"{', '.join(marks)} on {_n(counts.annotated, 'article')}")
    for count, what in (
        (counts.articles_added, "added"),
        (counts.articles_changed, "updated"),
        (counts.articles_removed, "removed"),
    ):
        if count:
            parts.append(f"{_n(count, 'article')} {what}")
    if counts.revisions:
        parts.append(_n(counts.revisions, "revision"))
    if counts.feeds:
        parts.append("feed subscriptions")
    if counts.other and not parts:
        parts.append(_n(counts.other, "library file"))
    return f"{PREFIX} {'; '.join(parts) or 'library changes'}"


def count_files(changes: Iterable[tuple[str, str]], counts: Counts) -> None:
    """Count `(status, path)` changes that are not sidecars (status: A, M or D)."""
    for status, path in changes:
        if is_sidecar(path):
            continue
        if f"/{REVISIONS}/" in f"/{path}":
            counts.revisions += status == "A"
        elif path == FEEDS_FILE:
            counts.feeds = True
        elif path in OWN_FILES:
            counts.other += 1
        elif status == "A":
            counts.articles_added += 1
        elif status == "D":
            counts.articles_removed += 1
        else:
            counts.articles_changed += 1
