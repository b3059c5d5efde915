"""The Markdown export names the heading (a book's chapter) each highlight falls under, from
the stored place when it can be trusted, else from the parsed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations import places
from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.export import reading
from reader.export.command import export_article
from reader.export.library import export_library

BOOK = (
    "THE BENCH BOOK\n\nA story in chapters.\n\n"
    "CHAPTER I. The Harbour\n\n"
    "Call the harbour what you will. The tide came in early that year.\n\n"
    "CHAPTER II. The Storm\n\n"
    "The storm came at night. It took the pier and two sheds.\n"
)
QUOTES = ("A story in chapters.", "The tide came in early", "It took the pier")


def annotated(path: Path, text: str, quotes=QUOTES) -> Path:
    """`path`, written with `text`, its `quotes` highlighted through the store."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for quote in quotes:
            start = document.text.index(quote)
            store.add(start, start + len(quote))
        store.flush()
    finally:
        store.close()
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return annotated(tmp_path / "lib" / "book.txt", BOOK)


def _export(path: Path) -> str:
    return export_article(path, "markdown", "order", path.parent)[0]


def _places_line(text: str, quote: str) -> str:
    after = text.split(f"> {quote}", 1)[1]
    return next(line for line in after.splitlines() if line.startswith("**"))


def test_each_highlight_names_its_chapter_and_keeps_its_paragraph_number(book):
    text = _export(book)
    assert _places_line(text, "A story in chapters.").startswith("**Claim** · ¶ 2, sentence 1")
    assert "· CHAPTER I. The Harbour, ¶ 4, sentence 2 ·" in _places_line(text, "The tide came")
    assert "· CHAPTER II. The Storm, ¶ 6, sentence 2 ·" in _places_line(text, "It took the pier")


def test_the_chapter_is_kept_in_the_stored_place_and_read_without_parsing(book, monkeypatch):
    data = json.loads(sidecar_path_for(book).read_text(encoding="utf-8"))
    stored = sorted((r["place"]["start"], r["place"]["in"]) for r in data["annotations"].values())
    assert [heading for _, heading in stored] == [
        None,
        "CHAPTER I. The Harbour",
        "CHAPTER II. The Storm",
    ]
    expected = _export(book)

    def refuse(*args, **kwargs):
        raise AssertionError("the article was parsed")

    monkeypatch.setattr(reading, "parse_text", refuse)
    assert _export(book) == expected
    folder, _ = export_library(book.parent, base_dir=book.parent)
    assert "· CHAPTER II. The Storm, ¶ 6, sentence 2 ·" in folder


def test_a_place_of_the_earlier_format_still_reads_and_the_article_is_parsed(book, monkeypatch):
    expected = _export(book)
    path = sidecar_path_for(book)
    data = json.loads(path.read_text(encoding="utf-8"))
    current = places.PLACE_FORMAT
    monkeypatch.setattr(places, "PLACE_FORMAT", 1)
    old_key = places.place_key(load_document(book))
    data["meta"]["1"]["article"]["key"] = old_key
    for record in data["annotations"].values():
        del record["place"]["in"]  # as the earlier version wrote it
        del record["place"]["at"][4:]
        record["place"]["key"] = old_key
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(places, "PLACE_FORMAT", current)
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _export(book) == expected
    assert calls == [1]


def test_a_place_without_its_heading_is_not_trusted(book, monkeypatch):
    expected = _export(book)
    path = sidecar_path_for(book)
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["annotations"].values():
        record["place"]["in"] = 7  # not a heading
    path.write_text(json.dumps(data), encoding="utf-8")
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _export(book) == expected
    assert calls == [1]


def test_a_heading_is_escaped_and_shortened(tmp_path):
    heading = r"The [Escape] and \<b>tags\</b> " + "and so on " * 12  # Markdown: literal <
    text = f"# Title\n\nIntro.\n\n## {heading}\n\nThe pier went.\n"
    path = annotated(tmp_path / "long.md", text, ("The pier went.",))
    line = _places_line(_export(path), "The pier went.")
    assert "· The \\[Escape\\] and \\<b\\>tags\\</b\\> and so on" in line
    chapter = line.split(" · ")[1].split(", ¶")[0]
    assert chapter.endswith("…") and len(chapter.replace("\\", "")) <= 80


def test_a_markdown_article_names_its_section_not_its_title(tmp_path):
    text = (
        "# Notes From The Field\n\nIntro. It sets the scene.\n\n"
        "## First Part\n\nThe river rose. Then it fell.\n"
    )
    path = annotated(tmp_path / "field.md", text, ("It sets the scene.", "Then it fell."))
    text = _export(path)
    assert _places_line(text, "It sets the scene.").startswith("**Claim** · ¶ 2, sentence 2")
    assert "· First Part, ¶ 4, sentence 2 ·" in _places_line(text, "Then it fell.")


def test_a_headings_closing_period_or_colon_is_not_doubled_by_the_comma(tmp_path):
    """`CHAPTER 41. Moby Dick., ¶ 1029` read `.,`: the heading's own period or colon goes."""
    text = (
        "# Title\n\nIntro.\n\n## CHAPTER 41. Moby Dick.\n\nThe tide came in early.\n\n"
        "## Questions:\n\nIt took the pier.\n"
    )
    path = annotated(tmp_path / "dots.md", text, QUOTES[1:])
    text = _export(path)
    assert "· CHAPTER 41. Moby Dick, ¶ 4, sentence 1 ·" in _places_line(text, "The tide came")
    assert "· Questions, ¶ 6, sentence 1 ·" in _places_line(text, "It took the pier")
