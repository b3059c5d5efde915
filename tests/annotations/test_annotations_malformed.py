"""Known fields of the wrong type are kept as found (never erased) and flagged."""

from __future__ import annotations

import json
from pathlib import Path

from reader.annotations.record import annotation_to_record, record_to_annotation
from reader.annotations.store import AnnotationStore


def sidecar_of(document) -> Path:
    return Path(f"{document.path}.annotations.json")


def test_a_malformed_record_round_trips_unchanged():
    record = {
        "id": "x1", "type": "Annotation", "category": 7, "tags": "a,b", "note": 5,
        "created": 20260101, "modified": "2026-01-01T00:00:00Z", "orphaned": "no",
        "target": {"source": "story.txt", "selector": [
            {"type": "TextQuoteSelector", "exact": "gone", "prefix": "", "suffix": ""},
            {"type": "TextPositionSelector", "start": "x", "end": "²"}]},
    }  # fmt: skip
    ann = record_to_annotation(record)
    assert ann.needs_attention and (ann.tags, ann.note, ann.category) == ([], "", "claim")
    assert annotation_to_record(ann, "story.txt") == record


def test_the_store_keeps_malformed_fields_until_they_are_edited(article):
    first = AnnotationStore.open(article)
    a = first.add(0, 7, note="fine")
    first.close()
    data = json.loads(sidecar_of(article).read_text(encoding="utf-8"))
    (record,) = data["annotations"].values()
    record.update({"tags": "a,b", "note": 5})
    sidecar_of(article).write_text(json.dumps(data), encoding="utf-8")

    store = AnnotationStore.open(article)
    assert store.get(a.id).needs_attention
    store.add(10, 20)  # any save rewrites the whole file
    store.flush()
    kept = json.loads(sidecar_of(article).read_text(encoding="utf-8"))["annotations"]
    assert {r["id"]: (r["tags"], r["note"]) for r in kept.values()}[a.id] == ("a,b", 5)
    store.update(a.id, note="fixed by hand")  # edited: the new value is written from now on
    store.close()
    kept = json.loads(sidecar_of(article).read_text(encoding="utf-8"))["annotations"]
    assert {r["id"]: (r["tags"], r["note"]) for r in kept.values()}[a.id] == (
        "a,b",
        "fixed by hand",
    )
    assert AnnotationStore.open(article, read_only=True).get(a.id).needs_attention  # tags


def test_a_meta_record_that_is_not_an_object_is_never_overwritten(article):
    store = AnnotationStore.open(article)
    store.add(0, 7)
    store.close()
    data = json.loads(sidecar_of(article).read_text(encoding="utf-8"))
    data["meta"]["1"] = [1]
    sidecar_of(article).write_text(json.dumps(data), encoding="utf-8")
    before = sidecar_of(article).read_bytes()
    store = AnnotationStore.open(article)
    assert store.problem and "unreadable meta record" in store.problem
    store.close()
    assert sidecar_of(article).read_bytes() == before
