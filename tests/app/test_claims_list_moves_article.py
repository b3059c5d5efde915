"""Moving in the claims list (j/k, arrows) puts the article cursor on the highlight under
the list's cursor and scrolls the article to it, so the claim shows in its context; the
focus stays in the list (session 11 left the article where it was: only the notes pane
followed)."""

from __future__ import annotations

from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.app import ReaderApp
from reader.document.loader import load_document
from reader.widgets.claims_pane import ClaimsList

FIRST = "The first claim opens the story."
LAST = "The last claim closes the story."
FILLER = "A plain sentence fills the page here."


def long_article(folder: Path) -> Path:
    """A long article with a claim at its top and one far below the first screen."""
    folder.mkdir()
    paragraphs = [FIRST, *(f"{FILLER} Paragraph {n}." for n in range(80)), LAST]
    article = folder / "long.txt"
    article.write_text("A long story\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    store = AnnotationStore.open(load_document(article))
    for quote in (FIRST, LAST):
        start = store.document.text.index(quote)
        store.add(start, start + len(quote))
    store.close()
    return article


def shown(view) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))


async def test_moving_in_the_claims_list_moves_the_article_cursor(tmp_path, settle):
    article = long_article(tmp_path / "lib")
    app = ReaderApp(library=article.parent, article=article)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(app, pilot)
        view = app.article_view
        assert LAST not in shown(view)
        claims_list = app.reading.query_one(ClaimsList)
        claims_list.focus()
        await pilot.pause()
        for key, quote in (("j", LAST), ("k", FIRST), ("down", LAST)):
            await pilot.press(key)
            await settle(app, pilot)
            cursor = view.cursor_range
            assert app.document.text[slice(*cursor)] == quote, key
            assert quote in shown(view), key
            assert app.focused is claims_list, key
        assert FIRST not in shown(view)
