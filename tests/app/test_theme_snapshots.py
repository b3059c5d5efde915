"""An SVG snapshot of the reading screen in each theme Textual ships (issue 14: "a snapshot
per theme of the reading screen").

tests/app/test_themes.py measures the contrast of each component class; these show the
screen whole, so a theme's marks can be looked at side by side: one screen at 100x30 with
the claims and notes panes shown (C), the title bar, the key bar, the cursor sentence (it
begins with a highlight with a note, tags and a source, so the notes pane shows them), a
highlight of each of the five categories, the article's text classes (title, meta line,
heading, emphasis, strong, link, inline code, list, table, block quote), search matches (the
current one too) and the `/` box with its query and count, over an article of one file (its
library pane hidden: the width rule of that pane does not reach these). The themes are the
app's own list, read when the tests are collected: a theme Textual adds gets a snapshot to
look at (missing until `--snapshot-update`), and the ids are the theme names.

Regenerate after an intended visual change with
`pytest tests/app/test_theme_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.state import ReadingState

THEMES = sorted(ReaderApp(Path.cwd(), state=ReadingState(Path(os.devnull))).available_themes)

ARTICLE = """---
title: Council backs the river bridge
date: 2024-02-05
author: Jane Leach
---

The council voted 7 to 2 on Monday to pay for a new river bridge. A survey in 2022 found \
the old bridge unsafe. Who pays for the extra lanes is not yet clear. Opponents say the \
cost estimate is out of date.

"We cannot wait another winter," the mayor said. Work on the bridge starts in May.

## What happens next

The old bridge stays open until the new one is done. A *public meeting* on the route is \
set for **March**, the [notice](https://example.org/notice) says.

- Tolls: `none` planned.

| Lanes | Cost |
| --- | --- |
| 4 | $80m |

> "It is about time," one driver said.
"""
# (the text highlighted, category, note, tags): one highlight of each category, the last
# one the start of the cursor's sentence (the rest shows the cursor's tint), with a note in
# Markdown, tags and a named source, which the notes pane shows.
HIGHLIGHTS = [
    ("The council voted 7 to 2 on Monday to pay for a new river bridge.", "claim", "", ()),
    ("A survey in 2022 found the old bridge unsafe.", "evidence", "", ()),
    ("Who pays for the extra lanes is not yet clear.", "question", "", ()),
    ("Opponents say the cost estimate is out of date.", "disputed", "", ()),
    (
        '"We cannot wait another winter,"',
        "quote",
        "Ask *which* winter: see `minutes`.",
        ("cost", "timeline"),
    ),
]
CURSOR = "the mayor said"
QUERY = "bridge"


def annotated_article(library: Path) -> None:
    """The article, its highlights and an article note, saved in its sidecar."""
    article = library / "bridge.md"
    article.write_text(ARTICLE, encoding="utf-8")
    store = AnnotationStore.open(load_document(article))
    text = store.document.text
    for quote, category, note, tags in HIGHLIGHTS:
        start = text.index(quote)
        store.add(start, start + len(quote), category, note, tags)
    store.set_article_note("Call the **council** clerk.")
    store.close()


def row_and_column(view, text: str) -> tuple[int, int]:
    """Where `text` begins on the view's lines (x, y)."""
    for y in range(view.size.height):
        line = "".join(segment.text for segment in view.render_line(y))
        if text in line:
            return line.index(text), y
    raise AssertionError(f"{text!r} is not on screen")


def reading_screen(tmp_path: Path, theme: str, settle, searched):
    """The app in `theme` with the claims and notes panes shown, and the `run_before` that
    searches for `QUERY` (the box stays open with its count) and clicks the sentence with
    `CURSOR` in it (the cursor goes there and the article has the keys)."""
    library = tmp_path / "library"
    library.mkdir()
    annotated_article(library)
    state = ReadingState(tmp_path / "state.json")
    state.theme, state.side_pane = theme, True
    app = ReaderApp(library=library, state=state)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await pilot.press("slash", *QUERY)
        await searched(pilot)
        view = app.article_view
        await pilot.click(view, offset=row_and_column(view, CURSOR))
        await pilot.pause()
        assert app.focused is view
        assert app.theme == theme

    return app, run_before


@pytest.mark.parametrize("theme", THEMES)
def test_reading_screen_in_theme(snap_compare, tmp_path, settle, searched, theme):
    app, run_before = reading_screen(tmp_path, theme, settle, searched)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
