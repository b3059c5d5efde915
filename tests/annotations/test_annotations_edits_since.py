"""Two windows, one note (issue 13.3): an editor that opened before the other window's save
keeps the other window's text, on its first save and every later one, and says so once;
the same for the article note and tags."""

from __future__ import annotations

import json

from reader.annotations.merge import NOTE_SEPARATOR
from reader.annotations.store import AnnotationStore


def stored(store: AnnotationStore) -> dict:
    return json.loads(store.sidecar_path.read_text(encoding="utf-8"))


def notes_on_disk(store: AnnotationStore) -> list[str]:
    return [r["note"] for r in stored(store)["annotations"].values()]


def two_windows(article, open_store, **fields):
    first = open_store(article)
    ann = first.add(0, 7, **fields)
    first.flush()
    return first, open_store(article), ann


def test_a_live_save_after_the_other_window_took_in_its_edit_keeps_both(article, open_store):
    a, b, ann = two_windows(article, open_store, note="BASE")
    a.update(ann.id, {"note": "BASE"}, note="BASE EDIT-FROM-A")
    a.flush()
    assert b.reload_if_changed()  # B's window polls: it now holds A's text
    b.update(ann.id, {"note": "BASE"}, note="BASE EDIT-FROM-B")  # B's editor opened on BASE
    b.flush()
    both = f"BASE EDIT-FROM-B{NOTE_SEPARATOR}BASE EDIT-FROM-A"
    assert notes_on_disk(b) == [both]
    assert "both texts are kept" in b.notice
    b.notice = None
    # B goes on typing (each save starts from B's last one), then Esc: A's text stays.
    b.update(ann.id, {"note": "BASE EDIT-FROM-B"}, note="BASE EDIT-FROM-B more")
    b.update(ann.id, {"note": "BASE EDIT-FROM-B more"}, note="BASE EDIT-FROM-B more")
    b.flush()
    assert notes_on_disk(b) == [f"BASE EDIT-FROM-B more{NOTE_SEPARATOR}BASE EDIT-FROM-A"]
    assert b.notice is None  # told once
    a.reload_if_changed()
    assert a.get(ann.id).note == notes_on_disk(b)[0]


def test_a_save_merged_by_the_file_then_esc_keeps_both(article, open_store):
    """B saves before taking A's edit in: the file merge keeps both; B's Esc then must not
    write its own text alone."""
    a, b, ann = two_windows(article, open_store, note="BASE")
    a.update(ann.id, note="BASE EDIT-FROM-A")
    a.flush()
    b.update(ann.id, {"note": "BASE"}, note="BASE EDIT-FROM-B")
    b.flush()
    both = f"BASE EDIT-FROM-B{NOTE_SEPARATOR}BASE EDIT-FROM-A"
    assert notes_on_disk(b) == [both]
    assert "both texts are kept" in b.notice
    b.notice = None
    b.update(ann.id, {"note": "BASE EDIT-FROM-B"}, note="BASE EDIT-FROM-B")  # Esc
    b.update(ann.id, {"note": "BASE EDIT-FROM-B"}, note="BASE EDIT-FROM-B!")  # typed on
    b.flush()
    assert notes_on_disk(b) == [f"BASE EDIT-FROM-B!{NOTE_SEPARATOR}BASE EDIT-FROM-A"]
    assert b.notice is None  # the merge said it already


def test_discarding_the_edit_keeps_the_other_windows_text(article, open_store):
    a, b, ann = two_windows(article, open_store, note="BASE")
    b.update(ann.id, {"note": "BASE"}, note="BASE mine")
    b.flush()
    a.reload_if_changed()
    a.update(ann.id, {"note": "BASE mine"}, note="BASE mine and A")
    a.flush()
    b.reload_if_changed()
    b.update(ann.id, {"note": "BASE mine"}, note="BASE")  # ctrl+g: back to what it opened with
    b.flush()
    # A's text (made from B's save) is never dropped by B's discard: both, marked.
    assert notes_on_disk(b) == [f"BASE{NOTE_SEPARATOR}BASE mine and A"]
    assert "both texts are kept" in b.notice
    # With nobody else's change, discarding puts the note back as it was.
    now = notes_on_disk(b)[0]
    b.update(ann.id, {"note": now}, note=now + ", edited")
    b.update(ann.id, {"note": now + ", edited"}, note=now)
    b.flush()
    assert notes_on_disk(b) == [now]


def test_the_article_note_edited_in_two_windows_keeps_both(article, open_store):
    a, b, _ = two_windows(article, open_store)
    a.set_article_note("BASE", since="")
    a.flush()
    b.reload_if_changed()
    a.set_article_note("BASE EDIT-FROM-A", since="BASE")
    a.flush()
    b.reload_if_changed()
    b.set_article_note("BASE EDIT-FROM-B", since="BASE")
    b.set_article_note("BASE EDIT-FROM-B.", since="BASE EDIT-FROM-B")
    b.flush()
    both = f"BASE EDIT-FROM-B.{NOTE_SEPARATOR}BASE EDIT-FROM-A"
    assert stored(b)["meta"]["1"]["article_note"] == both
    assert b.article_note == both
    assert "article note" in b.notice and "both texts are kept" in b.notice


def test_an_article_note_typed_while_another_window_saved_is_not_dropped(article, open_store):
    """A change not yet saved when the other window's save is taken in stays ours."""
    a, b, _ = two_windows(article, open_store)
    a.set_article_note("from A", since="")
    a.flush()
    b.set_article_note("from B", since="")  # pending, not saved yet
    b.reload_if_changed()
    assert b.article_note == f"from B{NOTE_SEPARATOR}from A"
    b.flush()
    assert stored(b)["meta"]["1"]["article_note"] == f"from B{NOTE_SEPARATOR}from A"


def test_tags_edited_in_two_windows_keep_both_changes(article, open_store):
    a, b, ann = two_windows(article, open_store, tags=["base", "old"])
    a.update(ann.id, {"tags": ["base", "old"]}, tags=["base", "old", "fromA"])
    a.flush()
    b.reload_if_changed()
    b.update(ann.id, {"tags": ["base", "old"]}, tags=["base", "fromB"])  # B removed "old"
    b.flush()
    (record,) = stored(b)["annotations"].values()
    assert record["tags"] == ["base", "fromA", "fromB"]
    assert "tags" in b.notice and "both changes are kept" in b.notice
