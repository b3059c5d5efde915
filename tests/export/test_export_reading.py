"""An export reads a sidecar as the store loads it, without opening a store: the same
annotations (re-anchored in the text read now, in the store's order), article note and
problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.export.reading import read_for_export

TEXT = (
    "Harbour Plan\n\nThe council met on Monday. It voted 7-2 to approve the plan.\n\n"
    "Critics said the plan was rushed. Engineers warned of delays.\n"
)


def store_view(path: Path) -> tuple[list, str, str | None]:
    store = AnnotationStore.open(load_document(path), read_only=True)
    try:
        return list(store.annotations), store.article_note, store.problem
    finally:
        store.close()


def export_view(path: Path) -> tuple[list, str, str | None]:
    read = read_for_export(path)
    return read.annotations, read.article_note, read.problem


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for quote in ("Engineers warned", "It voted 7-2", "The council met"):
            start = document.text.index(quote)
            store.add(start, start + len(quote), note=quote.lower())
        store.set_article_note("the note")
        store.flush()
    finally:
        store.close()
    return path


def test_the_export_reads_what_the_store_holds(article):
    anns, note, problem = export_view(article)
    assert [a.exact for a in anns] == ["The council met", "It voted 7-2", "Engineers warned"]
    assert (anns, note, problem) == store_view(article)


def test_a_changed_article_is_reanchored_as_the_store_does(article):
    article.write_text("Added above.\n\n" + TEXT.replace("Critics said", "Some said"), "utf-8")
    anns, note, problem = export_view(article)
    assert (anns, note, problem) == store_view(article)
    text = article.read_text("utf-8")
    assert all(text[a.start : a.end] == a.exact for a in anns)


def test_a_repeated_id_keeps_both_records_as_the_store_does(article):
    sidecar = sidecar_path_for(article)
    data = json.loads(sidecar.read_text("utf-8"))
    first = dict(data["annotations"]["1"], note="edited later", modified="2999-01-01T00:00:00Z")
    data["annotations"]["99"] = first
    sidecar.write_text(json.dumps(data), "utf-8")
    anns, _, _ = export_view(article)
    assert "edited later" in [a.note for a in anns] and len(anns) == 4  # neither dropped
    assert export_view(article) == store_view(article)


def test_a_corrupt_sidecar_is_a_problem_naming_it(article):
    sidecar_path_for(article).write_bytes(b'{"annotations": {"1": ')
    anns, note, problem = export_view(article)
    assert anns == [] and note == ""
    assert problem is not None and sidecar_path_for(article).name in problem
    assert (anns, note, problem) == store_view(article)
