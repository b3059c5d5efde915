"""The open article's annotation store and what was last drawn from it (no widgets, no app).

The reading screen shows it (`reader.screens.annotating`); the app flushes and closes it on
quit and on a signal, when the screens may be gone already.

A store whose changes could not be saved (a read-only folder, a full disk, a lock another
program holds) is not let go when the reader moves to another article: it stays, by the
article's path, for the whole session, its writer retrying in the background, and opening
that article again shows it (`open`); quitting counts every such store (`unsaved_stores`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.annotations.highlight_index import Highlight
from reader.document.decode import one_line
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
        # Only the head of a big article shows: its annotations come with the whole of it.
        self.loading = False
        self._source: tuple[tuple[int, int, int], str] | None = None
        # Each article's undo history of this session, by path, with the text it was made
        # against: undo reaches back across J/K (and a rewritten article starts afresh).
        self._histories: dict[str, tuple[str, History]] = {}
        # The stores of articles left with changes that could not be saved, by path.
        self._kept: dict[str, AnnotationStore] = {}
        # Each highlight's attribution kind by span, for the claims pane's rows, and the
        # document they are of (`kind_of`)
        self._kinds: dict[tuple[int, int], str] = {}
        self._kinds_of: tuple[Document, Any] | None = None

    def open(self, document: Document, store: AnnotationStore | None) -> AnnotationStore:
        """Annotate `document` with `store` (opened from its sidecar when None)."""
        self.close()
        unsaved = self._kept.pop(document.path, None)
        if unsaved is not None and unsaved.document.sha256 == document.sha256:
            if store is not None:
                store.close(timeout=0)  # read afresh from the sidecar: the kept one is newer
            unsaved.document = document  # the same text; the view draws for this object
            store = unsaved
        elif store is None:
            from reader.annotations.store import AnnotationStore  # TinyDB: not before paint

            store = AnnotationStore.open(document)
        if unsaved is not None and store is not unsaved:
            self._carry_over(unsaved, store)
        kept = self._histories.get(document.path)
        if kept is not None and kept[0] == document.sha256:
            store.adopt_history(kept[1])
        self.store = store
        self.loading = False
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

    def _carry_over(self, unsaved: AnnotationStore, store: AnnotationStore) -> None:
        """The article was rewritten while its changes were unsaved: they are re-anchored
        into `store`, its new text's (what cannot be, as when annotating is off for a
        corrupt sidecar, stays kept)."""
        from reader.errors import ReaderError

        items, note = unsaved.history.net_changes()
        try:
            for id, (before, after) in items.items():
                _redo_in(store, id, before, after)
            if note is not None and note[0] != note[1]:
                store.set_article_note(note[1], since=note[0])
        except ReaderError:
            self._kept[unsaved.document.path] = unsaved
            return
        unsaved.close(timeout=0)

    def close(self) -> None:
        """Save and let go of the open store (on J/K); one whose changes cannot be saved is
        kept (`open` shows it again), its writer retrying."""
        store, self.store = self.store, None
        if store is not None:
            from reader.annotations.saver import CLOSE_SECONDS  # loaded with the store

            self._histories[store.document.path] = (store.document.sha256, store.history)
            if not store.unsaved:
                store.flush(timeout=CLOSE_SECONDS)
            if store.unsaved:
                self._kept[store.document.path] = store
            else:
                store.close()
        pending, self.pending = self.pending, None
        if pending is not None and pending[1] is not None:
            pending[1].close()
        self._let_go_saved()

    def keep(self, store: AnnotationStore) -> None:
        """Keep `store`, of another article than the open one, whose changes could not be
        saved yet (its writer retrying), as an article left unsaved is kept."""
        self._kept.setdefault(store.document.path, store)

    def close_all(self) -> None:
        """Close every store, kept ones too, with one last try to save them (on quit)."""
        self.close()
        kept, self._kept = self._kept, {}
        for store in kept.values():
            store.close(timeout=0)

    def _let_go_saved(self) -> None:
        """Close the kept stores whose writer has saved them since."""
        for path, store in list(self._kept.items()):
            if not store.unsaved:
                del self._kept[path]
                store.close(timeout=0)

    def nothing_to_undo(self, store: AnnotationStore) -> str:
        """What u says with nothing to undo in `store`'s article: undo is per article, so
        where this session's other changes can be undone."""
        here = store.document.path
        elsewhere = [path for path, (_, history) in self._histories.items()
                     if path != here and history.can_undo]  # fmt: skip
        if not elsewhere:
            return "Nothing to undo"
        name = one_line(Path(elsewhere[-1]).name)
        more = f" and {len(elsewhere) - 1} more" if len(elsewhere) > 1 else ""
        return f"Nothing to undo here; changes in {name}{more} can be undone there"

    def unsaved_stores(self) -> list[AnnotationStore]:
        """The stores holding annotations or an article note that could not be saved: the
        open article's first, then those of the articles left this session."""
        self._let_go_saved()
        stores = [self.store] if self.store is not None else []
        stores += self._kept.values()
        return [s for s in stores if s.unsaved and (len(s) or s.article_note)]

    def flush(self, timeout: float = 2) -> None:
        """Save now, waiting at most `timeout` seconds (a lock held by another program must
        not hold up quitting: what cannot be saved is reported unsaved); the kept stores
        get one more try each, without waiting for a lock."""
        if self.store is not None:
            self.store.flush(timeout=timeout)
        for store in list(self._kept.values()):
            store.flush(timeout=0)

    # -- highlights drawn ----------------------------------------------------------------------

    def highlights(self, annotations: list[Annotation]) -> list[Highlight]:
        """The `Highlight`s of the anchored `annotations` (the store makes each once per
        annotation object, those of an opened sidecar while opening it)."""
        assert self.store is not None
        highlight = self.store.highlight
        return [highlight(ann) for ann in annotations]

    def source_line(self, ann: Annotation) -> str | None:
        """Who the article attributes `ann` to, its verdict and its evidence, as the notes
        pane says them (one line each; the attribution of one highlight is kept: the cursor
        asks on every move)."""
        if ann.orphaned or self.store is None:
            return None
        key = (ann.start, ann.end, id(self.store.document))
        if self._source is None or self._source[0] != key:
            from reader.claims.attribution import attribute  # loaded with the first highlight shown

            attribution = attribute(self.store.document, ann.start, ann.end)
            self._source = (key, describe_attribution(attribution))
        return "\n".join([self._source[1], *claim_summary(ann)])

    def kind_of(self, ann: Annotation) -> str:
        """Whom the article attributes `ann` to: "named", "anonymous", "none" ("" for an
        orphan). The record's stored place says it when it is for the text read now; else it
        is worked out, once for each span (the claims pane asks for every row it paints)."""
        store = self.store
        if store is None or ann.orphaned:
            return ""
        document = store.document
        if self._kinds_of is None or self._kinds_of[0] is not document:
            self._kinds.clear()
            self._kinds_of = (document, None)
        span = (ann.start, ann.end)
        kind = self._kinds.get(span)
        if kind is None:
            from reader.annotations.places import fits
            from reader.claims.claim_filter import stored_kind

            kind = stored_kind(ann) if fits(ann.place, store.place_key, *span) else ""
            if not kind:
                attributions = self._kinds_of[1]
                if attributions is None:
                    from reader.claims.attribution import DocumentAttributions

                    attributions = DocumentAttributions(document)
                    self._kinds_of = (document, attributions)
                kind = attributions.of(*span).kind
            self._kinds[span] = kind
        return kind

    def forget(self, ann: Annotation) -> Highlight:
        """The `Highlight` drawn for `ann`, which is gone or replaced (an equal one)."""
        return _highlight(ann)

    def highlight_of(self, ann: Annotation) -> Highlight:
        assert self.store is not None
        return self.store.highlight(ann)

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


