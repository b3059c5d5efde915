"""ctrl+g discards MY edit of a note, also after another window's edit of the same note was
merged into it: the note is then what the other window saved, never both texts marked, and
never without the other window's text (session 11 and 12: both were kept, marked)."""

from __future__ import annotations

from test_annotation_ui import SIZE, seed_path, to_sentence
from test_two_windows_one_note import messages, other_window, sidecar, took_in

from reader.annotations.merge import NOTE_SEPARATOR
from reader.app import ReaderApp


def notes(article) -> list[str]:
    return [record["note"] for record in sidecar(article)["annotations"].values()]


async def opened_on_base(app, pilot, settle) -> str:
    """A highlight with the note BASE, saved, and its editor open again; its id."""
    await settle(app, pilot)
    await to_sentence(pilot, app, 1)
    await pilot.press("h", "a", *"BASE", "escape")
    await pilot.pause()
    app.annotations.store.flush()
    await pilot.press("a")
    await pilot.pause()
    return app.annotations.store.annotations[0].id


async def test_ctrl_g_after_the_other_window_s_note_was_merged_leaves_the_other_window_s(
    seed_library, settle
):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        ident = await opened_on_base(app, pilot, settle)
        other = other_window(article)  # window A saves its own edit
        other.update(ident, note="BASE EDIT-FROM-A")
        other.close()
        store = app.annotations.store
        await took_in(pilot, lambda: store.get(ident).note == "BASE EDIT-FROM-A")
        await pilot.press(*" EDIT-FROM-B")
        await pilot.pause(1.0)  # saved while typing: both texts kept
        assert store.get(ident).note == f"BASE EDIT-FROM-B{NOTE_SEPARATOR}BASE EDIT-FROM-A"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert store.get(ident).note == "BASE EDIT-FROM-A"
        store.flush()
        assert notes(article) == ["BASE EDIT-FROM-A"]
        assert app.focused is app.article_view
        assert any("as another window saved it" in m for m in messages(app)), messages(app)


async def test_ctrl_g_keeps_the_other_window_s_edit_of_my_saved_text(seed_library, settle):
    """My typing was saved, then the other window added to it: discarding mine cannot drop
    theirs, which holds my text: the note is theirs."""
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        ident = await opened_on_base(app, pilot, settle)
        await pilot.press(*" EDIT-FROM-B")
        await pilot.pause(1.0)
        store = app.annotations.store
        store.flush()
        assert notes(article) == ["BASE EDIT-FROM-B"]
        other = other_window(article)
        other.update(ident, note="BASE EDIT-FROM-B, and A's reply")
        other.close()
        await took_in(pilot, lambda: store.get(ident).note.endswith("reply"))
        await pilot.press("ctrl+g")
        await pilot.pause()
        store.flush()
        assert notes(article) == ["BASE EDIT-FROM-B, and A's reply"]


async def test_ctrl_g_on_the_article_note_after_a_merge_leaves_the_other_window_s(
    seed_library, settle
):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("A", *"BASE", "escape")
        await pilot.pause()
        store = app.annotations.store
        store.flush()
        await pilot.press("A")
        await pilot.pause()
        other = other_window(article)
        other.set_article_note("BASE FROM-A")
        other.close()
        await took_in(pilot, lambda: store.article_note == "BASE FROM-A")
        await pilot.press(*" FROM-B")
        await pilot.pause(1.0)
        assert store.article_note == f"BASE FROM-B{NOTE_SEPARATOR}BASE FROM-A"
        await pilot.press("ctrl+g")
        await pilot.pause()
        store.flush()
        assert sidecar(article)["meta"]["1"]["article_note"] == "BASE FROM-A"


async def test_ctrl_g_with_no_other_window_puts_the_note_back(seed_library, settle):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        ident = await opened_on_base(app, pilot, settle)
        await pilot.press(*" typo")
        await pilot.pause(1.0)
        assert app.annotations.store.get(ident).note == "BASE typo"
        await pilot.press("ctrl+g")
        await pilot.pause()
        app.annotations.store.flush()
        assert notes(article) == ["BASE"]
        assert any("the note is as it was" in m for m in messages(app)), messages(app)
