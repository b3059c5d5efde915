"""The article view keeps the rows it drew in each look (focused or not, each theme): focus
that leaves and comes back redraws no row it drew before, and a new look draws in its own
styles, never in an old look's."""

from __future__ import annotations

from test_article_view import ARTICLE, SIZE, ViewApp
from textual.app import ComposeResult
from textual.widgets import Input

from reader.widgets.article_strips import StripPainter
from reader.widgets.article_view import ArticleView


class TwoWidgetApp(ViewApp):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Input(id="other")


def painted(view: ArticleView) -> list[tuple]:
    return [tuple(view.render_line(y)) for y in range(view.scrollable_content_region.height)]


async def test_focus_leaving_and_coming_back_redraws_no_row(monkeypatch) -> None:
    built: list[int] = []
    line = StripPainter.line

    def counted(self, *args, **kwargs):
        built.append(1)
        return line(self, *args, **kwargs)

    monkeypatch.setattr(StripPainter, "line", counted)
    app = TwoWidgetApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        focused = painted(view)
        built.clear()
        app.query_one("#other").focus()
        await pilot.pause()
        unfocused = painted(view)
        assert built, "the cursor looks different without focus: its rows are drawn anew"
        assert unfocused != focused
        built.clear()
        view.focus()
        await pilot.pause()
        assert painted(view) == focused and built == []


async def test_a_new_theme_draws_in_its_own_colours() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        app.theme = "textual-dark"
        await pilot.pause()
        dark = painted(view)
        app.theme = "textual-light"
        await pilot.pause()
        light = painted(view)
        assert light != dark
        app.theme = "textual-dark"
        await pilot.pause()
        assert painted(view) == dark
