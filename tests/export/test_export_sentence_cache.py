"""The sentence-start cache used to number highlights, and the export's line counting."""

from __future__ import annotations

import json
import os

import pytest
from export_fixtures import annotate, build_document
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.places import PLACES_KEY
from reader.annotations.storage import sidecar_path_for
from reader.document.model import Block
from reader.export import sentence_cache
from reader.export.command import export_command
from reader.export.markdown import Locator, render_markdown
from reader.export.sentence_cache import SentenceStarts

PARAGRAPH = "The council met on Monday. It voted 7-2 to approve Dr. Smith's plan. Critics left."


def long_story(paragraphs: int = 40) -> str:
    lines = ["A long story", ""]
    for i in range(paragraphs):
        lines += [f"Part {i}. {PARAGRAPH} Mr. Jones said no {i} times.", ""]
    return "\n".join(lines)


@pytest.fixture
def small_limits(monkeypatch):
    """Cache even small documents (the real limit is for books)."""
    monkeypatch.setattr(sentence_cache, "MIN_CHARS", 0)


def annotated(text: str):
    doc = build_document(text)
    anns = [annotate(doc, f"Mr. Jones said no {i} times") for i in range(0, 40, 3)]
    anns += [annotate(doc, "Critics left", occurrence=n) for n in (2, 7, 30)]
    return doc, anns


def render(doc, anns, starts=None) -> str:
    return render_markdown(doc, anns, "", "order", "story.txt", starts)


def forbid_segmenting(monkeypatch):
    def refuse(self):
        raise AssertionError("segmented although the cache had it")

    monkeypatch.setattr(Block, "_segment", refuse)


def test_second_export_reads_the_starts_from_the_cache(tmp_path, small_limits, monkeypatch):
    text = long_story()
    doc, anns = annotated(text)
    expected = render(doc, anns)
    first = SentenceStarts(doc, directory=tmp_path)
    assert render(doc, anns, first) == expected
    first.save()
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [f"{doc.sha256}.json"]

    doc2, anns2 = annotated(text)  # a fresh document: nothing segmented yet
    forbid_segmenting(monkeypatch)
    assert render(doc2, anns2, SentenceStarts(doc2, directory=tmp_path)) == expected


def test_other_code_or_bad_files_are_ignored_and_replaced(tmp_path, small_limits, monkeypatch):
    text = long_story()
    doc, anns = annotated(text)
    expected = render(doc, anns)
    path = tmp_path / f"{doc.sha256}.json"
    for content in (b"{not json", b"[]", b'{"fingerprint": 3}', b"\xff\xfe"):
        path.write_bytes(content)
        doc, anns = annotated(text)
        starts = SentenceStarts(doc, directory=tmp_path)
        assert render(doc, anns, starts) == expected
        starts.save()
        assert json.loads(path.read_bytes())["fingerprint"] == sentence_cache.code_fingerprint()
    # a cache written by other code (another fingerprint) is not trusted
    monkeypatch.setattr(sentence_cache, "code_fingerprint", lambda: "other code")
    doc, anns = annotated(text)
    starts = SentenceStarts(doc, directory=tmp_path)
    assert starts._known == {}
    assert render(doc, anns, starts) == expected


def test_entries_that_do_not_fit_their_block_are_ignored(tmp_path, small_limits):
    text = long_story()
    doc, anns = annotated(text)
    expected = render(doc, anns)
    starts = SentenceStarts(doc, directory=tmp_path)
    render(doc, anns, starts)
    starts.save()
    path = tmp_path / f"{doc.sha256}.json"
    data = json.loads(path.read_bytes())
    entries = data["blocks"]
    assert len(entries) >= 4
    entries[0][3] = [0, 99999]  # past the block's end
    entries[1][1] += 1  # another block's start
    entries[2][3] = [5, 3]  # not increasing
    entries[3] = ["x", 1, 2, []]
    path.write_text(json.dumps(data))
    doc2, anns2 = annotated(text)
    starts2 = SentenceStarts(doc2, directory=tmp_path)
    assert len(starts2._known) == len(entries) - 4
    assert render(doc2, anns2, starts2) == expected


def test_short_articles_never_write_a_cache(tmp_path):
    doc, anns = annotated(long_story())
    assert len(doc.text) < sentence_cache.MIN_CHARS
    starts = SentenceStarts(doc, directory=tmp_path)
    render(doc, anns, starts)
    starts.save()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_cache_folder_is_silent(tmp_path, small_limits):
    doc, anns = annotated(long_story())
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    starts = SentenceStarts(doc, directory=blocker / "cache")
    assert render(doc, anns, starts) == render(doc, anns)
    starts.save()  # mkdir fails: no error
    assert blocker.read_text() == "not a folder"


def test_old_cache_files_are_pruned(tmp_path, small_limits, monkeypatch):
    monkeypatch.setattr(sentence_cache, "MAX_FILES", 3)
    for i in range(5):
        doc, anns = annotated(long_story(40 + i))
        starts = SentenceStarts(doc, directory=tmp_path)
        render(doc, anns, starts)
        starts.save()
        os.utime(tmp_path / f"{doc.sha256}.json", ns=(i * 10**9, i * 10**9))
    kept = sorted(tmp_path.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    assert len(kept) == 3
    assert kept[-1].name == f"{doc.sha256}.json"


def test_export_command_uses_the_user_cache_folder(tmp_path, small_limits, monkeypatch):
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    article = tmp_path / "story.txt"
    article.write_text(long_story(), encoding="utf-8")
    document = load_document(article)
    store = AnnotationStore.open(document)
    store.add(*_span(document.text, "Dr. Smith's plan"), note="check")
    store.close()
    strip_places(sidecar_path_for(article))  # as an earlier version wrote it: no places
    out = tmp_path / "notes.md"
    assert export_command(str(article), output=str(out)) == 0
    folder = tmp_path / "cache" / "margin-reader" / sentence_cache.DIRNAME
    assert [p.name for p in folder.iterdir()] == [f"{document.sha256}.json"]
    first = out.read_text(encoding="utf-8")
    assert "sentence 3" in first
    forbid_segmenting(monkeypatch)
    assert export_command(str(article), output=str(out)) == 0
    assert out.read_text(encoding="utf-8") == first


def strip_places(sidecar) -> None:
    data = json.loads(sidecar.read_bytes())
    assert data["meta"]["1"].pop(PLACES_KEY)
    sidecar.write_text(json.dumps(data), encoding="utf-8")


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(0, 400), min_size=1, max_size=30), st.data())
def test_line_numbers_match_counting_newlines(offsets, data):
    lines = data.draw(st.lists(st.text("ab \t", max_size=12), min_size=1, max_size=40))
    text = "\n".join(lines)
    doc = build_document(text)
    if not doc.blocks:
        return
    locator = Locator(doc)
    for offset in offsets:
        offset = min(offset, len(text))
        assert locator._line(0, offset) == text.count("\n", 0, offset) + 1
