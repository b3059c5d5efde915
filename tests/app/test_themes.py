"""Every theme Textual ships keeps the reading screen working and its text readable.

Issue 14.2: `solarized-light` drew the date line white on cream (a component class styled
with an `auto` colour has no background of its own to contrast with), and the ANSI themes,
which lack `$surface-active`, stopped the app with a CSS error. The contrast of every
segment of text the article view draws is checked against its background (WCAG's 3:1 for
large text, as a floor; 2.5:1 for the one-letter category marks of the gutter, drawn in the
theme's accent colours); the ruler's bar is decoration, not text, and is not checked. The
ANSI themes leave colours to the terminal and are only run.

Issue 14.x: under tmux (TERM=xterm-256color, no COLORTERM) Rich draws each colour as the
nearest of the 256-colour palette, and some pairs that read in truecolor do not: the cursor
sentence was 2.17:1 in solarized-dark, the `/` search box's text 1.62:1 in tokyo-night, the
title bar's progress 2-2.9:1 in many themes (under 3:1 in truecolor too). Every contrast is
checked both ways: in truecolor, and as Rich downgrades both colours to 256 (`shown`).
"""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem, ColorType
from rich.style import Style
from textual.widgets import Input

from reader.annotations.categories import CATEGORIES, CATEGORY_LETTERS
from reader.app import ReaderApp
from reader.library_search import fts5_missing
from reader.screens.annotation_dialogs import UnsavedScreen
from reader.screens.library_search import MatchList
from reader.widgets.article_strips import RULER_MARK
from reader.widgets.claims_pane import ClaimsList
from reader.widgets.key_bar import KeyBar
from reader.widgets.library_pane import LibraryList
from reader.widgets.search_bar import SearchField
from reader.widgets.title_bar import TitleBar

# How a terminal shows a colour: as given (truecolor), or as the nearest of 256.
COLOUR_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT}
BODY = 4.5  # running text: the page, the cursor sentence, what is typed in the search box
SECONDARY = 3.0  # headings, labels, muted text, the bars, the progress (WCAG's large text)
LETTER = 2.5  # a category's one-letter mark, drawn in the theme's colour for the category


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shown(color: Color, system: ColorSystem) -> tuple[int, int, int]:
    """The colour a terminal of `system` draws for `color` (Rich's own downgrade)."""
    return tuple(color.downgrade(system).get_truecolor())


def contrasts(style) -> dict[str, float]:
    """The contrast of `style`'s text with its background, per colour system."""
    fg, bg = style.color, style.bgcolor
    if style.reverse:
        fg, bg = bg, fg
    return {name: contrast(shown(fg, s), shown(bg, s)) for name, s in COLOUR_SYSTEMS.items()}


def under(style, floor: float, label: str) -> list[str]:
    """`label` and its contrasts where `style`'s text is under `floor` in a colour system."""
    return [
        f"{label} {system} {ratio:.2f}:1"
        for system, ratio in contrasts(style).items()
        if ratio < floor
    ]


async def colour_themes(app, pilot):
    """Switch `app` to each theme that sets its own colours (not the ANSI ones), in turn,
    and yield its name."""
    for theme in sorted(app.available_themes):
        if theme.startswith("ansi"):
            continue
        app.theme = theme
        await pilot.pause()
        yield theme


def unreadable(widget, theme: str) -> list[str]:
    """Each segment of text `widget` draws whose contrast with its background is under the
    floor (3:1; 2.5:1 for a one-letter category mark), in truecolor or in 256 colours."""
    problems = []
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            style = segment.style
            text = segment.text.strip()
            if not text or text == RULER_MARK or style is None:
                continue
            if style.color is None or style.bgcolor is None:
                continue
            floor = LETTER if text in CATEGORY_LETTERS.values() else SECONDARY
            name = type(widget).__name__
            problems += under(style, floor, f"{theme} {name}: {text[:30]!r}")
    return problems


async def highlight_each_category(app, pilot, settle):
    """Once `app`'s article is shown, highlight its second to sixth sentences, one in each
    category (1-5); returns the article view."""
    await settle(app, pilot)
    for number in "12345":
        await pilot.press("j", number)
    return app.article_view


