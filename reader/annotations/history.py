"""Undo/redo of a session's annotation changes.

A `Change` records the state before and after of every annotation it touched (None meaning
"absent") and, when the article note changed, the note before and after. Undo restores the
`before` states, redo the `after` states. Pure bookkeeping: the store applies the states.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.annotations.model import Annotation

HISTORY_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Change:
    description: str  # e.g. "add Claim highlight"
    items: tuple[tuple[str, Annotation | None, Annotation | None], ...] = ()  # (id, before, after)
    note: tuple[str, str] | None = None  # (before, after) article note


class History:
    """Two stacks; a new change clears the redo stack."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def record(self, change: Change) -> None:
        self._undo.append(change)
        if len(self._undo) > self.limit:
            del self._undo[: len(self._undo) - self.limit]
        self._redo.clear()

    def pop_undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(change)
        return change

    def pop_redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        return change

    def net_changes(
        self,
    ) -> tuple[dict[str, tuple[Annotation | None, Annotation | None]], tuple[str, str] | None]:
        """What the changes in effect (not undone) come to: for each annotation they touched,
        (its state before the first, after the last), None meaning absent; and the article
        note's (before, after), or None when none of them changed it."""
        items: dict[str, tuple[Annotation | None, Annotation | None]] = {}
        note: tuple[str, str] | None = None
        for change in self._undo:
            for id, before, after in change.items:
                items[id] = (items[id][0] if id in items else before, after)
            if change.note is not None:
                note = (note[0] if note else change.note[0], change.note[1])
        return items, note

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
