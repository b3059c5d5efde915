"""Screen cells to document offsets (LazyLayout.offset_at, index_at_cells), without an app:
the mapping the article view's clicks and drags go through."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.document.layout import LayoutLine, LazyLayout, index_at_cells
from reader.document.model import Block

NEVER_FOLDED = lambda index: False  # noqa: E731


def blocks_of(*parts: tuple[str, str] | tuple[str, str, dict]) -> list[Block]:
    blocks, pos = [], 0
    for kind, text, *extra in parts:
        blocks.append(Block(kind, pos, pos + len(text), text, **(extra[0] if extra else {})))
        pos += len(text) + 2
    return blocks


def test_each_cell_of_a_wrapped_paragraph_maps_to_its_character() -> None:
    text = "The council approved the plan on Monday. Critics said the cost was too high."
    (block,) = blocks = blocks_of(("paragraph", text))
    layout = LazyLayout(blocks, NEVER_FOLDED, 20)
    lines = layout.lines(0)
    assert len(lines) > 3
    for row, line in enumerate(lines):
        for i in range(line.start, line.end):
            column = cell_len(text[line.start : i])
            assert layout.offset_at(row, column) == block.start + i
        # Past the line's end: its last character; before the text column: its first.
        assert layout.offset_at(row, 500) == block.start + line.end - 1
        assert layout.offset_at(row, -3) == block.start + line.start


def test_a_wide_character_is_found_from_either_of_its_cells() -> None:
    text = "香港特別行政區"
    line = LayoutLine(0, len(text))
    assert [index_at_cells(text, line, c) for c in range(6)] == [0, 0, 1, 1, 2, 2]


def test_a_prefix_is_skipped_and_its_cells_give_the_first_character() -> None:
    blocks = blocks_of(("list_item", "First point here.", {"level": 1}))
    layout = LazyLayout(blocks, NEVER_FOLDED, 40)
    prefix = cell_len(layout.lines(0)[0].prefix)
    assert prefix == 2
    assert layout.offset_at(0, 0) == 0  # on the bullet
    assert layout.offset_at(0, prefix) == 0
    assert layout.offset_at(0, prefix + 6) == blocks[0].text.index("point")


def test_rows_between_and_after_blocks() -> None:
    blocks = blocks_of(("paragraph", "One two."), ("paragraph", "Three four."))
    layout = LazyLayout(blocks, NEVER_FOLDED, 40)
    layout.lines(0)
    layout.lines(1)
    assert layout.index.total == 4  # a line and a blank row each
    assert layout.offset_at(1, 3) == 3  # the blank row below block 0: its last line
    assert layout.offset_at(2, 0) == blocks[1].start
    assert layout.offset_at(4, 0) is None  # below the end
    assert layout.offset_at(-1, 0) is None
    assert LazyLayout([], NEVER_FOLDED, 40).offset_at(0, 0) is None


def test_a_fold_header_gives_its_block_start() -> None:
    blocks = blocks_of(
        ("paragraph", "Body."),
        ("boilerplate", "Related\nOne\nTwo", {"label": "Related"}),
    )
    layout = LazyLayout(blocks, lambda index: index == 1, 40)
    layout.lines(0)
    layout.lines(1)
    assert layout.offset_at(2, 4) == blocks[1].start


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab 香\u0301."), min_size=1, max_size=80),
    st.integers(4, 30),
    st.integers(-5, 40),
    st.integers(0, 30),
)
def test_an_offset_is_always_on_the_row_asked_for(text, width, column, row) -> None:
    blocks = blocks_of(("paragraph", text))
    layout = LazyLayout(blocks, NEVER_FOLDED, width)
    lines = layout.lines(0)
    offset = layout.offset_at(row, column)
    if row >= len(lines) + 1:
        assert offset is None
        return
    line = lines[min(row, len(lines) - 1)]
    assert offset is not None
    assert line.start <= offset <= max(line.start, line.end - 1)
