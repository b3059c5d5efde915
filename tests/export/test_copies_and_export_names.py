"""Issue 13.2-3 (re-test): a copy saved elsewhere never replaces the reader's own file
unasked nor another article's copy (same-named articles from different folders), and an
article's export name always fits in a file name."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.export.copies import write_copies
from reader.export.formats import (
    SUFFIXES,
    article_export_path,
    check_target,
    store_read,
    write_article_export,
)
from reader.export.markdown import MARKER, ExportExists
from reader.file_names import FITTING_NAME_MAX

TEXT = "A story\n\nThe council met today. The bridge opens in May.\n"


def annotated(path: Path, quote: str) -> AnnotationStore:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT, "utf-8")
    store = AnnotationStore.open(load_document(path))
    start = TEXT.index(quote)
    store.add(start, start + len(quote), note=f"note on {path.parent.name}")
    return store


def quotes(w3c: Path) -> list[str]:
    items = json.loads(w3c.read_text("utf-8"))["first"]["items"]
    return [item["target"]["selector"][0]["exact"] for item in items]


def test_a_copy_asks_before_replacing_the_readers_own_files(tmp_path) -> None:
    store = annotated(tmp_path / "ro" / "story.txt", "The council met today.")
    copies = tmp_path / "copies"
    copies.mkdir()
    own = copies / "story.txt.annotations.w3c.json"
    own.write_text('{"mine": true}\n', "utf-8")
    try:
        with pytest.raises(ExportExists) as info:
            write_copies(store, copies)
        assert info.value.path == own
        assert own.read_text("utf-8") == '{"mine": true}\n'
        assert sorted(p.name for p in copies.iterdir()) == [own.name]  # nothing written
        notes, w3c = write_copies(store, copies, force=True)  # the reader said yes
    finally:
        store.close()
    assert notes.read_text("utf-8").startswith(MARKER)
    assert quotes(w3c) == ["The council met today."]


def test_same_named_articles_of_two_folders_get_copies_of_their_own(tmp_path) -> None:
    copies = tmp_path / "copies"
    first = annotated(tmp_path / "ro" / "story.txt", "The council met today.")
    second = annotated(tmp_path / "ro2" / "story.txt", "The bridge opens in May.")
    try:
        first_notes, first_w3c = write_copies(first, copies)
        second_notes, second_w3c = write_copies(second, copies)
        again = write_copies(first, copies)  # the first article's own copy is replaced
        assert write_copies(second, copies) == [second_notes, second_w3c]
    finally:
        first.close()
        second.close()
    assert again == [first_notes, first_w3c]
    assert first_w3c.name == "story.txt.annotations.w3c.json"
    assert second_w3c.name.startswith("story.txt~") and second_w3c.name != first_w3c.name
    assert quotes(first_w3c) == ["The council met today."]
    assert quotes(second_w3c) == ["The bridge opens in May."]
    assert "note on ro2" in second_notes.read_text("utf-8")
    assert "note on ro" in first_notes.read_text("utf-8")
    assert len(list(copies.iterdir())) == 4


def test_notes_that_cannot_say_whose_they_are_are_never_replaced(tmp_path) -> None:
    """A margin-reader notes file without its W3C copy (an `e` export into that folder):
    whose it is cannot be told, so the copy takes names of its own."""
    copies = tmp_path / "copies"
    other = annotated(tmp_path / "other" / "story.txt", "The bridge opens in May.")
    try:
        earlier = write_article_export(store_read(other), "markdown", copies)[0]
    finally:
        other.close()
    before = earlier.read_text("utf-8")
    store = annotated(tmp_path / "ro" / "story.txt", "The council met today.")
    try:
        notes, w3c = write_copies(store, copies)
    finally:
        store.close()
    assert notes != earlier and earlier.read_text("utf-8") == before
    assert quotes(w3c) == ["The council met today."]


LONG = "é" * 125 + ".txt"  # 254 bytes: no export name fits beside it unshortened


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_a_long_article_name_gets_a_short_export_name(tmp_path, fmt) -> None:
    article = tmp_path / LONG
    path = article_export_path(article, fmt)
    assert path.parent == tmp_path
    assert len(os.fsencode(path.name)) <= FITTING_NAME_MAX
    assert path.name.endswith(SUFFIXES[fmt]) and path.name.startswith("éé")
    assert article_export_path(article, fmt) == path  # the same every time
    assert article_export_path(tmp_path / ("é" * 124 + "x.txt"), fmt) != path


def test_the_long_named_article_exports_and_copies(tmp_path) -> None:
    store = annotated(tmp_path / "lib" / LONG, "The council met today.")
    try:
        path, _ = write_article_export(store_read(store), "markdown")
        notes, w3c = write_copies(store, tmp_path / "copies")
    finally:
        store.close()
    assert "The council met today." in path.read_text("utf-8")
    assert quotes(w3c) == ["The council met today."] and notes.exists()


def test_a_target_that_cannot_be_looked_at_is_one_error(tmp_path) -> None:
    target = tmp_path / ("x" * 300 + ".notes.md")
    with pytest.raises(ReaderError, match="cannot write") as info:
        check_target(target, "markdown")
    assert not isinstance(info.value, ExportExists)
    assert "too long" in str(info.value).lower()
