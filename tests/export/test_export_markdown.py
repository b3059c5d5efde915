"""Markdown export: structure, locations, escaping (checked by parsing with markdown-it-py)."""

from __future__ import annotations

import pytest
from export_fixtures import build_document
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.annotations.model import Annotation
from reader.document.decode import sanitize
from reader.document.locate import Locator
from reader.export.markdown import (
    MARKER,
    render_markdown,
)
from reader.export.markdown_text import escape_inline, quote_block

MD = MarkdownIt("commonmark")


def inline_text(children) -> str:
    out = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def top_level_quotes(markdown: str) -> list[str]:
    """Text content of each top-level block quote (paragraphs joined by a blank line)."""
    quotes: list[str] = []
    depth = 0
    current: list[str] | None = None
    for tok in MD.parse(markdown):
        if tok.type == "blockquote_open":
            depth += 1
            if depth == 1:
                current = []
        elif tok.type == "blockquote_close":
            depth -= 1
            if depth == 0 and current is not None:
                quotes.append("\n\n".join(current))
                current = None
        elif tok.type == "inline" and depth == 1 and current is not None:
            current.append(inline_text(tok.children or []))
    return quotes


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MD.parse(markdown)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), inline_text(tokens[i + 1].children or [])))
    return out


# Printable text, punctuation-heavy, with newlines and odd whitespace; no control characters
# (the document model never holds them).
QUOTE_ALPHABET = st.one_of(
    st.sampled_from(list("#>*_`[]<>&!\\-+=.)(|~:\"'{}^$%@;,?/0123456789 \n\t")),
    st.sampled_from(["\u00a0", "\u2003", "\u3000", "\u2028", "é", "中", "ش", "👍"]),
    st.characters(blacklist_categories=("Cc", "Cs")),
)


@settings(deadline=None, max_examples=300)
@given(st.text(QUOTE_ALPHABET, max_size=60))
def test_quote_block_renders_the_literal_text(quote):
    assert top_level_quotes(quote_block(quote)) == [quote]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.text(QUOTE_ALPHABET, min_size=1, max_size=40), min_size=1, max_size=6))
@example(["\U000e0000"])
def test_every_quote_in_an_export_is_literal(quotes):
    # A highlight's quote is text of the document, which never holds invisible characters:
    # a tag character such as U+E0000 is already shown as a mark when the article is read.
    quotes = [sanitize(q) for q in quotes]
    doc = build_document("Title\n\n" + "\n".join(q.replace("\n", " ") for q in quotes))
    anns = [
        Annotation(id=f"{i:08d}", category="claim", start=i, end=i + 1, exact=q, note="a note")
        for i, q in enumerate(quotes)
    ]
    anns[-1].orphaned = True
    text = render_markdown(doc, anns, "", source_link="story.txt")
    assert top_level_quotes(text) == [a.exact for a in anns]


@pytest.mark.parametrize(
    "quote",
    [
        "# not a heading",
        "> not nested",
        "1. not a list",
        "- not a list",
        "***",
        "a *b* _c_ `d` [e](f) <g> &amp; h",
        "  leading and trailing  ",
        "line one\nline two\n\nline four\n",
        "\nstarts with a newline",
        "    indented code?",
        "<!-- comment -->",
        "ends with a backslash\\",
        "===",
    ],
)
def test_tricky_quotes(quote):
    assert top_level_quotes(quote_block(quote)) == [quote]


@settings(deadline=None, max_examples=200)
@given(st.text(QUOTE_ALPHABET, max_size=40))
@example("#\u2028#")  # a line break other than "\n" is a space too
def test_titles_and_metadata_are_literal(title):
    doc = build_document("x\n\nBody.", source=title)
    doc.meta.title = title
    text = render_markdown(doc, [], "")
    # The export shows hidden characters as the reader does (a loaded title has them shown).
    expected = sanitize(" ".join(title.splitlines()).strip().replace("\t", " "))
    if expected:
        assert headings(text)[0] == (1, expected)
        tokens = MD.parse(text)
        meta = next(t for t in tokens if t.type == "inline" and t.content.startswith("Source: "))
        assert inline_text(meta.children) == "Source: " + expected


def test_escape_inline_in_headings(builder):
    doc = builder("# Title *with* <b>html</b> & a trailing #\n\nBody.")
    text = render_markdown(doc, [], "")
    assert headings(text)[0] == (1, "# Title *with* <b>html</b> & a trailing #")
    assert escape_inline("a\nb") == "a b"


def test_document_layout(story, annotator):
    a1 = annotator(story, "He will say so.", category="evidence", tags=["economy", "uk politics"])
    a1.note = "My **own** note\n\n- with a list"
    a2 = annotator(story, "Gordon Brown", category="claim")
    orphan = Annotation(
        id="orph", category="question", start=0, end=3, exact="gone text", orphaned=True
    )
    text = render_markdown(story, [a1, orphan, a2], "Overall *thoughts*.", source_link="story.txt")
    lines = text.split("\n")
    assert lines[0] == MARKER
    assert lines[2] == "# Budget to set scene for election"
    assert (
        "Source: BBC News · Published: 2005-02-21 · By: A. Reporter, B. Desk · "
        "File: [story.txt](story.txt)"
    ) in lines
    assert headings(text) == [
        (1, "Budget to set scene for election"),
        (2, "Article note"),
        (2, "Highlights"),
        (2, "Orphaned highlights"),
    ]
    assert "Overall *thoughts*." in lines  # the user's Markdown is kept
    # document order, orphans last
    assert top_level_quotes(text) == ["Gordon Brown", "He will say so.", "gone text"]
    assert "3 highlights: Claim 1, Evidence 1, Question 1." in MD.render(text)
    # category, tags, location with line link, date
    assert (
        "**Evidence** · #economy #uk-politics · ¶ 2, sentence 2 · "
        "[line 3](story.txt#L3) · 2026-01-27"
    ) in lines
    assert "My **own** note" in lines and "- with a list" in lines
    orphan_part = text.split("## Orphaned highlights")[1]
    assert "no longer found in the article text" in orphan_part
    assert "#L" not in orphan_part


