"""A highlight's place counts its paragraphs within the section of the heading it names
(issue 14: `CHAPTER 41. Moby Dick, ¶ 1503` counted from the top of the book): ¶ 1 is the
first block after the heading, the heading itself is 0, blocks before the first heading count
from the top of the article, an article without headings counts as before; sentence numbers
stay relative to their paragraph (reader.document.locate.Locator, the one place function)."""

from __future__ import annotations

from reader.document import headings as headings_module
from reader.document.locate import Locator
from reader.document.model import Block, Document, Metadata


def document(*lines: str) -> Document:
    """One block a line, a blank line between: `## Name` a heading of level 2 whose text is
    `Name`, the first line the title, the others paragraphs."""
    blocks, parts, pos = [], [], 0
    for number, line in enumerate(lines):
        marks = len(line) - len(line.lstrip("#"))
        text = line[marks:].strip() if marks else line
        kind = "heading" if marks else ("title" if number == 0 else "paragraph")
        blocks.append(
            Block(kind, pos, pos + len(text), text, level=marks, source_line=1 + 2 * number)
        )
        parts.append(text)
        pos += len(text) + 2
    text = "\n\n".join(parts) + "\n"
    return Document("/tmp/book.txt", "text", text, blocks, Metadata(title=lines[0]))


def place(doc: Document, first: str, last: str | None = None):
    """(paragraph, sentence, last sentence, last paragraph, heading) of the span from `first`
    to the end of `last` (of `first` itself when None)."""
    start = doc.text.index(first)
    end = doc.text.index(last or first) + len(last or first)
    locator = Locator(doc)
    paragraph, sentence, last_sentence, _line, last_paragraph = locator.where(start, end)
    return paragraph, sentence, last_sentence, last_paragraph, locator.heading(start)


BOOK = document(
    "The Book",
    "A preface. It comes first.",
    "# CHAPTER 1. The Harbour.",
    "Call the harbour what you will. The tide came in early.",
    "It rained. The boats stayed in. Nobody sailed.",
    "# CHAPTER 2. The Storm.",
    "The storm came at night. It took the pier.",
)


def test_the_first_paragraph_after_a_heading_is_paragraph_1():
    assert place(BOOK, "The tide came") == (1, 2, 2, 1, "CHAPTER 1. The Harbour.")
    assert place(BOOK, "The boats", "Nobody sailed.") == (2, 2, 3, 2, "CHAPTER 1. The Harbour.")
    assert place(BOOK, "It took the pier") == (1, 2, 2, 1, "CHAPTER 2. The Storm.")


def test_text_before_the_first_heading_counts_from_the_top_of_the_article():
    assert place(BOOK, "It comes first.") == (2, 2, 2, 2, None)
    assert place(BOOK, "The Book") == (1, 1, 1, 1, None)


def test_an_article_without_headings_counts_from_the_top():
    plain = document("Title", "First one. First two.", "Second one.", "Third one. Third two.")
    assert place(plain, "Third two.") == (4, 2, 2, 4, None)
    assert place(plain, "First two", "Second one.") == (2, 2, 2, 3, None)


def test_a_highlight_spanning_paragraphs_counts_both_ends_in_its_section():
    assert place(BOOK, "The tide came", "The boats stayed in.") == (1, 2, 2, 2, BOOK.blocks[2].text)


def test_nested_headings_count_within_the_nearest_heading_the_place_names():
    doc = document(
        "The Book",
        "# PART ONE",
        "An opening. Of the part.",
        "## Chapter 1",
        "One a.",
        "One b. One c.",
        "### A scene",
        "Scene a.",
        "## Chapter 2",
        "Two a.",
    )
    assert place(doc, "Of the part.") == (1, 2, 2, 1, "PART ONE")
    assert place(doc, "One c.") == (2, 2, 2, 2, "Chapter 1")
    assert place(doc, "Scene a.") == (1, 1, 1, 1, "A scene")
    assert place(doc, "Two a.") == (1, 1, 1, 1, "Chapter 2")


def test_the_heading_itself_is_paragraph_0_of_its_section():
    on_it = place(BOOK, "CHAPTER 2. The Storm.")
    assert (on_it[0], on_it[3], on_it[4]) == (0, 0, "CHAPTER 2. The Storm.")
    assert place(BOOK, "CHAPTER 2", "The storm came")[::3] == (0, 1)
    # a highlight starting in the blank line before a heading is placed on the heading
    gap = BOOK.text.index("CHAPTER 2") - 1
    locator = Locator(BOOK)
    assert locator.where(gap, gap + 5)[0] == 0
    assert locator.heading(gap) == "CHAPTER 2. The Storm."


def test_a_contents_list_counts_as_the_paragraphs_of_its_heading():
    """The contents list's entries are not headings (`contents_entries`): they are the lines
    of the CONTENTS section, numbered from 1 under it."""
    body = "It was a long day at sea and the men were tired of the wind and of the sun."
    doc = document(
        "The Book", "# CONTENTS", "# One", "# Two", "# One", body, "# Two", body + " Again."
    )
    assert place(doc, "Two") == (2, 1, 1, 2, "CONTENTS")
    assert place(doc, "Again.") == (1, 2, 2, 1, "Two")


def test_the_sections_are_found_once_per_document(monkeypatch):
    calls = []
    real = headings_module.contents_entries
    monkeypatch.setattr(
        headings_module, "contents_entries", lambda doc: calls.append(1) or real(doc)
    )
    locator = Locator(BOOK)
    for quote in ("It comes first.", "The tide came", "Nobody sailed.", "It took the pier"):
        start = BOOK.text.index(quote)
        locator.where(start, start + len(quote))
        locator.heading(start)
    assert calls == [1]
