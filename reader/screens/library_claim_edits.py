"""Editing the library's claims from `H`'s list: with the list focused (Tab from the filter),
the claims pane's editing keys (reader/widgets/claim_list_keys.py: 1-5 the category, t the
tags, a the note, x deletes) act on the highlighted claim.

A change goes through its article's own store: the open article's (the reading screen's,
so the article, its panes and undo follow), else one opened for that article in a thread,
which saves under the sidecar's lock, merged with what another window saved; the tags and
note dialogs start from what the list showed, so another window's change meanwhile is kept
(reader/annotations/edits_since.py). A change that cannot be saved yet stays with the
session, retrying, as an article left unsaved does. The list is read again after each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.widgets import OptionList

from reader.annotations.categories import CATEGORY_LABELS, category_for_key
from reader.annotations.quoting import quoted
from reader.annotations.sidecar_file import annotating_off
from reader.claims.library_claims import LibraryClaim
from reader.errors import ReaderError

Change = Callable[[Any, Any], object]  # (the article's store, the claim's annotation)


class LibraryClaimEdits:
    """The editing actions of `LibraryClaimsScreen` (its `reading`: the reading screen)."""

    reading: Any
    shown: list[LibraryClaim]

    def _claim(self: Any) -> LibraryClaim | None:
        index = self.query_one("#finder-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            self.app.notify("No claim highlighted", markup=False)
            return None
        return self.shown[index]

    def action_category(self: Any, key: int) -> None:
        claim = self._claim()
        if claim is None:
            return
        category = category_for_key(key)
        if claim.category == category:
            self.app.notify(f"Already a {CATEGORY_LABELS[category]} highlight", markup=False)
            return
        said = f"Changed to {CATEGORY_LABELS[category]}"
        self._change(claim, lambda store, ann: store.update(ann.id, category=category), said)

    def action_tags(self: Any) -> None:
        claim = self._claim()
        if claim is None:
            return
        from reader.screens.annotation_dialogs import TagsScreen

        def done(text: str | None) -> None:
            if text is None:
                return
            tags = [tag for tag in (t.strip() for t in text.split(",")) if tag]
            since = {"tags": list(claim.tags)}  # what the dialog opened with
            change: Change = lambda store, ann: store.update(ann.id, since, tags=tags)  # noqa: E731
            self._change(claim, change, "Tags saved")

        self.app.push_screen(TagsScreen(list(claim.tags), _short(claim.exact)), done)

    def action_note(self: Any) -> None:
        claim = self._claim()
        if claim is None:
            return
        from reader.screens.annotation_dialogs import NoteScreen

        def done(text: str | None) -> None:
            if text is None or text == claim.note:
                return
            since = {"note": claim.note}
            change: Change = lambda store, ann: store.update(ann.id, since, note=text)  # noqa: E731
            self._change(claim, change, "Note saved")

        self.app.push_screen(NoteScreen(claim.note, _short(claim.exact)), done)

    def action_delete_highlight(self: Any) -> None:
        claim = self._claim()
        if claim is not None:
            said = f"Deleted the {CATEGORY_LABELS.get(claim.category, 'Claim')} highlight"
            self._change(claim, lambda store, ann: store.delete(ann.id), said)

    def _change(self: Any, claim: LibraryClaim, change: Change, said: str) -> None:
        """Make `change` in the claim's article's store, then say `said` and read the list
        again."""
        store = self.reading.annotations.store
        if store is None or Path(store.document.path).resolve() != claim.path.resolve():
            self._change_elsewhere(claim, change, said)
            return
        ann = store.get(claim.id)
        if store.problem is not None or ann is None:
            self._done(None, annotating_off(store.problem) if ann else _GONE)
            return
        if self.reading._run(lambda: change(store, ann) or True):  # the article follows
            self._done(said, None)

    @work(thread=True, group="claim-edit")
    def _change_elsewhere(self: Any, claim: LibraryClaim, change: Change, said: str) -> None:
        from reader.annotations.saver import CLOSE_SECONDS
        from reader.annotations.store import AnnotationStore
        from reader.document.loader import load_document

        try:
            store = AnnotationStore.open(load_document(claim.path))
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self._done, None, str(error))
            return
        ann = store.get(claim.id)
        problem = store.problem and annotating_off(store.problem)
        try:
            if problem is None and ann is not None:
                change(store, ann)
        except ReaderError as error:
            problem = str(error)
        if problem is not None or ann is None:
            store.close()
            self.app.call_from_thread(self._done, None, problem or _GONE)
            return
        store.flush(timeout=CLOSE_SECONDS)
        if store.unsaved:  # kept and retried, counted on quitting
            self.app.call_from_thread(self.reading.annotations.keep, store)
            said = f"{said}, not saved yet: {store.warning}"
        else:
            store.close()
        self.app.call_from_thread(self._done, said, store.notice)

    def _done(self: Any, said: str | None, problem: str | None) -> None:
        if said is not None:
            self.app.notify(said, markup=False)
            self._read()  # the list as the sidecars have it now
        if problem:
            self.app.notify(problem, severity="information" if said else "error", markup=False)

    def _loaded(self: Any, claims: list[LibraryClaim]) -> None:
        """The list read again keeps the highlight on the claim it is on now (wherever the
        user moved while it was read), or on its row if that claim is gone."""
        options = self.query_one("#finder-list", OptionList)
        row = options.highlighted
        on = self.shown[row] if row is not None and 0 <= row < len(self.shown) else None
        super()._loaded(claims)  # type: ignore[misc]
        if on is None or not self.shown:
            return
        places = [(claim.path, claim.id) for claim in self.shown]
        here = (on.path, on.id)
        options.highlighted = places.index(here) if here in places else min(row, len(places) - 1)


_GONE = "That highlight is gone"


def _short(text: str, limit: int = 200) -> str:
    quote = " ".join(text.split())
    return quoted(quote if len(quote) <= limit else quote[: limit - 1] + "…")
