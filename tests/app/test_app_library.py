"""reader.library: which files are articles, the head parse, sorting, filtering, scale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.document.loader import load_document
from reader.library import (
    count_annotations,
    filter_entries,
    has_articles,
    is_article_name,
    read_entry,
    scan_library,
)

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_566c8ea77d92d380.txt"
CORPUS = REPO / ".." / "shared" / "corpus"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("story.txt", True),
        ("story.md", True),
        ("Story.MARKDOWN", True),
        ("story.txt.annotations.json", False),
        ("story.txt.annotations.json.lock", False),
        ("story.txt.lock", False),
        ("story.txt.notes.md", False),
        ("story.txt.annotations.json.corrupt-20260101T000000Z", False),
        ("story.corrupt-20260101.md", False),
        (".hidden.txt", False),
        ("image.png", False),
        ("notes.rst", False),
    ],
)
def test_is_article_name(name, expected):
    assert is_article_name(name) is expected


def test_seed_head_gives_title_date_and_glued_source():
    entry = read_entry(SEED, SEED.parent)
    assert entry.title == "US Links Security Guarantees For Ukraine To Peace Deal Ceding Donbas"
    assert entry.published == "2026-01-27"
    assert entry.source == "Clash Report"
    assert entry.annotation_count == 0
    assert not entry.binary


def test_markdown_front_matter_and_heading(tmp_path):
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Front [bold]title[/]"\ndate: 2011-05-25\n---\n\n# Heading\n'
    )
    entry = read_entry(tmp_path / "a.md", tmp_path)
    assert (entry.title, entry.published, entry.source) == (
        "Front [bold]title[/]",
        "2011-05-25",
        "",
    )
    (tmp_path / "b.md").write_text("# Only heading\n\ntext")
    assert read_entry(tmp_path / "b.md", tmp_path).title == "Only heading"
    (tmp_path / "c.md").write_text(
        '+++\ntitle = "Toml title"\ndate = 2023-10-05T00:00:00Z\n+++\nBody'
    )
    entry = read_entry(tmp_path / "c.md", tmp_path)
    assert (entry.title, entry.published) == ("Toml title", "2023-10-05")


def test_library_entry_agrees_with_the_opened_article_on_every_corpus_file():
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    disagreements = []
    for path in sorted(CORPUS.iterdir()):
        if not is_article_name(path.name):
            continue
        entry = read_entry(path, CORPUS)
        if entry.binary:
            continue
        meta = load_document(path).meta
        listed = (entry.title, entry.published, entry.source)
        opened = (meta.title, meta.published, meta.source)
        if listed != opened:
            disagreements.append(f"{path.name}: listed {listed}, opened {opened}")
    assert not disagreements, "\n".join(disagreements)


def test_title_control_characters_are_removed_and_fallback_is_stem(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x1b]2;PWNED\x07Title\n")
    entry = read_entry(tmp_path / "a.txt", tmp_path)
    assert "\x1b" not in entry.title and "\x07" not in entry.title
    (tmp_path / "blank.txt").write_bytes(b"\n\n  \n")
    assert read_entry(tmp_path / "blank.txt", tmp_path).title == "blank"


def test_cp1252_head_decodes(tmp_path):
    (tmp_path / "c.txt").write_bytes("\u201cQuoted\u201d title\n".encode("cp1252"))
    assert read_entry(tmp_path / "c.txt", tmp_path).title == "\u201cQuoted\u201d title"


def test_binary_file_is_listed_as_binary(tmp_path):
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    entry = read_entry(tmp_path / "logo.txt", tmp_path)
    assert entry.binary and entry.title == "logo.txt"


def test_scan_sorts_newest_first_then_by_name_and_skips_our_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    files = {
        "b-undated.txt": "B undated\n",
        "a-undated.txt": "A undated\n",
        "old.txt": "Old\n2001-02-03\n",
        "sub/new.md": "---\ntitle: New\ndate: 2024-12-31\n---\n",
        "same-z.txt": "Z\nMarch 4, 2010\n",
        "same-a.txt": "A\nMar 4, 2010\n",
        "old.txt.annotations.json": "{}",
        "old.txt.notes.md": "# Notes",
        ".git/HEAD.txt": "not an article",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    names = [entry.name for entry in scan_library(tmp_path)]
    assert names == [
        "sub/new.md",
        "same-a.txt",
        "same-z.txt",
        "old.txt",
        "a-undated.txt",
        "b-undated.txt",
    ]


def test_annotation_count_reads_sidecar_records(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Story\n\nText.\n", encoding="utf-8")
    sidecar = tmp_path / "story.txt.annotations.json"
    sidecar.write_text(
        json.dumps({"annotations": {"1": {"id": "a"}, "2": {"id": "b"}}, "meta": {"1": {}}})
    )
    assert read_entry(article, tmp_path).annotation_count == 2
    sidecar.write_text("{not json")
    assert count_annotations(sidecar) == 0
    assert count_annotations(tmp_path / "missing.json") == 0


def test_filter_matches_every_word_case_insensitively(small_library):
    entries = scan_library(small_library)
    assert [e.title for e in filter_entries(entries, "STORY gam")] == ["Gamma story"]
    assert [e.title for e in filter_entries(entries, "alpha wire")] == ["Alpha story"]
    assert len(filter_entries(entries, "  ")) == 3
    assert filter_entries(entries, "nothing-like-this") == []


def test_has_articles(tmp_path):
    assert not has_articles(tmp_path)
    (tmp_path / "x.txt.annotations.json").write_text("{}")
    assert not has_articles(tmp_path)
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.md").write_text("# A")
    assert has_articles(tmp_path)


def test_two_thousand_articles_are_listed_correctly(tmp_path):
    """Scale: 2,000 generated articles in 20 folders (speed is measured in bench/)."""
    expected = {}
    for i in range(2000):
        folder = tmp_path / f"f{i % 20:02d}"
        folder.mkdir(exist_ok=True)
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        title = f"Article number {i}"
        body = "Sentence of body text. " * 190  # ~4.4 KB: more than the head that is read
        (folder / f"a{i:04d}.txt").write_text(
            f"{title}\n\n2020-{month:02d}-{day:02d}\n\n{body}\n", encoding="utf-8"
        )
        expected[f"f{i % 20:02d}/a{i:04d}.txt"] = (title, f"2020-{month:02d}-{day:02d}")
    seen = []
    entries = scan_library(tmp_path, progress=seen.append)
    assert len(entries) == 2000
    assert {e.name: (e.title, e.published) for e in entries} == expected
    keys = [(e.published, e.name) for e in entries]
    assert keys == sorted(keys, key=lambda k: (-int(k[0].replace("-", "")), k[1]))
    assert seen == list(range(100, 2001, 100))


def test_corpus_lists_every_article(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    entries = scan_library(CORPUS)
    by_name = {e.name: e for e in entries}
    assert by_name["binary-png-jekyll-footer-logo.txt"].binary
    assert by_name["post-go-gif-decoder.md"].title == "A GIF decoder: an exercise in Go interfaces"
    assert by_name["bbc-business-509.txt"].title == "Euro firms miss out on optimism"
    assert all(e.title for e in entries)
    assert Path(entries[0].path).is_absolute()


def test_odd_sidecars_never_stop_the_scan(tmp_path):
    """A FIFO would block a read for ever; nesting past the stack and numbers past
    Python's digit limit must not raise: each sidecar just counts 0."""
    import os

    for name, make in (
        ("fifo.txt", lambda p: os.mkfifo(p)),
        (
            "deep.txt",
            lambda p: p.write_text('{"annotations": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ),
        (
            "digits.txt",
            lambda p: p.write_text('{"annotations": {"1": {"start": ' + "9" * 5000 + "}}}"),
        ),
    ):
        (tmp_path / name).write_text("Title\n\nBody.\n")
        make(tmp_path / f"{name}.annotations.json")
    entries = scan_library(tmp_path)
    assert sorted(e.name for e in entries) == ["deep.txt", "digits.txt", "fifo.txt"]
    assert all(e.annotation_count == 0 for e in entries)


async def test_the_open_articles_library_row_shows_its_live_progress(tmp_path):
    """Issue 14.4: the book open at 29% showed 0% in its library row."""
    from reader.app import ReaderApp
    from reader.state import ReadingState

    article = tmp_path / "long.txt"
    article.write_text("Long story\n\n" + "".join(f"Sentence {i}.\n\n" for i in range(200)))
    (tmp_path / "other.txt").write_text("Other story\n\nBody.\n")
    app = ReaderApp(library=tmp_path, article=article, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        pane = app.library_pane
        index = pane._index_of(app.article_path)
        text = pane.article_list.item_text(index)
        assert app.progress > 90
        assert f"{app.progress:.0f}%" in text, text
