"""SVG snapshot of the library's claims screen (H), put in newest-first order (ctrl+o):
each row's verdict, category, quote, article, date and attribution kind."""

from __future__ import annotations

from pathlib import Path

from reader.app import ReaderApp
from reader.cli import main

ARTICLES = {
    "harbour.txt": (
        "Harbour bridge to close\n\nMarch 9, 2024\n\n"
        "The council will close the bridge for three years, the mayor, Ana Ruiz, said.\n"
    ),
    "taxes.txt": (
        "Taxes to rise\n\nJanuary 3, 2021\n\n"
        "Taxes will rise next year, according to two officials familiar with the plan.\n"
    ),
    "ferry.txt": "Ferry timetable\n\nThe ferry keeps its timetable all through the works.\n",
}
QUOTES = {
    "harbour.txt": ("The council will close the bridge", "--status", "disputed"),
    "taxes.txt": ("Taxes will rise next year", "--status", "refuted"),
    "ferry.txt": ("The ferry keeps its timetable",),
}


def test_library_claims_newest_first(snap_compare, tmp_path: Path, settle, capsys) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    for name, text in ARTICLES.items():
        (library / name).write_text(text, "utf-8")
        quote, *more = QUOTES[name]
        assert main(["annotate", str(library / name), "--quote", quote, *more]) == 0
    capsys.readouterr()
    app = ReaderApp(library=library, article=library / "ferry.txt")

    async def open_claims(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("H")
        for _ in range(60):
            if len(getattr(pilot.app.screen, "shown", ())) == 3:
                break
            await pilot.pause(0.05)
        await pilot.press("ctrl+o")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=open_claims)
