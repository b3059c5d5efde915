"""A folder export's exact bytes, against the output saved in tests/export/golden/.

The export's speed work must not change a byte; a change meant to alter the output updates
the golden files (set REGENERATE_GOLDEN=1) and shows in the diff of the commit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from library_fixture import build_library

from reader.export.library import export_library
from reader.export.w3c_article_note import article_note_item

GOLDEN = Path(__file__).parent / "golden"


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("REGENERATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("group_by", ["order", "category", "library-category"])
def test_the_markdown_folder_export_is_the_saved_bytes(tmp_path, monkeypatch, group_by):
    folder = build_library(tmp_path, monkeypatch)
    text, warnings = export_library(folder, "markdown", group_by, base_dir=folder)
    assert [w.split(": ")[0] for w in warnings] == [str(folder / "broken.txt")]
    _compare(f"library-{group_by}.md", text)


def test_the_w3c_folder_export_is_the_saved_bytes(tmp_path, monkeypatch):
    folder = build_library(tmp_path, monkeypatch)
    text, _ = export_library(folder, "w3c")
    head, rest = text.split('\n  "type": "AnnotationCollection"', 1)  # its id: the folder's
    assert head.startswith('{\n  "@context"') and '"id": "urn:uuid:' in head
    text = '  "type": "AnnotationCollection"' + rest
    for note in ("harbour.txt", "note-only.txt"):  # an article note's id: its article's
        made = article_note_item("", (folder / note).as_uri())["id"]
        assert text.count(made) == 1
        text = text.replace(made, f"urn:uuid:ARTICLE-NOTE-OF-{note}")
    _compare("library-w3c.json", text.replace(folder.as_uri(), "file:///LIB"))


def test_links_are_relative_to_where_the_notes_go_inside_or_outside_the_folder(
    tmp_path, monkeypatch
):
    folder = build_library(tmp_path, monkeypatch)
    inside, _ = export_library(folder, "markdown", base_dir=folder / "sub")
    assert "File: [twin-b.txt](twin-b.txt)" in inside
    assert "File: [twin-a.txt](../twin-a.txt)" in inside
    outside, _ = export_library(folder, "markdown", base_dir=tmp_path / "elsewhere")
    assert "File: [twin-b.txt](../lib/sub/twin-b.txt)" in outside
    bare, _ = export_library(folder, "markdown", base_dir=None)
    assert "File: [twin-b.txt](twin-b.txt)" in bare
