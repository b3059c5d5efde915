"""The open article's annotation store and what was last drawn from it (no widgets, no app).

The reading screen shows it (`reader.screens.annotating`); the app flushes and closes it on
quit and on a signal, when the screens may be gone already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.annotations.highlight_index import Highlight
from reader.document.model import Document

if TYPE_CHECKING:  # the annotation model and the store load after the first frame
    from reader.annotations.history import History
    from reader.annotations.model import Annotation
    from reader.annotations.store import AnnotationStore


class AnnotationSession:
    """The open article's store (or the one waiting for the panes) and the highlights last
    drawn from it."""

    def __init__(self) -> None:
        self.store: AnnotationStore | None = None
        self.shown_version = -1
        self.warned: str | None = None
        # An article to annotate once the claims and notes panes exist (they are built just
        # after the first frame): (document, store or None).
        self.pending: tuple[Document, AnnotationStore | None] | None = None
        self._cache: dict[int, tuple[Annotation, Highlight]] = {}
        self._source: tuple[tuple[int, int, int], str] | None = None
        # Each article's undo history of this session, by path, with the text it was made
        # against: undo reaches back across J/K (and a rewritten article starts afresh).
        self._histories: dict[str, tuple[str, History]] = {}

    def open(self, document: Document, store: AnnotationStore | None) -> AnnotationStore:
        """Annotate `document` with `store` (opened from its sidecar when None)."""
        self.close()
        if store is None:
            from reader.annotations.store import AnnotationStore  # TinyDB: not before paint

            store = AnnotationStore.open(document)
        kept = self._histories.get(document.path)
        if kept is not None and kept[0] == document.sha256:
            store.adopt_history(kept[1])
        self.store = store
        self._cache = {}
        self.warned = None
        self.shown_version = -1
        return store

    def wait(self, document: Document, store: AnnotationStore | None) -> None:
        """Open `document` once the panes exist (`take_pending`)."""
        self.close()
        self.pending = (document, store)

    def take_pending(self) -> tuple[Document, AnnotationStore | None] | None:
        pending, self.pending = self.pending, None
        return pending

    def close(self) -> None:
        """Save and let go of the open store (on J/K and on quit)."""
        store, self.store = self.store, None
        if store is not None:
            self._histories[store.document.path] = (store.document.sha256, store.history)
            store.close()
        pending, self.pending = self.pending, None
        if pending is not None and pending[1] is not None:
            pending[1].close()

    def flush(self, timeout: float = 2) -> None:
        """Save now, waiting at most `timeout` seconds (a lock held by another program must
        not hold up quitting: what cannot be saved is reported unsaved)."""
        if self.store is not None:
            self.store.flush(timeout=timeout)

    # -- highlights drawn ----------------------------------------------------------------------

    def highlights(self, annotations: list[Annotation]) -> list[Highlight]:
        """The `Highlight`s of the anchored `annotations`, reusing the one of every annotation
        object seen before (the store replaces an annotation on change, so identity means
        unchanged; the cache holds the objects, so their ids cannot be reused while cached)."""
        cache = self._cache
        get = cache.get
        make = self.highlight_of
        highlights = [
            entry[1] if (entry := get(id(ann))) is not None and entry[0] is ann else make(ann)
            for ann in annotations
        ]
        if len(cache) > 2 * len(annotations) + 64:
            self._cache = {id(ann): cache[id(ann)] for ann in annotations}
        return highlights

    def source_line(self, ann: Annotation) -> str | None:
        """Who the article attributes `ann` to, as the notes pane says it (one highlight's
        answer kept: the cursor asks again on every move)."""
        if ann.orphaned or self.store is None:
            return None
        key = (ann.start, ann.end, id(self.store.document))
        if self._source is None or self._source[0] != key:
            from reader.claims import attribute  # loaded with the first highlight shown

            attribution = attribute(self.store.document, ann.start, ann.end)
            self._source = (key, describe_attribution(attribution))
        return self._source[1]

    def forget(self, ann: Annotation) -> Highlight:
        """The `Highlight` drawn for `ann`, which is gone or replaced."""
        entry = self._cache.pop(id(ann), None)
        return entry[1] if entry is not None and entry[0] is ann else _highlight(ann)

    def highlight_of(self, ann: Annotation) -> Highlight:
        highlight = _highlight(ann)
        self._cache[id(ann)] = (ann, highlight)
        return highlight

    def exact(self, span: tuple[int, int]) -> Annotation | None:
        """The annotation of exactly `span`, if any."""
        assert self.store is not None
        for ann in self.store.overlapping(span[0], span[1]):
            if (ann.start, ann.end) == span:
                return ann
        return None

    def under(
        self, cursor: tuple[int, int] | None, selection: tuple[int, int] | None
    ) -> Annotation | None:
        """The innermost annotation overlapping the cursor sentence, preferring one that
        starts in it; with a selection, the annotation of exactly that range (if any) first."""
        if self.store is None:
            return None
        if selection is not None:
            exact = self.exact(selection)
            if exact is not None:
                return exact
        if cursor is None:
            return None
        found = self.store.overlapping(cursor[0], cursor[1])
        starting = [a for a in found if cursor[0] <= a.start < cursor[1]] or found
        if not starting:
            return None
        return min(starting, key=lambda a: (a.end - a.start, a.start))


def describe_attribution(attribution: Any) -> str:
    """`Source: the Financial Times (named)`, or that the text names none."""
    if attribution.kind == "none":
        return "Source: none given in the text"
    return f"Source: {attribution.source} ({attribution.kind})"


def _highlight(ann: Annotation) -> Highlight:
    return Highlight(ann.start, ann.end, ann.category, bool(ann.note.strip()), ann.id)
