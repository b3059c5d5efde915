"""The article view keeps the rows it drew in each look (focused or not, each theme): focus
that leaves and comes back redraws no row it drew before, and a new look draws in its own
styles, never in an old look's."""

from __future__ import annotations

from test_article_view import ARTICLE, SIZE, ViewApp
from textual.app import App, ComposeResult
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.widgets import Input

from reader.resources import styles_dir
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


async def test_focus_coming_and_going_restyles_nothing(monkeypatch) -> None:
    """The view is styled by no `:focus` rule: a focus change leaves its styles as they are
    (its 30-odd component classes are not looked up again)."""
    restyled: list[object] = []
    app = TwoWidgetApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        update_nodes = app.stylesheet.update_nodes

        def counted(nodes, *args, **kwargs):
            nodes = list(nodes)
            restyled.extend(node for node in nodes if node is view)
            return update_nodes(nodes, *args, **kwargs)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counted)
        view.focus()
        await pilot.pause()
        app.query_one("#other").focus()
        await pilot.pause()
        view.focus()
        await pilot.pause()
        assert restyled == []


def test_no_rule_styles_the_view_by_focus() -> None:
    """What lets a focus change skip restyling the view: no stylesheet of the app, nor the
    view's own CSS, has a `:focus` rule for it or its component classes."""
    sheet = Stylesheet(variables=App().get_css_variables())
    sheet.add_source(ArticleView.DEFAULT_CSS, read_from=("ArticleView", ""))
    for path in sorted(styles_dir().glob("*.tcss")):
        sheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
    sheet.parse()
    view = {"ArticleView", "AnnotatedArticleView", "article", "*"}
    for rule in sheet.rules:
        for selector_set in rule.selector_set:
            for selector in selector_set.selectors:
                if selector.name in view or selector.type == SelectorType.UNIVERSAL:
                    assert not {"focus", "focus-within"} & selector.pseudo_classes, rule.css
