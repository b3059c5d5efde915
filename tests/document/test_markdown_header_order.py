"""A Markdown article's own title heading comes first, the front matter's date and byline
under it (#14 walkthrough: the Vite post showed its date line above its headline)."""

from __future__ import annotations

from reader.document.loader import parse_text

FRONT = "---\ntitle: Vite 8.1 is out!\ndate: 2026-06-23\nauthor: The Vite Team\n---\n\n"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse_text(text, "post.md", "utf-8").blocks[:3]]


def test_the_title_heading_stays_above_the_date_line():
    assert kinds(FRONT + "# Vite 8.1 is out!\n\nThe release notes.\n") == [
        ("title", "Vite 8.1 is out!"),
        ("meta", "2026-06-23 · by The Vite Team"),
        ("paragraph", "The release notes."),
    ]


def test_without_a_title_heading_the_front_matter_title_opens():
    assert kinds(FRONT + "The release notes.\n") == [
        ("title", "Vite 8.1 is out!"),
        ("meta", "2026-06-23 · by The Vite Team"),
        ("paragraph", "The release notes."),
    ]
