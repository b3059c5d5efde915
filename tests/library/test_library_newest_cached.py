"""reader.library.cached_newest: the newest article as the metadata cache last listed it."""

from __future__ import annotations

import os

from reader.library import cached_newest, scan_library
from reader.library_cache import MetadataCache


def _write(path, title, day):
    path.write_text(f"{title}\n\n2024-01-{day:02d}\n\nBody.\n", encoding="utf-8")


def _scanned(root, db):
    cache = MetadataCache.open(db)
    try:
        return scan_library(root, cache=cache)
    finally:
        cache.close()


def _newest(root, db):
    cache = MetadataCache.open(db)
    try:
        return cached_newest(root, cache)
    finally:
        cache.close()


def test_the_cache_knows_the_newest_article_the_scan_put_first(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    (root / "sub").mkdir(parents=True)
    _write(root / "old.txt", "Old", 2)
    _write(root / "sub" / "new.txt", "New", 9)
    _write(root / "mid.txt", "Mid", 5)
    (root / "binary.txt").write_bytes(b"\x00\x01" * 50)
    entries = _scanned(root, db)
    assert _newest(root, db) == entries[0].path == (root / "sub" / "new.txt").resolve()


def test_nothing_is_known_before_a_scan_or_for_another_folder(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    assert _newest(root, db) is None
    _scanned(root, db)
    other = tmp_path / "lib2"
    other.mkdir()
    assert _newest(other, db) is None
    assert _newest(root, db) == (root / "a.txt").resolve()


def test_a_changed_or_deleted_newest_article_is_not_trusted(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    _write(root / "b.txt", "Beta", 7)
    _scanned(root, db)
    _write(root / "b.txt", "Beta, redated to an older day", 1)
    assert _newest(root, db) is None
    _scanned(root, db)
    assert _newest(root, db) == (root / "a.txt").resolve()
    os.unlink(root / "a.txt")
    assert _newest(root, db) is None


def test_an_undated_library_gives_its_first_file(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    for name in ("b.txt", "a.txt"):
        (root / name).write_text("Just a line of text without any date.\n")
    entries = _scanned(root, db)
    assert _newest(root, db) == entries[0].path == (root / "a.txt").resolve()


def test_the_folder_is_listed_before_any_file_is_read(tmp_path, monkeypatch):
    """`listed` comes first: cached rows as they are, other files by name (`pending`); then
    `found` brings only what differs from that listing."""
    import reader.library as library

    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    _scanned(root, db)
    _write(root / "b.txt", "Beta", 7)
    reads, events = [], []
    real = library.read_article_head

    def counting(path, limit):
        reads.append(os.path.basename(path))
        return real(path, limit)

    monkeypatch.setattr(library, "read_article_head", counting)

    def listed(entries):
        events.append(("listed", list(reads), [(e.name, e.title, e.pending) for e in entries]))

    def found(entries):
        events.append(("found", [(e.name, e.title, e.pending) for e in entries]))

    cache = MetadataCache.open(db)
    try:
        # Two files, more than `listed_over`: listed first.
        entries = scan_library(root, cache=cache, listed=listed, found=found, listed_over=1)
    finally:
        cache.close()
    assert events == [
        ("listed", [], [("a.txt", "Alpha", False), ("b.txt", "b.txt", True)]),
        ("found", [("b.txt", "Beta", False)]),
    ]
    assert [e.title for e in entries] == ["Beta", "Alpha"]


def test_a_small_folder_is_not_listed_first(tmp_path):
    """No more articles than `listed_over`: no listing by name comes first (read in a few
    milliseconds, it would only draw the list once more before the titles); `found` gets
    every entry."""
    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    _write(root / "b.txt", "Beta", 7)
    events = []
    entries = scan_library(
        root,
        listed=lambda entries: events.append(("listed", len(entries))),
        found=lambda entries: events.append(("found", [e.title for e in entries])),
        listed_over=2,
    )
    assert events == [("found", ["Alpha", "Beta"])]
    assert [e.title for e in entries] == ["Beta", "Alpha"]


def test_looking_for_the_newest_makes_no_cache_file(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache" / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    cache = MetadataCache.open(db, create=False)
    assert not cache.usable and cached_newest(root, cache) is None and cache.problem is None
    assert not db.parent.exists()


def test_done_gets_the_entries_before_the_cache_is_written(tmp_path):
    """The app shows the list (and opens the newest) without waiting for the cache's write."""
    import sqlite3

    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    _write(root / "b.txt", "Beta", 7)
    seen = []

    def done(entries):
        with sqlite3.connect(db) as other:
            rows = other.execute("SELECT count(*) FROM entries").fetchone()[0]
        seen.append(([e.title for e in entries], rows))

    cache = MetadataCache.open(db)
    try:
        result = scan_library(root, cache=cache, done=done)
    finally:
        cache.close()
    assert seen == [(["Beta", "Alpha"], 0)]
    assert [e.title for e in result] == ["Beta", "Alpha"]
    assert _newest(root, db) == (root / "b.txt").resolve()


def test_a_cache_opened_without_creating_is_made_by_its_first_rows(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache" / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    cache = MetadataCache.open(db, create=False)
    try:
        seen = []
        scan_library(root, cache=cache, done=lambda entries: seen.append(db.exists()))
    finally:
        cache.close()
    assert seen == [False] and db.is_file() and cache.problem is None
    assert _newest(root, db) == (root / "a.txt").resolve()


def test_an_unwritable_cache_folder_says_so_when_it_would_be_made(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "a.txt", "Alpha", 3)
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = MetadataCache.open(blocker / "cache.sqlite3", create=False)
    try:
        entries = scan_library(root, cache=cache)
    finally:
        cache.close()
    assert [e.title for e in entries] == ["Alpha"]
    assert cache.problem is not None and "uncached" in cache.problem


def test_of_articles_of_one_day_the_cache_picks_the_one_the_list_puts_first(tmp_path):
    # The list breaks a tie by name, case aside: the cache must agree, or the app opens one
    # article at start and switches to another once the folder is listed.
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "Beta.txt", "Beta", 4)
    _write(root / "alpha.txt", "Alpha", 4)
    _write(root / "Gamma.txt", "Gamma", 2)
    entries = _scanned(root, db)
    assert _newest(root, db) == entries[0].path


def test_the_cache_knows_whether_a_folder_held_several_articles(tmp_path):
    """What lays the library beside the article at 120 columns before the folder is listed
    again (`MetadataCache.holds_several`)."""
    one, two, db = tmp_path / "one", tmp_path / "one-more", tmp_path / "cache.sqlite3"
    one.mkdir()
    two.mkdir()
    _write(one / "a.txt", "A", 1)
    _write(two / "b.txt", "B", 2)
    _write(two / "c.txt", "C", 3)
    _scanned(one, db)
    _scanned(two, db)
    cache = MetadataCache.open(db)
    try:
        assert not cache.holds_several(one)  # `one-more`'s rows are not under `one`
        assert cache.holds_several(two)
        assert not cache.holds_several(tmp_path / "never-listed")
    finally:
        cache.close()
    assert not MetadataCache.open(tmp_path / "none.sqlite3", create=False).holds_several(one)
