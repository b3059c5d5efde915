"""Every theme Textual ships keeps the reading screen working and its text readable.

Issue 14.2: `solarized-light` drew the date line white on cream (a component class styled
with an `auto` colour has no background of its own to contrast with), and the ANSI themes,
which lack `$surface-active`, stopped the app with a CSS error. The contrast of every
segment of text the article view draws is checked against its background (WCAG's 3:1 for
large text, as a floor; 2.5:1 for the one-letter category marks of the gutter, drawn in the
theme's accent colours); the ruler's bar is decoration, not text, and is not checked. The
ANSI themes leave colours to the terminal and are only run.
"""

from __future__ import annotations

from reader.annotations.categories import CATEGORY_LETTERS
from reader.app import ReaderApp
from reader.widgets.article_strips import RULER_MARK


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def test_every_theme_renders_and_keeps_text_readable(seed_library, settle):
    app = ReaderApp(library=seed_library)
    problems = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        await pilot.press("j", "h")  # a highlight and the cursor are drawn too
        await pilot.pause()
        themes = sorted(app.available_themes)
        assert len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert app.is_running, theme
            if theme.startswith("ansi"):
                continue
            for y in range(view.size.height):
                for segment in view.render_line(y):
                    style = segment.style
                    text = segment.text.strip()
                    if not text or text == RULER_MARK or style is None:
                        continue
                    if style.color is None or style.bgcolor is None:
                        continue
                    fg = tuple(style.color.get_truecolor())
                    bg = tuple(style.bgcolor.get_truecolor())
                    ratio = contrast(fg, bg)
                    floor = 2.5 if text in CATEGORY_LETTERS.values() else 3
                    if ratio < floor:
                        problems.append(f"{theme}: {segment.text.strip()[:30]!r} {ratio:.2f}:1")
    assert not problems, "\n".join(problems)
