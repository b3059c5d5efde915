"""An article's sidecar read once, as the store loads it: its annotations anchored in the text
read now, the article note and the stored facts.

The store loads through `anchor_loaded` (and keeps the database for saving); a read-only
reader that never saves (the export) calls `read_sidecar`, which reads the file with
`read_sidecar_file` (as `SidecarStorage.read_file` does) and decodes each record with `record_to_annotation`, so there is
no database, lock or writer thread per article, and it sees exactly what the store would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.annotations.changes import selectors, text_of
from reader.annotations.merge import ANNOTATIONS_TABLE, documents_by_id, meta_of
from reader.annotations.model import Annotation, still_anchored
from reader.annotations.record import record_to_annotation
from reader.annotations.sidecar_file import SidecarProblem, read_sidecar_file, sidecar_path_for


def anchor_loaded(
    text: str, same_text: bool, loaded: list[Annotation]
) -> tuple[list[Annotation], list[Annotation]]:
    """(every annotation anchored in `text`, those whose selectors changed doing so).

    `same_text`: the sidecar was saved with this very text (an orphan then stays one).
    When every one is anchored as stored, the list returned is `loaded` itself."""
    kept = {a.id for a in loaded if (same_text if a.orphaned else still_anchored(text, a))}
    if len(kept) == len(loaded):
        return loaded, []
    from reader.annotations.anchoring import reanchor  # the fuzzy matcher: only for what moved

    # Text inserted above moves the rest alike: re-anchor in position order, carrying the
    # last shift seen to the next one.
    loaded = sorted(loaded, key=lambda a: (a.start, a.end))
    anns: list[Annotation] = []
    moved: list[Annotation] = []
    delta = 0
    for ann in loaded:
        if ann.id not in kept:
            fresh = reanchor(text, ann, (delta,) if delta else ())
            if selectors(fresh) != selectors(ann):
                if not fresh.orphaned and ann.start >= 0:
                    delta = fresh.start - ann.start
                moved.append(fresh)
            ann = fresh
        anns.append(ann)
    return anns, moved


def listing_order(anns: list[Annotation]) -> list[Annotation]:
    """Anchored annotations in document order, then orphans in creation order (the order of
    `AnnotationStore.annotations`)."""
    anchored = sorted(
        (a for a in anns if not a.orphaned), key=lambda a: (a.start, a.end, a.created, a.id)
    )
    return anchored + sorted((a for a in anns if a.orphaned), key=lambda a: (a.created, a.id))


@dataclass(slots=True)
class SidecarRead:
    annotations: list[Annotation]  # in listing order
    article_note: str
    facts: Any  # the meta record's "article" (reader/annotations/places.py)
    problem: str | None  # why the sidecar cannot be used (then nothing else is read)
    as_stored: bool = False  # every record anchored in the text as it is stored


def read_sidecar(
    article_path: str | Path, text: str, sha256: str, sidecar: Path | None = None
) -> SidecarRead:
    """What the sidecar of the article at `article_path` (at `sidecar`, when the caller has
    its path already) holds for its `text` now."""
    try:
        data, _ = read_sidecar_file(sidecar or sidecar_path_for(article_path))
    except SidecarProblem as problem:
        return unusable_sidecar(problem)
    return decode_sidecar(data, text, sha256)


def unusable_sidecar(problem: SidecarProblem) -> SidecarRead:
    """What a sidecar the store refuses gives: nothing, and the store's wording of why."""
    return SidecarRead([], "", None, str(problem))


def decode_sidecar(data: Any, text: str | None, sha256: str) -> SidecarRead:
    """What a sidecar's `data` (as `read_sidecar_file` gives it) holds for the article's
    `text` now (its SHA-256 `sha256`). `text` None: this sidecar was checked against this
    very text before and every record was anchored as stored (reader/export/checked_texts.py),
    so they are taken as stored."""
    data = data or {}
    meta = meta_of(data)
    records = documents_by_id(data.get(ANNOTATIONS_TABLE) or {})
    loaded = [record_to_annotation(record) for _, record in records.values()]
    anns = loaded
    if text is not None:
        anns, _ = anchor_loaded(text, meta.get("sha256") == sha256, loaded)
    return SidecarRead(
        listing_order(anns),
        text_of(meta.get("article_note")),
        meta.get("article"),
        None,
        anns is loaded,
    )
