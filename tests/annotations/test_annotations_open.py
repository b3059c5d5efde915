"""Opening a store: annotations still anchored are kept as stored (nothing to save), others
are re-anchored, and the read-only open used by the export and listing verbs writes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, make_document

from reader.annotations.merge import merge_sidecars
from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record, record_to_annotation
from reader.annotations.sidecar import SidecarStorage, sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.errors import ReaderError


def _write_sidecar(document, anns: list[Annotation], sha: str) -> Path:
    path = sidecar_path_for(document.path)
    records = [annotation_to_record(a, Path(document.path).name) for a in anns]
    meta = {"schema": 1, "sha256": sha, "source": Path(document.path).name}
    annotations = {str(i): record for i, record in enumerate(records, start=1)}
    SidecarStorage(path).write({"meta": {"1": meta}, "annotations": annotations})
    return path


def _ann(text: str, quote: str, **kw) -> Annotation:
    start = text.index(quote)
    return Annotation.create(text, start, start + len(quote), **kw)


def test_open_keeps_still_anchored_annotations_as_decoded(tmp_path):
    document = make_document(tmp_path / "story.txt", ARTICLE)
    anns = [_ann(ARTICLE, "Critics said"), _ann(ARTICLE, "Engineers warned", note="n")]
    path = _write_sidecar(document, anns, document.sha256)
    before = path.stat()
    store = AnnotationStore.open(document)
    try:
        assert {a.id: a for a in store.annotations} == {a.id: a for a in anns}
        store.flush()
    finally:
        store.close()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not saved


def test_short_context_is_still_refreshed_on_open(tmp_path):
    """A stored prefix shorter than the text allows (e.g. imported) is not 'still anchored':
    re-anchoring refreshes it and the store saves it, as any change of context is."""
    document = make_document(tmp_path / "story.txt", ARTICLE)
    ann = _ann(ARTICLE, "Critics said")
    ann.prefix = ann.prefix[-5:]
    path = _write_sidecar(document, [ann], document.sha256)
    store = AnnotationStore.open(document)
    try:
        assert store.get(ann.id).prefix == ARTICLE[ann.start - 32 : ann.start]
        store.flush()
    finally:
        store.close()
    record = json.loads(path.read_text())["annotations"]["1"]
    assert record["target"]["selector"][0]["prefix"] == ARTICLE[ann.start - 32 : ann.start]


def test_read_only_open_reanchors_in_memory_and_writes_nothing(tmp_path):
    old = make_document(tmp_path / "story.txt", ARTICLE)
    anns = [_ann(ARTICLE, "Critics said"), _ann(ARTICLE, "7-2")]
    path = _write_sidecar(old, anns, old.sha256)
    changed = "A new first paragraph.\n\n" + ARTICLE.replace("7-2", "seven to two")
    document = make_document(tmp_path / "story.txt", changed)
    before = path.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    store = AnnotationStore.open(document, read_only=True)
    try:
        moved = store.get(anns[0].id)
        assert changed[moved.start : moved.end] == "Critics said"
        assert moved.start == changed.index("Critics said")
        assert store.get(anns[1].id).orphaned
        assert not store.writable
        with pytest.raises(ReaderError, match="read-only"):
            store.add(0, 3)
        with pytest.raises(ReaderError, match="read-only"):
            store.delete(anns[0].id)
        store.flush()
    finally:
        store.close()
    assert store._saver._thread is None
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == listing  # no lock file, no temp file


def test_read_only_open_of_a_corrupt_sidecar_reports_the_problem(tmp_path):
    document = make_document(tmp_path / "story.txt", ARTICLE)
    sidecar_path_for(document.path).write_text("{not json", encoding="utf-8")
    store = AnnotationStore.open(document, read_only=True)
    assert store.problem is not None and "not valid JSON" in store.problem
    assert store.annotations == []


def test_the_file_holds_what_the_store_holds_after_many_changes(tmp_path):
    document = make_document(tmp_path / "story.txt", ARTICLE)
    store = AnnotationStore.open(document)
    try:
        words = [i for i, ch in enumerate(ARTICLE) if ch == " "]
        made = []
        for n, pos in enumerate(words[::-3]):
            made.append(store.add(pos + 1, pos + 4 + n % 5))
            if n % 4 == 0:
                store.flush()
        store.delete(made[2].id)
        store.update(made[5].id, note="changed")
        store.flush()
        path = store.sidecar_path
        records = list(json.loads(path.read_bytes())["annotations"].values())
        decoded = sorted((record_to_annotation(r) for r in records), key=lambda a: a.id)
        assert decoded == sorted(store.annotations, key=lambda a: a.id)
    finally:
        store.close()


def test_a_sidecar_of_the_previous_version_opens_and_keeps_its_meta(tmp_path):
    """Earlier versions kept derived data (the highlights' places) in the meta record: such a
    file opens as any other, and unknown meta keys survive a rewrite."""
    document = make_document(tmp_path / "story.txt", ARTICLE)
    ann = _ann(ARTICLE, "Critics said")
    path = _write_sidecar(document, [ann], document.sha256)
    data = json.loads(path.read_bytes())
    data["meta"]["1"]["places"] = {"sha256": document.sha256, "at": {"start": [ann.start]}}
    path.write_text(json.dumps(data), encoding="utf-8")
    store = AnnotationStore.open(document)
    try:
        assert store.problem is None and [a.id for a in store.annotations] == [ann.id]
        store.add(0, 3)
        store.flush()
    finally:
        store.close()
    meta = json.loads(path.read_bytes())["meta"]["1"]
    assert meta["places"]["at"] == {"start": [ann.start]}
    assert len(json.loads(path.read_bytes())["annotations"]) == 2


def test_merging_two_annotations_under_one_doc_id_keeps_both():
    def doc(id, note=""):
        return {"id": id, "note": note, "modified": "2030-01-01T00:00:00Z"}

    base = {"annotations": {"1": doc("a")}}
    mine = {"annotations": {"1": doc("a"), "2": doc("mine")}}
    theirs = {"annotations": {"1": doc("a", "edited"), "2": doc("theirs")}}
    merged = merge_sidecars(base, mine, theirs)["annotations"]
    assert sorted(d["id"] for d in merged.values()) == ["a", "mine", "theirs"]
    assert merged["1"]["note"] == "edited" and merged["2"]["id"] == "mine"
    assert len(set(merged)) == 3