async def test_every_theme_renders_and_keeps_text_readable(seed_library, settle):
    """The article (a highlight of each category, so each gutter letter is drawn), the
    claims list (each category's letter) and the key bar, in every theme."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        view = await highlight_each_category(app, pilot, settle)
        await pilot.press("j")  # the cursor over a tint: test_marks_are_distinct_… below
        await pilot.pause()
        claims = app.query_one(ClaimsList)
        assert claims.size.height > 0
        themes = sorted(app.available_themes)
        assert len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert app.is_running, theme
            if theme.startswith("ansi"):
                continue
            for widget in (view, claims, app.query_one(KeyBar), app.query_one(TitleBar)):
                problems += unreadable(widget, theme)
    assert not problems, "\n".join(problems)


BLOCKS = ["title", "subtitle", "meta", "heading", "paragraph", "quote", "list-item", "code"]
BLOCKS += ["table", "boilerplate"]
SPANS = ["link", "emphasis", "strong", "inline-code", "strike"]
BODY_TEXT = {"paragraph", "list-item", "emphasis", "strong", "strike"}


def article_problems(view, theme: str) -> list[str]:
    """Every text class of the article as the view paints it (its block's style, inline
    spans over a paragraph), the cursor (focused or not) over each, each category's tint
    and a selection over the page, search matches, the gutter's letters and marks."""
    s, base = view._style, view._base_style()
    page = base + s("article-view--paragraph")
    texts = {name: base + s(f"article-view--{name}") for name in BLOCKS}
    texts |= {name: page + s(f"article-view--{name}") for name in SPANS}
    gutter = base + s("article-view--gutter")
    problems = []
    for name, style in texts.items():
        problems += under(style, BODY if name in BODY_TEXT else SECONDARY, f"{theme}: {name}")
        for cursor in ("cursor", "cursor-unfocused"):
            label = f"{theme}: {cursor} over {name}"
            problems += under(style + s(f"article-view--{cursor}"), BODY, label)
    for category in CATEGORIES:
        problems += under(page + s(f"article-view--hl-{category}"), BODY, f"{theme}: {category}")
        letter = gutter + s(f"article-view--ruler-{category}")
        problems += under(letter, LETTER, f"{theme}: gutter letter {category}")
    problems += under(page + s("article-view--selection"), BODY, f"{theme}: selection")
    for mark in ("gutter", "meta"):
        problems += under(base + s(f"article-view--{mark}"), SECONDARY, f"{theme}: {mark}")
    marker = gutter + s("article-view--note-marker")
    problems += under(marker, SECONDARY, f"{theme}: note marker")
    for match in ("search-match", "search-current"):
        problems += under(page + s(f"article-view--{match}"), SECONDARY, f"{theme}: {match}")
    return problems


def list_problems(app, theme: str) -> list[str]:
    """The claims list's and the library list's rows as they paint them: each kind of row,
    off the cursor and under it (blurred: the article has the keys)."""
    claims = app.query_one(ClaimsList)
    problems = []
    for names in (["claims-list--row"], ["claims-list--row", "claims-list--orphan"]):
        for cursor in ([], ["claims-list--cursor"]):
            row = [*names, *cursor]
            label = f"{theme}: claims {' '.join(n.removeprefix('claims-list--') for n in row)}"
            problems += under(claims._style(*row), SECONDARY, label)
            for part in ["tags", "kind", *CATEGORIES]:
                style = claims._style(*row, f"claims-list--{part}")
                floor = LETTER if part in CATEGORIES else SECONDARY
                problems += under(style, floor, f"{label} {part}")
        heading = claims._style("claims-list--heading", *cursor)
        problems += under(heading, SECONDARY, f"{theme}: claims heading {cursor}")
    library = app.query_one(LibraryList)
    for index in range(min(2, library.row_count)):
        for line in (0, 1):
            for style in library.line_styles(index, line):
                label = f"{theme}: library row {index} line {line}"
                problems += under(style, SECONDARY, label)
    return problems


