"""A folder export trusts a kept check of an article only while its files stat the same.

reader/export/checked_texts.py: an article whose text was checked against its sidecar, with
nothing to re-anchor, is not read again while the article and the sidecar keep their size,
modification and change times, inode and device; any change and it is read and re-anchored
exactly as without the cache."""

from __future__ import annotations

import json
import os
import time

import pytest
from library_fixture import build_library

from reader.export import reading
from reader.export.checked_texts import RACY_SECONDS, CheckedTexts, cache_file
from reader.export.library import export_library

LATER = RACY_SECONDS * 2_000_000_000  # ns: a clock that far on finds every file settled


def _clock_later() -> int:
    return time.time_ns() + LATER


@pytest.fixture
def lib(tmp_path, monkeypatch):
    return build_library(tmp_path, monkeypatch)


@pytest.fixture
def reads(monkeypatch):
    """The names of the articles read (their text) by the export, in order."""
    names: list[str] = []
    real = reading.read_article

    def counted(path):
        names.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(reading, "read_article", counted)
    return names


def _export(lib, cache, fmt="markdown", group_by="order", clock=_clock_later):
    checked = CheckedTexts.open(lib, cache)
    checked.now = clock
    return export_library(lib, fmt, group_by, lib, None, checked)


def _uncached(lib, fmt="markdown", group_by="order"):
    return export_library(lib, fmt, group_by, lib)


@pytest.mark.parametrize(
    ("fmt", "group_by"),
    [("markdown", "order"), ("markdown", "category"), ("markdown", "library-category"),
     ("w3c", "order")],
)  # fmt: skip
def test_a_second_export_reads_only_what_it_must_and_writes_the_same(
    lib, tmp_path, reads, fmt, group_by
):
    cache = tmp_path / "cache"
    first = _export(lib, cache, fmt, group_by)
    assert first == _uncached(lib, fmt, group_by)
    assert "harbour.txt" in reads
    reads.clear()
    assert _export(lib, cache, fmt, group_by) == first
    # kept: the plain texts whose sidecars' places all held; read again: the one edited
    # under its highlights (they are re-anchored every time) and the one with no highlight
    # to place (nothing was checked); Markdown articles are parsed, never cached
    assert "harbour.txt" not in reads and "book.txt" not in reads
    assert "changed.txt" in reads


def test_files_changed_just_now_are_not_kept(lib, tmp_path, reads):
    cache = tmp_path / "cache"
    _export(lib, cache, clock=time.time_ns)  # the fixture was written a moment ago
    assert not cache_file(lib, cache).exists()
    reads.clear()
    _export(lib, cache)
    assert "harbour.txt" in reads


def _edit_keeping_size(path, old: str, new: str) -> None:
    assert len(old) == len(new)
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _restore_times(path, st: os.stat_result) -> None:
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.fixture
def warm(lib, tmp_path, reads):
    """The cache folder after an export of `lib` that kept its checks."""
    cache = tmp_path / "cache"
    _export(lib, cache)
    reads.clear()
    return cache


def _read_again_as_without_cache(lib, cache, reads) -> str:
    text, _ = got = _export(lib, cache)
    assert "harbour.txt" in reads
    assert got == _uncached(lib)
    return text


def _same_size_edit(article) -> None:
    word = article.read_text("utf-8").split()[-1]
    _edit_keeping_size(article, word, word[::-1].upper())


def _same_size_and_times(path, before: os.stat_result) -> None:
    _restore_times(path, before)  # as `touch -r` or `cp -p` would
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_of_the_same_size_is_read_and_reanchored(lib, warm, reads):
    _same_size_edit(lib / "harbour.txt")
    _read_again_as_without_cache(lib, warm, reads)


def test_an_edit_with_its_modification_time_put_back_is_read(lib, warm, reads):
    article = lib / "harbour.txt"
    before = article.stat()
    _same_size_edit(article)
    _same_size_and_times(article, before)
    _read_again_as_without_cache(lib, warm, reads)  # its change time moved


def test_a_new_size_with_the_old_modification_time_is_read(lib, warm, reads):
    article = lib / "harbour.txt"
    before = article.stat()
    article.write_text("A New Story\n\n" + article.read_text("utf-8"), "utf-8")
    _restore_times(article, before)
    assert "A New Story" in _read_again_as_without_cache(lib, warm, reads)


def test_a_sidecar_edited_by_hand_is_checked_again(lib, warm, reads):
    sidecar = lib / "harbour.txt.annotations.json"
    before = sidecar.stat()
    raw = sidecar.read_text("utf-8")
    record = next(iter(json.loads(raw)["annotations"].values()))
    exact = json.dumps(record["target"]["selector"][0]["exact"])
    assert raw.count(exact) == 1 and exact != exact.upper()
    # a quote that is no longer the text at its place (so it is re-anchored)
    sidecar.write_text(raw.replace(exact, exact.upper()), "utf-8")
    _same_size_and_times(sidecar, before)
    _read_again_as_without_cache(lib, warm, reads)


def test_a_replaced_article_is_read(lib, warm, reads, tmp_path):
    article = lib / "harbour.txt"
    spare = tmp_path / "spare.txt"
    spare.write_text(article.read_text("utf-8").replace("e", "E", 1), "utf-8")
    os.replace(spare, article)
    _read_again_as_without_cache(lib, warm, reads)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"version": 1, "entries": {"harbour.txt": ["x"]}}', b"\xff" * 10],
)
def test_a_cache_file_that_is_not_ours_counts_as_empty(lib, tmp_path, reads, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache_file(lib, cache).write_bytes(content)
    assert _export(lib, cache) == _uncached(lib)
    assert "harbour.txt" in reads
    reads.clear()
    _export(lib, cache)  # rewritten: now it holds
    assert "harbour.txt" not in reads


def test_a_cache_that_cannot_be_written_leaves_the_export_whole(lib, tmp_path, reads):
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder would be", "utf-8")
    assert _export(lib, cache) == _uncached(lib)
    assert cache.read_text("utf-8") == "a file where the folder would be"


def test_places_of_another_parser_version_are_worked_out_again(lib, warm, reads, monkeypatch):
    from reader.annotations import places

    monkeypatch.setattr(places, "parser_fingerprint", lambda: "another version")
    got = _read_again_as_without_cache(lib, warm, reads)  # parsed: the stored places are stale
    assert "¶" in got


def test_each_file_is_stat_ed_once(lib, warm, monkeypatch):
    """The sidecar's stat is the one taken as it was read (reader/library_sidecars.py): the
    check stats only the article."""
    stat_ed: list[str] = []
    real_stat, real_fstat = os.stat, os.fstat

    def counted_stat(path, *args, **kwargs):
        stat_ed.append(os.path.basename(path))
        return real_stat(path, *args, **kwargs)

    def counted_fstat(fd):
        stat_ed.append(os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1])
        return real_fstat(fd)

    monkeypatch.setattr(os, "stat", counted_stat)
    monkeypatch.setattr(os, "fstat", counted_fstat)
    _export(lib, warm)
    for name in ("harbour.txt", "harbour.txt.annotations.json"):
        assert stat_ed.count(name) == 1, (name, stat_ed)
