"""Pilot test of the library's claims screen (H): its orders (ctrl+o), the attribution-kind
filter and the date and kind each row shows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from reader.app import ReaderApp
from reader.cli import main
from reader.screens.claim_dialogs import LibraryClaimsScreen

ARTICLES = {
    "a-old.txt": "Old story\n\nJanuary 3, 2021\n\nTaxes will rise next year, officials said.\n",
    "b-new.txt": "New story\n\nMarch 9, 2024\n\nThe bridge will close, the mayor, Ana Ruiz, said.\n",
}


async def wait_for(pilot, test, tries: int = 60) -> None:
    for _ in range(tries):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def annotated_library(folder: Path) -> Path:
    """A library of `ARTICLES`, each with its first sentence's start highlighted."""
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
        quote = text.split("\n\n")[2].split(",")[0]
        assert main(["annotate", str(folder / name), "--quote", quote]) == 0
    return folder


async def test_order_and_source_filter(tmp_path: Path, settle, capsys) -> None:
    library = annotated_library(tmp_path / "lib")
    capsys.readouterr()
    app = ReaderApp(library=library, article=library / "a-old.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryClaimsScreen))
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.shown) == 2)
        status = screen.query_one("#finder-status", Static)
        assert [c.name for c in screen.shown] == ["a-old.txt", "b-new.txt"]
        assert str(status.render()).endswith("in library order")
        rows = screen.query_one(OptionList)
        first = str(rows.get_option_at_index(0).prompt)
        assert first.endswith("— a-old.txt · 2021-01-03 · anon")
        await pilot.press("ctrl+o")
        assert [c.name for c in screen.shown] == ["b-new.txt", "a-old.txt"]
        assert str(status.render()).endswith("newest article first")
        assert str(rows.get_option_at_index(0).prompt).endswith("· 2024-03-09 · named")
        await pilot.press("ctrl+o")
        assert str(status.render()).endswith("by verdict")
        await pilot.press(*"source:named")
        await wait_for(pilot, lambda: len(screen.shown) == 1)
        assert screen.shown[0].name == "b-new.txt"
        assert str(status.render()).startswith("1 of 2 claims")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.article_path == (library / "b-new.txt").resolve())
