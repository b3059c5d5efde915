"""Furniture lines of a short article are found by looking at each unit, without the
whole-text search (`furniture._maybe_lines`, a pattern of every rule); a longer one is
searched. Both ways label the same lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.document.plain_furniture as plain_furniture
from reader.document.furniture import _maybe_lines
from reader.document.loader import load_document, parse_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

STORY = (
    "Harbour Board Approves New Ferry Route\n\n"
    "The board voted on Tuesday to open a second ferry route across the bay.\n\n"
    "Share this article\n\n"
    "Work on the new pier starts in the spring, the chairman said.\n\n"
    "Related Articles\n\n"
    "Ferry Fares Rise Again This Summer\n"
)


def _labels(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.label) for b in parse_text(text, "story.txt").blocks]


def test_a_short_article_is_labelled_without_the_whole_text_search() -> None:
    _maybe_lines.cache_clear()
    labels = _labels(STORY)
    assert ("boilerplate", "Share and follow") in labels
    assert ("boilerplate", "Related Articles") in labels
    assert _maybe_lines.cache_info().misses == 0


def test_a_long_article_is_searched_and_labelled_as_unit_by_unit(monkeypatch) -> None:
    paragraphs = [f"Paragraph {i} of the story says something new." for i in range(150)]
    paragraphs[70] = "Share this article"
    text = "Harbour Board Approves New Ferry Route\n\n" + "\n\n".join(paragraphs) + "\n"
    _maybe_lines.cache_clear()
    searched = _labels(text)
    assert _maybe_lines.cache_info().misses == 1
    monkeypatch.setattr(plain_furniture, "FEW_UNITS", 10**9)
    assert _labels(text) == searched
    assert ("boilerplate", "Share and follow") in searched


def test_both_ways_label_the_corpus_alike(monkeypatch) -> None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        pytest.skip("corpus not found beside the checkout")
    for path in files:
        if path.name.startswith("binary-"):
            continue
        ways = []
        for few in (0, 10**9):
            monkeypatch.setattr(plain_furniture, "FEW_UNITS", few)
            blocks = load_document(path).blocks
            ways.append([(b.kind, b.label, b.start, b.end) for b in blocks])
        assert ways[0] == ways[1], path.name
