"""The store's order index and the file encoding under random sequences of changes."""

from __future__ import annotations

import json

from annotation_fixtures import ARTICLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.annotations.record import record_to_annotation
from reader.annotations.sidecar import Encoder, dumps
from reader.annotations.store import AnnotationStore
from reader.document.model import Document

N = len(ARTICLE)

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, N - 1), st.integers(1, 60)),
        st.tuples(st.just("update"), st.integers(0, 50), st.sampled_from(["claim", "quote"])),
        st.tuples(st.just("delete"), st.integers(0, 50), st.just(0)),
        st.tuples(st.just("undo"), st.just(0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0), st.just(0)),
    ),
    max_size=40,
)


@settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS, probes=st.lists(st.integers(0, N), max_size=10))
def test_index_matches_brute_force(tmp_path, ops, probes):
    document = Document(path=str(tmp_path / "story.txt"), format="text", text=ARTICLE, blocks=[])
    store = AnnotationStore(document)  # not opened from disk
    store._saver.changed = lambda quiet=False: None  # nothing is saved
    for op, a, b in ops:
        current = list(store._collection.by_id().values())
        if op == "add":
            store.add(a, min(a + b, N))
        elif op in ("update", "delete") and current:
            target = current[a % len(current)].id
            if op == "update":
                store.update(target, category=b)
            else:
                store.delete(target)
        elif op == "undo":
            store.undo()
        elif op == "redo":
            store.redo()
        anns = list(store._collection.by_id().values())
        expected = sorted(anns, key=lambda x: (x.start, x.end, x.created, x.id))
        assert [x.id for x in store.annotations] == [x.id for x in expected]
        ranges = [(x.start, x.end) for x in anns]
        assert len(ranges) == len(set(ranges))  # never the same range twice
        for p in probes:
            covering = [x for x in anns if x.start <= p < x.end]
            assert {x.id for x in store.at(p)} == {x.id for x in covering}
            lengths = [x.end - x.start for x in store.at(p)]
            assert lengths == sorted(lengths)
            assert {x.id for x in store.overlapping(p, p + 20)} == {
                x.id for x in anns if x.start < p + 20 and x.end > p
            }


@settings(deadline=None, max_examples=60)
@given(note=st.text(), tag=st.text(min_size=1), other=st.dictionaries(st.text(), st.integers()))
def test_dumps_reads_back_whatever_is_written(note, tag, other):
    record = {
        "id": "a",
        "note": note,
        "tags": [tag],
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": note}]},
    }
    data = {"meta": {"1": {"schema": 1}}, "annotations": {"1": record}, "extra": {"1": other}}
    raw = dumps(data)
    assert json.loads(raw.decode("utf-8")) == data
    assert record_to_annotation(json.loads(raw)["annotations"]["1"]).note == note


def test_dumps_puts_one_document_per_line():
    rows = {str(i): {"id": str(i), "note": f"n{i}"} for i in range(3)}
    first = dumps({"annotations": rows})
    assert len(first.decode().splitlines()) == 2 + 3 + 2
    assert (
        dumps({"annotations": {"1": "\ud800"}})
        == b'{\n "annotations": {\n  "1": "\\ud800"\n }\n}\n'
    )


_ROW = st.dictionaries(st.text(max_size=4), st.one_of(st.text(max_size=5), st.integers()))


@settings(deadline=None, max_examples=80)
@given(
    rows=st.lists(_ROW, max_size=6),
    keep=st.lists(st.booleans(), max_size=6),
    other=st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
def test_an_encoder_reusing_rows_gives_the_bytes_of_a_fresh_one(rows, keep, other):
    encoder = Encoder()
    table = {str(i): row for i, row in enumerate(rows, start=1)}
    encoder.encode({"annotations": table, "x": other})
    # the next save: some documents equal (copies), others changed
    again = {
        k: (dict(row) if i < len(keep) and keep[i] else {**row, "n": i})
        for i, (k, row) in enumerate(table.items())
    }
    data = {"annotations": again, "x": other}
    raw = encoder.encode(data)
    assert raw == dumps(data) and json.loads(raw) == data
