"""The read side of an article's annotation store (reader/annotations/store.py): what the UI
asks of it, and the stored places of its highlights.

`AnnotationStore` is made of this class and `StoreSaving` (store_saving.py); the state they
share is set up by the store's `__init__`. Every read of the collection holds the store's lock
(`_lock`), so a read never sees a merge half done.
"""

from __future__ import annotations

import threading
from typing import Any

from reader.annotations.collection import AnnotationCollection
from reader.annotations.highlight_index import Highlight
from reader.annotations.model import Annotation
from reader.annotations.places import StoredPlaces, fits, place_key, place_record, stored_places
from reader.annotations.saver import Saver
from reader.claims.attribution import DocumentAttributions
from reader.document.locate import Locator
from reader.document.model import Document as Article


class StoreReading:
    document: Article
    read_only: bool
    _lock: threading.RLock
    _collection: AnnotationCollection
    _saver: Saver
    _note: str
    _facts: Any
    _key: str | None
    _locator: Locator | None
    _attributions: DocumentAttributions | None

    # -- places ------------------------------------------------------------------------------
    @property
    def place_key(self) -> str:
        if self._key is None:
            self._key = place_key(self.document)
        return self._key

    def _place(self, ann: Annotation) -> dict[str, Any] | None:
        """The stored place of `ann` when it is still right, else worked out (the database's
        `placer`: only for a record being written)."""
        key = self.place_key
        if fits(ann.place, key, ann.start, ann.end):
            return ann.place
        if self._locator is None:
            self._locator = Locator(self.document)
            self._attributions = DocumentAttributions(self.document)
        assert self._attributions is not None
        return place_record(self._locator, self._attributions, key, ann.start, ann.end)

    def stored_places(self) -> StoredPlaces | None:
        """The article's metadata and every anchored highlight's place as the sidecar keeps
        them, when all of it is for the article's text as read now (else None: parse it)."""
        with self._lock:
            spans = [
                (a.start, a.end, a.place) for a in self._collection.listing() if not a.orphaned
            ]
            return stored_places(self._facts, self.place_key, spans)

    # -- reading -----------------------------------------------------------------------------
    # What the saver found (the UI shows them).
    @property
    def problem(self) -> str | None:
        return self._saver.problem

    @property
    def warning(self) -> str | None:
        return self._saver.warning

    @warning.setter
    def warning(self, value: str | None) -> None:
        self._saver.warning = value

    @property
    def save_failure(self) -> str | None:
        """Why the last save failed, in a few words naming the file or folder at fault (e.g.
        "the disk is full", "<lock> is locked by another program (process 42)"); None once
        a save succeeds. `warning` is the whole sentence for the app."""
        return self._saver.failure

    @property
    def unsaved(self) -> bool:
        return self._saver.unsaved

    @unsaved.setter
    def unsaved(self, value: bool) -> None:
        self._saver.unsaved = value

    @property
    def writable(self) -> bool:
        return self.problem is None and not self.read_only

    @property
    def article_note(self) -> str:
        return self._note

    @property
    def annotations(self) -> list[Annotation]:
        """Anchored annotations in document order (start, end), then orphans."""
        with self._lock:
            return self._collection.listing()

    def __len__(self) -> int:
        return len(self._collection)

    def get(self, id: str) -> Annotation | None:
        return self._collection.get(id)

    def highlight(self, ann: Annotation) -> Highlight:
        """The `Highlight` the article view draws for `ann` (made once per annotation)."""
        return self._collection.highlight(ann)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Anchored annotations sharing at least one character with start:end (a point range
        start == end counts as that offset), in document order."""
        with self._lock:
            return self._collection.overlapping(start, end)

    def at(self, offset: int) -> list[Annotation]:
        """Anchored annotations covering `offset`, innermost (shortest) first."""
        with self._lock:
            return self._collection.at(offset)
