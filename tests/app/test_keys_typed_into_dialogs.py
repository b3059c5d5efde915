"""Keys typed right after a key that opens a dialog (t: the tags, a in the library's claims
list: the note), before the dialog has composed and taken the focus, reach the dialog in the
order typed: never lost, never acting on the list or the article behind it (session 12: the
library's claims list (H) dropped them, and so did `t` in the article view). A terminal
delivers a burst of keys in one read, all queued before any is handled (`burst`)."""

from __future__ import annotations

from test_annotation_ui import to_sentence
from test_library_claims_editing import on_disk
from test_library_claims_screen import annotated_library, wait_for
from test_typed_bursts import burst
from textual.widgets import Input

from reader.annotations.verdicts import STATUSES
from reader.app import ReaderApp
from reader.screens.annotation_dialogs import NoteScreen, TagsScreen
from reader.screens.claim_dialogs import LibraryClaimsList, LibraryClaimsScreen
from reader.widgets.note_editor import NoteEditor

TYPED = "x1 jk"  # delete, category and moving keys, were they the list's


async def seed_highlighted(app, pilot, settle) -> None:
    """The seed open, its second sentence highlighted, the cursor on it."""
    await settle(app, pilot)
    await to_sentence(pilot, app, 1)
    await pilot.press("h")
    await pilot.pause()


async def test_keys_typed_right_after_t_and_a_in_the_library_claims_list_reach_the_dialog(
    tmp_path, settle, capsys
):
    library = annotated_library(tmp_path / "lib")
    capsys.readouterr()
    other = library / "b-new.txt"  # not the open article: saved through its own sidecar
    app = ReaderApp(library=library, article=library / "a-old.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        claims = app.screen
        await wait_for(pilot, lambda: len(claims.shown) == 2)
        await pilot.press("tab", "j")
        assert isinstance(app.focused, LibraryClaimsList)
        burst(app, "t" + TYPED)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await wait_for(pilot, lambda: app.focused.value == TYPED)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_disk(other)[0].tags == ["x1 jk"])
        await wait_for(pilot, lambda: isinstance(app.focused, LibraryClaimsList))
        burst(app, "a" + TYPED)
        await wait_for(pilot, lambda: isinstance(app.screen, NoteScreen))
        await wait_for(pilot, lambda: isinstance(app.focused, NoteEditor))
        await wait_for(pilot, lambda: app.focused.text == TYPED)
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_disk(other)[0].note == TYPED)
        await wait_for(pilot, lambda: isinstance(app.focused, LibraryClaimsList))
        assert [(c.name, c.category) for c in claims.shown] == [
            ("a-old.txt", "claim"),
            ("b-new.txt", "claim"),
        ]
        assert claims.query_one(LibraryClaimsList).highlighted == 1
    assert [a.category for a in on_disk(other)] == ["claim"]


async def test_keys_typed_right_after_t_in_the_article_reach_the_tags_dialog(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await seed_highlighted(app, pilot, settle)
        [ann] = app.annotations.store.annotations
        burst(app, "t" + TYPED)
        await wait_for(pilot, lambda: isinstance(app.screen, TagsScreen))
        await wait_for(pilot, lambda: getattr(app.focused, "value", None) == TYPED)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.annotations.store.annotations[0].tags == [TYPED])
        [now] = app.annotations.store.annotations
        assert (now.id, now.category) == (ann.id, ann.category)
        assert app.focused is app.article_view


async def test_a_rationale_typed_right_after_s_and_a_status_number_is_the_rationale(
    seed_library, settle
):
    """`s`, a status number, then the why, in one burst: the number picks the status and
    gives the focus to the rationale, which gets the keys typed after it."""
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await seed_highlighted(app, pilot, settle)
        burst(app, "s3" + TYPED)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await wait_for(pilot, lambda: app.focused.value == TYPED)
        await pilot.press("enter")
        [ann] = app.annotations.store.annotations
        await wait_for(pilot, lambda: app.annotations.store.get(ann.id).rationale == TYPED)
        assert app.annotations.store.get(ann.id).status == STATUSES[2]
