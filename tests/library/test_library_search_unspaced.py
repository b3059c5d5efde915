"""Library search in scripts written without spaces (#14 walkthrough: `F ガザ` and
`reader search 梁振英` found nothing, though `/ガザ` in the article finds it): a word is found
anywhere in a run of them, as its characters in a row, never across text of another script."""

from __future__ import annotations

import pytest

import reader.library_search as search
from reader.library_search import match_expression
from reader.unspaced_scripts import chars_column, query_runs

pytestmark = pytest.mark.skipif(search.fts5_missing() is not None, reason="this SQLite has no FTS5")

JA = "イスラエル軍がガザ地区で空爆を続けている。"
ZH = "前行政長官梁振英今日表示，他支持這項決定。"


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "ja.txt").write_text(f"ガザの記事\n\n{JA}\n", encoding="utf-8")
    (root / "zh.txt").write_text(f"香港新聞\n\n{ZH}\n", encoding="utf-8")
    (root / "mixed.txt").write_text("Mixed\n\nガ and ザ apart, then 地区.\n", encoding="utf-8")
    (root / "en.txt").write_text("Gaza report\n\nThe strikes on Gaza went on.\n", encoding="utf-8")
    return root


def names(hits):
    return sorted({hit.path.name for hit in hits})  # a hit is a block: title and body both


def test_a_word_inside_a_run_is_found_and_marked(lib, index):
    index.update(lib)
    (hit,) = index.search("ガザ地区", lib)
    assert hit.path.name == "ja.txt"
    assert ("ガザ地区", True) in hit.snippet
    text = (lib / "ja.txt").read_text(encoding="utf-8")
    assert text[hit.at :].startswith("ガザ地区で")
    assert names(index.search("梁振英", lib)) == ["zh.txt"]
    assert names(index.search("ガザ", lib)) == ["ja.txt"]


def test_characters_must_be_in_a_row_and_in_one_run(lib, index):
    index.update(lib)
    assert index.search("ガ地", lib) == []
    assert index.search("ガザ区", lib) == []
    assert names(index.search("地区", lib)) == ["ja.txt", "mixed.txt"]
    assert index.search("ザ地", lib) != [] and names(index.search("ザ地", lib)) == ["ja.txt"]


def test_other_words_search_as_before_and_mix(lib, index):
    index.update(lib)
    assert names(index.search("gaza", lib)) == ["en.txt"]
    assert names(index.search("apart 地区", lib)) == ["mixed.txt"]
    assert names(index.search("strike*", lib)) == ["en.txt"]


def test_the_column_and_the_query_split_alike():
    assert chars_column("ab ガザ, cd 地区.") == "ガ ザ 0 地 区"
    assert chars_column("no such script") == ""
    assert query_runs("G7サミット") == (["サ ミ ッ ト"], "G7 ")
    assert match_expression("G7サミット") == 'chars : "サ ミ ッ ト" body : "G7"'
