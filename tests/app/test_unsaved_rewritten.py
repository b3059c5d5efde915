"""Changes that could not be saved, to an article rewritten before they could be: when it is
opened again they are made in the new text as the user made them (review of the merged
session: the note came back as "OLD, then NEW marked as edited elsewhere", and a deleted
highlight came back, because they were imported rather than redone)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from reader.annotations.locks import take_lock
from reader.annotations.sidecar import LOCK_SUFFIX
from reader.app import ReaderApp
from reader.state import ReadingState


@contextlib.contextmanager
def lock_held(sidecar: Path):
    """Another process holding the sidecar's lock: saves wait and stay unsaved."""
    fd = take_lock(Path(f"{sidecar}{LOCK_SUFFIX}"), timeout=1)
    try:
        yield
    finally:
        os.close(fd)


def stored(sidecar: Path) -> list[dict]:
    return list(json.loads(sidecar.read_text())["annotations"].values())


async def unsaved_then_rewritten(app, pilot, settle, lib: Path, change) -> None:
    """A highlight noted "OLD" and saved; `change` made while the sidecar is locked; J; the
    article rewritten; the lock let go; K back to it; saved."""
    side = lib / "b.txt.annotations.json"
    await settle(app, pilot)
    await pilot.press("j", "h", "a", *"OLD", "escape")
    await pilot.pause()
    app.annotations.store.flush(timeout=1)
    with lock_held(side):
        change(app.annotations.store)
        app.annotations.store.flush(timeout=0.2)
        assert app.annotations.store.unsaved
        await pilot.press("J")
        await settle(app, pilot)
        text = (lib / "b.txt").read_text()
        (lib / "b.txt").write_text(text.replace("\n\nThe", "\n\nA new first paragraph.\n\nThe"))
    await pilot.press("K")
    await settle(app, pilot)
    for _ in range(50):
        await pilot.pause(0.02)
    app.annotations.flush(timeout=1)


async def test_an_unsaved_note_edit_is_the_note(tmp_path, settle, two_stories):
    lib = two_stories
    app = ReaderApp(library=lib, article=lib / "b.txt", state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:

        def edit(store):
            store.update(store.annotations[0].id, note="NEW")

        await unsaved_then_rewritten(app, pilot, settle, lib, edit)
    (record,) = stored(lib / "b.txt.annotations.json")
    assert record["note"] == "NEW"
    assert record["target"]["selector"][0]["exact"] == "The council met today."


async def test_an_unsaved_deletion_stays_deleted(tmp_path, settle, two_stories):
    lib = two_stories
    app = ReaderApp(library=lib, article=lib / "b.txt", state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:

        def delete(store):
            store.delete(store.annotations[0].id)

        await unsaved_then_rewritten(app, pilot, settle, lib, delete)
    assert stored(lib / "b.txt.annotations.json") == []
