"""`reader add` reads the front matter only of the articles added or changed since its last
run: the others' addresses come from the address cache while their files are unchanged."""

from __future__ import annotations

import os
import sqlite3

from news_fixtures import STORY

from reader.cli import main
from reader.news import save
from reader.news.address_cache import AddressCache, default_cache_path
from reader.news.extract import Article
from reader.news.save import LibraryIndex, render


def _library(folder, n: int) -> list:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"story-{i}.md"
        fields = {"title": f"Story {i}", "url": f"http://127.0.0.1/{i}"}
        if i % 2:
            fields["canonical"] = f"https://news.example/{i}"
        path.write_text(render(fields, "Text.\n"), "utf-8")
        paths.append(path)
    return paths


def _counting(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = save.read_head
    monkeypatch.setattr(save, "read_head", lambda path: reads.append(path.name) or real(path))
    return reads


def _index(folder, cache_file) -> LibraryIndex:
    cache = AddressCache.open(cache_file)
    try:
        return LibraryIndex(folder, cache=cache)
    finally:
        cache.close()


def test_an_unchanged_library_is_not_read_again(tmp_path, monkeypatch):
    paths = _library(tmp_path / "lib", 20)
    cache_file = tmp_path / "addresses.sqlite3"
    reads = _counting(monkeypatch)
    _index(tmp_path / "lib", cache_file)
    assert sorted(reads) == sorted(p.name for p in paths)  # the first run reads every one
    reads.clear()
    index = _index(tmp_path / "lib", cache_file)
    assert reads == []
    assert index.find("http://127.0.0.1/4") == paths[4]
    assert index.find("https://news.example/7") == paths[7]
    assert index.find("https://news.example/4") is None


def test_only_the_articles_changed_or_added_since_are_read(tmp_path, monkeypatch):
    paths = _library(tmp_path / "lib", 6)
    cache_file = tmp_path / "addresses.sqlite3"
    _index(tmp_path / "lib", cache_file)
    reads = _counting(monkeypatch)
    paths[2].write_text(render({"title": "Moved", "url": "http://127.0.0.1/moved"}, "T.\n"))
    new = tmp_path / "lib" / "new.md"
    new.write_text(render({"title": "New", "canonical": "https://news.example/new"}, "T.\n"))
    paths[5].unlink()
    index = _index(tmp_path / "lib", cache_file)
    assert sorted(reads) == ["new.md", "story-2.md"]
    assert index.find("http://127.0.0.1/moved") == paths[2]
    assert index.find("http://127.0.0.1/2") is None  # its old address is forgotten
    assert index.find("https://news.example/new") == new
    assert index.find("http://127.0.0.1/5") is None
    with sqlite3.connect(cache_file) as db:  # the deleted file's row is gone too
        rows = {os.fsdecode(bytes(p)) for (p,) in db.execute("SELECT path FROM addresses")}
    assert rows == {os.path.abspath(p) for p in [*paths[:5], new]}


def test_an_unusable_cache_reads_every_article(tmp_path, monkeypatch):
    paths = _library(tmp_path / "lib", 3)
    (tmp_path / "cache-is-a-folder").mkdir()
    reads = _counting(monkeypatch)
    for _ in range(2):
        index = _index(tmp_path / "lib", tmp_path / "cache-is-a-folder")
        assert index.find("http://127.0.0.1/1") == paths[1]
    assert len(reads) == 6


def test_reader_add_reads_only_what_changed_since_its_last_run(tmp_path, capsys, monkeypatch):
    """Two `reader add` runs of saved pages into a library of 30 articles: the second reads
    the front matter of the one file the first added, no other."""
    _library(tmp_path / "lib", 30)
    pages = []
    for n in range(2):
        page = tmp_path / f"page-{n}.htm"
        page.write_text(
            f"<html><head><title>Page {n}</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in STORY)
            + "</article></body></html>",
            "utf-8",
        )
        pages.append(page)
    assert main(["add", str(pages[0]), "--library", str(tmp_path / "lib")]) == 0
    first = capsys.readouterr().out.strip()
    assert default_cache_path().is_file()
    reads = _counting(monkeypatch)
    assert main(["add", str(pages[1]), "--library", str(tmp_path / "lib")]) == 0
    assert reads == [os.path.basename(first)]
    reads.clear()
    assert main(["add", str(pages[0]), "--library", str(tmp_path / "lib")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == first  # found again: the same file
    assert len(list((tmp_path / "lib").glob("*.md"))) == 32


def test_addresses_that_are_not_text_are_none_and_undecodable_ones_not_cached(tmp_path):
    root = tmp_path / "lib"
    cache = AddressCache.open(tmp_path / "a.sqlite3")
    key = os.fsencode(os.path.abspath(root / "a.md"))
    cache.put(key, "1:2", 5, "")
    cache.put(os.fsencode(os.path.abspath(root / "b.md")), "1:2", "http://h/\udcff", None)
    cache.commit(root)
    assert cache.load(root) == {key: ("1:2", None, None)}
    cache.close()


def test_a_saved_article_is_found_by_the_next_run(tmp_path):
    cache_file = tmp_path / "addresses.sqlite3"
    lib = tmp_path / "lib"
    article = Article("Bridge vote", "\n\n".join(STORY) + "\n", [], None, "News", None)
    saved = _index(lib, cache_file).save(article, "http://127.0.0.1/b")
    again = _index(lib, cache_file).save(article, "http://127.0.0.1/b")
    assert again.path == saved.path and again.status == "unchanged"
