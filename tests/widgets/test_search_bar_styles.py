"""The search bar's rules (styles/search.tcss) load with the bar, after the first frame:
the first frame's stylesheets hold none of them, and the bar, once built, is styled."""

from __future__ import annotations

from test_article_view import ARTICLE, SIZE, ViewApp
from textual.app import App
from textual.css.stylesheet import Stylesheet

from reader.widgets.search_bar import SearchBar
from reader.widgets.stylesheets import first_frame_paths


def test_the_first_frames_stylesheets_hold_no_search_bar_rule() -> None:
    sheet = Stylesheet(variables=App().get_css_variables())
    for path in first_frame_paths():
        sheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
    sheet.parse()
    names = {s.name for rule in sheet.rules for ss in rule.selector_set for s in ss.selectors}
    assert "SearchBar" not in names


async def test_the_search_bar_is_styled_once_built() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        bar = app.query_one(SearchBar)
        assert bar.display
        assert bar.styles.layer == "search" and bar.styles.dock == "bottom"
        assert bar.size.height == 1
