"""The export files the app writes (reader/export/formats.py): each format's file next to an
article or in the library folder, or in another folder; the same text as `reader export`;
a file margin-reader did not write is never replaced unless asked."""

from __future__ import annotations

import json

import pytest
from claim_fixtures import make_library, run

from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.export.copies import write_copies
from reader.export.formats import (
    SUFFIXES,
    is_our_export,
    store_read,
    write_article_export,
    write_library_export,
)
from reader.export.markdown import MARKER, ExportExists
from reader.library import is_article_name

NAMES = {
    "markdown": "library.notes.md",
    "w3c": "library.annotations.w3c.json",
    "claimreview": "library.claimreview.json",
    "dossier": "library.dossier.md",
}


@pytest.fixture(autouse=True)
def no_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def sane(fmt: str, text: str) -> None:
    """What each format's file must hold for the test library (or its bridge.txt)."""
    if fmt == "markdown":
        assert text.startswith(MARKER) and "The council will close the bridge" in text
    elif fmt == "w3c":
        data = json.loads(text)
        assert data["type"] == "AnnotationCollection" and data["total"] >= 3
    elif fmt == "claimreview":
        reviews = json.loads(text)
        assert {r["@type"] for r in reviews} == {"ClaimReview"}
        refuted = [r for r in reviews if r["reviewRating"]["alternateName"] == "refuted"]
        assert refuted[0]["claimReviewed"].startswith("The council will close the bridge")
    else:
        assert text.startswith(MARKER) and "# Claims dossier:" in text
        assert "## Refuted (1)" in text and "The ferry keeps its timetable." not in text


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_a_library_export_is_written_in_its_folder_as_the_cli_writes_it(
    tmp_path, capsys, monkeypatch, fmt
) -> None:
    make_library(tmp_path, capsys)
    library = tmp_path / "library"
    path, warnings = write_library_export(library, fmt)
    assert path == library / NAMES[fmt] and warnings == []
    text = path.read_text("utf-8")
    sane(fmt, text)
    monkeypatch.chdir(library)  # the CLI's links are relative to where it writes
    assert run(capsys, "export", "--format", fmt, str(library)) == text
    write_library_export(library, fmt)  # ours: replaced without asking
    path.write_text("hand written\n", "utf-8")
    with pytest.raises(ExportExists):
        write_library_export(library, fmt)
    assert path.read_text("utf-8") == "hand written\n"
    write_library_export(library, fmt, force=True)
    assert path.read_text("utf-8") == text


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_an_article_export_comes_from_the_open_store_even_unsaved(tmp_path, capsys, fmt) -> None:
    make_library(tmp_path, capsys)
    article = tmp_path / "library" / "bridge.txt"
    store = AnnotationStore.open(load_document(article))
    try:
        elsewhere = tmp_path / "elsewhere" / "deeper"
        path, _ = write_article_export(store_read(store), fmt, elsewhere)
        assert path == elsewhere / f"bridge.txt{SUFFIXES[fmt]}"
        sane(fmt, path.read_text("utf-8"))
        assert is_our_export(path, fmt)
        next_to, _ = write_article_export(store_read(store), fmt)
        assert next_to == article.with_name(f"bridge.txt{SUFFIXES[fmt]}")
        assert not is_article_name(next_to.name)  # never listed as an article
    finally:
        store.close()


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("w3c", '{"type": "Something else"}'),
        ("w3c", "not json at all"),
        ("claimreview", '[{"@type": "ClaimReview"}, {"@type": "Review"}]'),
        ("claimreview", '{"@type": "ClaimReview"}'),
        ("dossier", "# my own dossier\n"),
    ],
)
def test_a_file_we_did_not_write_is_not_ours(tmp_path, fmt, text) -> None:
    path = tmp_path / f"x{SUFFIXES[fmt]}"
    path.write_text(text, "utf-8")
    assert not is_our_export(path, fmt)


def test_copies_elsewhere_are_the_notes_and_the_w3c_export(tmp_path, capsys) -> None:
    make_library(tmp_path, capsys)
    store = AnnotationStore.open(load_document(tmp_path / "library" / "bridge.txt"))
    try:
        earlier = write_copies(store, tmp_path / "copies")
        notes, w3c = write_copies(store, tmp_path / "copies")
    finally:
        store.close()
    assert [notes, w3c] == earlier  # an earlier copy of it is replaced
    sane("markdown", notes.read_text("utf-8"))
    assert len(json.loads(w3c.read_text("utf-8"))["first"]["items"]) == 3


def test_a_folder_that_cannot_be_made_is_one_error(tmp_path, capsys) -> None:
    make_library(tmp_path, capsys)
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(Exception, match="cannot create") as info:
        write_library_export(tmp_path / "library", "dossier", tmp_path / "file" / "sub")
    assert str(tmp_path / "file" / "sub") in str(info.value)
