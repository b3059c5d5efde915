"""`--group-by library-category`: a folder's highlights in one section per category across
the library, each entry naming its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from library_fixture import build_library

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.export.command import export_article, export_command
from reader.export.library import export_library


def _sections(text: str) -> dict[str, str]:
    """Level-2 headings after the contents, each with its text."""
    body = text.split("\n## Contents\n", 1)[1]
    parts = re.split(r"^## (.+)$", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_one_section_per_category_across_the_library(tmp_path, monkeypatch):
    folder = build_library(tmp_path, monkeypatch)
    text, warnings = export_library(folder, "markdown", "library-category", base_dir=folder)
    sections = _sections(text)
    assert list(sections) == [
        "Claim (6)",
        "Evidence (3)",
        "Question (2)",
        "Disputed (1)",
        "Key quote (2)",
        "Article notes (2)",
        "Orphaned highlights (1)",
    ]
    claims = sections["Claim (6)"]
    named = re.findall(r"^\*\*Claim\*\* · \[([^]]+)\]\(([^)]+)\)", claims, flags=re.M)
    assert named == [  # articles newest first, each in reading order
        ("Council Backs The Harbour Plan", "harbour.txt"),
        ("Twin Titles", "twin-a.txt"),
        ("THE BENCH BOOK", "book.txt"),
        ("THE BENCH BOOK", "book.txt"),
        ("Changed Story", "changed.txt"),
        ("Notes From The Field", "field.md"),
    ]
    assert "· CHAPTER II. The Storm, ¶ 1, sentence 2 · [line 13](book.txt#L13)" in claims
    assert "[Twin Titles](sub/twin-b.txt) · ¶ 3, sentence 2" in sections["Disputed (1)"]
    notes = sections["Article notes (2)"]
    assert "### Council Backs The Harbour Plan" in notes and "about *this*" in notes
    assert "### Only A Note" in notes and "just a note" in notes
    orphan = sections["Orphaned highlights (1)"]
    assert (
        "> goes away soon" in orphan and "**Evidence** · [Changed Story](changed.txt) ·" in orphan
    )
    assert "#L" not in orphan  # no place for what is no longer in the text
    assert "1. [Claim (6)](#claim-6)" in text and "15 highlights in 8 articles." in text
    assert len(warnings) == 1


def test_anchors_are_numbered_in_document_order(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    article = folder / "odd.txt"
    article.write_text("Orphaned highlights (1)\n\nA line that is gone.\n", encoding="utf-8")
    document = load_document(article)
    store = AnnotationStore.open(document)
    try:
        start = document.text.index("gone")
        store.add(start, start + 4)
        store.set_article_note("a note")
        store.flush()
    finally:
        store.close()
    article.write_text("Orphaned highlights (1)\n\nA new line.\n", encoding="utf-8")
    text, _ = export_library(folder, "markdown", "library-category", base_dir=folder)
    # the article note's heading comes first, so the section's anchor is numbered after it
    assert "1. [Article notes (1)](#article-notes-1)" in text
    assert "2. [Orphaned highlights (1)](#orphaned-highlights-1-1)" in text


def test_the_command_line_groups_a_folder_and_takes_one_article_as_the_library(
    tmp_path, monkeypatch, capsys
):
    folder = build_library(tmp_path, monkeypatch)
    out = tmp_path / "notes.md"
    assert main(["export", str(folder), "--group-by", "library-category", "-o", str(out)]) == 0
    assert "## Claim (6)" in out.read_text(encoding="utf-8")
    one = folder / "harbour.txt"
    assert (
        export_article(one, "markdown", "library-category", folder)[0]
        == (export_article(one, "markdown", "category", folder)[0])
    )
    with pytest.raises(ReaderError, match="use order, category or library-category"):
        export_command(str(folder), group_by="chapter")
    with pytest.raises(SystemExit):
        main(["export", str(folder), "--group-by", "chapter"])
    assert "library-category" in capsys.readouterr().err


def test_an_empty_library_says_so(tmp_path: Path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "plain.txt").write_text("Plain\n\nNothing annotated.\n", encoding="utf-8")
    text, _ = export_library(folder, "markdown", "library-category", base_dir=folder)
    assert text.rstrip().endswith("No annotated articles.")
    assert "0 highlights in 0 articles." in text
