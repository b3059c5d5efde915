"""Two windows, one note: a 3-way merge keeps both texts and folds same-range highlights."""

from __future__ import annotations

import json

from reader.annotations.merge import NOTE_SEPARATOR, merge_records
from reader.annotations.store import AnnotationStore


def records(path) -> list[dict]:
    return list(json.loads(path.read_text(encoding="utf-8"))["annotations"].values())


def record(note: str, modified: str, tags=(), category="claim") -> dict:
    return {"id": "a", "note": note, "tags": list(tags), "category": category,
            "modified": modified}  # fmt: skip


def test_a_note_both_sides_edited_keeps_both_texts_once():
    base = {"a": record("old", "2030-01-01")}
    mine = {"a": record("EDIT-FROM-A", "2030-01-02", ["x"])}
    theirs = {"a": record("EDIT-FROM-B", "2030-01-03", ["y"], category="question")}
    report: list[str] = []
    merged = merge_records(base, mine, theirs, report)["a"]
    assert merged["note"] == f"EDIT-FROM-A{NOTE_SEPARATOR}EDIT-FROM-B"
    assert merged["tags"] == ["x", "y"]
    assert merged["category"] == "question"  # only they changed it
    assert len(report) == 1 and "both texts are kept" in report[0]
    # Merging the merged note again (the other window's next save) adds nothing.
    again = merge_records(mine, {"a": merged}, theirs)["a"]
    assert again["note"] == merged["note"]


def test_one_side_changing_the_note_and_the_other_the_category_keeps_both():
    base = {"a": record("old", "2030-01-01")}
    mine = {"a": record("new note", "2030-01-02")}
    theirs = {"a": record("old", "2030-01-03", category="question")}
    merged = merge_records(base, mine, theirs)["a"]
    assert (merged["note"], merged["category"]) == ("new note", "question")


def test_two_windows_editing_one_note_lose_neither_text(article, open_store):
    first = open_store(article)
    a = first.add(0, 7, note="old")
    first.flush()
    second = open_store(article)
    first.update(a.id, note="EDIT-FROM-A")
    first.flush()
    second.update(a.id, note="EDIT-FROM-B")
    second.flush()  # merges the first window's save
    (stored,) = records(first.sidecar_path)
    assert stored["note"] == f"EDIT-FROM-B{NOTE_SEPARATOR}EDIT-FROM-A"
    assert "both texts are kept" in second.notice
    assert second.get(a.id).note == stored["note"]
    first.reload_if_changed()
    assert first.get(a.id).note == stored["note"]


def test_the_same_range_highlighted_in_two_windows_folds_into_one(article, open_store):
    first = open_store(article)
    second = open_store(article)
    a = first.add(0, 7, category="claim", note="from A", tags=["a"])
    b = second.add(0, 7, category="question", note="from B", tags=["b"])
    assert a.id != b.id
    first.flush()
    second.flush()
    (stored,) = records(first.sidecar_path)
    keeper = a if (a.created, a.id) <= (b.created, b.id) else b
    other = b if keeper is a else a
    assert stored["id"] == keeper.id
    assert stored["note"] == f"{keeper.note}{NOTE_SEPARATOR}{other.note}"
    assert sorted(stored["tags"]) == ["a", "b"]
    assert "folded into one" in second.notice
    assert [x.id for x in second.annotations] == [keeper.id]
    first.reload_if_changed()
    assert [x.id for x in first.annotations] == [keeper.id]
    assert AnnotationStore.open(article, read_only=True).annotations[0].note == stored["note"]
