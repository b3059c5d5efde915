"""The library claims list (H) read again after an edit keeps the highlight where the user
is now: it used to jump back to the edited row, so the next key edited another claim."""

import time

from test_library_claims_screen import annotated_library, wait_for
from textual.widgets import OptionList

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.screens.claim_dialogs import LibraryClaimsScreen


def on_disk(path):
    return AnnotationStore.open(load_document(path), read_only=True).annotations


async def test_the_highlight_stays_where_the_user_moved_while_the_list_is_read_again(
    tmp_path, settle, capsys, monkeypatch
):
    library = annotated_library(tmp_path / "lib")
    capsys.readouterr()
    old, new = library / "a-old.txt", library / "b-new.txt"
    app = ReaderApp(library=library, article=old)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.shown) == 2)
        real = screen._load

        def slow():
            time.sleep(0.8)  # a large library's re-read
            return real()

        screen._load = slow
        await pilot.press("tab")
        lst = screen.query_one("#finder-list", OptionList)
        await pilot.press("j")  # to b-new
        await pilot.press("2")  # b-new -> evidence (elsewhere)
        await pilot.pause(0.3)
        await pilot.press("k")  # back to a-old, user now on row 0
        assert lst.highlighted == 0
        await pilot.pause(1.5)
        assert lst.highlighted == 0
        await pilot.press("x")
        await pilot.pause(1.5)
        assert on_disk(new), "x deleted b-new's claim though the user had moved to a-old"
        assert not on_disk(old)
