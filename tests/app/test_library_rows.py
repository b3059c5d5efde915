"""Library rows: each ✎ count and progress on its own article's row through J/K, always in
sight beside a long source, and the pane widths the README gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.app import ReaderApp
from reader.screens.reading import LIBRARY_WIDTH, pane_widths
from reader.state import ReadingState
from reader.widgets.library_pane import details_line, line_text


def _row(app, title: str) -> str:
    pane = app.library_pane
    index = next(i for i, e in enumerate(pane.shown) if e.title == title)
    return pane.article_list.item_text(index)


async def test_counts_stay_on_their_rows_through_j_and_k(small_library, settle):
    """Highlight beta, step to alpha and gamma and back: each row keeps its own count."""
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.reading.article_widget().focus()
        await pilot.press("h")
        await settle(app, pilot)
        assert "✎1" in _row(app, "Beta story")
        await pilot.press("J")  # on to alpha (no annotations)
        await settle(app, pilot)
        assert app.title == "Alpha story"
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Alpha story")
        await pilot.press("K", "K")  # back over beta to gamma
        await settle(app, pilot)
        assert app.title == "Gamma story"
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Alpha story") + _row(app, "Gamma story")
        await pilot.press("J")  # beta again
        await settle(app, pilot)
        assert "✎1" in _row(app, "Beta story")
        assert "✎" not in _row(app, "Gamma story")


def _shown_rows(app, title: str) -> list[str]:
    """The two lines of `title`'s row as drawn on screen (the strips, cut to the pane)."""
    rows = app.library_pane.article_list
    index = next(i for i, e in enumerate(app.library_pane.shown) if e.title.startswith(title))
    top = index * 2 - int(rows.scroll_offset.y)
    return [rows.render_line(top + line).text for line in (0, 1)]


@pytest.mark.parametrize("width", [80, 120, 160, 200])
async def test_progress_and_count_show_beside_a_long_source(small_library, settle, width):
    """A row with a source keeps its ✎ count and progress in sight at every width: the
    source is what gets cut."""
    book = small_library / "book.md"
    book.write_text(
        "---\ntitle: The Project Gutenberg eBook of Moby Dick\n"
        "source: Project Gutenberg Literary Archive Foundation\n---\n\n"
        + "Call me Ishmael. Some years ago I went to sea.\n\n"
        * 40,
        encoding="utf-8",
    )
    state = ReadingState()
    state.remember(book.resolve(), "x", 0, 35.0)
    state.save()
    (small_library / "book.md.annotations.json").write_text(
        '{"annotations": {"1": {"id": "a"}, "2": {"id": "b"}, "3": {"id": "c"}}}'
    )
    app = ReaderApp(library=small_library, article=small_library / "beta.txt")
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(app, pilot)
        if not app.reading.library_shown:
            await pilot.press("L")
            await settle(app, pilot)
        details = _shown_rows(app, "The Project Gutenberg")[1]
        assert "35%" in details and "✎3" in details, details
        if app.library_pane.outer_size.width >= LIBRARY_WIDTH:  # not in the narrow pane
            assert "Proj" in details  # the source shows, cut when it must be


def test_the_readme_gives_the_library_widths_the_screen_uses():
    """The README's "The pane is N columns wide … (M at 200 columns …) … narrower (K at 120
    columns" is what the screen lays out."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    said = re.search(
        r"pane is (\d+) columns wide.*?\((\d+) at 200 columns.*?narrower \((\d+) at 120 columns",
        readme,
        re.S,
    )
    assert said is not None
    assert (int(said[1]), int(said[2]), int(said[3])) == (
        pane_widths(150)[0],
        pane_widths(200)[0],
        pane_widths(120)[0],
    )


@pytest.mark.parametrize("room", [24, 28, 42, 64])
def test_details_cut_the_source_then_the_name_never_the_rest(room):
    line = details_line("2024-01-03", "world/story.txt", "Project Gutenberg", "✎3 · 35%", room)
    text = line_text(line)
    assert text.startswith("  2024-01-03 · ") and text.endswith(" · ✎3 · 35%")
    assert cell_len(text) <= room
    assert all("world/story.txt".startswith(part.rstrip("…")) for part, dim in line if dim)
    if room >= 64:
        assert text == "  2024-01-03 · world/story.txt · Project Gutenberg · ✎3 · 35%"
    elif room == 42:  # the source goes first
        assert "world/story.txt" in text and "Project Gutenberg" not in text


async def test_a_filter_typed_in_one_burst_lands_in_the_filter(small_library, settle):
    """`/gamma` arriving at once (a fast typist, a paste, tmux send-keys): every letter after
    the slash goes into the filter, none to the keys of the list or the app (`o` is Links)."""
    from textual import events

    app = ReaderApp(library=small_library, article=small_library / "alpha.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.library_pane.focus()
        await pilot.pause()
        for key, char in (("slash", "/"), *((c, c) for c in "gamma o")):
            app.post_message(events.Key(key if key != " " else "space", char))
        await pilot.pause()
        await pilot.pause()
        assert app.library_pane.query_one("#library-filter").value == "gamma o"
        assert app.screen is app.reading  # no dialog opened


async def test_progress_stays_on_its_row_through_j_and_k(small_library, settle):
    """Read into a long article, step away and back: its row keeps its percentage, and the
    rows stepped over keep theirs."""
    long = small_library / "long.md"
    long.write_text(
        "---\ntitle: Long story\ndate: 2024-02-20\n---\n\n"
        + "".join(f"Paragraph {i} says one thing. It says another.\n\n" for i in range(200)),
        encoding="utf-8",
    )
    app = ReaderApp(library=small_library, article=long)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.reading.article_widget().focus()
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(app, pilot)
        read = round(app.progress)
        assert 0 < read < 90
        assert _row(app, "Long story").endswith(f" · {read}%")
        await pilot.press("J")  # on to beta
        await settle(app, pilot)
        assert app.title == "Beta story"
        assert _row(app, "Long story").endswith(f" · {read}%")
        assert _row(app, "Beta story").endswith(f" · {round(app.progress)}%")
        await pilot.press("K", "K")  # back over the long one to gamma
        await settle(app, pilot)
        assert app.title == "Gamma story"
        assert _row(app, "Long story").endswith(f" · {read}%")