def test_line_numbers_count_newlines_inside_a_block(builder):
    doc = builder("Title\n\nfirst line\nsecond line\n")
    # one block spanning two source lines (a reflowed paragraph)
    block = doc.blocks[1]
    block.end = len(doc.text) - 1
    block.text = doc.text[block.start : block.end].replace("\n", " ")
    del doc.blocks[2:]
    loc = Locator(doc).locate(doc.text.index("second"), doc.text.index("second") + 6)
    assert (loc.paragraph, loc.line) == (2, 4)


def test_markdown_documents_use_block_source_line(builder):
    doc = builder("Title\n\nPara one.\n\nPara two.", path="/x/post.md", fmt="markdown")
    doc.blocks[2].source_line = 40
    start = doc.text.index("two")
    loc = Locator(doc).locate(start, start + 3)
    assert loc.line == 40 and loc.paragraph == 3


def test_sentence_range(story, annotator):
    ann = annotator(
        story, "Gordon Brown will seek to put the economy at the centre of Labour's bid. He"
    )
    loc = Locator(story).locate(ann.start, ann.end)
    assert (loc.sentence, loc.last_sentence) == (1, 2)
    text = render_markdown(story, [ann], "", source_link="story.txt")
    assert "¶ 2, sentences 1–2" in text


def test_group_by_category(story, annotator):
    anns = [
        annotator(story, "freeze duties", category="evidence"),
        annotator(story, "Gordon Brown", category="question"),
        annotator(story, "Tax cuts", category="claim"),
        annotator(story, "He will say so.", category="claim"),
    ]
    text = render_markdown(story, anns, "", group_by="category")
    assert [h for h in headings(text) if h[0] == 3] == [
        (3, "Claim (2)"),
        (3, "Evidence (1)"),
        (3, "Question (1)"),
    ]
    assert top_level_quotes(text) == [
        "He will say so.",
        "Tax cuts",
        "freeze duties",
        "Gordon Brown",
    ]


def test_deterministic(story, annotator):
    anns = [annotator(story, "Tax cuts"), annotator(story, "Gordon")]
    a = render_markdown(story, anns, "n", source_link="story.txt")
    b = render_markdown(story, list(reversed(anns)), "n", source_link="story.txt")
    assert a == b


def test_unclosed_fence_in_note_is_closed(story, annotator):
    a1 = annotator(story, "Gordon", note="```python\nx = 1")
    a2 = annotator(story, "Tax cuts")
    text = render_markdown(story, [a1, a2], "")
    assert top_level_quotes(text) == ["Gordon", "Tax cuts"]


def test_link_to_a_file_name_with_spaces(builder):
    doc = builder("T\n\nBody text.", path="/tmp/my story.txt")
    text = render_markdown(doc, [], "", source_link="my story.txt")
    html = MD.render(text)
    assert 'href="my%20story.txt"' in html


def test_multi_line_quotes_keep_their_lines_and_escape_each_start():
    assert quote_block("one\ntwo") == "> one\\\n> two"
    assert quote_block("one \ntwo") == "> one&#32;\\\n> two"
    assert quote_block("one\n# two\n3. x") == "> one\\\n> \\# two\\\n> 3\\. x"
    assert quote_block("end\n\n") == "> end&#10;&#10;"


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(0, 400), min_size=1, max_size=30), st.data())
def test_line_numbers_match_counting_newlines(offsets, data):
    lines = data.draw(st.lists(st.text("ab \t", max_size=12), min_size=1, max_size=40))
    text = "\n".join(lines)
    doc = build_document(text)
    locator = Locator(doc)
    for offset in sorted(offsets) + offsets:  # in order, then revisiting earlier offsets
        offset = min(offset, len(text))
        where = locator.where(offset, offset + 1)
        if where is None:
            assert not doc.blocks
            continue
        block = doc.blocks[where[0] - 1]
        expected = text.count("\n", 0, max(block.start, offset)) + 1
        assert where[3] == expected


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Highlights", "highlights"),
        ("Claim (3)", "claim-3"),
        ("Café — Ünïcode 1.2, naïve_x-y", "café--ünïcode-12-naïve_x-y"),
        ("Straße İstanbul", "straße-i̇stanbul"),  # lower() may give two characters
        ("日本語の記事 🎉 é", "日本語の記事--é"),  # a combining mark is kept
        ("tab\there\u00a0nbsp", "tabherenbsp"),
    ],
)
def test_heading_anchors_as_github_makes_them(heading, anchor):
    from reader.export.markdown_text import slug

    assert slug(heading) == anchor
