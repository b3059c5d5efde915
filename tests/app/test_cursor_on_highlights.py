"""The cursor sentence stands off a highlight drawn on it, in every theme.

Issue 14.15: a highlight's tint was drawn over the cursor's, so on a sentence that was
wholly highlighted the cursor showed only as bold text, in every theme (the theme
snapshots, whose cursor begins on a Key quote, showed it; tests/app/test_themes.py checked
the cursor only against the plain page). The view's rows are compared cell by cell, with
the cursor on a highlight and off it, as the view draws them.
"""

from __future__ import annotations

from rich.style import Style
from test_themes import (
    BODY,
    COLOUR_SYSTEMS,
    MARK_FLOOR,
    colour_themes,
    difference,
    highlight_each_category,
    shown,
    under,
)

from reader.annotations.categories import CATEGORIES
from reader.app import ReaderApp
from reader.widgets.claims_pane import ClaimsList


def cells_by_row(view) -> dict[str, list[tuple[str, Style]]]:
    """Each row the view shows, by its text: its characters and the style of each."""
    rows = {}
    for y in range(view.size.height):
        segments = list(view.render_line(y))
        text = "".join(segment.text for segment in segments)
        rows[text] = [(c, segment.style) for segment in segments for c in segment.text]
    return rows


def tinted_runs(row: list[tuple[str, Style]], tint, text: str):
    """The (start, end) of each run of cells in `row` drawn on `tint` that shows part of
    `text` (another category can have the same tint: monokai's Disputed and Quote)."""
    start = None
    for x, (_, style) in enumerate([*row, ("", Style())]):
        if style.bgcolor == tint and start is None:
            start = x
        elif style.bgcolor != tint and start is not None:
            shown_text = "".join(c for c, _ in row[start:x]).strip()
            if shown_text and shown_text in text:
                yield start, x
            start = None


def cursor_shows(on: Style, off: Style) -> dict[str, float | str]:
    """How the cursor's style `on` stands off `off` (the same cell without the cursor), per
    colour system: the ΔE of the backgrounds, or the attribute only the cursor has (bold
    does not count: strong text is bold too)."""
    for attribute in ("underline", "reverse"):
        if bool(getattr(on, attribute)) != bool(getattr(off, attribute)):
            return dict.fromkeys(COLOUR_SYSTEMS, attribute)
    return {
        name: difference(shown(on.bgcolor, system), shown(off.bgcolor, system))
        for name, system in COLOUR_SYSTEMS.items()
    }


def cursor_problems(off: dict, on: dict, tint, quoted: str, label: str) -> list[str]:
    """Where the cells of the highlight of `quoted` (drawn on `tint` in `off`, the rows
    without the cursor) do not stand off the same cells in `on` (the cursor on them) by
    ΔE ≥ 12 or an attribute, or their text reads under 4.5:1, in either colour system."""
    seen, faint, unread = 0, set(), set()
    for text in off.keys() & on.keys():  # the rows shown both times
        for a, b in tinted_runs(off[text], tint, quoted):
            for (char, before), (_, after) in zip(off[text][a:b], on[text][a:b], strict=True):
                if not char.strip():
                    continue
                seen += 1
                for system, shows in cursor_shows(after, before).items():
                    if isinstance(shows, float) and shows < MARK_FLOOR:
                        faint.add(f"{label} {system} ΔE {shows:.1f}")
                unread.update(under(after, BODY, label))
    assert seen, label
    return sorted(faint | unread)


async def test_cursor_stands_off_a_highlight_in_every_theme(seed_library, settle):
    """Issue 14.15: a highlight was drawn over the cursor sentence, so on a highlighted
    sentence the cursor showed only as bold text, in every theme. On a highlight of each
    category, the cursor (with the keys, and without: the claims list has them) changes
    every cell of the highlight visibly (by an attribute, or its background by ΔE ≥ 12),
    in truecolor and in 256 colours, and its text stays readable (4.5:1)."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        view = await highlight_each_category(app, pilot, settle)
        await pilot.pause()
        highlights = sorted(view.highlights, key=lambda h: h.start)
        assert [h.category for h in highlights] == list(CATEGORIES)
        claims = app.query_one(ClaimsList)
        async for theme in colour_themes(app, pilot):
            page = view._base_style() + view._style("article-view--paragraph")
            for keys in (view, claims):
                keys.focus()
                view.move_cursor_to_offset(0)
                await pilot.pause()
                off = cells_by_row(view)
                for highlight in highlights:
                    tint = (page + view._style(f"article-view--hl-{highlight.category}")).bgcolor
                    view.move_cursor_to_offset(highlight.start)
                    await pilot.pause()
                    assert view.cursor_range == (highlight.start, highlight.end)
                    on = cells_by_row(view)
                    label = f"{theme} {keys.id} {highlight.category}"
                    quoted = view.document.text[highlight.start : highlight.end]
                    problems += cursor_problems(off, on, tint, quoted, label)
    assert not problems, "\n".join(problems)
