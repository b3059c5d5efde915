"""The outline ctrl+o lists (reader.document.headings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document.headings import Heading, heading_at, headings
from reader.document.loader import load_document

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def test_markdown_headings_keep_their_level_order_and_offset(tmp_path):
    """The first `#` is the article's title, not an entry; markup and escapes stay text."""
    path = tmp_path / "a.md"
    path.write_text(
        "# Title\n\nIntro.\n\n# Top\n\nStart.\n\n## Part [b]one[/b]\n\nText.\n\n### Deep\x1b[2J\n\nMore.\n"
    )
    document = load_document(path)
    outline = headings(document)
    assert [(h.level, h.text) for h in outline] == [
        (1, "Top"),
        (2, "Part [b]one[/b]"),
        (3, "Deep\u241b[2J"),
    ]
    for heading in outline:
        assert document.blocks[document.block_at(heading.offset)].kind == "heading"
    assert heading_at(outline, outline[1].offset + 3) == 1
    assert heading_at(outline, outline[0].offset) == 0
    assert heading_at(outline, 0) is None  # the title comes before every heading
    assert heading_at([Heading(1, "late", 50)], 10) is None


def test_plain_text_without_headings_has_an_empty_outline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title line\n\nOne sentence. Two sentences.\n")
    assert headings(load_document(path)) == []


def test_a_book_lists_its_chapters():
    book = CORPUS / "book-moby-dick-pg2701-cp1252.txt"
    if not book.exists():
        pytest.skip("corpus not present (../shared/corpus)")
    outline = headings(load_document(book))
    chapters = [h for h in outline if h.text.startswith("CHAPTER ")]
    assert chapters[0].text == "CHAPTER 1. Loomings." and len(chapters) >= 135
    assert [h.offset for h in outline] == sorted(h.offset for h in outline)


def test_a_contents_list_is_not_headings(tmp_path):
    """A book's contents list names the chapters again: its lines are neither listed by
    ctrl+o nor the heading a highlight in the list is exported under."""
    import textwrap

    path = tmp_path / "book.txt"
    body = textwrap.fill(
        "It was a long day at sea, and the men were tired of the wind and of the sun; nobody "
        "spoke for an hour, and the ship went on through the swell as it had for weeks. " * 3,
        70,
    )
    titles = ["PREFACE.", "CHAPTER 1. The Start.", "CHAPTER 2. The End."]
    contents = "".join(f"{title}\n\n" for title in titles)
    contents = contents.replace("PREFACE.", "PREFACE.\n\nNOTES (By a Friend).")
    chapters = "".join(f"{title}\n\n{body}\n\n" for title in titles)
    path.write_text(
        f"THE BOOK;\n\nor, A TALE.\n\nBy A. Writer\n\n\n\nCONTENTS\n\n{contents}\n{chapters}"
    )
    document = load_document(path)
    outline = headings(document)
    texts = [h.text for h in outline]
    assert texts.count("PREFACE.") <= 1 and texts.count("CHAPTER 1. The Start.") <= 1
    assert texts[-3:] == ["PREFACE.", "CHAPTER 1. The Start.", "CHAPTER 2. The End."]
    in_list = document.text.index("CHAPTER 2. The End.")
    index = heading_at(outline, in_list)
    assert index is None or outline[index].offset < document.text.index("PREFACE.")


def test_moby_dick_contents_are_not_headings():
    path = CORPUS / "book-moby-dick-pg2701-cp1252.txt"
    if not path.is_file():
        pytest.skip("corpus not available")
    document = load_document(path)
    outline = headings(document)
    texts = [h.text for h in outline]
    assert texts.count("ETYMOLOGY.") == 1
    assert "CHAPTER 43. Hark!" in texts
    in_list = document.text.index("CHAPTER 43. Hark!")  # its line in the contents list
    index = heading_at(outline, in_list)
    assert index is None or outline[index].text == "CONTENTS"
