"""AnnotationStore: changes, undo/redo, the sidecar file, corrupt and read-only sidecars."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, make_document
from tinydb import Query, TinyDB

from reader.annotations import sidecar as sidecar_module
from reader.annotations import store as store_module
from reader.annotations.merge import NOTE_SEPARATOR
from reader.annotations.model import SCHEMA_VERSION
from reader.annotations.store import AnnotationStore
from reader.errors import NotFoundError, ReaderError


def span(text: str, quote: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def read_sidecar(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def stored_ids(path: Path) -> set[str]:
    return {rec["id"] for rec in read_sidecar(path)["annotations"].values()}


def test_open_and_read_creates_nothing(article, open_store, tmp_path):
    store = open_store(article)
    assert store.annotations == [] and store.problem is None and store.writable
    assert store.at(10) == [] and store.overlapping(0, 100) == []
    store.flush()
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_first_annotation_creates_the_sidecar_and_leaves_no_lock_file(
    article, open_store, tmp_path
):
    store = open_store(article)
    s, e = span(ARTICLE, "Critics said the cost estimate was too low.")
    ann = store.add(s, e, "disputed", note="Which critics?", tags=["budget", "budget", " "])
    store.flush()
    assert store.sidecar_path == tmp_path / "story.txt.annotations.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "story.txt",
        "story.txt.annotations.json",
    ]
    data = read_sidecar(store.sidecar_path)
    meta = data["meta"]["1"]
    assert meta["schema"] == SCHEMA_VERSION and meta["sha256"] == article.sha256
    (rec,) = data["annotations"].values()
    assert rec["id"] == ann.id and rec["category"] == "disputed"
    assert rec["tags"] == ["budget"] and rec["note"] == "Which critics?"
    assert rec["created"].endswith("Z") and rec["modified"].endswith("Z")
    quote, position = rec["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == ARTICLE[s:e]
    assert quote["prefix"] == ARTICLE[s - 32 : s] and quote["suffix"] == ARTICLE[e : e + 32]
    assert position == {"type": "TextPositionSelector", "start": s, "end": e}
    # A plain TinyDB reads the file.
    with TinyDB(store.sidecar_path) as db:
        assert [doc["id"] for doc in db.table("annotations").all()] == [ann.id]
        assert db.table("annotations").get(Query().category == "disputed")["note"] == (
            "Which critics?"
        )


def test_add_update_delete_and_reopen(article, open_store):
    store = open_store(article)
    a = store.add(*span(ARTICLE, "The mayor said the bridge would open in 2027.", 1))
    b = store.add(*span(ARTICLE, "Engineers warned that the river bed is unstable."), "evidence")
    c = store.add(*span(ARTICLE, "the river bed"), "question")
    assert [x.id for x in store.annotations] == [a.id, b.id, c.id]
    # at(): innermost first; overlapping(): document order.
    inside = ARTICLE.index("river bed")
    assert [x.id for x in store.at(inside)] == [c.id, b.id]
    assert [x.id for x in store.overlapping(0, len(ARTICLE))] == [a.id, b.id, c.id]
    assert store.at(b.end) == []

    v = store.version
    updated = store.update(a.id, category="claim", note="Second claim of the date", tags=["date"])
    assert store.version > v and updated.note == "Second claim of the date"
    assert updated.modified >= a.modified and store.get(a.id) is updated
    assert store.delete(c.id).id == c.id and store.get(c.id) is None
    store.set_article_note("Follow up on the bridge.")
    store.close()

    again = open_store(article)
    assert [x.id for x in again.annotations] == [a.id, b.id]
    assert again.get(a.id).tags == ["date"] and again.get(b.id).category == "evidence"
    assert again.article_note == "Follow up on the bridge."


def test_same_range_never_stored_twice(article, open_store):
    store = open_store(article)
    s, e = span(ARTICLE, "Critics said the cost estimate was too low.")
    first = store.add(s, e, "claim")
    assert store.add(s, e, "evidence") is first
    store.close()
    assert len(read_sidecar(store.sidecar_path)["annotations"]) == 1


def test_bad_input_raises_reader_errors(article, open_store):
    store = open_store(article)
    with pytest.raises(ReaderError, match="unknown category"):
        store.add(0, 5, "opinion")
    with pytest.raises(ReaderError, match="cannot highlight"):
        store.add(5, 5)
    with pytest.raises(ReaderError, match="cannot highlight"):
        store.add(0, len(ARTICLE) + 1)
    ann = store.add(0, 7)
    with pytest.raises(ReaderError, match="cannot change"):
        store.update(ann.id, start=3)
    with pytest.raises(NotFoundError):
        store.delete("no-such-id")


def test_undo_redo_every_kind_of_change(article, open_store):
    store = open_store(article)
    assert store.undo() is None and store.redo() is None
    a = store.add(*span(ARTICLE, "Critics said the cost estimate was too low."), "claim")
    store.update(a.id, note="n1")
    store.update(a.id, category="evidence")
    store.set_article_note("article note")
    store.delete(a.id)

    assert store.undo() == "delete Evidence highlight" and store.get(a.id).category == "evidence"
    assert store.undo() == "edit article note" and store.article_note == ""
    assert store.undo() == "change highlight to Evidence" and store.get(a.id).category == "claim"
    assert store.undo() == "edit note" and store.get(a.id).note == ""
    assert store.undo() == "add Claim highlight" and store.get(a.id) is None
    assert store.undo() is None

    assert store.redo() == "add Claim highlight" and store.get(a.id) is not None
    assert store.redo() == "edit note" and store.get(a.id).note == "n1"
    # A new change clears redo.
    store.update(a.id, tags=["t"])
    assert store.redo() is None
    store.close()
    again = open_store(article)
    assert again.get(a.id).note == "n1" and again.get(a.id).tags == ["t"]


def test_undo_of_delete_survives_save_in_between(article, open_store):
    store = open_store(article)
    a = store.add(0, 7)
    store.flush()
    store.delete(a.id)
    store.flush()
    assert stored_ids(store.sidecar_path) == set()
    store.undo()
    store.flush()
    assert stored_ids(store.sidecar_path) == {a.id}


def test_unknown_fields_tables_and_keys_are_preserved(article, open_store):
    store = open_store(article)
    a = store.add(0, 7)
    store.close()
    path = store.sidecar_path
    data = read_sidecar(path)
    rec = data["annotations"]["1"]
    rec["colour_hint"] = {"r": 1}
    rec["target"]["scope"] = "article"
    rec["target"]["selector"].append({"type": "XPathSelector", "value": "/p[1]"})
    data["meta"]["1"]["written_by"] = "another tool"
    data["reading_positions"] = {"1": {"offset": 99}}
    path.write_text(json.dumps(data), encoding="utf-8")

    again = open_store(article)
    assert again.get(a.id).extra["colour_hint"] == {"r": 1}
    again.update(a.id, note="edited")
    again.add(10, 20)
    again.close()
    out = read_sidecar(path)
    assert out["reading_positions"] == {"1": {"offset": 99}}
    assert out["meta"]["1"]["written_by"] == "another tool"
    (rec,) = [r for r in out["annotations"].values() if r["id"] == a.id]
    assert rec["colour_hint"] == {"r": 1} and rec["note"] == "edited"
    assert rec["target"]["scope"] == "article"
    assert {"type": "XPathSelector", "value": "/p[1]"} in rec["target"]["selector"]


def test_a_burst_of_changes_costs_about_one_write(article, open_store, monkeypatch):
    writes = []
    original = sidecar_module.write_atomic

    def counting(path, payload):
        writes.append(len(payload))
        return original(path, payload)

    monkeypatch.setattr(sidecar_module, "write_atomic", counting)
    store = open_store(article)
    for i in range(20):
        store.add(i * 3, i * 3 + 2, note=str(i))
    store.flush()
    assert 1 <= len(writes) <= 3
    assert len(stored_ids(store.sidecar_path)) == 20


def test_store_changes_are_visible_before_the_write(article, open_store):
    store = open_store(article)
    v = store.version
    a = store.add(0, 7)
    assert store.version > v and store.get(a.id) is a  # in memory at once


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"annotations": {"1": {"id": "x",\n\n  "note": }', "is not valid JSON (line 3)"),
        (json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}}), "newer margin-reader"),
        ("[1, 2]", "not an annotations file"),
        (b"\xff\xfe{}", "not valid UTF-8"),
    ],
)
def test_corrupt_sidecar_is_never_overwritten(article, open_store, content, expected):
    path = Path(article.path + ".annotations.json")
    data = content if isinstance(content, bytes) else content.encode()
    path.write_bytes(data)
    store = open_store(article)
    assert store.problem is not None and expected in store.problem
    assert store.problem.startswith("story.txt.annotations.json")
    assert "annotating is off" not in store.problem  # each screen or verb says what follows
    assert not store.writable
    for attempt in (
        lambda: store.add(0, 7),
        lambda: store.set_article_note("x"),
        lambda: store.undo(),
    ):
        with pytest.raises(ReaderError, match="moved aside"):
            attempt()
    store.flush()
    assert path.read_bytes() == data

    moved = store.move_aside()
    assert moved.name.startswith("story.txt.annotations.json.corrupt-")
    assert moved.read_bytes() == data and not path.exists()
    assert store.problem is None and store.writable
    ann = store.add(0, 7)
    store.flush()
    assert stored_ids(path) == {ann.id}


def test_sidecar_corrupted_by_someone_else_while_open_is_not_overwritten(article, open_store):
    store = open_store(article)
    store.add(0, 7)
    store.flush()
    garbage = b'{"annotations": tru'
    store.sidecar_path.write_bytes(garbage)
    later = store.add(10, 20)
    store.flush()
    assert store.sidecar_path.read_bytes() == garbage
    assert store.problem is not None and "not valid JSON" in store.problem
    assert store.get(later.id) is not None and store.unsaved


def _fail_writes(monkeypatch):
    def refuse(path, payload):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", refuse)


def test_write_refused_keeps_annotations_in_memory_and_retries(article, open_store, monkeypatch):
    _fail_writes(monkeypatch)
    store = open_store(article)
    a = store.add(0, 7, note="kept")
    store.flush()
    assert store.unsaved and store.warning is not None
    assert "read-only" in store.warning and "kept in memory" in store.warning
    assert [x.id for x in store.annotations] == [a.id] and store.get(a.id).note == "kept"
    assert not store.sidecar_path.exists()
    # The folder becomes writable again: the next flush saves everything.
    monkeypatch.undo()
    store.flush()
    assert not store.unsaved and stored_ids(store.sidecar_path) == {a.id}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder(tmp_path, open_store):
    folder = tmp_path / "ro"
    folder.mkdir()
    document = make_document(folder / "story.txt", ARTICLE)
    folder.chmod(0o555)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
        except PermissionError:
            pass
        else:
            probe.unlink()
            pytest.skip("this user can write to read-only folders (root)")
        store = open_store(document)
        a = store.add(0, 7)
        store.flush()
        assert store.unsaved and store.warning and store.get(a.id) is not None
    finally:
        folder.chmod(0o755)


def test_reload_if_changed_merges_another_process(article, open_store):
    mine = open_store(article)
    other = AnnotationStore.open(article)
    assert mine.reload_if_changed() is False  # nothing on disk yet
    a = mine.add(0, 7)
    mine.flush()
    b = other.add(10, 20, note="from the other window")
    other.close()
    pending = mine.add(30, 40)  # a local change not yet merged
    assert mine.reload_if_changed() is True
    assert {x.id for x in mine.annotations} == {a.id, b.id, pending.id}
    assert mine.reload_if_changed() is False  # cheap: unchanged stamp
    mine.flush()
    assert stored_ids(mine.sidecar_path) == {a.id, b.id, pending.id}


def test_deletion_is_not_resurrected_by_merge(article, open_store):
    first = open_store(article)
    a = first.add(0, 7)
    keep = first.add(10, 20)
    first.flush()
    second = AnnotationStore.open(article)
    assert second.get(a.id) is not None
    second.delete(a.id)
    second.close()
    # The first process never saw the delete; its next save must not bring `a` back.
    first.update(keep.id, note="edited meanwhile")
    first.flush()
    assert stored_ids(first.sidecar_path) == {keep.id}
    assert first.get(a.id) is None


def test_same_annotation_edited_in_two_processes_keeps_both_notes(article, open_store, monkeypatch):
    first = open_store(article)
    a = first.add(0, 7)
    first.flush()
    second = AnnotationStore.open(article)
    monkeypatch.setattr(store_module, "utc_now", lambda: "2030-01-01T00:00:00Z")
    first.update(a.id, note="older edit")
    monkeypatch.setattr(store_module, "utc_now", lambda: "2031-01-01T00:00:00Z")
    second.update(a.id, note="newer edit")
    second.close()
    first.flush()  # merges: both texts are kept (merge.py; the order is the merger's)
    # The first store's own write may already have landed before the second's (the writer
    # thread runs on its own clock), in which case flush has nothing to do: pull the file.
    first.reload_if_changed()
    parts = set(first.get(a.id).note.split(NOTE_SEPARATOR))
    assert parts == {"older edit", "newer edit"}
    assert read_sidecar(first.sidecar_path)["annotations"]["1"]["note"] == first.get(a.id).note


def test_sidecar_deleted_while_open_is_rewritten_from_memory(article, open_store):
    store = open_store(article)
    a = store.add(0, 7)
    store.flush()
    store.sidecar_path.unlink()
    b = store.add(10, 20)
    store.flush()
    assert stored_ids(store.sidecar_path) == {a.id, b.id}


def test_stale_temp_files_are_cleaned_under_the_lock(article, open_store):
    """A temporary file whose writer (its pid is in the name) is gone is removed."""
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    store = open_store(article)
    stale = store.sidecar_path.with_name(
        f".{store.sidecar_path.name}{sidecar_module.TEMP_MARK}{int(dead.stdout)}-2"
    )
    stale.write_text("{")
    store.add(0, 7)
    store.flush()
    assert not stale.exists()


def test_move_aside_refuses_a_healthy_sidecar(article, open_store):
    store = open_store(article)
    store.add(0, 7)
    store.flush()
    before = store.sidecar_path.read_bytes()
    with pytest.raises(ReaderError, match="nothing to move aside"):
        store.move_aside()
    assert store.sidecar_path.read_bytes() == before


def test_reload_notices_a_sidecar_corrupted_by_someone_else(article, open_store):
    store = open_store(article)
    a = store.add(0, 7)
    store.flush()
    store.sidecar_path.write_text("{")
    # The saver thread may still hold the store a moment after flush() (reload_if_changed
    # then leaves the file to the next call, as the app's next poll does).
    deadline = time.monotonic() + 5
    while not store.reload_if_changed():
        assert time.monotonic() < deadline, "the corrupted sidecar was never noticed"
        time.sleep(0.01)
    assert store.problem is not None and not store.writable
    assert store.get(a.id) is not None  # what was in memory stays readable


def test_add_annotation_for_import(article, open_store, tmp_path):
    from reader.annotations.model import Annotation

    other_text = "Preface.\n" + ARTICLE
    store = open_store(article)
    s, e = span(ARTICLE, "Critics said the cost estimate was too low.")
    existing = store.add(s, e, note="mine")

    # Anchored against another version of the text: re-anchored here.
    s2, e2 = span(other_text, "Engineers warned that the river bed is unstable.")
    incoming = Annotation.create(other_text, s2, e2, "evidence", note="imported")
    status, stored = store.add_annotation(incoming)
    assert status == "added" and stored.id == incoming.id
    assert ARTICLE[stored.start : stored.end] == incoming.exact

    # Same id again, or the same range under another id: matched, never stored twice.
    assert store.add_annotation(incoming)[0] == "matched"
    s3, e3 = span(other_text, "Critics said the cost estimate was too low.")
    same_range = Annotation.create(other_text, s3, e3, "claim")
    status, matched = store.add_annotation(same_range)
    assert status == "matched" and matched.id == existing.id

    # A copy of a stored annotation with another note: both texts are kept (issue 13.3),
    # and a newer copy's category wins.
    newer = incoming.replace(note="newer", category="claim", modified="2999-01-01T00:00:00Z")
    status, updated = store.add_annotation(newer)
    assert status == "merged" and updated.id == incoming.id
    assert store.get(incoming.id).note == f"imported{NOTE_SEPARATOR}newer"
    assert store.get(incoming.id).category == "claim"
    assert store.add_annotation(newer)[0] == "matched"  # nothing new the second time

    # A quote that is not in this article: kept as an orphan.
    lost = Annotation.create("Nothing like this sentence appears anywhere.", 0, 20, "quote")
    status, orphan = store.add_annotation(lost)
    assert status == "orphaned" and orphan.orphaned
    assert store.annotations[-1].id == orphan.id
    assert len(store.annotations) == 3
    assert store.undo() == "import annotation" and store.get(orphan.id) is None


def test_the_sidecar_storage_serves_a_plain_tinydb(article, open_store, tmp_path):
    path = tmp_path / "story.txt.annotations.json"
    with TinyDB(path, storage=sidecar_module.SidecarStorage) as db:
        db.table("reading_positions").insert({"offset": 5})
    store = open_store(article)
    a = store.add(0, 7, note="kept")
    store.flush()
    with TinyDB(path, storage=sidecar_module.SidecarStorage) as db:
        assert db.table("reading_positions").all() == [{"offset": 5}]
        (found,) = db.table("annotations").search(Query().id == a.id)
        assert found["note"] == "kept" and found["target"]["selector"][1]["end"] == 7
