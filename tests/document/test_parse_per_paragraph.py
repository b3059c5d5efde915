"""What the per-paragraph work was reshaped into gives what it gave: unwrapped text cut a line
at a time, sentences kept as offsets, and `reader parse` rows written field by field. Each is
checked against the plain construction it replaced, on generated input."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_document_properties import PIECES, TEXT

from reader.document.decode import normalize
from reader.document.loader import parse_text
from reader.document.plaintext import _GROUP, _line_units
from reader.document.serialize import document_json

SETTINGS = settings(deadline=None, max_examples=200)

# --- unwrapped text, a line at a time ------------------------------------------------------


@SETTINGS
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join))
def test_unwrapped_text_has_one_unit_per_non_blank_line(raw):
    text = normalize(raw)
    units = _line_units(text, 0, len(text), 1)
    lines = [m for m in re.finditer(r"[^\n]*", text) if m.group().strip()]
    assert len(units) == len(lines)
    groups = [m.start() for m in _GROUP.finditer(text)]
    for unit, line in zip(units, lines, strict=True):
        assert unit.text == line.group().strip() == text[unit.start : unit.end]
        assert line.start() <= unit.start < unit.end <= line.end()
        assert unit.source_line == text.count("\n", 0, unit.start) + 1
        assert unit.lines == 1
        # A blank line (or, for the first, anything) before it.
        first_of_group = line.start() in groups
        assert unit.blank_before == (first_of_group and (line.start() > 0 or unit is not units[0]))


# --- sentences kept as offsets -------------------------------------------------------------


@SETTINGS
@given(TEXT, st.sampled_from(["s.txt", "s.md"]))
def test_sentences_made_from_the_kept_offsets_are_the_same_each_time(raw, name):
    doc = parse_text(normalize(raw), name)
    offsets = [block.sentence_offsets() for block in doc.blocks]
    first = [block.sentences for block in doc.blocks]
    assert [[(s.start, s.end) for s in ss] for ss in first] == offsets
    assert [block.sentences for block in doc.blocks] == first
    assert all(doc.text[s.start : s.end] == s.text for ss in first for s in ss)
    if first:
        first[0].clear()  # a caller's list is its own
    assert [block.sentence_offsets() for block in doc.blocks] == offsets


# --- reader parse rows ---------------------------------------------------------------------


def _plain_row(block) -> str:
    """A block's JSON through a dictionary, as `reader parse` wrote it before."""
    item = {"kind": block.kind, "start": block.start, "end": block.end, "text": block.text}
    if block.level:
        item["level"] = block.level
    if block.label:
        item["label"] = block.label
    item["line"] = block.source_line
    if block.spans:
        item["spans"] = [
            {"start": s.start, "end": s.end, "style": s.style}
            | ({"url": s.url} if s.url is not None else {})
            for s in block.spans
        ]
    item["sentences"] = [{"start": s.start, "end": s.end, "text": s.text} for s in block.sentences]
    return json.JSONEncoder(ensure_ascii=False).encode(item)


@SETTINGS
@given(TEXT, st.sampled_from(["j.txt", "j.md"]))
def test_parse_rows_are_the_json_of_the_blocks(raw, name):
    doc = parse_text(normalize(raw), name)
    out = document_json(doc, indent=0)
    expected = [_plain_row(block) for block in doc.blocks]
    assert out.endswith(', "blocks": [' + ", ".join(expected) + "]}")
    assert json.loads(out)["blocks"] == [json.loads(row) for row in expected]
