"""The store's cheap open: the record decoder's fast path, skipping needless re-anchoring,
and the read-only open used by the export and listing verbs."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, make_document
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations import storage
from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore
from reader.errors import ReaderError

_TEXT = st.text(max_size=6)
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), _TEXT, st.lists(_TEXT))


def _written_record(draw) -> dict:
    ann = Annotation(
        id=draw(st.text(min_size=1, max_size=6)),
        category=draw(st.sampled_from(["claim", "quote", "odd"])),
        start=draw(st.integers(-1, 50)),
        end=draw(st.integers(-1, 60)),
        exact=draw(_TEXT),
        prefix=draw(_TEXT),
        suffix=draw(_TEXT),
        note=draw(_TEXT),
        tags=draw(st.lists(_TEXT, max_size=3)),
        created=draw(_TEXT),
        modified=draw(_TEXT),
        orphaned=draw(st.booleans()),
    )
    return storage.annotation_to_record(ann, draw(_TEXT))


@st.composite
def records(draw) -> dict:
    """A record as written, then maybe damaged in one or more places."""
    record = _written_record(draw)
    for _ in range(draw(st.integers(0, 3))):
        target = draw(
            st.sampled_from(
                ["record", "target", "quote", "position", "tags", "selector", "selector-dict"]
            )
        )
        key = draw(st.sampled_from(["id", "type", "start", "exact", "source", "extra", "end"]))
        value = draw(_VALUES)
        if target == "record":
            record[key] = value
        elif target == "target" and isinstance(record.get("target"), dict):
            record["target"][key] = value
        elif target in ("quote", "position"):
            selectors = (record.get("target") or {}).get("selector")
            if isinstance(selectors, list) and selectors:
                sel = selectors[0 if target == "quote" else -1]
                if isinstance(sel, dict):
                    if draw(st.booleans()):
                        sel[key] = value
                    else:
                        sel.pop(draw(st.sampled_from(sorted(sel) or ["type"])), None)
        elif target == "tags":
            tags = record.get("tags")
            tags = tags if isinstance(tags, list) else []
            record["tags"] = [*tags, value] if draw(st.booleans()) else value
        elif target == "selector" and isinstance(record.get("target"), dict):
            record["target"]["selector"] = draw(st.sampled_from([[], None, "x"]))
        elif target == "selector-dict" and isinstance(record.get("target"), dict):
            selectors = record["target"].get("selector")
            if isinstance(selectors, list) and selectors:
                record["target"]["selector"] = selectors[0]
        if draw(st.booleans()):
            record.pop(draw(st.sampled_from(sorted(record) or ["id"])), None)
    return record


@settings(deadline=None, max_examples=400)
@given(records())
def test_fast_decoder_agrees_with_the_general_one(record):
    before = copy.deepcopy(record)
    fast = storage._fast_record_to_annotation(record)
    try:
        general = storage._general_record_to_annotation(record)
    except ValueError:
        general = None
    if fast is not None:
        assert fast == general
    assert record == before  # decoding never changes the record


def test_fast_decoder_takes_the_written_shape():
    ann = Annotation.create(ARTICLE, 0, 7, "evidence", "a note", ["x", "y"])
    record = storage.annotation_to_record(ann, "story.txt")
    assert storage._fast_record_to_annotation(record) == ann
    record["extra_field"] = 1
    assert storage._fast_record_to_annotation(record) is None
    assert storage.record_to_annotation(record).extra == {"extra_field": 1}


def _write_sidecar(document, anns: list[Annotation], sha: str) -> Path:
    path = storage.sidecar_path_for(document.path)
    records = [storage.annotation_to_record(a, Path(document.path).name) for a in anns]
    meta = {"schema": 1, "sha256": sha, "source": Path(document.path).name}
    storage.SidecarStorage(path).write(storage.encode(records, meta, {}))
    return path


def _ann(text: str, quote: str, **kw) -> Annotation:
    start = text.index(quote)
    return Annotation.create(text, start, start + len(quote), **kw)


def test_open_keeps_still_anchored_annotations_as_decoded(tmp_path):
    document = make_document(tmp_path / "story.txt", ARTICLE)
    anns = [_ann(ARTICLE, "Critics said"), _ann(ARTICLE, "Engineers warned", note="n")]
    _write_sidecar(document, anns, document.sha256)
    store = AnnotationStore.open(document)
    try:
        assert {a.id: a for a in store.annotations} == {a.id: a for a in anns}
        # the decoded records are reused by the first save: no re-encoding needed
        assert set(store._record_cache) == {a.id for a in anns}
        assert store._change_seq == 0  # nothing to save
    finally:
        store.close()


def test_short_context_is_still_refreshed_on_open(tmp_path):
    """A stored prefix shorter than the text allows (e.g. imported) is not 'still anchored':
    re-anchoring refreshes it and the store saves it, as before the fast path."""
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
    assert store._thread is None
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == listing  # no lock file, no temp file


def test_read_only_open_of_a_corrupt_sidecar_reports_the_problem(tmp_path):
    document = make_document(tmp_path / "story.txt", ARTICLE)
    storage.sidecar_path_for(document.path).write_text("{not json", encoding="utf-8")
    store = AnnotationStore.open(document, read_only=True)
    assert store.problem is not None and "not valid JSON" in store.problem
    assert store.annotations == []


_ROW = st.dictionaries(st.text(max_size=4), st.one_of(st.text(max_size=5), st.integers()))


@settings(deadline=None, max_examples=80)
@given(
    rows=st.lists(_ROW, max_size=6),
    keep=st.lists(st.booleans(), max_size=6),
    other=st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
def test_dumps_with_cached_rows_gives_the_same_bytes(rows, keep, other):
    table = {str(i): row for i, row in enumerate(rows, start=1)}
    cache: dict = {}
    storage.dumps({"annotations": table, "x": other}, None, cache)
    # the next save: some rows are the same objects, others new (equal or changed)
    again = {
        k: (row if i < len(keep) and keep[i] else {**row, "n": i})
        for i, (k, row) in enumerate(table.items())
    }
    data = {"annotations": again, "x": other}
    raw = storage.dumps(data, cache, {})
    assert raw == storage.dumps(data)
    assert json.loads(raw) == data


def test_saved_rows_are_in_file_order_after_many_changes(tmp_path):
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
        expected = sorted(
            (a for a in store.annotations),
            key=lambda a: (a.orphaned, a.start, a.end, a.id),
        )
        assert [r["id"] for r in records] == [a.id for a in expected]
        assert [storage.record_to_annotation(r) for r in records] == expected
    finally:
        store.close()
