"""SVG snapshot of the claims pane as a place to edit claims (issue 14.9, 14.10): at 80
columns, with the list focused, `x` deleted the highlight under the list's cursor, the key bar
says so whole, and the filter's placeholder shows whole."""

from __future__ import annotations

from reader.app import ReaderApp


def test_claims_pane_editing_80x24(snap_compare, seed_library, settle):
    app = ReaderApp(library=seed_library)

    async def edit(pilot) -> None:
        await settle(app, pilot)
        # } to the date line (j passes over it), highlighted as Evidence
        await pilot.press("j", "h", "right_curly_bracket", "2", "j", "4", "C", "tab")
        await pilot.pause()
        assert app.focused is app.reading.claims_pane.claims_list
        await pilot.press("j", "x", "slash")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=edit)
