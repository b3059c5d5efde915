"""Markdown: front matter, block kinds, spans, source lines, display-text offsets."""

from __future__ import annotations

import pytest

from reader.document.front_matter import read_toml
from reader.document.markdown import parse_markdown


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_yaml_front_matter_gives_metadata(load):
    doc = load(
        '---\ntitle: "A GIF decoder"\ndate: 2011-05-25\nby:\n- Rob Pike\n'
        "description: How *interfaces* work.\n---\n\n## Introduction\n\nBody text.\n",
        "post.md",
    )
    assert doc.format == "markdown"
    m = doc.meta
    assert (m.title, m.published, m.authors) == ("A GIF decoder", "2011-05-25", ["Rob Pike"])
    assert m.subtitle == "How interfaces work."
    assert kinds(doc) == ["title", "subtitle", "meta", "heading", "paragraph"]
    assert doc.blocks[3].source_line == 9 and doc.blocks[3].level == 2
    assert doc.blocks[1].spans[0].style == "emphasis"


def test_author_string_with_and(load):
    doc = load(
        "---\ntitle: T\nauthor: Dan Abramov, Sophie Alpert, and Andrew Clark\ndate: 2023/05/03\n---\nHi.\n",
        "a.md",
    )
    assert doc.meta.authors == ["Dan Abramov", "Sophie Alpert", "Andrew Clark"]
    assert doc.meta.published == "2023-05-03"


def test_toml_front_matter(load):
    doc = load(
        '+++\npath = "2023/10/05/Rust-1.73.0"\ntitle = "Announcing Rust 1.73.0"\n'
        'authors = ["The Rust Release Team"]\n\n[extra]\nrelease = true\n+++\n\nThe Rust team is happy.\n',
        "rust.md",
    )
    assert doc.meta.title == "Announcing Rust 1.73.0"
    assert doc.meta.authors == ["The Rust Release Team"]
    assert doc.meta.published == "2023-10-05"
    para = doc.blocks[-1]
    assert para.text == "The Rust team is happy." and para.source_line == 10
    assert "+++" not in doc.text


def test_broken_front_matter_is_not_fatal(load):
    doc = load("---\ntitle: [unclosed\n  : : bad\n---\n# Real Title\n\nText.\n", "b.md")
    assert doc.meta.title == "Real Title"
    assert doc.blocks[0].kind == "title"
    assert any("front matter" in m for m in doc.messages)


def test_first_h1_is_the_title(load):
    doc = load("# The Title\n\nIntro paragraph.\n\n# Another H1\n", "t.md")
    assert doc.meta.title == "The Title"
    assert kinds(doc) == ["title", "paragraph", "heading"]


def test_block_kinds(load):
    src = (
        "# T\n\nPara *em* **strong** `code` [link](https://example.com/x).\n\n"
        "> quoted text\n\n"
        "- one\n  - nested\n- two\n\n"
        "3. three\n\n"
        "```python\nprint('hi')\n\nx = 1\n```\n\n"
        "    indented code\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![a cat](cat.png)\n\n"
        '<div class="x">[bold]raw[/bold] <script>alert(1)</script></div>\n'
    )
    doc = load(src, "k.md")
    assert kinds(doc) == [
        "title",
        "paragraph",
        "quote",
        "list_item",
        "list_item",
        "list_item",
        "list_item",
        "code",
        "code",
        "table",
        "paragraph",
        "paragraph",
    ]
    by_kind = {}
    for b in doc.blocks:
        by_kind.setdefault(b.kind, []).append(b)
    para = doc.blocks[1]
    assert para.text == "Para em strong code link."
    styles = {(para.text[s.start : s.end], s.style, s.url) for s in para.spans}
    assert styles == {
        ("em", "emphasis", None),
        ("strong", "strong", None),
        ("code", "code", None),
        ("link", "link", "https://example.com/x"),
    }
    items = by_kind["list_item"]
    assert [(b.text, b.level, b.label) for b in items] == [
        ("one", 1, "•"),
        ("nested", 2, "•"),
        ("two", 1, "•"),
        ("three", 1, "3."),
    ]
    assert doc.blocks[2].level == 1
    code = by_kind["code"]
    assert code[0].text == "print('hi')\n\nx = 1" and code[0].label == "python"
    assert code[1].text == "indented code"
    assert [s.text for s in code[0].sentences] == ["print('hi')\n\nx = 1"]  # never split
    assert doc.blocks[9].text == "a | b\n1 | 2"
    assert doc.blocks[10].text == "[image: a cat]"
    assert doc.blocks[11].text == "[bold]raw[/bold]"  # the markup's text: no tag, no script