async def test_component_classes_readable_in_256_colours_too(seed_library, settle):
    """Every component class the app styles, in every theme, in truecolor and in 256
    colours: running text (the page, the cursor sentence, a highlight's or a selection's
    text, what is typed in the `/` box) at least 4.5:1, everything else (headings, labels,
    muted text, the bars, the title bar's `— N%`) at least 3:1."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "t", "h", "e")
        await pilot.pause()
        field = app.query_one(SearchField)
        assert field.has_focus
        title_bar, key_bar = app.query_one(TitleBar), app.query_one(KeyBar)
        assert "%" in app.sub_title
        async for theme in colour_themes(app, pilot):
            base = title_bar.rich_style
            for part, floor in (("title", BODY), ("subtitle", SECONDARY)):
                style = base + title_bar.get_component_rich_style(f"title-bar--{part}")
                problems += under(style, floor, f"{theme}: title bar {part}")
            problems += under(field.rich_style, BODY, f"{theme}: search box text")
            count = app.query_one("#search-count").rich_style
            problems += under(count, SECONDARY, f"{theme}: search count")
            base = key_bar.rich_style
            for part in ("key", "description", "message"):
                style = base + key_bar.get_component_rich_style(f"key-bar--{part}")
                problems += under(style, SECONDARY, f"{theme}: key bar {part}")
            for status in ("#library-status", "#claims-status"):
                style = app.query_one(status).rich_style
                problems += under(style, SECONDARY, f"{theme}: {status}")
            notes = app.reading.notes_pane
            page = Style(bgcolor=notes.query_one("#notes-view").rich_style.bgcolor)
            for name in sorted(notes.COMPONENT_CLASSES):
                problems += under(page + notes._part_style(name), SECONDARY, f"{theme}: {name}")
            problems += article_problems(app.article_view, theme)
            problems += list_problems(app, theme)
    assert not problems, "\n".join(problems)


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def difference(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """CIE76 ΔE: about 2.3 is just noticeable, over 10 tells apart at a glance."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def drawn(style) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(text, background) as the terminal shows `style` (reverse swaps them)."""
    fg = tuple(style.color.get_truecolor())
    bg = tuple(style.bgcolor.get_truecolor())
    return (bg, fg) if style.reverse else (fg, bg)


def looks(style) -> tuple:
    """What tells one mark from another on screen: background, and underline/reverse."""
    fg, bg = drawn(style)
    return bg, bool(style.underline), bool(style.reverse)


def _distinct(a, b, floor: float) -> bool:
    bg_a, *attrs_a = looks(a)
    bg_b, *attrs_b = looks(b)
    return difference(bg_a, bg_b) >= floor or attrs_a != attrs_b and difference(bg_a, bg_b) >= 5


MARK_FLOOR = 12  # ΔE between marks' backgrounds: told apart at a glance
CURSOR_FLOOR = 6  # ΔE of the cursor's tint from the page


async def test_marks_are_distinct_and_readable_in_every_theme(seed_library, settle):
    """Issue 14.15: a search match vanished inside a Question highlight (both olive), the
    cursor was 254 on 253 in light themes, and a selection looked like a Claim. In each theme:
    the cursor stands off the page; a search match (and the current one) stands off every
    category's tint and the cursor, also when drawn over them; a selection stands off every
    tint and a match; and text stays readable (≥ 3:1) under every mark and combination."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        view.focus()
        async for theme in colour_themes(app, pilot):
            s = view._style
            page = view._base_style() + s("article-view--paragraph")
            tints = {c: page + s(f"article-view--hl-{c}") for c in CATEGORY_LETTERS}
            cursor = page + s("article-view--cursor")
            match, current = s("article-view--search-match"), s("article-view--search-current")
            selection = s("article-view--selection")
            checks = [("cursor vs page", cursor, page, CURSOR_FLOOR)]
            for under_name, under in [("page", page), ("cursor", cursor), *tints.items()]:
                for mark_name, mark in [("match", match), ("current", current)]:
                    checks.append(
                        (f"{mark_name} over {under_name}", under + mark, under, MARK_FLOOR)
                    )
                checks.append(
                    (f"selection over {under_name}", under + selection, under, MARK_FLOOR)
                )
            checks.append(("current vs match", page + current, page + match, MARK_FLOOR))
            for name, tint in tints.items():
                checks.append((f"selection vs {name}", page + selection, tint, MARK_FLOOR))
                checks.append((f"match vs {name}", page + match, tint, MARK_FLOOR))
            for label, a, b, floor in checks:
                if not _distinct(a, b, floor):
                    ratio = difference(looks(a)[0], looks(b)[0])
                    problems.append(f"{theme}: {label} ΔE {ratio:.1f}")
                text, background = drawn(a)
                if contrast(text, background) < 3:
                    ratio = contrast(text, background)
                    problems.append(f"{theme}: {label} text {ratio:.2f}:1")
    assert not problems, "\n".join(problems)


async def test_notes_pane_follows_a_theme_switch(seed_library, settle):
    """Issue 14.15: after a live theme switch the notes headings kept the old theme's
    colours (dark boxes on a light page) until restart. Every text segment the notes pane
    draws has the pane's own background and readable text (in truecolor and in 256
    colours), in every theme, after switching to it live."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "h")  # a highlight: its heading and quote show in the pane
        await pilot.pause()
        notes = app.reading.notes_pane
        view = notes.query_one("#notes-view")
        assert "Article note" in notes.text()
        async for theme in colour_themes(app, pilot):
            page = tuple(view.rich_style.bgcolor.get_truecolor())
            seen = 0
            for y in range(view.size.height):
                for segment in view.render_line(y):
                    style, text = segment.style, segment.text.strip()
                    if not text or style is None or style.color is None:
                        continue
                    seen += 1
                    bg = tuple(style.bgcolor.get_truecolor()) if style.bgcolor else page
                    if bg != page:
                        problems.append(f"{theme}: {text[:20]!r} on {bg}, pane is {page}")
                    else:
                        on_page = Style(bgcolor=view.rich_style.bgcolor) + style
                        problems += under(on_page, SECONDARY, f"{theme}: {text[:20]!r}")
            assert seen, theme
    assert not problems, "\n".join(problems)


