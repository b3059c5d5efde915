"""Raw HTML in a Markdown article shows as the text a browser would show: no tags, no
script or style, entities decoded, `<pre>` kept as written (reader.document.html_text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document.html_text import html_pieces, is_line_break
from reader.document.loader import load_document
from reader.document.markdown import parse_markdown

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def test_text_of_blocks_without_markup() -> None:
    source = '<div class="note"><p>Hello &amp; <b>bye</b></p>\n<p>Second   line</p></div>'
    assert html_pieces(source) == [("paragraph", "Hello & bye"), ("paragraph", "Second line")]


def test_code_data_and_comments_show_nothing() -> None:
    source = (
        "<!-- more --><style>@keyframes x { from {opacity: 0} }</style>"
        "<script>alert(1)</script><template><p>hidden</p></template><div></div>"
    )
    assert html_pieces(source) == []


def test_images_and_embeds_say_they_are_there() -> None:
    source = '<figure><img src="a.png" alt="A map"><iframe src="https://v.example/1"></iframe>'
    assert html_pieces(source) == [("paragraph", "[image: A map] [embedded: https://v.example/1]")]


def test_pre_keeps_its_lines_and_indentation() -> None:
    source = "<p>Before:</p><pre><code>fn main() {\n    run();\n}</code></pre><p>After.</p>"
    assert html_pieces(source) == [
        ("paragraph", "Before:"),
        ("code", "fn main() {\n    run();\n}"),
        ("paragraph", "After."),
    ]


def test_inline_tags_vanish_and_br_is_a_space() -> None:
    doc = parse_markdown("# T\n\nWater<sup>2</sup> rose<br/>again.\n", "t")
    assert [b.text for b in doc.blocks][1] == "Water2 rose again."
    assert is_line_break("<BR />") and not is_line_break("<b>")


def test_decoded_control_characters_never_reach_the_text() -> None:
    doc = parse_markdown("# T\n\n<p>bad &#x1b;[2J &#7; end</p>\n", "t")
    assert not any(ch in doc.blocks[1].text for ch in "\x1b\x07")


@given(st.text(alphabet="<>/ab &;#x1\"'=-!pre\n", max_size=200))
def test_any_fragment_parses_without_error(source: str) -> None:
    for kind, text in html_pieces(source):
        assert kind in ("paragraph", "code") and text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_corpus_posts_show_no_tags() -> None:
    rust = load_document(CORPUS / "post-rust-1.73.0.md")
    assert any(
        b.kind == "code" and b.text.startswith("fn main() {\n    let file") for b in rust.blocks
    )
    for name in ("post-rust-1.73.0.md", "post-textual-1.0-admonitions-html-footnotes.md",
                 "post-julia-rr-toml-tuples-def-rawhtml.md"):  # fmt: skip
        doc = load_document(CORPUS / name)
        shown = [b.text for b in doc.blocks if b.kind != "code"]
        assert not any("<div" in t or "<script" in t or "</p>" in t for t in shown), name