def claim_summary(ann: Annotation) -> list[str]:
    """`Verdict: Refuted — why` and `Evidence: …` lines, when set."""
    from reader.annotations.verdicts import DEFAULT_STATUS, STATUS_LABELS

    lines = []
    if ann.status != DEFAULT_STATUS or ann.rationale:
        label = STATUS_LABELS.get(ann.status, ann.status)
        lines.append(f"Verdict: {label}" + (f" — {ann.rationale}" if ann.rationale else ""))
    for n, link in enumerate(ann.evidence, start=1):
        lines.append(f"Evidence {n}: {link.describe()}" + ("  (f follows)" if n == 1 else ""))
    return lines


def _highlight(ann: Annotation) -> Highlight:
    return Highlight(ann.start, ann.end, ann.category, bool(ann.note.strip()), ann.id)


def _redo_in(store: AnnotationStore, id: str, before: Any, after: Any) -> None:
    """Make in `store` (the rewritten article's) one highlight's unsaved change of the session:
    made (re-anchored in the new text), deleted, or edited (what another window changed
    meanwhile is kept, as for any edit: `since`)."""
    from reader.annotations.field_edits import EDITABLE_FIELDS

    there = store.get(id)
    if after is None:
        if there is not None:
            store.delete(id)
    elif there is None:
        store.add_annotation(after)
    elif before is None:
        store.update(id, **{k: getattr(after, k) for k in EDITABLE_FIELDS})
    else:
        since = {"note": before.note, "tags": list(before.tags)}
        store.update(id, since=since, **{k: getattr(after, k) for k in EDITABLE_FIELDS})
