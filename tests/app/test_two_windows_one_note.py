"""Two windows, one note (issue 13.3), in the app: the note editor opened before another
window saved its edit keeps that edit, on the save while typing and on Esc, and says so;
the same for the article note (A) and tags (t)."""

from __future__ import annotations

import json

from test_annotation_ui import SIZE, seed_path, to_sentence

from reader.annotations.merge import NOTE_SEPARATOR
from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document


def sidecar(article) -> dict:
    path = article.with_name(article.name + ".annotations.json")
    return json.loads(path.read_text(encoding="utf-8"))


def other_window(article) -> AnnotationStore:
    return AnnotationStore.open(load_document(article))


async def took_in(pilot, check) -> None:
    """Wait (at most 5 s) until this window's poll has taken the other window's save in."""
    for _ in range(50):
        if check():
            return
        await pilot.pause(0.1)
    raise AssertionError("the other window's save was never taken in")


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_note_edited_in_another_window_meanwhile_is_kept(seed_library, settle):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "a", *"BASE", "escape")
        await pilot.pause()
        app.annotations.store.flush()
        await pilot.press("a")  # window B opens the editor on "BASE"
        await pilot.pause()
        other = other_window(article)  # window A saves its own edit
        (ann,) = other.annotations
        other.update(ann.id, note="BASE EDIT-FROM-A")
        other.close()
        store = app.annotations.store
        await took_in(pilot, lambda: store.get(ann.id).note == "BASE EDIT-FROM-A")
        await pilot.press(*" EDIT-FROM-B")
        await pilot.pause(1.0)  # saved while typing
        app.annotations.store.flush()
        both = f"BASE EDIT-FROM-B{NOTE_SEPARATOR}BASE EDIT-FROM-A"
        assert [r["note"] for r in sidecar(article)["annotations"].values()] == [both]
        assert any("both texts are kept" in m for m in messages(app)), messages(app)
        await pilot.press(*" more", "escape")
        await pilot.pause()
        app.annotations.store.flush()
        kept = f"BASE EDIT-FROM-B more{NOTE_SEPARATOR}BASE EDIT-FROM-A"
        assert [r["note"] for r in sidecar(article)["annotations"].values()] == [kept]


async def test_the_article_note_and_tags_edited_meanwhile_are_kept(seed_library, settle):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        app.annotations.store.flush()
        await pilot.press("A")
        await pilot.pause()
        other = other_window(article)
        other.set_article_note("FROM-A")
        other.flush()
        store = app.annotations.store
        await took_in(pilot, lambda: store.article_note == "FROM-A")
        await pilot.press(*"FROM-B", "escape")
        await pilot.pause()
        app.annotations.store.flush()
        note = sidecar(article)["meta"]["1"]["article_note"]
        assert note == f"FROM-B{NOTE_SEPARATOR}FROM-A"
        await pilot.press("t")  # the tags dialog opens on no tags
        await pilot.pause()
        (ann,) = other.annotations
        other.update(ann.id, tags=["fromA"])
        other.close()
        await took_in(pilot, lambda: store.get(ann.id).tags == ["fromA"])
        await pilot.press(*"fromB", "enter")
        await pilot.pause()
        app.annotations.store.flush()
        (record,) = sidecar(article)["annotations"].values()
        assert record["tags"] == ["fromA", "fromB"]
        assert any("both changes are kept" in m for m in messages(app)), messages(app)
