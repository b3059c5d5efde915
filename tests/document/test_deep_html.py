"""A saved page nested past lxml's depth limit keeps its text, and says how it is shown
(reader.document.html_depth)."""

from __future__ import annotations

import pytest

from reader.document.html_depth import HUGE_DEPTH, MAX_DEPTH
from reader.document.loader import load_document

_WORDS = "Deep paragraph text that matters for the story, said the minister on Tuesday. " * 4


def _page(depth: int, tag: str = "div") -> str:
    return (
        "<html><head><title>Deep page</title></head><body>"
        + f"<{tag}>" * depth
        + f"<p>{_WORDS}</p><p>Second deep paragraph, which stays a paragraph of its own.</p>"
        + f"</{tag}>" * depth
        + "<p>A closing paragraph after the nesting, kept as well.</p></body></html>"
    )


@pytest.mark.parametrize("depth", [255, 300, 1_000])
def test_deeply_nested_divs_keep_their_text_flattened(tmp_path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_page(depth), encoding="utf-8")
    doc = load_document(path)
    assert "Deep paragraph text that matters" in doc.text
    assert "Second deep paragraph" in doc.text
    assert f"the page nests more than {MAX_DEPTH} levels deep: shown flattened: {path}" in (
        doc.messages
    )


@pytest.mark.parametrize("depth", [HUGE_DEPTH + 100, 20_000])
def test_a_page_too_deep_for_any_tree_is_read_as_plain_text(tmp_path, depth: int) -> None:
    path = tmp_path / "deeper.html"
    path.write_text(_page(depth, "section"), encoding="utf-8")
    doc = load_document(path)
    assert "Deep paragraph text that matters" in doc.text
    assert "A closing paragraph after the nesting" in doc.text
    assert [b.text for b in doc.blocks].count(
        "Second deep paragraph, which stays a paragraph of its own."
    ) == 1
    assert any("shown as plain text" in m and str(path) in m for m in doc.messages)


def test_plain_text_fallback_shows_markup_characters_literally(tmp_path) -> None:
    path = tmp_path / "deeper.html"
    text = "1. not a list *nor emphasis* [nor](a link) # nor a heading &amp; `no code`"
    page = "<html><body>" + "<div>" * (HUGE_DEPTH + 10) + f"<p>{text}</p></body></html>"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert text.replace("&amp;", "&") in doc.text
    assert all(not b.spans for b in doc.blocks)


def test_a_page_of_ordinary_depth_is_not_flattened(tmp_path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(40), encoding="utf-8")
    doc = load_document(path)
    assert "Deep paragraph text that matters" in doc.text
    assert not any("levels deep" in m for m in doc.messages)


def test_flattening_never_turns_a_comment_or_script_into_text(tmp_path) -> None:
    path = tmp_path / "deep.html"
    inner = "<p>Deep text.</p><!-- a secret comment --><script>var hidden = 1;</script>"
    page = "<html><body>" + "<div>" * 300 + inner + "</div>" * 300 + "</body></html>"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert "Deep text." in doc.text
    assert "secret" not in doc.text and "hidden" not in doc.text
