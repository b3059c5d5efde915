"""The order, filter and reading status of the library list's entries.

Apart from `reader.library` (which reads the folder, the articles' heads and the sidecars):
the library pane sorts and filters what it was given with this alone, so a pane shown in the
first frame imports none of the scan's modules. Pure core (no `textual` import).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library_cache import name_order

if TYPE_CHECKING:
    from reader.library import LibraryEntry

SORT_ORDERS = ("newest", "oldest", "title", "progress", "annotations")
SORT_LABELS = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "by title",
    "progress": "least read first",
    "annotations": "most annotated first",
}
READ_AT = 90.0  # reading progress (%) from which an article counts as read

ProgressOf = Callable[[Path], float | None]


def reading_status(progress: float | None) -> str:
    """ "unread" (never opened), "reading" or "read" (opened and read past READ_AT %)."""
    if progress is None:
        return "unread"
    return "read" if progress >= READ_AT else "reading"


def sort_entries(
    entries: list[LibraryEntry], order: str = "newest", progress_of: ProgressOf | None = None
) -> list[LibraryEntry]:
    """`entries` in one of SORT_ORDERS; ties (and undated articles, always last by date)
    by name. "progress" puts unread articles first, then the least read."""
    if order == "title":
        return sorted(entries, key=lambda e: (e.title.casefold(), *name_order(e.name)))
    if order == "annotations":
        return sorted(entries, key=lambda e: (-e.annotation_count, *e.sort_key))
    if order == "progress":
        lookup = progress_of or (lambda path: None)

        def by_progress(entry: LibraryEntry) -> tuple:
            progress = lookup(entry.path)
            return (-1.0 if progress is None else progress, *entry.sort_key)

        return sorted(entries, key=by_progress)
    newest = sorted(entries, key=lambda entry: entry.sort_key)
    if order != "oldest":
        return newest
    dated = [entry for entry in newest if entry.published]
    dated.sort(key=lambda e: (e.published, *name_order(e.name)))
    return dated + newest[len(dated) :]


def shared_titles(entries: list[LibraryEntry]) -> set[str]:
    """The titles (case-folded) that more than one entry has."""
    seen: set[str] = set()
    shared: set[str] = set()
    for entry in entries:
        key = entry.title.casefold()
        if key in seen:
            shared.add(key)
        seen.add(key)
    return shared


def filter_entries(entries: list[LibraryEntry], query: str) -> list[LibraryEntry]:
    if not query.strip():
        return list(entries)
    return [entry for entry in entries if entry.matches(query)]


def newest_openable(entries: list[LibraryEntry]) -> LibraryEntry | None:
    """The first entry (newest) that is not a binary file."""
    return next((entry for entry in entries if not entry.binary), None)
