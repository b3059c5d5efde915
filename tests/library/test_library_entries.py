"""reader.library.LibraryEntry: what the list needs of an article, made once."""

from __future__ import annotations

import dataclasses

import reader.library as library
from reader.library import LibraryEntry, scan_library
from reader.library_order import sort_entries


def _write(path, title, day):
    path.write_text(f"{title}\n\n2024-01-{day:02d}\n\nBody.\n", encoding="utf-8")


def test_a_listing_by_name_makes_no_path_per_article(tmp_path):
    """The name-only listing of a big folder holds the path each file was listed under;
    an entry makes its `Path` only when it is asked for, then keeps it."""
    root = tmp_path / "lib"
    (root / "sub").mkdir(parents=True)
    _write(root / "a.txt", "Alpha", 3)
    _write(root / "sub" / "b.txt", "Beta", 7)
    listings = []
    scan_library(root, listed=listings.append, listed_over=1)
    [listing] = listings
    assert [entry.name for entry in listing] == ["a.txt", "sub/b.txt"]
    assert all("path" not in vars(entry) for entry in listing)
    entry = listing[1]
    assert entry.path == (root / "sub" / "b.txt").resolve()
    assert entry.path is entry.path  # made once
    assert entry.is_at((root / "sub" / "b.txt").resolve())
    assert entry.is_at(str((root / "sub" / "b.txt").resolve()))
    assert not entry.is_at((root / "a.txt").resolve())


def test_sorting_the_list_again_computes_no_sort_key(monkeypatch):
    """Each entry's sort key is made with it: the list, sorted again with every batch a scan
    brings (and each order change), only compares keys."""
    calls = []
    real = library.name_order

    def counted(name):
        calls.append(name)
        return real(name)

    monkeypatch.setattr(library, "name_order", counted)
    entries = [
        LibraryEntry("/lib/b.txt", "b.txt", "Beta", "2024-01-07"),
        LibraryEntry("/lib/a.txt", "a.txt", "Alpha", "2024-01-03"),
        LibraryEntry("/lib/c.txt", "c.txt", "c.txt", pending=True),
    ]
    made = len(calls)
    for order in ("newest", "oldest", "annotations", "progress", "newest"):
        sort_entries(entries, order)
    assert len(calls) == made
    assert [e.title for e in sort_entries(entries)] == ["Beta", "Alpha", "c.txt"]
    assert [e.title for e in sort_entries(entries, "oldest")] == ["Alpha", "Beta", "c.txt"]


def test_an_entry_with_another_count_keeps_its_place():
    """`dataclasses.replace` (the pane's new annotation count) gives an equal sort key and
    the same file; entries compare by what the list shows, not by their made `Path`."""
    entry = LibraryEntry("/lib/a.txt", "a.txt", "Alpha", "2024-01-03")
    assert entry.path.name == "a.txt"
    counted = dataclasses.replace(entry, annotation_count=2)
    assert counted.sort_key == entry.sort_key
    assert counted.file == entry.file
    assert counted != entry
    assert dataclasses.replace(counted, annotation_count=0) == entry
