"""reader.library_search: an FTS5 index of the library's text, rebuilt from the files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

import reader.library_search as search
from reader.library_search import TextIndex, match_expression, snippet_parts

pytestmark = pytest.mark.skipif(search.fts5_missing() is not None, reason="this SQLite has no FTS5")


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "lib"
    (root / "sub").mkdir(parents=True)
    (root / "apple.txt").write_text(
        "Apple laptop story\n\nFirst paragraph about phones.\n\n"
        "The Powerbook was the greatest gadget of all.\n",
        encoding="utf-8",
    )
    (root / "sub" / "river.md").write_text(
        "# River report\n\nThe river rose in the night.\n\nNo laptop here, only water.\n",
        encoding="utf-8",
    )
    return root


def _names(hits, root):
    return sorted(h.path.relative_to(root.resolve()).as_posix() for h in hits)


def test_a_word_in_the_body_finds_its_article_and_block(lib, index):
    assert index.update(lib) == (2, 0)
    hits = index.search("powerbook", lib)
    assert _names(hits, lib) == ["apple.txt"]
    hit = hits[0]
    text = (lib / "apple.txt").read_text()
    assert text[hit.start :].startswith("The Powerbook")
    assert ("Powerbook", True) in hit.snippet
    assert hit.title == "Apple laptop story"
    assert text[hit.at :].startswith("Powerbook")
    assert _names(index.search("laptop", lib), lib) == ["apple.txt", "sub/river.md"]
    assert _names(index.search("laptop water", lib), lib) == ["sub/river.md"]
    assert _names(index.search("power*", lib), lib) == ["apple.txt"]
    assert index.search("nothing-of-the-sort", lib) == []


def test_the_index_follows_changes_deletions_and_renames(lib, index):
    index.update(lib)
    assert index.update(lib) == (0, 0)  # nothing changed: nothing read
    apple = lib / "apple.txt"
    apple.write_text("Apple story\n\nNow about a Newton instead.\n", encoding="utf-8")
    assert index.update(lib) == (1, 0)
    assert index.search("powerbook", lib) == []
    assert _names(index.search("newton", lib), lib) == ["apple.txt"]
    apple.rename(lib / "newton.txt")
    (lib / "sub" / "river.md").unlink()
    assert index.update(lib) == (1, 2)
    assert _names(index.search("newton", lib), lib) == ["newton.txt"]
    assert index.search("river", lib) == []


def test_searches_stay_in_their_library(tmp_path, lib, index):
    other = tmp_path / "lib-other"
    other.mkdir()
    (other / "x.txt").write_text("Other\n\nA powerbook too.\n", encoding="utf-8")
    index.update(lib)
    index.update(other)
    assert _names(index.search("powerbook", lib), lib) == ["apple.txt"]
    assert _names(index.search("powerbook", other), other) == ["x.txt"]


@pytest.mark.parametrize(
    "typed", ['"', "(", "AND", "a OR", "NEAR(", "col:", "-", "^x", "*", 'power"book', "{x}"]
)
def test_fts5_syntax_in_what_is_typed_is_never_an_error(lib, index, typed):
    index.update(lib)
    index.search(typed, lib)  # no exception: every word is a quoted string
    assert _names(index.search(f"{typed} powerbook", lib), lib) in ([], ["apple.txt"])


def test_match_expression_quotes_every_word():
    assert match_expression('say "hi" (now)*') == 'body : "say" body : """hi""" body : "(now)"*'
    assert match_expression("  -- ( ) ") == ""
    assert match_expression("AND or") == 'body : "AND" body : "or"'


def test_snippets_are_one_line_without_control_characters_and_markup_literal(tmp_path, index):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "evil.txt").write_bytes(
        b"Title\n\n[bold red]Boom[/] \x1b]2;pwned\x07 secretword \x1b[31mred\x1b[0m end\n"
    )
    index.update(root)
    (hit,) = index.search("secretword", root)
    text = hit.snippet_text
    assert "[bold red]Boom[/]" in text
    assert all(ch.isprintable() for ch in text), repr(text)
    assert ("secretword", True) in hit.snippet


def test_snippet_parts_split_the_marks():
    raw = f"a {search.MARK_START}b{search.MARK_END} c\nd"
    assert snippet_parts(raw) == (("a ", False), ("b", True), (" c d", False))


def test_a_corrupt_index_is_rebuilt_with_one_line(lib, tmp_path):
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"garbage " * 500)
    index = TextIndex.open(path)
    try:
        assert index.problem is not None and "rebuilt" in index.problem
        assert "\n" not in index.problem
        index.update(lib)
        assert _names(index.search("powerbook", lib), lib) == ["apple.txt"]
    finally:
        index.close()
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_without_fts5_there_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setattr(search, "fts5_missing", lambda: "library search needs SQLite's FTS5")
    with pytest.raises(search.SearchUnavailable, match="FTS5"):
        TextIndex.open(tmp_path / "x.sqlite3")


def _reader(*args, cache):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(cache / "data")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env
    )


def test_the_search_verb(lib, tmp_path):
    cache = tmp_path / "cache"
    done = _reader("search", "powerbook", "--library", str(lib), cache=cache)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("apple.txt: Apple laptop story: ")
    assert "Powerbook" in done.stdout
    done = _reader("search", "zebra", "--library", str(lib), cache=cache)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("reader: no match for zebra in ")
    done = _reader("search", '"(', "--library", str(lib), cache=cache)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr
    done = _reader("search", "x", "--library", str(tmp_path / "missing"), cache=cache)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "missing" in done.stderr


def _read_paths(monkeypatch):
    """The articles read whole (an article already parsed has only its head read, to tell
    one of our exports)."""
    read: list[str] = []
    original = search.read_article

    def spy(path):
        read.append(os.path.basename(path))
        return original(path)

    monkeypatch.setattr(search, "read_article", spy)
    return read


def test_the_open_article_already_parsed_is_indexed_without_reading_it_again(
    lib, index, monkeypatch
):
    from reader.document.loader import load_document

    apple = (lib / "apple.txt").resolve()
    st = apple.stat()
    parsed = search.Parsed(load_document(apple), size=st.st_size, mtime_ns=st.st_mtime_ns)
    read = _read_paths(monkeypatch)
    assert index.update(lib, parsed=parsed) == (2, 0)
    assert read == ["river.md"]
    hits = index.search("powerbook", lib)
    assert _names(hits, lib) == ["apple.txt"]
    assert apple.read_text()[hits[0].start :].startswith("The Powerbook")


def test_an_open_article_changed_since_it_was_parsed_is_read_again(lib, index, monkeypatch):
    from reader.document.loader import load_document

    apple = (lib / "apple.txt").resolve()
    st = apple.stat()
    parsed = search.Parsed(load_document(apple), size=st.st_size, mtime_ns=st.st_mtime_ns)
    apple.write_text("Apple story\n\nNow about a Newton instead.\n", encoding="utf-8")
    os.utime(apple, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    read = _read_paths(monkeypatch)
    index.update(lib, parsed=parsed)
    assert sorted(read) == ["apple.txt", "river.md"]
    assert index.search("powerbook", lib) == []
    assert _names(index.search("newton", lib), lib) == ["apple.txt"]


def test_interrupt_stops_a_search_running_on_another_thread_and_only_that(lib, index):
    """The search screen interrupts a query still running when the next key comes: that
    call raises SearchUnavailable at once; with none running, interrupt() changes nothing."""
    import threading
    import time

    index.update(lib)
    index.interrupt()  # nothing running: the next search is not interrupted
    assert _names(index.search("laptop", lib), lib) == ["apple.txt", "sub/river.md"]
    started = threading.Event()

    def crawl() -> int:  # every few SQLite steps wait: the query runs until interrupted
        started.set()
        time.sleep(0.001)
        return 0

    index._db.set_progress_handler(crawl, 10)
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(index.search("laptop", lib))
        except search.SearchUnavailable as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(5)
    index.interrupt()
    thread.join(5)
    assert not thread.is_alive()
    assert isinstance(outcome[0], search.SearchUnavailable)
    assert "interrupted" in str(outcome[0])
    index._db.set_progress_handler(None, 0)
    assert _names(index.search("laptop", lib), lib) == ["apple.txt", "sub/river.md"]
