"""Pilot tests of the article view: keys, search, folding, selection, mouse, rendering, scale."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from reader.annotations.highlight_index import Highlight
from reader.document.model import Block, Document, Metadata, Span
from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "styles" / "article.tcss"
SIZE = (100, 30)


def make_doc(*parts: tuple[str, str] | tuple[str, str, dict]) -> Document:
    """A document from (kind, text[, block kwargs]) parts, blocks separated by a blank line."""
    blocks = []
    pieces = []
    pos = 0
    for part in parts:
        kind, text = part[0], part[1]
        kwargs = part[2] if len(part) > 2 else {}
        blocks.append(Block(kind, pos, pos + len(text), text, **kwargs))
        pieces.append(text)
        pos += len(text) + 2
    return Document("test.md", "markdown", "\n\n".join(pieces), blocks, Metadata(title="t"))


ARTICLE = make_doc(
    ("title", "Ministers Meet Over The Harbour Plan"),
    ("meta", "Published on 3 March 2024"),
    (
        "paragraph",
        "The council approved the plan on Monday. Critics said the cost was too high. "
        "The mayor disagreed with them.",
    ),
    ("paragraph", "Work starts in May. It will take two years."),
    ("boilerplate", "Related News\nStory one\nStory two", {"label": "Related News"}),
    ("paragraph", "Residents will be consulted. The results will be published."),
)


class ViewApp(App):
    CSS_PATH = str(CSS)

    def __init__(self, document: Document | None = None) -> None:
        super().__init__()
        self.document = document
        self.cursor_events: list[tuple[int, int]] = []
        self.selection_events: list[tuple[int, int] | None] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        if self.document is not None:
            view.load(self.document)
        view.focus()

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.cursor_events.append((event.start, event.end))

    def on_article_view_selection_changed(self, event: ArticleView.SelectionChanged) -> None:
        self.selection_events.append(event.selection)


def screen_text(view: ArticleView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def cursor_text(view: ArticleView) -> str:
    start, end = view.cursor_range
    return view.document.text[start:end]


async def test_load_renders_title_and_puts_cursor_on_first_sentence() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        lines = screen_text(view)
        assert lines[0].strip() == "Ministers Meet Over The Harbour Plan"
        assert lines[1].strip() == ""
        assert cursor_text(view) == "Ministers Meet Over The Harbour Plan"
        assert app.cursor_events and app.cursor_events[-1] == view.cursor_range
        assert all(len(line) == len(lines[0]) for line in lines)


async def test_j_k_move_by_sentence_across_blocks() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("j")  # past the date line (} / { stop there: test_braces_move_by_block)
        assert cursor_text(view) == "The council approved the plan on Monday."
        await pilot.press("down")
        assert cursor_text(view) == "Critics said the cost was too high."
        await pilot.press("k", "up")
        assert cursor_text(view) == "Ministers Meet Over The Harbour Plan"
        await pilot.pause()
        assert app.cursor_events[-1] == view.cursor_range
        progress = view.progress
        await pilot.press("j", "j", "j")
        assert view.progress > progress


async def test_braces_move_by_block() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert cursor_text(view) == "The council approved the plan on Monday."
        await pilot.press("j", "left_curly_bracket")
        assert cursor_text(view) == "The council approved the plan on Monday."
        await pilot.press("left_curly_bracket")
        assert cursor_text(view) == "Published on 3 March 2024"


def long_doc(paragraphs: int = 60, seed: int = 7) -> Document:
    rng = random.Random(seed)
    words = "the harbour council plan cost mayor river bridge year budget vote".split()
    parts = []
    for p in range(paragraphs):
        sentences = []
        for s in range(rng.randint(2, 6)):
            n = rng.randint(4, 18)
            sentence = " ".join(rng.choice(words) for _ in range(n))
            sentences.append(f"P{p}S{s} {sentence}.")
        parts.append(("paragraph", " ".join(sentences)))
    return make_doc(("title", "A long article"), *parts)


async def test_page_down_and_up_scroll_and_cursor_follows() -> None:
    app = ViewApp(long_doc())
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        height = view.scrollable_content_region.height
        await pilot.press("space")
        first = view.scroll_y
        assert first >= height - 2
        assert any(cursor_text(view)[:8] in line for line in screen_text(view))
        await pilot.press("pagedown")
        assert view.scroll_y >= first + height - 2
        before = view.cursor_range
        await pilot.press("b")
        assert view.scroll_y == pytest.approx(first, abs=1)
        assert view.cursor_range < before
        await pilot.press("pageup")
        assert view.scroll_y == 0


async def test_g_and_G_go_to_top_and_bottom() -> None:
    doc = long_doc()
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        assert view.cursor_range[1] == doc.blocks[-1].sentences[-1].end
        assert view.progress == 100.0
        text = "\n".join(screen_text(view))
        assert cursor_text(view)[:10] in text
        await pilot.press("g")
        assert view.scroll_y == 0
        assert cursor_text(view) == "A long article"
        await pilot.press("end", "home")
        assert view.scroll_y == 0


async def test_cursor_moves_keep_it_visible() -> None:
    app = ViewApp(long_doc())
    async with app.run_test(size=(100, 16)) as pilot:
        view = app.query_one(ArticleView)
        for _ in range(30):
            await pilot.press("j")
            assert cursor_text(view).split()[0] in "\n".join(screen_text(view))
        assert view.scroll_y > 0


async def test_search_smart_case_enter_n_N_and_escape(searched) -> None:
    doc = make_doc(
        ("paragraph", "Alpha beta. The alpha wave. ALPHA again."),
        ("paragraph", "Nothing here. Last alpha."),
    )
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        assert bar.input.has_focus
        await pilot.press(*"alpha")
        await searched(pilot)
        assert len(view.search_matches) == 4  # lower case: case-insensitive
        assert bar.input.value == "alpha"
        assert str(bar.query_one("#search-count").render()) == "4 matches"
        await pilot.press(*["backspace"] * 5, *"Alpha")
        await searched(pilot)
        assert view.search_matches == [(0, 5)]  # an uppercase letter: case-sensitive
        await pilot.press(*["backspace"] * 5, *"alpha")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.query_one(SearchBar).display
        assert view.has_focus
        assert view.search_current == (0, 5)
        await pilot.press("n")
        assert view.search_current == (16, 21)
        assert cursor_text(view) == "The alpha wave."
        await pilot.press("n", "n")
        assert view.search_current[0] == doc.text.rindex("alpha")
        assert cursor_text(view) == "Last alpha."
        await pilot.press("n")
        assert view.search_current == (0, 5)  # wraps
        await pilot.press("N")
        assert cursor_text(view) == "Last alpha."
        styles = [
            str(seg.style) for y in range(3) for seg in view.render_line(y) if seg.text == "alpha"
        ]
        assert styles, "matches are drawn as their own segments"
        await pilot.press("escape")
        assert view.search_matches == []
        await pilot.press("slash", "x", "escape")
        await pilot.pause()
        assert not app.query_one(SearchBar).display
        assert view.search_matches == []


async def test_search_enter_jumps_from_cursor_and_unfolds_boilerplate() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert not any("Story two" in line for line in screen_text(view))
        await pilot.press("slash", *"story two", "enter")
        await pilot.pause()
        assert any("Story two" in line for line in screen_text(view))
        start, _ = view.search_current
        assert view.cursor_range[0] <= start < view.cursor_range[1]


async def test_boilerplate_folded_by_default_and_z_enter_toggle() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        lines = screen_text(view)
        assert any("▸ Related News - 3 lines" in line for line in lines)
        assert not any("Story one" in line for line in lines)
        view.move_cursor_to_offset(ARTICLE.blocks[4].start)
        assert view.cursor_range == (ARTICLE.blocks[4].start, ARTICLE.blocks[4].end)
        await pilot.press("z")
        lines = screen_text(view)
        assert any("▾ Related News - 3 lines" in line for line in lines)
        assert any(line.strip() == "Story one" for line in lines)
        await pilot.press("enter")
        lines = screen_text(view)
        assert any("▸ Related News" in line for line in lines)
        assert not any("Story one" in line for line in lines)
        await pilot.press("j")  # enter elsewhere does nothing
        await pilot.press("enter")
        assert any("▸ Related News" in line for line in screen_text(view))


async def test_plus_minus_change_measure_within_bounds() -> None:
    app = ViewApp(long_doc())
    async with app.run_test(size=(140, 30)) as pilot:
        view = app.query_one(ArticleView)

        def widest() -> int:
            return max(len(line.strip()) for line in screen_text(view))

        assert view.measure == 76
        assert widest() <= 76 + 2
        await pilot.press("minus", "minus")
        assert view.measure == 68
        assert widest() <= 68 + 2
        view.measure = 44
        await pilot.press("minus", "minus")
        assert view.measure == 40
        assert 30 < widest() <= 42
        view.measure = 116
        await pilot.press("plus", "plus")
        assert view.measure == 120
        assert widest() > 100


async def test_v_selection_extends_by_sentences_and_words() -> None:
    doc = make_doc(("paragraph", "One two three. Four five six. Seven eight nine."))
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert view.selection_range is None
        await pilot.press("v")

        def selected() -> str:
            start, end = view.selection_range
            return doc.text[start:end]

        assert selected() == "One two three."
        await pilot.press("j")
        assert selected() == "One two three. Four five six."
        await pilot.press("shift+right")
        assert selected() == "One two three. Four five six. Seven"
        await pilot.press("shift+left", "shift+left")
        assert selected() == "One two three. Four five"
        await pilot.press("shift+down")
        assert selected() == "two three. Four five"
        await pilot.press("shift+up")
        assert selected() == "One two three. Four five"
        await pilot.pause()
        assert app.selection_events[-1] == view.selection_range
        await pilot.press("escape")
        assert view.selection_range is None
        await pilot.pause()
        assert app.selection_events[-1] is None
        await pilot.press("v", "v")
        assert view.selection_range is None


async def test_click_puts_cursor_on_clicked_sentence() -> None:
    app = ViewApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        lines = screen_text(view)
        row = next(i for i, line in enumerate(lines) if "Critics said" in line)
        column = lines[row].index("Critics said") + 3
        await pilot.click(ArticleView, offset=(column, row))
        assert cursor_text(view) == "Critics said the cost was too high."
        row = next(i for i, line in enumerate(lines) if "Work starts" in line)
        column = lines[row].index("Work starts")
        await pilot.click(ArticleView, offset=(column, row))
        assert cursor_text(view) == "Work starts in May."


async def test_markup_and_control_characters_render_literally() -> None:
    text = "Use [bold]this[/bold] and [red]that[/] and [link=x]y[/link]. Bad \x1b[31m\x07\x9b end."
    doc = make_doc(("paragraph", text))
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        strips = [view.render_line(y) for y in range(4)]
        shown = "".join(strip.text for strip in strips)
        assert "[bold]this[/bold]" in shown
        assert "[red]that[/]" in shown
        assert "[link=x]y[/link]" in shown
        for strip in strips:
            for segment in strip:
                assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in segment.text)
                assert segment.style is None or segment.style.link is None
        assert "\ufffd[31m" in shown


async def test_highlights_draw_backgrounds_gutter_letter_note_and_ruler() -> None:
    doc = long_doc(10)
    target = doc.blocks[2].sentences[0]
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        claim = view.get_component_rich_style("article-view--hl-claim", partial=True)
        evidence = view.get_component_rich_style("article-view--hl-evidence", partial=True)
        assert claim.bgcolor is not None and claim.bgcolor != evidence.bgcolor
        view.set_highlights(
            [
                Highlight(target.start, target.end, "claim", has_note=True, id="a"),
                Highlight(doc.blocks[-1].start, doc.blocks[-1].end, "evidence", id="b"),
            ]
        )
        await pilot.pause()
        lines = screen_text(view)
        row = next(i for i, line in enumerate(lines) if target.text[:12] in line)
        strip = view.render_line(row)
        marked = [s for s in strip if target.text[:12] in s.text]
        assert marked and marked[0].style.bgcolor == claim.bgcolor
        left = lines[row].index(target.text[:12])
        assert lines[row][left - 2 : left] == "C✎"
        # overview ruler: rightmost column marks both highlights
        ruler = "".join(line[-1] for line in screen_text(view))
        assert ruler.count("▐") == 2
        assert ruler.rstrip()[-1] == "▐"  # the evidence highlight ends the document
        view.set_highlights([])
        await pilot.pause()
        strip = view.render_line(row)
        assert all(s.style is None or s.style.bgcolor != claim.bgcolor for s in strip)


async def test_scrolling_up_into_unwrapped_blocks_keeps_view_still() -> None:
    doc = long_doc(400, seed=3)
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.move_cursor_to_offset(len(doc.text) // 2)
        await pilot.pause()
        before = screen_text(view)
        for _ in range(40):
            view.scroll_to(y=view.scroll_y - 1, animate=False, immediate=True)
            now = screen_text(view)
            assert now[1:] == before[:-1]
            before = now


def generated_book(target_bytes: int = 3_000_000) -> Document:
    rng = random.Random(42)
    words = (
        "whale ship captain sea voyage harpoon deck crew ocean wind sail storm island "
        "the a of and to in his was with that it for on at by"
    ).split()
    blocks = []
    pieces = []
    pos = 0
    size = 0
    n = 0
    while size < target_bytes:
        sentences = []
        for _ in range(rng.randint(1, 8)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
            sentences.append(sentence.capitalize() + rng.choice(".!?"))
        text = f"{n}. " + " ".join(sentences)
        kind = "heading" if n % 50 == 0 else "paragraph"
        blocks.append(Block(kind, pos, pos + len(text), text))
        pieces.append(text)
        pos += len(text) + 2
        size += len(text) + 2
        n += 1
    return Document("book.txt", "text", "\n\n".join(pieces), blocks, Metadata(title="Book"))


async def test_a_3mb_book_renders_only_a_screenful() -> None:
    doc = generated_book()
    assert len(doc.text) >= 3_000_000
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        height = view.scrollable_content_region.height
        assert 0 < view.render_line_calls <= 3 * height
        count = len(doc.blocks)
        assert view.blocks_wrapped < 60 < count
        assert sum(b._sentences is not None for b in doc.blocks) <= 2
        # jump far, page, go to the end: still only local work
        view.move_cursor_to_offset(len(doc.text) // 2)
        await pilot.press("space", "space", "b", "j", "j", "G", "k")
        assert view.blocks_wrapped < 400
        assert sum(b._sentences is not None for b in doc.blocks) < 50
        assert view.progress > 99
        assert cursor_text(view)[:8] in "\n".join(screen_text(view))


async def test_empty_document_and_no_document() -> None:
    app = ViewApp(None)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("j", "k", "space", "b", "G", "g", "v", "z", "slash", "escape")
        assert view.cursor_range is None
        view.load(Document("e.txt", "text", "", [], Metadata()))
        await pilot.press("j", "G", "space")
        assert view.cursor_range is None
        assert "(empty article)" in screen_text(view)[0]


async def test_block_kinds_and_inline_spans_are_drawn() -> None:
    text = "Some strong words and emphasis here."
    doc = make_doc(
        ("heading", "Section", {"level": 2}),
        ("paragraph", text, {"spans": (Span(5, 11, "strong"), Span(22, 30, "emphasis"))}),
        ("list_item", "First point", {"label": "1.", "level": 1}),
        ("quote", "A quoted line", {"level": 1}),
        ("code", "x = [1]\ny = 2"),
    )
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        lines = [line.strip() for line in screen_text(view)]
        assert "1. First point" in lines
        assert "▌ A quoted line" in lines
        assert "x = [1]" in lines and "y = 2" in lines
        row = lines.index(text)
        segments = {s.text: s.style for s in view.render_line(row)}
        assert segments["strong"].bold
        assert segments["emphasis"].italic
        assert not segments[" words and "].bold


CORPUS = ROOT / ".." / "shared" / "corpus"


@pytest.mark.parametrize(
    "name", ["news-chinese-hk-leung.txt", "talaa-arabic-elkhabar-world2.txt", "bbc-tech-379.txt"]
)
async def test_corpus_articles_fill_exact_cell_widths(name: str) -> None:
    from rich.cells import cell_len

    from reader.document.loader import load_document

    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus not available")
    doc = load_document(path)
    app = ViewApp(doc)
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        width = view.scrollable_content_region.width
        for _ in range(3):
            for y in range(view.scrollable_content_region.height):
                strip = view.render_line(y)
                assert strip.cell_length == width
                assert cell_len(strip.text) == width
            await pilot.press("space")
        await pilot.press("G")
        assert view.progress == 100.0


async def test_load_with_offset_shows_cursor_there() -> None:
    doc = long_doc(200)
    target = doc.blocks[150].sentences[1]
    app = ViewApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.load(doc, cursor_offset=target.start + 2)
        await pilot.pause()
        assert view.cursor_range == (target.start, target.end)
        assert app.cursor_events[-1] == view.cursor_range
        assert target.text.split()[0] in "\n".join(screen_text(view))
        assert 0 < view.progress < 100


class EscapeApp(ViewApp):
    BINDINGS = [("escape", "app_escape", "Back"), ("enter", "app_enter", "Open")]

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.seen: list[str] = []

    def action_app_escape(self) -> None:
        self.seen.append("escape")

    def action_app_enter(self) -> None:
        self.seen.append("enter")


async def test_escape_and_enter_reach_the_app_when_the_view_has_nothing_to_do() -> None:
    app = EscapeApp(ARTICLE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("v", "escape")
        assert app.seen == [] and view.selection_range is None
        await pilot.press("escape", "enter")
        assert app.seen == ["escape", "enter"]


async def test_meta_line_shows_its_display_label_and_takes_the_cursor() -> None:
    """A scraper's glued `January 27, 2026Clash Report` reads apart on screen; the text (and
    every offset) stays as in the file, and the cursor on that block lights up the label."""
    doc = make_doc(
        ("title", "A Title For The Story"),
        ("meta", "January 27, 2026Clash Report", {"label": "January 27, 2026 · Clash Report"}),
        ("paragraph", "The first sentence. The second one."),
    )
    app = ViewApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        lines = screen_text(view)
        assert lines[2].strip() == "January 27, 2026 · Clash Report"
        assert not any("2026Clash" in line for line in lines)
        plain = view.render_line(2)
        await pilot.press("right_curly_bracket")  # j passes over it: } and a click stop there
        await pilot.pause()
        assert cursor_text(view) == "January 27, 2026Clash Report"
        lit = view.render_line(2)
        assert lit.text == plain.text
        assert [seg.style for seg in lit] != [seg.style for seg in plain]  # cursor drawn


async def test_load_longer_keeps_the_text_on_screen_and_the_cursor() -> None:
    whole = long_doc(120, seed=11)
    cut = whole.blocks[40].end
    head = Document(whole.path, whole.format, whole.text[:cut], whole.blocks[:41], whole.meta)
    app = ViewApp(head)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("space", "space", "j", "j")
        await pilot.pause()
        shown, cursor = screen_text(view), view.cursor_range
        view.load_longer(whole, cursor[0])
        await pilot.pause()
        assert view.document is whole and view.cursor_range == cursor
        assert screen_text(view) == shown
        view.load(whole, cursor[0])  # a plain load centres the cursor instead
        await pilot.pause()
        assert view.cursor_range == cursor and screen_text(view) != shown


def test_a_malformed_record_is_marked_in_the_claims_row():
    from reader.annotations.model import Annotation
    from reader.widgets.claims_pane import row_text

    ann = Annotation(
        id="x", category="claim", start=0, end=5, exact="Alpha", malformed={"tags": "a,b"}
    )
    assert ann.needs_attention
    assert row_text(ann, 40)[0] == "C  ! "
    plain = Annotation(id="y", category="claim", start=0, end=5, exact="Alpha")
    assert row_text(plain, 40)[0] == "C   "