async def test_filter_boxes_text_readable_in_256_colours_too(seed_library, settle):
    """The library's and the claims pane's filter boxes (typed into like the `/` box): what
    is typed reads at 4.5:1 in every theme, also in 256 colours (solarized-dark was 2.17:1,
    the theme's $foreground on $surface)."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        boxes = []
        for pane in (app.query_one("LibraryPane"), app.reading.claims_pane):
            pane.show_filter()
            await pilot.pause()
            await pilot.press("t")
            boxes.append(app.focused)
        assert [box.id for box in boxes] == ["library-filter", "claims-filter"]
        async for theme in colour_themes(app, pilot):
            for box in boxes:
                problems += under(box.rich_style, BODY, f"{theme}: {box.id}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")
async def test_library_search_readable_in_256_colours_too(seed_library, settle, search_library):
    """The library search screen (F): what is typed in its box at 4.5:1, its status and each
    line of a match (off the cursor and under it, blurred: the box has the keys; and under
    it with the keys, where gruvbox's `$block-cursor-foreground` on the block cursor was
    2.36:1) at 3:1, in every theme, truecolor and 256 colours."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = await search_library(app, pilot, "trump")
        matches = screen.query_one(MatchList)
        assert matches.count > 1
        query, status = (
            screen.query_one("#library-query"),
            screen.query_one("#library-search-status"),
        )
        async for theme in colour_themes(app, pilot):
            problems += under(query.rich_style, BODY, f"{theme}: library search box")
            problems += under(status.rich_style, SECONDARY, f"{theme}: library search status")
            for index in (0, 1):  # the cursor is on the first
                for line in (0, 1):
                    for style in matches.line_styles(index, line):
                        problems += under(style, SECONDARY, f"{theme}: match {index} {line}")
        matches.focus()
        await pilot.pause()
        async for theme in colour_themes(app, pilot):
            assert matches.has_focus
            for line in (0, 1):
                for style in matches.line_styles(matches.cursor, line):
                    problems += under(style, SECONDARY, f"{theme}: focused match line {line}")
    assert not problems, "\n".join(problems)


