"""j/k read sentence by sentence, passing over the date, source and byline lines under the
headline (drawn as furniture: session 11 and 12, j stopped on them); } / { and a click still
stop on them, so a byline can be highlighted for its attribution."""

from __future__ import annotations

from test_annotation_ui import to_sentence

from reader.app import ReaderApp


def block_kind(app) -> str:
    view = app.article_view
    start, _ = view.cursor_range
    return view.document.blocks[view.document.block_at(start)].kind


async def test_j_and_k_pass_over_the_date_line_and_curly_brackets_reach_it(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        kinds = [block.kind for block in app.article_view.document.blocks[:4]]
        assert kinds == ["title", "subtitle", "meta", "paragraph"]
        await to_sentence(pilot, app, 1)
        assert block_kind(app) == "subtitle"
        await to_sentence(pilot, app, 1)
        assert block_kind(app) == "paragraph"
        await pilot.press("k")
        await pilot.pause()
        assert block_kind(app) == "subtitle"
        await pilot.press("right_curly_bracket")  # the next paragraph: the date line
        await pilot.pause()
        assert block_kind(app) == "meta"
        await pilot.press("h")  # highlighted for the attribution
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        assert "January 27, 2026" in ann.exact
        await pilot.press("j")
        await pilot.pause()
        assert block_kind(app) == "paragraph"
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert block_kind(app) == "meta"


async def test_a_click_on_the_date_line_puts_the_cursor_there(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        meta = view.document.blocks[2]
        assert meta.kind == "meta" and block_kind(app) == "title"
        x, y = next(
            (x, y)
            for y in range(view.content_size.height)
            for x in range(view.content_size.width)
            if meta.start <= (view.offset_at(x, y) or -1) < meta.end
        )
        await pilot.click(view, offset=(x + view.gutter.left, y + view.gutter.top))
        await pilot.pause()
        assert block_kind(app) == "meta"


async def test_k_from_the_first_sentence_reaches_a_leading_date_line(tmp_path, settle):
    """With no headline above it, the date line is the first stop: k from the first
    sentence goes there (no other stop is left that way)."""
    library = tmp_path / "lib"
    library.mkdir()
    (library / "story.txt").write_text(
        "March 9, 2024\n\nThe bridge will close, the mayor said. It opens in May.\n",
        encoding="utf-8",
    )
    app = ReaderApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert block_kind(app) == "meta"
        await to_sentence(pilot, app, 1)
        assert block_kind(app) == "paragraph"
        await pilot.press("k")
        await pilot.pause()
        assert block_kind(app) == "meta"
