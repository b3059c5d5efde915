"""Highlights' places kept in the sidecar (reader/annotations/places.py): the store writes
them, the export uses them only when they fit the article, and the bytes never change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations import places as places_module
from reader.annotations.places import PLACES_KEY, PlaceFinder, read_places
from reader.annotations.storage import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document import loader
from reader.document.locate import Locator
from reader.document.model import Block
from reader.errors import ReaderError
from reader.export.command import export_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_566c8ea77d92d380.txt"

MARKDOWN = """---
title: Council votes on the plan
author: A. Reporter
date: 2026-01-05
---

# Council votes on the plan

The council met on *Monday*. It voted 7-2 to approve Dr. Smith's plan. Critics left.

> "We were not heard," one said. Another agreed.

- First item. With two sentences.
- Second item.

Closing paragraph with a [link](https://example.com). It ends here. Or here?
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def annotate_file(path: Path, every: int = 2) -> list[tuple[int, int]]:
    """Highlight every `every`-th sentence and a two-sentence range, through the store."""
    document = loader.load_document(path)
    sentences = [s for b in document.blocks for s in b.sentences]
    store = AnnotationStore.open(document)
    spans = []
    for i, sentence in enumerate(sentences[::every]):
        store.add(sentence.start, sentence.end, note=f"note {i}" if i % 3 == 0 else "")
        spans.append((sentence.start, sentence.end))
    long_block = next((b for b in document.blocks if len(b.sentences) > 1), None)
    if long_block is not None:  # a highlight over two sentences
        first, second = long_block.sentences[:2]
        store.add(first.start, second.end, category="evidence")
    store.close()
    return spans


def sidecar_meta(path: Path) -> dict:
    return json.loads(sidecar_path_for(path).read_bytes())["meta"]["1"]


COLUMNS = ("start", "end", "paragraph", "sentence", "last_sentence", "line")


def rows_of(at: dict) -> list[list[int]]:
    return [list(row) for row in zip(*(at[key] for key in COLUMNS), strict=True)]


def with_rows(places: dict, change) -> dict:
    rows = change(rows_of(places["at"]))
    return {**places, "at": {key: [row[i] for row in rows] for i, key in enumerate(COLUMNS)}}


def set_places(path: Path, value) -> None:
    sidecar = sidecar_path_for(path)
    data = json.loads(sidecar.read_bytes())
    if value is None:
        data["meta"]["1"].pop(PLACES_KEY, None)
    else:
        data["meta"]["1"][PLACES_KEY] = value
    sidecar.write_text(json.dumps(data), encoding="utf-8")


def export_without_places(path: Path, tmp_path: Path, group_by: str = "order") -> str:
    """The export of a copy whose sidecar holds no places (the export works them out)."""
    folder = tmp_path / "without"
    folder.mkdir(exist_ok=True)
    copy = folder / path.name
    shutil.copy(path, copy)
    shutil.copy(sidecar_path_for(path), sidecar_path_for(copy))
    set_places(copy, None)
    return export(copy, group_by)


def export(path: Path, group_by: str = "order") -> str:
    return export_article(path, group_by=group_by, base_dir=path.parent)[0]


def forbid_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("worked out again although the sidecar had it")

    monkeypatch.setattr(Block, "_spans", refuse)
    monkeypatch.setattr(loader, "parse_text", refuse)


@pytest.fixture
def seed(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    shutil.copy(SEED, path)
    return path


@pytest.fixture
def markdown_article(tmp_path) -> Path:
    path = tmp_path / "council.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def test_the_store_saves_a_place_for_every_anchored_highlight(seed):
    spans = annotate_file(seed)
    stored = sidecar_meta(seed)[PLACES_KEY]
    document = loader.load_document(seed)
    assert stored["sha256"] == document.sha256
    assert stored["format"] == "text" and stored["name"] == "story"
    locator = Locator(document)
    rows = {(r[0], r[1]): tuple(r[2:]) for r in rows_of(stored["at"])}
    assert set(spans) <= set(rows)
    for span, place in rows.items():
        assert place == locator.where(*span)
    assert any(place[2] > place[1] for place in rows.values())  # the two-sentence range


@pytest.mark.parametrize("group_by", ["order", "category"])
def test_export_with_places_needs_no_parse_and_gives_the_same_bytes(
    group_by, seed, tmp_path, monkeypatch
):
    annotate_file(seed)
    expected = export_without_places(seed, tmp_path, group_by)
    assert "sentence" in expected
    forbid_parsing(monkeypatch)
    assert export(seed, group_by) == expected
    assert not (tmp_path / "cache").exists()  # nothing worked out, so nothing cached


def test_markdown_articles_get_no_places_and_number_lines_of_the_edited_source(
    markdown_article,
):
    """A Markdown article's offsets index its rendered text, which an edit of the source
    (here: front matter lines) can leave unchanged while the source lines move."""
    annotate_file(markdown_article)
    assert PLACES_KEY not in sidecar_meta(markdown_article)
    before = export(markdown_article)
    source = markdown_article.read_text(encoding="utf-8")
    edited = source.replace("date: 2026-01-05\n", "date: 2026-01-05\ntags:\n  - a\n  - b\n")
    markdown_article.write_text(edited, encoding="utf-8")
    after = export(markdown_article)

    def link(text: str) -> str:
        line = text[: text.index("The council met")].count("\n") + 1
        return f"[line {line}](council.md#L{line})"

    assert link(source) in before and link(source) not in after
    assert link(edited) in after


def test_many_unknown_places_are_worked_out_a_few_per_save(seed, monkeypatch):
    """A sidecar without places (an earlier version's) and many highlights: the writer
    thread does not split the whole article at once to place them all."""
    monkeypatch.setattr(places_module, "MAX_NEW_PLACES", 3)
    spans = annotate_file(seed)  # more than three highlights, all new in one save
    assert PLACES_KEY not in sidecar_meta(seed)
    # Each later save works out three more and remembers them; once all are known, the
    # save stores every place.
    document = loader.load_document(seed)
    store = AnnotationStore.open(document)
    try:
        saves = 0
        while PLACES_KEY not in sidecar_meta(seed):
            store.set_article_note(f"save {saves}")
            store.flush()
            saves += 1
            assert saves <= len(spans)
        assert saves >= (len(spans) + 1) // 3  # three at a time, and not all at once
    finally:
        store.close()
    stored = read_places(sidecar_meta(seed)[PLACES_KEY], document, "story")
    assert stored is not None and stored.covers(spans)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: "not a dict",
        lambda p: {**p, "sha256": "0" * 64},
        lambda p: {**p, "code": "other code"},
        lambda p: {**p, "name": "another-name"},
        lambda p: {**p, "format": "markdown"},
        lambda p: {**p, "meta": {"title": 3}},
        lambda p: {k: v for k, v in p.items() if k != "at"},
        lambda p: {**p, "at": {"0": 1}},
        lambda p: {**p, "at": rows_of(p["at"])},  # rows instead of columns
        lambda p: {**p, "at": {k: v for k, v in p["at"].items() if k != "line"}},
        lambda p: {**p, "at": {**p["at"], "line": p["at"]["line"][1:]}},  # lengths differ
        lambda p: {**p, "at": {**p["at"], "sentence": [True] * len(p["at"]["sentence"])}},
        lambda p: {**p, "at": {**p["at"], "line": [str(n) for n in p["at"]["line"]]}},
        lambda p: with_rows(p, lambda rows: rows[1:]),  # a highlight without its place
        lambda p: with_rows(p, lambda rows: [[rows[0][0], 10**9, *rows[0][2:]], *rows[1:]]),
        lambda p: with_rows(p, lambda rows: [[*rows[0][:3], 0, 0, 1], *rows[1:]]),
        lambda p: with_rows(p, lambda rows: [[*rows[0][:3], 2, 1, 1], *rows[1:]]),
        lambda p: with_rows(p, lambda rows: [[*rows[0][:2], -1, 1, 1, 1], *rows[1:]]),
        lambda p: with_rows(p, lambda rows: [[-1, *rows[0][1:]], *rows[1:]]),
        lambda p: with_rows(p, lambda rows: rows[::-1]),  # out of position order
        lambda p: with_rows(p, lambda rows: [*rows, rows[-1]]),  # a span twice
        lambda p: with_rows(p, lambda rows: [*rows[:-1], [*rows[-1][:5], 10**6]]),  # line > last
        lambda p: with_rows(p, lambda rows: [*rows[:-1], [*rows[-1][:2], 1, 1, 1, 1]]),  # back
    ],
)
def test_places_that_do_not_fit_are_ignored(damage, seed, tmp_path):
    annotate_file(seed)
    expected = export_without_places(seed, tmp_path)
    set_places(seed, damage(sidecar_meta(seed)[PLACES_KEY]))
    assert export(seed) == expected


