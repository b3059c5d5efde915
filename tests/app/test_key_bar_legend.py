"""The key bar's reading keys at 80, 120 and 200 columns, grouped keys, and the legend of the
claims pane's category counts (title, empty pane, help)."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from rich.cells import cell_len

from reader.annotations.categories import (
    CATEGORIES,
    legend,
    lettered_counts,
    named_counts,
    width_of,
)
from reader.app import ReaderApp
from reader.screens.help import HelpScreen, category_legend
from reader.widgets.claims_pane import ClaimsList, ClaimsPane
from reader.widgets.key_bar import KeyBar, group_display


@asynccontextmanager
async def reading(library, settle, width: int):
    """(app, pilot) of the reader on `library`, `width` columns by 40, settled."""
    app = ReaderApp(library=library)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(app, pilot)
        yield app, pilot


READING_KEYS = (
    "j/k Move",
    "/ Search",
    "h Highlight",
    "1–5 Category",
    "a Note",
    "t Tags",
    "e Export notes",
)


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (80, ("j/k Move", "h Highlight", "a Note")),
        (120, READING_KEYS),
        (
            200,
            (
                *READING_KEYS,
                "J/K Article",
                "F Search library",
                "s Verdict",
                "l/f Evidence",
                "H Library claims",
            ),
        ),
    ],
)
async def test_the_reading_keys_show_at_each_width(seed_library, settle, width, expected):
    async with reading(seed_library, settle, width) as (app, pilot):
        painted = app.reading.query_one(KeyBar).render_line(0).text
        assert cell_len(painted) == width
        for key in expected:
            assert f" {key} " in painted, (key, painted)
        # Quit, help and the palette stay at the right at any width.
        assert painted.rstrip().endswith("q Quit  ? Help  ^p Commands")


async def test_a_click_on_a_group_presses_none_of_its_keys(seed_library, settle):
    async with reading(seed_library, settle, 120) as (app, pilot):
        bar = app.reading.query_one(KeyBar)
        painted = bar.render_line(0).text
        column = painted.index("1–5 Category") + 1
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.annotations.store.annotations == []  # no stray highlight
        column = painted.index("t Tags")  # a single key still presses its key
        assert any(start <= column < end and key == "t" for start, end, key in bar._hits)


def test_group_display_joins_keys_and_folds_a_run_of_digits() -> None:
    assert group_display(["j", "k"]) == "j/k"
    assert group_display(["1", "2", "3", "4", "5"]) == "1–5"
    assert group_display(["1", "2"]) == "1/2"
    assert group_display(["h", "1", "2", "3", "x"]) == "h/1–3/x"
    assert group_display(["1", "3", "4", "5"]) == "1/3–5"


def test_counts_by_name_and_by_letter() -> None:
    counts = {"claim": 3, "disputed": 2}
    named = "".join(text for text, _ in named_counts(counts))
    assert named == "Claim 3 · Evidence 0 · Question 0 · Disputed 2 · Key quote 0"
    assert "".join(text for text, _ in lettered_counts(counts)) == "C3 E0 Q0 D2 K0"
    assert width_of(named_counts(counts)) == len(named)
    assert [cat for _, cat in lettered_counts(counts) if cat] == list(CATEGORIES)
    assert legend()[0] == ("1", "C", "Claim") and legend()[4] == ("5", "K", "Key quote")


def title_colours(pane: ClaimsPane) -> dict[str, object]:
    """The colour of each count's text in the pane's title, by the text."""
    title = pane._border_title
    return {title.plain[span.start : span.end]: span.style.foreground for span in title.spans}


def letter_colour(pane: ClaimsPane, category: str):
    style = pane.query_one(ClaimsList).get_component_rich_style(f"claims-list--{category}")
    return style.color


@pytest.mark.parametrize(("width", "named"), [(120, False), (240, True)])
async def test_the_title_counts_by_name_where_it_fits_in_the_rows_colours(
    seed_library, settle, width, named
):
    async with reading(seed_library, settle, width) as (app, pilot):
        await pilot.press("j", "2")
        await pilot.pause()
        pane = app.reading.query_one(ClaimsPane)
        if named:
            assert pane.title_text == "Claim 0 · Evidence 1 · Question 0 · Disputed 0 · Key quote 0"
        else:
            assert pane.title_text == "Claims  C0 E1 Q0 D0 K0"
        colours = title_colours(pane)
        evidence = "Evidence 1" if named else "E1"
        assert colours[evidence].rich_color == letter_colour(pane, "evidence")
        assert colours[evidence] != colours["Claim 0" if named else "C0"]
        app.theme = "solarized-light"  # the colours follow a new theme
        for _ in range(3):
            await pilot.pause()
        recoloured = title_colours(pane)[evidence]
        assert recoloured != colours[evidence]
        assert recoloured.rich_color == letter_colour(pane, "evidence")


async def test_an_empty_pane_and_the_help_say_what_the_letters_count(seed_library, settle):
    async with reading(seed_library, settle, 120) as (app, pilot):
        status = str(app.reading.query_one("#claims-status").render())
        assert "The title counts each category:" in status
        for key, letter, name in legend():
            assert f"{letter}  {name:<10} key {key}" in status
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body Static").render())
        assert "Categories" in text and "counts each: C3 E1 Q0 D2 K1." in text
        assert "5  K  Key quote" in text


async def test_the_help_legend_fits_the_dialog_at_80_columns(seed_library, settle):
    """Each line of the categories legend fits the help dialog of an 80-column terminal, so
    none is wrapped into a stray fragment ("K1)" alone on a line)."""
    async with reading(seed_library, settle, 80) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body Static")
        width = body.content_size.width
        assert width > 0
        assert all(line.cell_length <= width for line in category_legend())


async def test_the_key_bar_repaints_only_when_the_keys_shown_change(
    seed_library, settle, monkeypatch
):
    async with reading(seed_library, settle, 120) as (app, pilot):
        bar = app.screen.query_one(KeyBar)
        refreshed: list[bool] = []
        real_refresh = bar.refresh

        def counted(*args, **kwargs):
            refreshed.append(True)
            return real_refresh(*args, **kwargs)

        monkeypatch.setattr(bar, "refresh", counted)
        before = bar.text
        bar._bindings_changed(app.screen)  # the signal, with the same keys to show
        assert refreshed == [] and bar.text == before
        await pilot.press("slash")  # the search field's keys replace the reading keys
        await pilot.pause()
        assert refreshed and bar.text != before
