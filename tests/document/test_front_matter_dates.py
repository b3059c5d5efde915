"""A front matter date the calendar lacks costs only the date (attack re-test of #13: a YAML
`date: 2023-02-30` made the whole front matter ignored, the title with it)."""

from __future__ import annotations

import pytest

from reader.document.loader import parse_text


def meta(front: str):
    document = parse_text(f"---\n{front}---\n\nBody text here.\n", "x.md", "utf-8")
    return document.meta


@pytest.mark.parametrize("date", ["2023-02-30", "2023-13-01", "2023-02-30T10:00:00Z"])
def test_an_impossible_date_keeps_the_rest(date):
    found = meta(f"title: A real title\ndate: {date}\nauthor: Jane Roe\n")
    assert (found.title, found.published, found.authors) == ("A real title", None, ["Jane Roe"])


def test_a_real_date_is_still_read():
    assert meta("title: T\ndate: 2023-02-28\n").published == "2023-02-28"
    assert meta("title: T\ndate: 2023-02-28 10:30:00\n").published == "2023-02-28"