def test_wrong_places_are_never_believed_when_the_parser_changed(seed, tmp_path, monkeypatch):
    annotate_file(seed)
    stored = sidecar_meta(seed)[PLACES_KEY]
    stored = with_rows(stored, lambda rows: [[*row[:2], 99, 1, 1, 1] for row in rows])  # false
    set_places(seed, stored)
    document = loader.load_document(seed)
    assert read_places(stored, document, "story") is not None  # believed: same code...
    monkeypatch.setattr(places_module, "code_fingerprint", lambda: "the parser changed")
    assert read_places(stored, document, "story") is None  # ...but not after a change
    assert "¶ 99" not in export(seed)


def test_a_reopened_store_reuses_the_saved_places(seed, monkeypatch):
    annotate_file(seed)
    calls = []
    where = Locator.where

    def counting(self, start, end):
        calls.append((start, end))
        return where(self, start, end)

    monkeypatch.setattr(Locator, "where", counting)
    document = loader.load_document(seed)
    store = AnnotationStore.open(document)
    last = [s for b in document.blocks for s in b.sentences][-1]
    store.add(last.start, last.end, category="question")
    store.close()
    assert calls == [(last.start, last.end)]  # only the new highlight was located
    rows = rows_of(sidecar_meta(seed)[PLACES_KEY]["at"])
    assert [last.start, last.end] == rows[-1][:2]


