"""Crossheads in unwrapped text that end like a sentence: only a line in capitals, a
weekday date or a question is one; a sentence between paragraphs never is."""

from __future__ import annotations

import pytest

from reader.document.plaintext import parse_plaintext

_BODY = "The council met on Monday and agreed the budget after a long debate over it. " * 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("THE VOTE IS IN.", "heading"),
        ("Donnerstag, 18. 7.", "heading"),
        ("Why did the council vote this way?", "heading"),
        ("What next for the town", "heading"),
        ("The vote was close.", "paragraph"),
        ("The vote was close!", "paragraph"),
    ],
)
def test_a_line_between_paragraphs(line, kind):
    text = f"Council passes the budget\n\n{_BODY}\n\n{line}\n\n{_BODY}\n\n{_BODY}\n"
    blocks = parse_plaintext(text).blocks
    assert [b.text for b in blocks][2] == line
    assert [b.kind for b in blocks] == ["title", "paragraph", kind, "paragraph", "paragraph"]
