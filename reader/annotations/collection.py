"""An article's annotations in memory: by id, in document order, with undo history.

Anchored annotations are held in a `HighlightIndex` ordered by (start, end, created, id) —
the same index the article view draws from — and orphans in creation order. Single changes
update both in place; bulk changes (a load, a merge) invalidate them and the next read
rebuilds them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from reader.annotations.highlight_index import Highlight, HighlightIndex
from reader.annotations.history import History
from reader.annotations.model import Annotation


class AnnotationCollection:
    def __init__(self) -> None:
        self._anns: dict[str, Annotation] = {}
        self.history = History()
        self._valid = False
        self._anchored: HighlightIndex[Annotation] = HighlightIndex(key=_order_key)
        self._orphans: list[Annotation] = []
        self._orphan_keys: list[tuple[str, str]] = []
        self._listing: list[Annotation] | None = None
        # The `Highlight` the article view draws for each annotation object (an annotation is
        # replaced on change, so the object says it is unchanged), by id(object).
        self._drawn: dict[int, tuple[Annotation, Highlight]] = {}

    # -- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._anns)

    def __contains__(self, id: str) -> bool:
        return id in self._anns

    def get(self, id: str) -> Annotation | None:
        return self._anns.get(id)

    def by_id(self) -> dict[str, Annotation]:
        return dict(self._anns)

    def listing(self) -> list[Annotation]:
        """Anchored annotations in document order (start, end), then orphans."""
        self._ensure_index()
        if self._listing is None:
            self._listing = self._anchored.items + self._orphans
        return list(self._listing)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Anchored annotations sharing at least one character with start:end (a point range
        start == end counts as that offset), in document order."""
        self._ensure_index()
        return self._anchored.overlapping(start, max(end, start + 1))

    def at(self, offset: int) -> list[Annotation]:
        """Anchored annotations covering `offset`, innermost (shortest) first."""
        found = self.overlapping(offset, offset + 1)
        found.sort(key=lambda a: (a.end - a.start, a.start))
        return found

    def find_range(self, start: int, end: int) -> Annotation | None:
        """The anchored annotation spanning exactly start:end, if any."""
        self._ensure_index()
        return self._anchored.exact(start, end)

    def highlight(self, ann: Annotation) -> Highlight:
        """The `Highlight` to draw for `ann`, made once per annotation object."""
        entry = self._drawn.get(id(ann))
        if entry is not None and entry[0] is ann:
            return entry[1]
        drawn = Highlight(ann.start, ann.end, ann.category, bool(ann.note.strip()), ann.id)
        self._drawn[id(ann)] = (ann, drawn)
        return drawn

    def prepare(self) -> None:
        """Build the order index and every anchored annotation's `Highlight` now (when
        opening, off the UI thread), not on the first draw."""
        self._ensure_index()
        for ann in self._anchored.items:
            self.highlight(ann)

    # -- changing ------------------------------------------------------------------------
    def set(self, key: str, ann: Annotation | None) -> None:
        """Store `ann` under the annotation id `key` (None: remove it), keeping the index up
        to date."""
        old = self._anns.get(key)
        if ann is None:
            self._anns.pop(key, None)
        else:
            self._anns[key] = ann
        if old is not None and old is not ann:
            self._drawn.pop(id(old), None)
        self._reindex(old, ann)

    def replace_all(self, anns: Iterable[Annotation]) -> None:
        self._anns = {a.id: a for a in anns}
        self._invalidate()

    # -- the index -----------------------------------------------------------------------
    def _ensure_index(self) -> None:
        if self._valid:
            return
        anns = list(self._anns.values())
        self._anchored.replace(a for a in anns if not a.orphaned)
        self._orphans = sorted((a for a in anns if a.orphaned), key=_orphan_key)
        self._orphan_keys = [_orphan_key(a) for a in self._orphans]
        self._listing = None
        self._valid = True

    def _invalidate(self) -> None:
        self._valid = False
        self._listing = None
        live = {id(a) for a in self._anns.values()}
        self._drawn = {k: v for k, v in self._drawn.items() if k in live}

    def _reindex(self, old: Annotation | None, new: Annotation | None) -> None:
        if not self._valid:
            return
        self._listing = None
        if old is not None and not self._remove(old):
            self._invalidate()
            return
        if new is None:
            return
        if new.orphaned:
            key = _orphan_key(new)
            i = bisect.bisect_left(self._orphan_keys, key)
            self._orphan_keys.insert(i, key)
            self._orphans.insert(i, new)
        else:
            self._anchored.add(new)

    def _remove(self, old: Annotation) -> bool:
        if not old.orphaned:
            return self._anchored.remove_id(old.start, old.id) is not None
        key = _orphan_key(old)
        i = bisect.bisect_left(self._orphan_keys, key)
        if i >= len(self._orphans) or self._orphans[i].id != old.id:
            return False
        del self._orphan_keys[i], self._orphans[i]
        return True


def _order_key(ann: Annotation) -> tuple[int, int, str, str]:
    return (ann.start, ann.end, ann.created, ann.id)


def _orphan_key(ann: Annotation) -> tuple[str, str]:
    return (ann.created, ann.id)
