"""A Markdown article that could be slow to parse is parsed off the UI thread: the first frame
(and so `q`) never waits for it."""

from __future__ import annotations

from test_app_startup import frames_and_loads

from reader.app import ReaderApp
from reader.opening import BIG_MARKDOWN_BYTES


async def test_a_long_markdown_article_is_parsed_in_a_worker_after_the_first_frame(
    tmp_path, monkeypatch, settle
):
    # One paragraph line after another, markdown-it's slowest ordinary input.
    lines = "".join(f"line {k} of a paragraph that never ends\n" for k in range(8_000))
    article = tmp_path / "long.md"
    article.write_text("# Long\n\n" + lines, encoding="utf-8")
    assert BIG_MARKDOWN_BYTES < article.stat().st_size < 1_000_000
    events = frames_and_loads(monkeypatch)
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "load" in events and events[0] == "frame"
        assert not app.partial
        assert app.document is not None and "line 7999 of a paragraph" in app.document.text


async def test_what_parsing_noted_is_told_once_when_the_article_opens(tmp_path, settle):
    from reader.document.html_depth import MAX_DEPTH

    page = tmp_path / "deep.html"
    nested = "<div>" * 300 + "<p>Deep text that stays readable.</p>" + "</div>" * 300
    page.write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    app = ReaderApp(library=tmp_path, article=page)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        told = [n.message for n in app._notifications]
        assert (
            told.count(f"the page nests more than {MAX_DEPTH} levels deep: shown flattened: {page}")
            == 1
        )
        assert app.document is not None and "Deep text that stays readable." in app.document.text
