"""The library pane's last row (above the key bar) holds the list's own line: the list scrolls
only vertically, so no horizontal scrollbar (its thumb drawn as a stray `▏`) takes that row."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.state import ReadingState
from reader.widgets.library_pane import LibraryList


@pytest.mark.parametrize("width", [160, 120])
async def test_library_pane_last_row_has_no_scrollbar(tmp_path, settle, width):
    library = tmp_path / "many"
    library.mkdir()
    for n in range(40):  # 80 lines: more than fit in 40 rows
        (library / f"story{n:02}.txt").write_text(
            f"Story number {n}\n\nJanuary {n % 28 + 1}, 2024\n\nBody {n}.\n", encoding="utf-8"
        )
    app = ReaderApp(library=library, state=ReadingState(tmp_path / "s.json"))
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(app, pilot)
        rows = app.library_pane.article_list
        assert isinstance(rows, LibraryList)
        assert rows.virtual_size.height > rows.size.height  # it scrolls
        assert not rows.show_horizontal_scrollbar
        pane = app.library_pane.region
        assert pane.width and pane.bottom == 39  # the key bar is the screen's last row
        last = app.screen._compositor.render_strips()[pane.bottom - 1]
        inside = last.crop(pane.x, pane.right - 1).text  # up to the pane's right border
        visible = inside[: -rows.scrollbar_size_vertical or None]  # the vertical scrollbar
        assert not any("\u2580" <= c <= "\u259f" for c in visible), repr(inside)
        assert rows.region.bottom == pane.bottom
        assert visible == rows.render_line(rows.size.height - 1).text, repr(inside)
