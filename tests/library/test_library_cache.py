"""reader.library_cache: the scan reads only what changed; the cache can always be rebuilt."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

import reader.library as library
from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record
from reader.library import scan_library
from reader.library_cache import MetadataCache


@pytest.fixture
def reads(monkeypatch):
    """The articles whose head the scan parsed (a cache miss), in order."""
    seen = []
    real = library.read_article_head

    def counting(path, limit):
        seen.append(os.path.basename(path))
        return real(path, limit)

    monkeypatch.setattr(library, "read_article_head", counting)
    return seen


def _scan(root, db):
    cache = MetadataCache.open(db)
    try:
        return {e.name: e for e in scan_library(root, cache=cache)}, cache.problem
    finally:
        cache.close()


def _write(path, title, mtime=None):
    path.write_text(f"{title}\n\n2024-01-0{len(title) % 9 + 1}\n\nBody.\n", encoding="utf-8")
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))


def test_a_warm_scan_reads_nothing_and_lists_the_same(tmp_path, reads):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    (root / "sub").mkdir(parents=True)
    _write(root / "a.txt", "Alpha")
    _write(root / "sub" / "b.txt", "Beta")
    cold, problem = _scan(root, db)
    assert problem is None and sorted(reads) == ["a.txt", "b.txt"]
    reads.clear()
    warm, _ = _scan(root, db)
    assert reads == []
    assert warm == cold
    assert warm["sub/b.txt"].title == "Beta"


def test_a_changed_article_is_read_again_even_with_the_same_size_and_mtime_moved(tmp_path, reads):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha", mtime=1_000_000_000_000_000_000)
    _scan(root, db)
    reads.clear()
    _write(root / "a.txt", "Omega", mtime=1_000_000_000_000_000_001)  # same size, 1 ns later
    entries, _ = _scan(root, db)
    assert reads == ["a.txt"]
    assert entries["a.txt"].title == "Omega"


def test_a_new_or_changed_sidecar_recounts_annotations(tmp_path, reads):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha")
    assert _scan(root, db)[0]["a.txt"].annotation_count == 0
    sidecar = root / "a.txt.annotations.json"
    sidecar.write_text(json.dumps({"annotations": {"1": {"id": "x"}}}))
    assert _scan(root, db)[0]["a.txt"].annotation_count == 1
    sidecar.write_text(json.dumps({"annotations": {"1": {"id": "x"}, "2": {"id": "y"}}}))
    assert _scan(root, db)[0]["a.txt"].annotation_count == 2
    sidecar.unlink()
    reads.clear()
    assert _scan(root, db)[0]["a.txt"].annotation_count == 0
    assert reads == ["a.txt"]


def test_deleted_and_renamed_articles_leave_the_cache(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha")
    _write(root / "b.txt", "Beta")
    _scan(root, db)
    (root / "a.txt").unlink()
    (root / "b.txt").rename(root / "c.txt")
    entries, _ = _scan(root, db)
    assert sorted(entries) == ["c.txt"]
    with sqlite3.connect(db) as check:
        rows = [os.fsdecode(bytes(p)) for (p,) in check.execute("SELECT path FROM entries")]
    assert rows == [str((root / "c.txt").resolve())]


def test_another_librarys_rows_are_kept(tmp_path):
    db = tmp_path / "cache.sqlite3"
    for name in ("one", "one-more"):  # "one-more" sorts right after "one/" would
        (tmp_path / name).mkdir()
        _write(tmp_path / name / "a.txt", name)
    _scan(tmp_path / "one", db)
    _scan(tmp_path / "one-more", db)
    (tmp_path / "one" / "a.txt").unlink()
    _scan(tmp_path / "one", db)
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(*) FROM entries").fetchone()[0] == 1


@pytest.mark.parametrize(
    "garbage", [b"not a database at all" * 100, b"SQLite format 3\0" + b"\xff" * 2000]
)
def test_a_corrupt_cache_is_rebuilt_with_one_line(tmp_path, garbage):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha")
    db.write_bytes(garbage)
    entries, problem = _scan(root, db)
    assert entries["a.txt"].title == "Alpha"
    assert problem is not None and "rebuilt" in problem and str(db) in problem
    assert "\n" not in problem
    assert _scan(root, db)[1] is None  # rebuilt: fine from now on


def test_a_cache_row_that_is_not_an_entry_is_read_again(tmp_path, reads):
    root, db = tmp_path / "lib", tmp_path / "cache.sqlite3"
    root.mkdir()
    _write(root / "a.txt", "Alpha")
    _scan(root, db)
    with sqlite3.connect(db) as edit:
        edit.execute("UPDATE entries SET published = 'not a date', annotation_count = 'x'")
    reads.clear()
    entries, _ = _scan(root, db)
    assert reads == ["a.txt"] and entries["a.txt"].published is not None


def test_an_unwritable_cache_folder_lists_uncached(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    _write(root / "a.txt", "Alpha")
    blocker = tmp_path / "file"
    blocker.write_text("")
    entries, problem = _scan(root, blocker / "cache.sqlite3")  # its folder is a file
    assert entries["a.txt"].title == "Alpha"
    assert problem is not None and "uncached" in problem


def test_rows_arrive_in_batches_as_the_scan_goes(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    for i in range(25):
        _write(root / f"a{i:02d}.txt", f"Title {i}")
    batches = []
    entries = scan_library(root, progress_every=10, found=batches.append)
    assert [len(b) for b in batches] == [10, 10, 5]
    assert sorted(e.name for b in batches for e in b) == sorted(e.name for e in entries)


def test_the_scan_reads_only_the_sidecars_the_listing_holds(tmp_path, monkeypatch):
    """The folder's listing says which articles have a sidecar: only theirs are read for
    the annotation count, and the count is still right."""
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(tmp_path / name, name[0].upper() + " title")
    text = (tmp_path / "b.txt").read_text(encoding="utf-8")
    spans = [
        (text.index("B title"), text.index("B title") + 7),
        (text.index("Body."), len(text) - 1),
    ]
    records = {
        str(k): annotation_to_record(Annotation.create(text, start, end), "b.txt")
        for k, (start, end) in enumerate(spans, start=1)
    }
    (tmp_path / "b.txt.annotations.json").write_text(
        json.dumps({"annotations": records}), encoding="utf-8"
    )
    counted = []
    real = library.count_annotations

    def counting(sidecar):
        counted.append(os.path.basename(sidecar))
        return real(sidecar)

    monkeypatch.setattr(library, "count_annotations", counting)
    entries, _ = _scan(tmp_path, tmp_path / "cache.sqlite3")
    assert counted == ["b.txt.annotations.json"]
    assert {name: e.annotation_count for name, e in entries.items()} == {
        "a.txt": 0,
        "b.txt": 2,
        "c.txt": 0,
    }
