"""Pure tests of reader.document.layout: wrapping, offsets, heights, the height index."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.document.layout import (
    HeightIndex,
    LazyLayout,
    cut_to_width,
    layout_block,
    wrap_text,
)
from reader.document.model import Block


def block(text: str, kind: str = "paragraph", **kw) -> Block:
    return Block(kind, 100, 100 + len(text), text, **kw)


def test_wrap_breaks_at_spaces_within_width() -> None:
    text = "The quick brown fox jumps over the lazy dog again and again"
    lines = [text[s:e] for s, e in wrap_text(text, 16)]
    assert lines == ["The quick brown", "fox jumps over", "the lazy dog", "again and again"]


def test_wrap_breaks_overlong_word() -> None:
    assert [(s, e) for s, e in wrap_text("abcdefghij", 4)] == [(0, 4), (4, 8), (8, 10)]


def test_wrap_honours_newlines_and_empty_text() -> None:
    assert wrap_text("", 10) == [(0, 0)]
    text = "one\n\ntwo"
    assert [text[s:e] for s, e in wrap_text(text, 10)] == ["one", "", "two"]


def test_wrap_counts_cjk_as_two_cells() -> None:
    text = "香港特別行政區行政長官梁振英今日表示"  # 18 wide characters
    pairs = wrap_text(text, 10)
    assert [cell_len(text[s:e]) for s, e in pairs] == [10, 10, 10, 6]
    assert "".join(text[s:e] for s, e in pairs) == text


def test_wrap_mixed_cjk_and_latin_never_exceeds_width() -> None:
    text = "Rust 1.73.0 版本发布了，带来了 panic 消息的改进和 lock 相关的 API 更新。" * 3
    for width in (5, 9, 20, 33):
        for s, e in wrap_text(text, width):
            assert cell_len(text[s:e]) <= width


def test_cut_to_width_wide_characters() -> None:
    assert cut_to_width("日本語テキスト", 0, 7, 5) == 2
    assert cut_to_width("abcdef", 1, 6, 3) == 4


def test_list_item_has_marker_and_hanging_indent() -> None:
    b = block("alpha beta gamma delta epsilon zeta", "list_item", label="1.", level=1)
    lines = layout_block(b, 14)
    assert lines[0].prefix == "1. "
    assert all(line.prefix == "   " for line in lines[1:])
    assert all(cell_len(line.prefix + b.text[line.start : line.end]) <= 14 for line in lines)


def test_quote_has_bar_per_depth() -> None:
    lines = layout_block(block("a quoted remark", "quote", level=2), 40)
    assert lines[0].prefix == "▌ ▌ "


def test_code_is_not_wrapped_but_cut() -> None:
    text = "def f():\n    return 'a very long line of code that overflows'\n"
    lines = layout_block(block(text, "code"), 20)
    assert len(lines) == 3
    assert text[lines[0].start : lines[0].end] == "def f():"
    assert lines[1].end - lines[1].start == 20


def test_boilerplate_folds_to_one_header_line() -> None:
    text = "Related News\nOne story here\nAnother story there"
    b = block(text, "boilerplate", label="Related News")
    folded = layout_block(b, 40, folded=True)
    assert len(folded) == 1
    assert folded[0].synthetic == "▸ Related News - 3 lines"
    unfolded = layout_block(b, 40, folded=False)
    assert unfolded[0].synthetic == "▾ Related News - 3 lines"
    assert [text[line.start : line.end] for line in unfolded[1:]] == text.split("\n")


def test_boilerplate_without_label_uses_first_line() -> None:
    b = block("More from the BBC\nx", "boilerplate")
    assert layout_block(b, 40, folded=True)[0].synthetic == "▸ More from the BBC - 2 lines"


def test_estimate_is_close_for_prose() -> None:
    rng = random.Random(1)
    words = ["a", "word", "sentence", "journalism", "of", "the", "reader"]
    for _ in range(30):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 300)))
        b = block(text)
        real = len(layout_block(b, 60)) + 1  # and the blank row after it
        layout = LazyLayout([b], lambda i: False, 60)
        assert abs(layout.index.height(0) - real) <= max(2, real // 4)
        layout.lines(0)
        assert layout.index.height(0) == real and layout.exact(0)


@settings(deadline=None, max_examples=200)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab cd  ef\nXYZ香港日本éü\u0301-.,")), max_size=300),
    width=st.integers(min_value=1, max_value=50),
)
def test_every_non_space_character_is_on_exactly_one_line(text: str, width: int) -> None:
    pairs = wrap_text(text, width)
    seen = [0] * len(text)
    previous_end = 0
    for s, e in pairs:
        assert previous_end <= s <= e <= len(text)
        previous_end = e
        for i in range(s, e):
            seen[i] += 1
        # a line is as wide as allowed, except a single character wider than the column
        assert cell_len(text[s:e]) <= width or e - s == 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert seen[i] == 1, (i, ch)


@settings(deadline=None, max_examples=100)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab cd ef 香港.")), min_size=1, max_size=200),
    width=st.integers(min_value=4, max_value=40),
    kind=st.sampled_from(["paragraph", "list_item", "quote", "code", "boilerplate"]),
)
def test_layout_lines_map_back_to_block_text(text: str, width: int, kind: str) -> None:
    b = block(text, kind)
    for line in layout_block(b, width):
        if line.synthetic is None:
            shown = line.prefix + b.text[line.start : line.end]
            assert cell_len(shown) <= width or line.end - line.start == 1
            assert 0 <= line.start <= line.end <= len(text)


def test_height_index_locates_rows() -> None:
    heights = [3, 1, 4, 1, 5]
    index = HeightIndex(heights)
    assert index.total == 14
    assert [index.top(i) for i in range(5)] == [0, 3, 4, 8, 9]
    assert index.locate(0) == (0, 0)
    assert index.locate(2) == (0, 2)
    assert index.locate(3) == (1, 0)
    assert index.locate(8) == (3, 0)
    assert index.locate(13) == (4, 4)
    assert index.locate(99) == (4, 90)


@settings(deadline=None)
@given(
    heights=st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=60),
    updates=st.lists(st.tuples(st.integers(0, 59), st.integers(1, 9)), max_size=20),
)
def test_height_index_matches_a_plain_list(heights: list[int], updates) -> None:
    index = HeightIndex(heights)
    plain = list(heights)
    for i, h in updates:
        i %= len(plain)
        assert index.set(i, h) == h - plain[i]
        plain[i] = h
    assert index.total == sum(plain)
    for row in range(sum(plain)):
        acc = 0
        for b, h in enumerate(plain):
            if row < acc + h:
                assert index.locate(row) == (b, row - acc)
                assert index.top(b) == acc
                break
            acc += h
