"""A book's chapters are its headings, each once (#14 walkthrough on Moby Dick: chapters 56,
57, 73, 105 and 120, whose titles are long or wrapped onto a second line, were not headings;
the table of contents made a second heading of every chapter; stage directions such as
`(_Sings, and all follow._)` were headings)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from reader.document.loader import load_document, parse_text

BOOK = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
BOOK = BOOK / "book-moby-dick-pg2701-cp1252.txt"

# A book's text is wrapped at about 70 columns, as Project Gutenberg's are.
PARAGRAPH = (
    textwrap.fill(
        "It was a long day at sea, and the men were tired of the wind and of the sun; nobody "
        "spoke for an hour, and the ship went on through the swell as it had for weeks before. "
        * 3,
        70,
    )
    + "\n"
)


def book(*chapters: str) -> str:
    contents = "".join(f"{title}\n\n" for title in chapters)
    body = "".join(f"{title}\n\n{PARAGRAPH}\n" for title in chapters)
    return f"A Book\n\nCONTENTS\n\n{contents}\n{body}"


def headings(text: str) -> list[str]:
    return [b.text for b in parse_text(text, "book.txt", "utf-8").blocks if b.kind == "heading"]


TITLES = [
    "CHAPTER 1. Loomings.",
    "CHAPTER 2. The Carpet-Bag.",
    "CHAPTER 3. The Spouter-Inn.",
    "CHAPTER 4. The Counterpane.",
    "CHAPTER 5. Breakfast.",
    "CHAPTER 6. The Street.",
]


def test_each_chapter_is_one_heading_and_the_contents_none():
    found = headings(book(*TITLES))
    assert [t for t in found if t.startswith("CHAPTER")] == TITLES


def test_a_chapter_title_wrapped_onto_a_second_line_is_a_heading():
    long = "CHAPTER 7. Of Whales in Paint; in Teeth; in Wood; in Sheet-Iron; in Stone;\nin Stars."
    found = headings(book(*TITLES[:5], long))
    assert found[-1] == long.replace("\n", " ")


def test_a_stage_direction_is_not_a_heading():
    text = book(*TITLES[:2]).replace(PARAGRAPH, f"{PARAGRAPH}\n(_Sings, and all follow._)\n\n", 1)
    assert "(_Sings, and all follow._)" not in headings(text)


@pytest.mark.skipif(not BOOK.is_file(), reason="the shared corpus is not beside the checkout")
def test_moby_dick_has_its_135_chapters_once_each():
    document = load_document(BOOK)
    found = [b.text for b in document.blocks if b.kind == "heading"]
    numbers = [int(m.group(1)) for t in found if (m := re.match(r"CHAPTER (\d+)\.", t))]
    assert numbers == list(range(1, 136))
    assert not [t for t in found if t.startswith("(")]