def test_an_edited_article_gets_places_for_its_new_text(seed, tmp_path):
    annotate_file(seed)
    text = seed.read_text(encoding="utf-8")
    seed.write_text("An added first line.\n\n" + text, encoding="utf-8")
    document = loader.load_document(seed)
    AnnotationStore.open(document).close()  # re-anchors and saves, quietly
    stored = sidecar_meta(seed)[PLACES_KEY]
    assert stored["sha256"] == document.sha256
    assert read_places(stored, document, "story") is not None
    assert export(seed) == export_without_places(seed, tmp_path)


def test_orphans_have_no_place_and_still_export(seed, tmp_path):
    annotate_file(seed)
    sidecar = sidecar_path_for(seed)
    data = json.loads(sidecar.read_bytes())
    first = data["annotations"]["1"]
    first["orphaned"] = True
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    text = export(seed)
    assert "## Orphaned highlights" in text
    assert text == export_without_places(seed, tmp_path)


_WORDS = st.sampled_from(["Dr.", "Smith", "said", "no.", "It", "rained!", "U.S.", "1.", "Why?"])
_PARAGRAPHS = st.lists(st.lists(_WORDS, min_size=1, max_size=12).map(" ".join), min_size=1)


@settings(max_examples=60, deadline=None)
@given(paragraphs=_PARAGRAPHS, data=st.data())
def test_every_place_worked_out_reads_back_as_the_locator_says(paragraphs, data):
    text = "\n\n".join(paragraphs)
    document = loader.parse_text(text, "/tmp/story.txt")
    length = len(text)
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted).map(tuple),
            max_size=20,
        )
    )
    spans = sorted({span for span in spans if span[0] < span[1]})  # as the store has them
    payload = PlaceFinder(document, "story").payload(spans)
    if not document.blocks:
        assert payload is None
        return
    stored = read_places(json.loads(json.dumps(payload)), document, "story")
    assert stored is not None
    locator = Locator(document)
    for span in spans:
        assert stored.where(*span) == locator.where(*span)


def test_reader_import_places_every_highlight_it_adds(seed, tmp_path, monkeypatch):
    from reader.export.command import import_file

    monkeypatch.setattr(places_module, "MAX_NEW_PLACES", 3)  # the app's saves place few
    spans = annotate_file(seed)
    assert PLACES_KEY not in sidecar_meta(seed)
    w3c = tmp_path / "notes.json"
    w3c.write_text(export_article(seed, fmt="w3c")[0], encoding="utf-8")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    copy = fresh / seed.name
    shutil.copy(seed, copy)
    result = import_file(copy, w3c)
    assert result.added > 3
    stored = read_places(sidecar_meta(copy)[PLACES_KEY], loader.load_document(copy), "story")
    assert stored is not None and stored.covers(spans)


def test_reader_annotate_places_every_highlight(seed, monkeypatch, capsys):
    from reader.annotations.scripting import annotate_command

    monkeypatch.setattr(places_module, "MAX_NEW_PLACES", 3)  # the app's saves place few
    spans = annotate_file(seed)
    assert PLACES_KEY not in sidecar_meta(seed)
    assert annotate_command(str(seed), "Pressure on Kyiv Intensifies") == 0
    stored = read_places(sidecar_meta(seed)[PLACES_KEY], loader.load_document(seed), "story")
    assert stored is not None and stored.covers(spans) and len(stored.at) == len(spans) + 2


CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
CORPUS_TEXTS = sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("name", CORPUS_TEXTS or ["(corpus absent)"])
def test_corpus_exports_match_with_and_without_places(name, tmp_path):
    """Real articles of many shapes and encodings: highlights made through the store, then
    the export with the stored places equals the export that works them out."""
    if not CORPUS_TEXTS:
        pytest.skip("shared corpus not present")
    path = tmp_path / name
    shutil.copy(CORPUS / name, path)
    try:
        document = loader.load_document(path)
    except ReaderError:
        pytest.skip("not an article (the corpus holds a binary file on purpose)")
    sentences = [s for b in document.blocks for s in b.sentences]
    if not sentences:
        pytest.skip("no sentences")
    store = AnnotationStore.open(document)
    for sentence in sentences[:: max(1, len(sentences) // 60)]:
        store.add(sentence.start, sentence.end, note="why?")
    store.close()
    assert PLACES_KEY in sidecar_meta(path)
    for group_by in ("order", "category"):
        assert export(path, group_by) == export_without_places(path, tmp_path, group_by)
