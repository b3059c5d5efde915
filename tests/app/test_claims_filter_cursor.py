"""Leaving the claims filter keeps the cursor on the highlight found with it: `/ third Esc x`
deletes the third highlight, not the first (before: Esc put the cursor on row 1)."""

from __future__ import annotations

import pytest
from test_claims_pane_editing import SENTENCES, into_claims, reading


def quotes(app) -> list[str]:
    return [a.exact for a in app.annotations.store.annotations]


@pytest.mark.parametrize("leave", [["escape"], ["enter", "slash", "escape"]])
async def test_after_the_filter_x_deletes_the_highlight_found(tmp_path, settle, leave):
    async with reading(tmp_path, settle, (200, 50)) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        await pilot.press("slash", *"third")
        await pilot.pause()
        assert [a.exact for a in claims_list.rows] == [SENTENCES[2]]
        await pilot.press(*leave)
        await pilot.pause()
        assert len(claims_list.rows) == 3  # the filter is cleared
        assert app.focused is claims_list
        assert claims_list.cursor_annotation.exact == SENTENCES[2]
        await pilot.press("x")
        await pilot.pause()
        assert quotes(app) == SENTENCES[:2]


async def test_enter_keeps_the_filter_and_x_deletes_the_highlight_found(tmp_path, settle):
    async with reading(tmp_path, settle, (200, 50)) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        await pilot.press("slash", *"second", "enter")
        await pilot.pause()
        assert app.focused is claims_list
        assert claims_list.cursor_annotation.exact == SENTENCES[1]
        await pilot.press("x")
        await pilot.pause()
        assert quotes(app) == [SENTENCES[0], SENTENCES[2]]


async def test_enter_with_no_match_then_esc_clears_the_filter(tmp_path, settle):
    """`/zzz Enter Esc` did nothing: Enter had moved the focus to the empty list, where Esc
    is no key; with no match the focus stays in the filter (as in the library's filter)."""
    async with reading(tmp_path, settle, (200, 50)) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        await pilot.press("slash", *"zzz", "enter")
        await pilot.pause()
        assert claims_list.rows == []
        await pilot.press("escape")
        await pilot.pause()
        assert len(claims_list.rows) == 3
        assert not app.screen.query_one("#claims-filter").display
        assert app.focused is claims_list


async def test_tab_from_the_filter_goes_to_the_claims_list(tmp_path, settle):
    """Tab in the filter moves the focus to the list of its matches, the filter kept
    (before: Tab skipped the list, to the next pane); with no match, Tab goes on to the next
    pane as Enter keeps the focus in the filter."""
    async with reading(tmp_path, settle, (200, 50)) as (app, pilot):
        claims_list = await into_claims(app, pilot, settle)
        await pilot.press("slash", *"second", "tab")
        await pilot.pause()
        assert app.focused is claims_list
        assert [a.exact for a in claims_list.rows] == [SENTENCES[1]]
        assert app.screen.query_one("#claims-filter").value == "second"
        await pilot.press("x")
        await pilot.pause()
        assert quotes(app) == [SENTENCES[0], SENTENCES[2]]
        await pilot.press("slash", *"zzz", "tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#notes-view")
