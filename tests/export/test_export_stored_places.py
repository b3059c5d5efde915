"""An export reads the places the sidecar keeps, and parses the article only when they cannot
be trusted: the bytes are the same either way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.annotations import places
from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.export import reading
from reader.export.command import export_article
from reader.export.library import export_library

ARTICLE = (
    "Council Backs The Harbour Plan\n\nMarch 3, 2024 — Bench Wire\n\n"
    "The council met on Monday. It voted 7-2 to approve the plan. Dr. Ames abstained.\n\n"
    "Critics said the plan was rushed. Engineers warned of delays.\n"
    "The line goes on here.\n\n"
    "The mayor said work starts in June. Residents will be consulted first.\n"
)
QUOTES = ("It voted 7-2", "Engineers warned of delays.", "Residents will be")


def annotate(path: Path) -> None:
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for i, quote in enumerate(QUOTES):
            start = document.text.index(quote)
            store.add(start, start + len(quote), note=f"note {i}", tags=["t"] if i else [])
        store.set_article_note("about *this*")
        store.flush()
    finally:
        store.close()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "story.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    annotate(path)
    return path


def parsed_export(path: Path, monkeypatch, group: str = "order") -> str:
    """The export with the stored places ignored (as for a sidecar without them)."""
    with monkeypatch.context() as m:
        m.setattr(reading, "stored_places", lambda *args: None)
        return export_article(path, "markdown", group, path.parent)[0]


def no_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the article was parsed")

    monkeypatch.setattr(reading, "parse_text", refuse)


def test_the_sidecar_keeps_each_place_and_the_article_facts(article):
    data = json.loads(sidecar_path_for(article).read_text(encoding="utf-8"))
    document = load_document(article)
    key = places.place_key(document)
    facts = data["meta"]["1"]["article"]
    assert facts["key"] == key and facts["title"] == document.meta.title
    records = list(data["annotations"].values())
    assert all(places.fits(r["place"], key, *_span(r)) for r in records)
    assert sorted(r["place"]["at"][0] for r in records) == [3, 4, 5]


def _span(record: dict) -> tuple[int, int]:
    position = record["target"]["selector"][1]
    return position["start"], position["end"]


def test_an_export_from_stored_places_is_the_parsed_export(article, monkeypatch):
    expected = parsed_export(article, monkeypatch)
    by_category = parsed_export(article, monkeypatch, "category")
    assert "¶ 4, sentence 2" in expected and "[line 7]" in expected
    assert "Published: 2024-03-03" in expected
    no_parsing(monkeypatch)
    assert export_article(article, "markdown", "order", article.parent)[0] == expected
    assert export_article(article, "markdown", "category", article.parent)[0] == by_category
    folder, _ = export_library(article.parent, base_dir=article.parent)
    assert "¶ 4, sentence 2" in folder and "Council Backs The Harbour Plan" in folder


def test_a_folder_export_is_the_same_with_and_without_stored_places(article, monkeypatch):
    second = article.with_name("other.txt")
    shutil.copyfile(article, second)
    annotate(second)
    with monkeypatch.context() as m:
        m.setattr(reading, "stored_places", lambda *args: None)
        parsed = export_library(article.parent, base_dir=article.parent)[0]
    no_parsing(monkeypatch)
    assert export_library(article.parent, base_dir=article.parent)[0] == parsed


def test_a_changed_article_is_parsed_and_reanchored(article, monkeypatch):
    article.write_text("A NEW FIRST PARAGRAPH.\n\n" + ARTICLE, encoding="utf-8")
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    text = export_article(article, "markdown", "order", article.parent)[0]
    assert calls == [1]
    assert "¶ 5, sentence 2" in text and "[line 9]" in text  # moved down with the text
    assert text.count("**Claim**") == 3


def test_a_place_edited_by_hand_or_from_another_parser_is_not_trusted(article, monkeypatch):
    expected = parsed_export(article, monkeypatch)
    path = sidecar_path_for(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    record = next(iter(data["annotations"].values()))
    record["place"]["at"][0] = 99  # a wrong paragraph, still well-formed
    record["place"]["start"] += 1  # ... for another span than the record's
    path.write_text(json.dumps(data), encoding="utf-8")
    assert export_article(article, "markdown", "order", article.parent)[0] == expected


def test_places_from_another_parser_version_are_not_trusted(article, monkeypatch):
    expected = parsed_export(article, monkeypatch)
    monkeypatch.setattr(places, "parser_fingerprint", lambda: "another parser")
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert export_article(article, "markdown", "order", article.parent)[0] == expected
    assert calls == [1]


def test_a_sidecar_without_places_exports_as_before(article, monkeypatch):
    expected = parsed_export(article, monkeypatch)
    path = sidecar_path_for(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["meta"]["1"]["article"]
    for record in data["annotations"].values():
        del record["place"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert export_article(article, "markdown", "order", article.parent)[0] == expected


def test_a_note_edit_keeps_the_place_and_a_moved_highlight_gets_a_new_one(article):
    document = load_document(article)
    store = AnnotationStore.open(document)
    try:
        ann = store.annotations[0]
        store.update(ann.id, note="edited")
        store.delete(store.annotations[1].id)
        start = document.text.index("Critics said")
        store.add(start, start + 12)
        store.flush()
    finally:
        store.close()
    data = json.loads(sidecar_path_for(article).read_text(encoding="utf-8"))
    key = places.place_key(document)
    assert all(places.fits(r["place"], key, *_span(r)) for r in data["annotations"].values())
    at = {r["place"]["at"][0] for r in data["annotations"].values()}
    assert at == {3, 4, 5}