def test_display_text_joins_blocks_with_blank_lines(load):
    doc = load("# T\n\nOne.\n\nTwo.\n", "j.md")
    assert doc.text == "T\n\nOne.\n\nTwo."
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 1), (3, 7), (9, 13)]


def test_heading_ids_are_dropped(load):
    doc = load("## tl;dr {/*tldr*/}\n\n### Setup {#setup}\n", "h.md")
    assert [b.text for b in doc.blocks] == ["tl;dr", "Setup"]


def test_escapes_from_front_matter_and_entities_are_neutralised(load):
    doc = load('---\ntitle: "bad \\e]2;PWNED\\a"\n---\n\nText &#27;[31m red.\n', "e.md")
    for text in [doc.text, doc.meta.title] + [b.text for b in doc.blocks]:
        assert "\x1b" not in text and "\x07" not in text


def test_parse_markdown_never_needs_a_file():
    result = parse_markdown("Just *one* line", "x")
    assert result.text == "Just one line"
    assert result.meta.title == "x"


# --- tolerant TOML front matter and Franklin @def (issue 15) ------------------------------


def test_toml_front_matter_keeps_every_value_that_parses():
    # post-julia-rr-toml-tuples-def-rawhtml.md: `meta = [("property", …)]` is not TOML.
    source = (
        '+++\nauthors = "Keno Fischer"\npublished = "2 May 2020"\n'
        'title = "Julia 1.5 Feature Preview: Time Traveling (Linux) Bug Reporting"\n'
        'rss_description = """Julia 1.5 is gaining a cool new bug reporting capability"""\n'
        'meta = [\n    ("property", "og:video", "https://julialang.org/preview.mp4"),\n'
        '\t\t("name", "twitter:player:height", "720")\n\t\t]\n+++\n\nThe Julia project grows.\n'
    )
    result = parse_markdown(source, "post")
    meta = result.meta
    assert meta.title == "Julia 1.5 Feature Preview: Time Traveling (Linux) Bug Reporting"
    assert (meta.published, meta.authors) == ("2020-05-02", ["Keno Fischer"])
    assert meta.subtitle == "Julia 1.5 is gaining a cool new bug reporting capability"
    assert result.messages == [
        "front matter values that are not valid TOML were left out (meta): post"
    ]


def test_toml_date_call_is_left_out_alone():
    data, problem = read_toml('title = "A post"\ndate = Date(2023, 07, 06)\n[extra]\nx = 1\n')
    assert data == {"title": "A post", "extra": {"x": 1}} and "(date)" in problem


def test_franklin_defs_are_front_matter_not_a_paragraph():
    result = parse_markdown(
        '@def title = "Pkg update"\n@def rss_pubdate = Date(2020, 5, 2)\n\n'
        "```julia\n@def not_a_def = 1\n```\n\nThe body.\n",
        "post",
    )
    assert result.meta.title == "Pkg update" and result.meta.published == "2020-05-02"
    texts = [b.text for b in result.blocks]
    assert not any(t.startswith("@def title") for t in texts)
    assert "@def not_a_def = 1" in texts  # inside a code fence it stays code


# --- footnotes, admonitions, containers, content tabs (issue 15) ---------------------------