async def test_messages_and_problems_readable_in_256_colours_too(seed_library, settle):
    """The message shown in place of an article and a pane's problem line (annotating
    off): 3:1 in every theme, truecolor and 256 colours (nord's $text-error was 2.85:1)."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        message = app.reading.show_message("This file could not be read")
        status = app.query_one("#claims-status")
        status.set_class(True, "pane-problem")
        await pilot.pause()
        async for theme in colour_themes(app, pilot):
            for widget in (message, status):
                problems += under(widget.rich_style, SECONDARY, f"{theme}: {widget.id}")
    assert not problems, "\n".join(problems)


def texts_in(app, widget):
    """(text, style) of each segment of text the screen shows inside `widget`'s region, as
    composed (its own colours, its widgets' and their component classes'); box drawing
    (borders) and block elements (scrollbars) are decoration, not text."""
    region = widget.region
    for strip in app.screen._compositor.render_strips()[region.y : region.bottom]:
        for segment in strip.crop(region.x, region.right):
            text = segment.text.strip()
            if segment.style is not None and any(not "\u2500" <= c <= "\u259f" for c in text):
                yield text, segment.style


def dialog_problems(app, dialog, theme: str) -> list[str]:
    """Each text inside `dialog` under 3:1 on its background, in truecolor or 256 colours."""
    problems = []
    for text, style in texts_in(app, dialog):
        if style.color is not None and style.bgcolor is not None:
            problems += under(style, SECONDARY, f"{theme} {dialog.id}: {text[:40]!r}")
    return problems


def ansi_problems(app, dialog, theme: str) -> list[str]:
    """Text inside `dialog` drawn in a colour of its own on the terminal's background: the
    ANSI themes leave the colours to the terminal (white on a light terminal is unreadable,
    as black is on a dark one)."""
    problems = []
    for text, style in texts_in(app, dialog):
        own = style.color is not None and style.color.type == ColorType.TRUECOLOR
        if own and (style.bgcolor is None or style.bgcolor.is_default):
            problems.append(f"{theme} {dialog.id}: {text[:40]!r} in {style.color.name}")
    return problems


async def _verdict(app, pilot):
    await pilot.press("j", "h", "s")  # a highlight, its verdict dialog
    await pilot.pause()
    return app.screen.query_one("#verdict-dialog")


async def _unsaved(app, pilot):
    question = "The annotations of 2 articles (a.txt, b.txt) are not saved (read-only)."
    app.push_screen(UnsavedScreen(question))
    await pilot.pause()
    return app.screen.query_one("#unsaved-dialog")


async def _help(app, pilot):
    await pilot.press("question_mark")
    await pilot.pause()
    return app.screen.query_one("#help-dialog")


@pytest.mark.parametrize("opened", [_verdict, _unsaved, _help], ids=["verdict", "unsaved", "help"])
async def test_dialogs_readable_in_256_colours_too(seed_library, settle, opened):
    """The app's own dialogs as the screen shows them: every text (a title, a quote, the
    verdict's statuses and the one under the cursor, a field's placeholder, the buttons, the
    help's lines) at 3:1 on what is behind it, and what is typed at 4.5:1, in every theme,
    truecolor and 256 colours. Textual's widgets drew a placeholder in `$text-disabled`
    (2.6:1 in textual-light), a button and the dialogs' text in `$foreground` (2.17:1 on
    `$surface` in solarized-dark, 256 colours), an error button's label 1.65:1 (nord, 256)
    and gruvbox's block cursor 2.36:1. In the ANSI themes, whose colours are the terminal's,
    no text is drawn in a colour of its own."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        dialog = await opened(app, pilot)
        fields = list(dialog.query(Input))
        async for theme in colour_themes(app, pilot):
            problems += dialog_problems(app, dialog, theme)
            for field in fields:
                problems += under(field.rich_style, BODY, f"{theme}: {field.id} text")
        for theme in ("ansi-dark", "ansi-light"):
            app.theme = theme
            await pilot.pause()
            problems += ansi_problems(app, dialog, theme)
    assert not problems, "\n".join(problems)


async def test_focused_list_cursors_readable_in_256_colours_too(seed_library, settle):
    """The claims list's and the library list's cursor row while the list has the keys
    (Textual's block cursor: gruvbox's `$block-cursor-foreground` on its background was
    2.36:1): every part of the row at 3:1, in every theme, truecolor and 256 colours."""
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the library pane is shown
        await settle(app, pilot)
        await pilot.press("j", "h")  # a row in the claims list
        await pilot.pause()
        claims, library = app.query_one(ClaimsList), app.query_one(LibraryList)
        assert claims.row_count and library.row_count
        for widget in (claims, library):
            widget.focus()
            await pilot.pause()
            async for theme in colour_themes(app, pilot):
                assert widget.has_focus
                label = f"{theme}: focused {widget.id} cursor"
                if widget is claims:
                    row = ["claims-list--row", "claims-list--cursor"]
                    for part in ["tags", "kind", *CATEGORIES]:
                        style = claims._style(*row, f"claims-list--{part}")
                        floor = LETTER if part in CATEGORIES else SECONDARY
                        problems += under(style, floor, f"{label} {part}")
                    problems += under(claims._style(*row), SECONDARY, label)
                else:
                    for line in (0, 1):
                        for style in library.line_styles(library.cursor, line):
                            problems += under(style, SECONDARY, f"{label} line {line}")
    assert not problems, "\n".join(problems)
