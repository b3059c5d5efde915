"""The library's claims list (H) is a place to edit claims, as the claims pane is: with the
list focused (Tab from the filter), 1-5 set the category, t the tags, a the note and x
deletes, saved through the article's own store: the open article's (its highlights follow)
or, for another article, its sidecar under the usual lock and merge (session 11: the list
had no editing keys)."""

from __future__ import annotations

from pathlib import Path

from test_library_claims_screen import annotated_library, wait_for

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.screens.annotation_dialogs import NoteScreen, TagsScreen
from reader.screens.claim_dialogs import LibraryClaimsList, LibraryClaimsScreen


def on_disk(path: Path) -> list:
    store = AnnotationStore.open(load_document(path), read_only=True)
    return store.annotations


async def test_keys_in_the_library_claims_list_edit_the_claims(tmp_path, settle, capsys):
    library = annotated_library(tmp_path / "lib")
    capsys.readouterr()
    old, new = library / "a-old.txt", library / "b-new.txt"
    app = ReaderApp(library=library, article=old)  # a-old open, b-new not
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.shown) == 2)
        await pilot.press("tab")
        assert isinstance(app.focused, LibraryClaimsList)
        # The open article's claim: through the reading screen's store (its view follows).
        await pilot.press("4")
        await wait_for(pilot, lambda: app.annotations.store.annotations[0].category == "disputed")
        [shown] = app.article_view.highlights
        assert shown.category == "disputed"
        # Another article's: j to it, then 2, t, a, through its own sidecar.
        await pilot.press("j", "2")
        await wait_for(pilot, lambda: on_disk(new)[0].category == "evidence")
        await wait_for(pilot, lambda: screen.shown and screen.shown[1].category == "evidence")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagsScreen))
        await pilot.press(*"roads, city", "enter")
        await wait_for(pilot, lambda: on_disk(new)[0].tags == ["roads", "city"])
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"ask the mayor", "escape")
        await wait_for(pilot, lambda: on_disk(new)[0].note == "ask the mayor")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        assert isinstance(app.focused, LibraryClaimsList)
        await wait_for(pilot, lambda: screen.shown[1].note == "ask the mayor")
        await pilot.press("x")
        await wait_for(pilot, lambda: on_disk(new) == [])
        await wait_for(pilot, lambda: len(screen.shown) == 1)
        messages = [n.message for n in app._notifications]
        assert "Changed to Evidence" in messages and "Deleted the Evidence highlight" in messages
    assert [a.category for a in on_disk(old)] == ["disputed"]
