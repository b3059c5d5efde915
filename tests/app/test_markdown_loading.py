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
