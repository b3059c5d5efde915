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


def annotated(path: Path, text: str | None, quotes=QUOTES) -> Path:
    """`path`, written with `text` (None: as it is), its `quotes` highlighted through the
    store."""
    if text is not None:
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


def test_each_highlight_names_its_chapter_and_its_paragraph_number_in_it(book):
    text = _export(book)
    assert _places_line(text, "A story in chapters.").startswith("**Claim** · ¶ 2, sentence 1")
    assert "· CHAPTER I. The Harbour, ¶ 1, sentence 2 ·" in _places_line(text, "The tide came")
    assert "· CHAPTER II. The Storm, ¶ 1, sentence 2 ·" in _places_line(text, "It took the pier")


def test_a_highlight_on_a_chapter_heading_says_so(tmp_path, monkeypatch):
    path = annotated(tmp_path / "book.txt", BOOK, ("CHAPTER II", "The storm came at night."))
    text = _export(path)
    assert "**Claim** · CHAPTER II. The Storm, heading · [line 9](" in _places_line(
        text, "CHAPTER II"
    )
    assert "· CHAPTER II. The Storm, ¶ 1, sentence 1 ·" in _places_line(text, "The storm came")
    monkeypatch.setattr(reading, "stored_places", lambda *args: None)
    assert _export(path) == text


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
    assert "· CHAPTER II. The Storm, ¶ 1, sentence 2 ·" in folder


def _as_written_by_format(path: Path, monkeypatch, number: int, edit) -> None:
    """Rewrite `path`'s sidecar as format `number` of the places wrote it: its key, and each
    stored place changed by `edit(place)`."""
    sidecar = sidecar_path_for(path)
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    current = places.PLACE_FORMAT
    monkeypatch.setattr(places, "PLACE_FORMAT", number)
    old_key = places.place_key(load_document(path))
    monkeypatch.setattr(places, "PLACE_FORMAT", current)
    data["meta"]["1"]["article"]["key"] = old_key
    for record in data["annotations"].values():
        edit(record["place"])
        record["place"]["key"] = old_key
    sidecar.write_text(json.dumps(data), encoding="utf-8")


def _without_heading(place: dict) -> None:
    del place["in"]  # as the earlier version wrote it
    del place["at"][4:]


def test_a_place_of_the_earlier_format_still_reads_and_the_article_is_parsed(book, monkeypatch):
    expected = _export(book)
    _as_written_by_format(book, monkeypatch, 1, _without_heading)
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _export(book) == expected
    assert calls == [1]


def _counted_from_the_top(place: dict) -> None:
    place["at"][0] = place["at"][4] = 99  # as format 3 counted it: from the top of the book


def test_a_place_counting_from_the_top_of_the_book_is_not_trusted(book, monkeypatch):
    """Format 3 counted ¶ from the top of the article: such a place is worked out again."""
    _as_written_by_format(book, monkeypatch, 3, _counted_from_the_top)
    assert "· CHAPTER I. The Harbour, ¶ 1, sentence 2 ·" in _export(book)


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
    assert "· First Part, ¶ 1, sentence 2 ·" in _places_line(text, "Then it fell.")


def test_a_headings_closing_period_or_colon_is_not_doubled_by_the_comma(tmp_path):
    """`CHAPTER 41. Moby Dick., ¶ 1029` read `.,`: the heading's own period or colon goes."""
    text = (
        "# Title\n\nIntro.\n\n## CHAPTER 41. Moby Dick.\n\nThe tide came in early.\n\n"
        "## Questions:\n\nIt took the pier.\n"
    )
    path = annotated(tmp_path / "dots.md", text, QUOTES[1:])
    text = _export(path)
    assert "· CHAPTER 41. Moby Dick, ¶ 1, sentence 1 ·" in _places_line(text, "The tide came")
    assert "· Questions, ¶ 1, sentence 1 ·" in _places_line(text, "It took the pier")


MOBY = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
MOBY = MOBY / "book-moby-dick-pg2701-cp1252.txt"


@pytest.mark.skipif(not MOBY.is_file(), reason="the shared corpus is not beside the checkout")
def test_moby_dick_exports_a_paragraph_of_chapter_41_counted_within_it(tmp_path, monkeypatch):
    """Issue 14: `CHAPTER 41. Moby Dick, ¶ 1033` counted from the top of the book."""
    book = tmp_path / MOBY.name
    book.write_bytes(MOBY.read_bytes())
    in_chapter = "For not only do\nfabulous rumors naturally grow out of"
    in_contents = "CHAPTER 41. Moby Dick."  # its first occurrence: the contents list's line
    first = "I, Ishmael, was one of that crew"
    annotated(book, None, (in_chapter, in_contents, first))
    stored = _export(book)
    line = _places_line(stored, "For not only do")
    assert " · CHAPTER 41. Moby Dick, ¶ 4, sentence 2 · [line 7310](" in line
    # the contents list's lines are the paragraphs of CONTENTS: this is its 43rd
    assert " · CONTENTS, ¶ 43, sentences 1–2 · [line 121](" in _places_line(stored, in_contents)
    assert " · CHAPTER 41. Moby Dick, ¶ 1, sentence 1 · [line 7260](" in _places_line(stored, first)
    # the sidecar keeps the chapter's numbers; parsing the book gives the same bytes
    data = json.loads(sidecar_path_for(book).read_text(encoding="utf-8"))
    assert sorted(r["place"]["at"][0] for r in data["annotations"].values()) == [1, 4, 43]
    monkeypatch.setattr(reading, "stored_places", lambda *args: None)
    assert _export(book) == stored