def test_footnotes_show_as_numbered_references_and_a_list_at_the_end():
    # post-textual-1.0-admonitions-html-footnotes.md
    result = parse_markdown(
        "Textual has a spatial map[^1] of widgets.\n\nMore text.\n\n"
        "[^1]: A term I coined for the structure in Textual.\n",
        "post",
    )
    texts = [(b.kind, b.label, b.text) for b in result.blocks]
    assert texts[0] == ("paragraph", "", "Textual has a spatial map[1] of widgets.")
    assert texts[-1] == ("list_item", "[1]", "A term I coined for the structure in Textual.")
    assert "[^1]" not in result.text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # post-textual-1.0-admonitions-html-footnotes.md: a title, a whitespace-only line.
        (
            '!!! tip "Switch the Primitive"\n    \n    If a problem is intractable, simplify it.\n\n'
            "??? note\n    Collapsed.\n\nAfter.\n",
            [
                ("quote", "tip", "Tip: Switch the Primitive"),
                ("quote", "tip", "If a problem is intractable, simplify it."),
                ("quote", "note", "Note"),
                ("quote", "note", "Collapsed."),
                ("paragraph", "", "After."),
            ],
        ),
        # post-vite-8.1-containers-nested-yaml.md and a Docusaurus note.
        (
            "::: details Why bundled dev mode?\nVite is known for its unbundled dev server.\n:::\n\n"
            ":::note\nA Docusaurus note.\n:::\n",
            [
                ("quote", "details", "Details: Why bundled dev mode?"),
                ("quote", "details", "Vite is known for its unbundled dev server."),
                ("quote", "note", "Note"),
                ("quote", "note", "A Docusaurus note."),
            ],
        ),
    ],
    ids=["admonitions", "containers"],
)
def test_admonitions_and_containers_are_labelled_boxes(source, expected):
    result = parse_markdown(source, "post")
    assert [(b.kind, b.label, b.text) for b in result.blocks] == expected
    assert ":::" not in result.text and "!!!" not in result.text


def test_content_tabs_are_labelled_boxes_but_not_in_code():
    # post-mkdocs-material-exclusion-content-tabs.md
    result = parse_markdown(
        '=== ":octicons-file-code-16: `docs/page.md`"\n\n    ``` markdown\n    # Page\n    ```\n\n'
        '```text\n=== "Not a tab"\n```\n',
        "post",
    )
    got = [(b.kind, b.text) for b in result.blocks]
    assert got == [("quote", "Tab: docs/page.md"), ("code", "# Page"), ("code", '=== "Not a tab"')]
    assert [b.source_line for b in result.blocks] == [1, 3, 7]


def test_corpus_posts_show_no_extension_syntax():
    import re

    from document_helpers import CORPUS

    from reader.document.loader import load_document

    raw = re.compile(r'^(?:!!!|\?\?\?|:::|=== ")|\[\^\w+\]', re.M)
    for name in (
        "post-textual-1.0-admonitions-html-footnotes.md",
        "post-mkdocs-material-exclusion-content-tabs.md",
        "post-vite-8.1-containers-nested-yaml.md",
    ):
        path = CORPUS / name
        if not path.is_file():
            continue
        doc = load_document(path)
        shown = [b.text for b in doc.blocks if b.kind != "code"]
        assert not any(raw.search(t) for t in shown), name


def test_franklin_raw_html_between_tildes_is_html():
    # post-julia-rr-toml-tuples-def-rawhtml.md, lines 17-131
    result = parse_markdown(
        '~~~\n  <link rel="stylesheet" href="/assets/player.css" />\n~~~\n\nThe text.\n\n'
        "~~~\nnot html\n~~~\n",
        "post",
    )
    assert [(b.kind, b.text[:7]) for b in result.blocks] == [
        ("paragraph", "The tex"),  # the stylesheet link shows nothing
        ("code", "not htm"),
    ]
