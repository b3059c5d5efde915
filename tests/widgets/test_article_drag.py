"""Mouse drag selection in the article view (reader.widgets.article_mouse), with Pilot.

A drag selects whole sentences from the one pressed to the one under the pointer, kept in
the pressed sentence's paragraph; a plain click still only moves the cursor.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from test_article_view import ARTICLE, SIZE, ViewApp, cursor_text, make_doc, screen_text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from reader.widgets.article_view import ArticleView


def cell_of(view: ArticleView, words: str) -> tuple[int, int]:
    """(column, row) of `words` on the view's screen."""
    lines = screen_text(view)
    row = next(i for i, line in enumerate(lines) if words in line)
    return lines[row].index(words) + 1, row


def selected(view: ArticleView) -> str | None:
    span = view.selection_range
    return None if span is None else view.document.text[span[0] : span[1]]


@asynccontextmanager
async def viewing(app: ViewApp, size: tuple[int, int] = SIZE):
    """(pilot, view) of `app` running, its first frame drawn."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot, app.query_one(ArticleView)


async def drag(pilot, view: ArticleView, start: tuple[int, int], *moves: tuple[int, int]):
    await pilot.mouse_down(view, offset=start)
    for move in moves:
        await pilot.hover(view, offset=move)
    await pilot.mouse_up(view, offset=moves[-1] if moves else start)
    await pilot.pause()


THREE = (
    "The council approved the plan on Monday. Critics said the cost was too high. "
    "The mayor disagreed with them."
)


@pytest.mark.parametrize(
    ("press", "release"),
    [("The council", "The mayor"), ("The mayor", "The council")],
    ids=["down", "up"],
)
async def test_a_drag_selects_the_sentences_from_press_to_release(press, release) -> None:
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        await drag(pilot, view, cell_of(view, press), cell_of(view, "Critics"))
        await drag(pilot, view, cell_of(view, press), cell_of(view, release))
        assert selected(view) == THREE  # the second drag replaced the first selection
        assert cursor_text(view).startswith(release)
        assert app.selection_events[-1] == view.selection_range
        # The key bar's "Selecting (v/Esc ends)" in place of "Select": the selection is open.
        assert view.check_action("end_selection", ()) and not view.check_action("select", ())


async def test_a_drag_into_the_next_paragraph_stays_in_its_own() -> None:
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        await drag(pilot, view, cell_of(view, "Critics"), cell_of(view, "Work starts"))
        assert selected(view) == (
            "Critics said the cost was too high. The mayor disagreed with them."
        )
        await drag(pilot, view, cell_of(view, "It will"), cell_of(view, "The council"))
        assert selected(view) == "Work starts in May. It will take two years."


async def test_a_drag_within_one_sentence_selects_it() -> None:
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        x, y = cell_of(view, "Work starts")
        await drag(pilot, view, (x, y), (x + 4, y))
        assert selected(view) == "Work starts in May."


async def test_a_click_moves_the_cursor_and_selects_nothing() -> None:
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        await pilot.click(view, offset=cell_of(view, "Critics"))
        assert cursor_text(view) == "Critics said the cost was too high."
        assert view.selection_range is None
        # After a drag, the next click is a click again.
        await drag(pilot, view, cell_of(view, "Work starts"), cell_of(view, "It will"))
        assert selected(view) == "Work starts in May. It will take two years."
        await pilot.press("escape")
        await pilot.click(view, offset=cell_of(view, "The mayor"))
        assert cursor_text(view) == "The mayor disagreed with them."
        assert view.selection_range is None


async def test_the_click_a_drag_ends_with_does_not_move_the_cursor_again() -> None:
    """Events as the terminal driver sends them: the app turns the mouse-up into a Click
    (Pilot's mouse_up does not), which must leave the dragged selection as it is."""
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        press, release = cell_of(view, "Critics"), cell_of(view, "Work starts")
        origin = view.region.offset
        for kind, (x, y) in (
            (events.MouseDown, press),
            (events.MouseMove, release),
            (events.MouseUp, release),  # on the next paragraph: the Click lands there
        ):
            sx, sy = origin.x + x, origin.y + y
            app.post_message(kind(None, sx, sy, 0, 0, 1, False, False, False, sx, sy))
            await pilot.pause()
        assert selected(view) == (
            "Critics said the cost was too high. The mayor disagreed with them."
        )
        assert cursor_text(view) == "The mayor disagreed with them."


class FramedApp(ViewApp):
    """The view between a row above and a row below, as in the reader (title, key bar)."""

    CSS = "Static { height: 1; dock: top; } #below { dock: bottom; }"

    def compose(self) -> ComposeResult:
        yield Static("above", id="above")
        yield Static("below", id="below")
        yield from super().compose()


def one_long_paragraph() -> object:
    sentences = " ".join(f"Sentence number {i} of the long paragraph." for i in range(1, 120))
    return make_doc(("paragraph", "Before it."), ("paragraph", sentences), ("paragraph", "After."))


async def test_holding_a_drag_below_the_view_scrolls_and_grows_the_selection() -> None:
    app = FramedApp(one_long_paragraph())
    async with viewing(app, (80, 20)) as (pilot, view):
        height = view.scrollable_content_region.height
        start = cell_of(view, "Sentence number 2 ")
        await pilot.mouse_down(view, offset=start)
        await pilot.hover(view, offset=(start[0], height - 1))
        at_edge = selected(view)
        assert view.scroll_y == 0
        await pilot.hover(view, offset=(start[0], height))  # on the row below the view
        await pilot.pause(0.6)
        await pilot.mouse_up(view, offset=(start[0], height))
        assert view.scroll_y > 3
        assert len(selected(view)) > len(at_edge)
        assert selected(view).startswith("Sentence number 2 of")
        text = selected(view)
        assert "After." not in text and "Before it." not in text
        # The selection's end is on screen, at the bottom, under the pointer.
        _, end = view.selection_range
        assert view.cursor_range[1] == end


async def test_holding_a_drag_above_the_view_scrolls_back() -> None:
    app = FramedApp(one_long_paragraph())
    async with viewing(app, (80, 20)) as (pilot, view):
        for _ in range(3):
            await pilot.press("space")
        await pilot.pause()
        top = view.scroll_y
        assert top > 0
        start = cell_of(view, "Sentence number")
        start = (start[0], start[1] + 4)
        await pilot.mouse_down(view, offset=start)
        await pilot.hover(view, offset=(start[0], -1))  # on the row above the view
        await pilot.pause(0.4)
        await pilot.mouse_up(view, offset=(start[0], -1))
        assert view.scroll_y < top
        assert view.selection_range[0] < view.selection_range[1]
        assert view.cursor_range[0] == view.selection_range[0]


async def test_a_drag_held_past_the_paragraph_end_stops_scrolling_there() -> None:
    doc = make_doc(*(("paragraph", f"Paragraph {i} has one sentence.") for i in range(40)))
    app = FramedApp(doc)
    async with viewing(app, (80, 20)) as (pilot, view):
        height = view.scrollable_content_region.height
        await pilot.mouse_down(view, offset=cell_of(view, "Paragraph 2 "))
        await pilot.hover(view, offset=(5, height))
        await pilot.pause(0.4)
        await pilot.mouse_up(view, offset=(5, height))
        assert view.scroll_y == 0
        assert selected(view) == "Paragraph 2 has one sentence."


async def test_word_moves_stay_in_the_paragraph_as_a_drag_does() -> None:
    """Issue 14, item 12: shift+right at a paragraph's end (and shift+up at its start)
    never takes in a word of the paragraph beside it."""
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        view.move_cursor_to_offset(ARTICLE.text.index("The mayor"))
        await pilot.press("v", "shift+right", "shift+right")
        assert selected(view) == "The mayor disagreed with them."
        await pilot.press("escape")
        view.move_cursor_to_offset(ARTICLE.text.index("Work starts"))
        await pilot.press("v", "shift+up", "shift+up")  # the start a word back, twice
        assert selected(view) == "Work starts in May."
        await pilot.press("shift+right")  # within the paragraph a word still goes
        assert selected(view) == "Work starts in May. It"


async def test_a_drag_over_a_document_shown_under_it_selects_nothing() -> None:
    app = ViewApp(ARTICLE)
    async with viewing(app) as (pilot, view):
        await pilot.mouse_down(view, offset=cell_of(view, "Residents"))
        other = make_doc(*(("paragraph", f"Other {i}. Two.") for i in range(8)))
        view.load(other)  # e.g. J, the next article
        await pilot.hover(view, offset=cell_of(view, "Other 6"))
        await pilot.mouse_up(view, offset=cell_of(view, "Other 6"))
        assert view.selection_range is None
        assert cursor_text(view) == "Other 0."
