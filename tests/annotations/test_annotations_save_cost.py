"""What keeps a save proportional to what changed: tables that replace the documents they
change, an encoder that reuses the line of every document it saw, and a storage that merges
only when the file holds something else than what it last read or wrote."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from annotation_fixtures import ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from reader.annotations.sidecar import Encoder, SidecarStorage, dumps
from reader.annotations.tables import SidecarTinyDB


def _ops(db: TinyDB) -> None:
    """Every kind of TinyDB change, as the store and a script may make them."""
    t = db.table("annotations")
    t.insert(Document({"id": "a", "note": "1"}, doc_id=1))
    t.insert({"id": "b", "note": "2", "tags": ["x"]})
    t.insert_multiple([{"id": "c"}, {"id": "d"}])
    t.update({"note": "changed"}, doc_ids=[1])
    t.update(lambda doc: doc.update(note="by a function"), doc_ids=[2])
    t.update({"seen": True}, Query().id == "c")
    t.upsert(Document({"id": "a", "extra": 5}, doc_id=1))
    t.upsert({"id": "e"}, Query().id == "e")
    t.remove(doc_ids=[4])
    t.remove(Query().id == "nobody")
    db.table("meta").insert({"schema": 1})
    db.table("gone").insert({"x": 1})
    db.table("gone").truncate()


def test_the_tables_change_what_tinydb_changes():
    ours = SidecarTinyDB(storage=MemoryStorage)
    plain = TinyDB(storage=MemoryStorage)
    _ops(ours)
    _ops(plain)
    assert ours.storage.read() == plain.storage.read()
    assert ours.table("annotations").search(Query().seen == True) == [  # noqa: E712
        {"id": "c", "seen": True}
    ]


def test_a_stored_document_is_never_changed_in_place():
    db = SidecarTinyDB(storage=MemoryStorage)
    t = db.table("annotations")
    t.insert_multiple([{"id": "a", "note": ""}, {"id": "b", "note": ""}])
    before = dict(db.storage.read()["annotations"])
    snapshot = {k: dict(v) for k, v in before.items()}
    t.update({"note": "new"}, doc_ids=[1])
    t.update(lambda doc: doc.clear(), Query().id == "b")
    assert {k: dict(v) for k, v in before.items()} == snapshot  # the old objects as they were
    after = db.storage.read()["annotations"]
    assert after["1"] is not before["1"] and after["1"]["note"] == "new"
    assert after["2"] == {}


def test_an_unchanged_document_is_not_encoded_again(monkeypatch):
    from reader.annotations import sidecar

    db = SidecarTinyDB(storage=MemoryStorage)
    t = db.table("annotations")
    t.insert_multiple({"id": str(i), "note": f"n{i}"} for i in range(50))
    encoder = Encoder()
    first = encoder.encode(db.storage.read())
    encoded: list[object] = []
    real = sidecar._json
    monkeypatch.setattr(sidecar, "_json", lambda v: encoded.append(v) or real(v))
    t.update({"note": "changed"}, doc_ids=[7])
    data = db.storage.read()
    raw = encoder.encode(data)
    docs = [v for v in encoded if isinstance(v, dict)]
    assert docs == [{"id": "6", "note": "changed"}]
    assert raw == dumps(data) != first and json.loads(raw) == data


_ROW = st.dictionaries(st.sampled_from("abc"), st.one_of(st.text(max_size=3), st.integers()))


@settings(deadline=None, max_examples=60)
@given(
    first=st.lists(_ROW, max_size=6),
    changes=st.lists(st.tuples(st.integers(1, 8), st.one_of(st.none(), _ROW)), max_size=8),
)
def test_saves_after_changes_give_the_bytes_of_a_fresh_encoding(first, changes):
    db = SidecarTinyDB(storage=MemoryStorage)
    t = db.table("annotations")
    t.insert_multiple(first)
    encoder = Encoder()
    encoder.encode(db.storage.read())
    for doc_id, row in changes:
        if row is None:
            t.remove(doc_ids=[doc_id])
        elif t.contains(doc_id=doc_id):
            t.update(lambda doc, row=row: (doc.clear(), doc.update(row)), doc_ids=[doc_id])
        else:
            t.insert(Document(row, doc_id=doc_id))
        data = db.storage.read()
        assert encoder.encode(data) == dumps(data)


def test_a_lone_surrogate_escapes_its_own_document_only():
    raw = dumps({"annotations": {"1": {"note": "caf\u00e9"}, "2": {"note": "\ud800"}}})
    assert "café".encode() in raw and b"\\ud800" in raw
    assert json.loads(raw)["annotations"]["2"]["note"] == "\ud800"


# -- the storage: merge only what another process changed --------------------------------------


@pytest.fixture
def path(tmp_path):
    return tmp_path / "story.txt.annotations.json"


def _data(*notes: str) -> dict:
    return {
        "meta": {"1": {"schema": 1}},
        "annotations": {str(i): {"id": f"a{i}", "note": n} for i, n in enumerate(notes, 1)},
    }


def test_a_file_touched_or_copied_back_is_not_merged(path, tmp_path):
    storage = SidecarStorage(path)
    storage.write(_data("one"))
    os.utime(path, ns=(1, 1))  # the stamp changed, the bytes did not
    assert storage.changed_on_disk()
    storage.write(_data("two"))
    assert not storage.merged
    shutil.copyfile(path, tmp_path / "copy")
    os.replace(tmp_path / "copy", path)  # a new inode with the same bytes
    storage.write(_data("three"))
    assert not storage.merged and json.loads(path.read_bytes()) == _data("three")


def test_another_writer_of_the_same_size_is_merged(path):
    ours, theirs = SidecarStorage(path), SidecarStorage(path)
    ours.write(_data("one"))
    theirs.read()
    theirs.write(_data("uno"))  # as long as "one": the stamp may differ only by inode/time
    ours.write({**_data("one"), "annotations": {**_data("one")["annotations"], "2": {"id": "b"}}})
    assert ours.merged
    notes = {d["id"]: d.get("note") for d in json.loads(path.read_bytes())["annotations"].values()}
    assert notes == {"a1": "uno", "b": None}


def test_a_store_keeps_what_another_process_wrote_under_it(article, open_store, path):
    store = open_store(article)
    first = store.add(0, 7, note="mine")
    store.flush()
    other = SidecarStorage(path)
    data = other.read()
    doc_id, doc = next(iter(data["annotations"].items()))
    data["annotations"][doc_id] = {**doc, "note": "theirs", "modified": "2999-01-01T00:00:00Z"}
    other.write(data)
    second = store.add(ARTICLE.index("Critics"), ARTICLE.index("Critics") + 7)
    store.flush()
    records = json.loads(path.read_bytes())["annotations"].values()
    assert {r["id"]: r["note"] for r in records} == {first.id: "theirs", second.id: ""}
    assert store.get(first.id).note == "theirs"
    # and the next save (nothing changed under it since) writes only our own change
    store.update(second.id, note="later")
    store.flush()
    records = json.loads(path.read_bytes())["annotations"].values()
    assert {r["id"]: r["note"] for r in records} == {first.id: "theirs", second.id: "later"}
