"""`reader export` of one article: what it says after the article changed, about orphans,
and about an article the user may not read."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.export.command import export_article

PARAGRAPHS = [
    "The council met on Monday. It voted 7-2 to approve the plan.",
    "Critics said the plan was rushed. Engineers warned of delays.",
    "The mayor said work starts in June. Residents will be consulted first.",
]


def write_article(path: Path, head: str = "") -> None:
    path.write_text(head + "A council story\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")


def annotate(path: Path, *quotes: str) -> None:
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for quote in quotes:
            start = document.text.index(quote)
            store.add(start, start + len(quote), note=f"on {quote}")
        store.flush()
    finally:
        store.close()


def export(path: Path) -> str:
    return export_article(path, "markdown", "order", path.parent)[0]


def lines_cited(markdown: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[line (\d+)\]", markdown)]


def test_an_edited_article_is_exported_with_its_new_places(tmp_path):
    article = tmp_path / "story.txt"
    write_article(article)
    annotate(article, "Critics said", "work starts in June")
    before = export(article)
    assert lines_cited(before) == [5, 7]
    assert "¶ 3, sentence 1" in before and "¶ 4, sentence 1" in before
    write_article(article, head="A NEW FIRST LINE\n\n")
    after = export(article)
    assert lines_cited(after) == [7, 9]  # the highlights moved down with the text
    # the new first line is the title, and the old one a heading the ¶ now count from
    assert "· A council story, ¶ 2, sentence 1 ·" in after
    assert "· A council story, ¶ 3, sentence 1 ·" in after
    assert after.count("**Claim**") == 2 and "on Critics said" in after
    assert "Orphaned" not in after


def test_a_highlight_whose_quote_is_gone_is_exported_as_an_orphan(tmp_path):
    article = tmp_path / "story.txt"
    write_article(article)
    annotate(article, "Critics said", "Engineers warned of delays")
    article.write_text(article.read_text().replace("Engineers warned of delays", "No one"))
    out = export(article)
    assert "## Orphaned highlights" in out
    orphans = out.split("## Orphaned highlights", 1)[1]
    assert "> Engineers warned of delays" in orphans and "[line" not in orphans
    assert "> Critics said" in out.split("## Orphaned highlights", 1)[0]


def test_export_writes_nothing_next_to_the_article(tmp_path):
    article = tmp_path / "story.txt"
    write_article(article)
    annotate(article, "Critics said")
    sidecar = tmp_path / "story.txt.annotations.json"
    data = json.loads(sidecar.read_bytes())
    article.write_text("Another text entirely\n\nNothing said here.\n")
    listing = sorted(os.listdir(tmp_path))
    assert "## Orphaned highlights" in export(article)
    assert sorted(os.listdir(tmp_path)) == listing
    assert json.loads(sidecar.read_bytes()) == data  # re-anchoring is not saved by an export


def test_an_article_the_user_may_not_read_is_an_error(tmp_path):
    article = tmp_path / "story.txt"
    write_article(article)
    annotate(article, "Critics said")
    article.chmod(0)
    try:
        if os.access(article, os.R_OK):
            pytest.skip("running as root: an unreadable file is readable anyway")
        with pytest.raises(ReaderError, match="permission denied"):
            export(article)
    finally:
        article.chmod(0o644)
