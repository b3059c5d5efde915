"""What the per-paragraph work was reshaped into gives what it gave: furniture lines matched
by the rules for their first character, unwrapped text cut a line at a time, sentences kept
as offsets, and `reader parse` rows written field by field. Each is checked against the
plain construction it replaced, on generated input."""

from __future__ import annotations

import json
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_document_properties import PIECES, TEXT

from reader.document import furniture
from reader.document.decode import normalize
from reader.document.loader import parse_text
from reader.document.plaintext import _GROUP, _line_units
from reader.document.serialize import document_json

SETTINGS = settings(deadline=None, max_examples=200)

# --- furniture lines ---------------------------------------------------------------------

# Every rule's alternatives as one pattern per rule, tried in order: the plain reading of
# the rule table.
_PLAIN_RULES = [
    (label, re.compile("^(?:" + "|".join(alt[-1] for alt in alts) + ")$", re.I))
    for label, alts in furniture._LINE_RULES
]


def _plain_label(line: str) -> str:
    if len(line) > 240 or "\n" in line:
        return ""
    return next((label for label, rule in _PLAIN_RULES if rule.match(line)), "")


FURNITURE_WORDS = st.sampled_from(
    [
        "Related", "read more", "See also", "More from BBC", "you may also like",
        "Recommended", "【関連記事】", "相关阅读", "延伸閱讀", "اقرأ أيضا", "यह भी पढ़ें:",
        "Like us on Facebook", "Follow us on Twitter", "Share", "share this", "Tweet",
        "Pin it", "Email", "Print", "Next", "Previous next", "Advertisement", "Sponsored",
        "Sign up for x", "Subscribe to y", "our WhatsApp channel", "Copyright 2024", "(c) x",
        "© y", "All rights reserved.", "Photos: z", "Jane Doe/Getty Images", "AP Photo",
        "Reuters", "AFP", "WATCH:", "Video:", "a post shared by x (@y)", "(adds detail)",
        "Update: z", "Editor's note: q", "Sports", "News", "12345", "١٢٣٤٥", "Sources:",
        "ſhare", "\u0130mages: x", "\u0131mages: x", "\u212a", "a.", "The cat sat.", ":", "/",
    ]
)  # fmt: skip
LINES = st.lists(
    st.one_of(FURNITURE_WORDS, st.sampled_from([" ", ": ", "/", "\n"]), st.text(max_size=3)),
    max_size=4,
).map("".join)


@SETTINGS
@given(LINES)
@example("ſhare")  # characters that match a letter when case is ignored
@example("\u0130mages: Getty")
@example("\u212aoch/Reuters")
@example("١٢٣٤٥٦")  # any decimal digit
def test_a_line_gets_the_label_of_the_first_rule_that_matches_it(line):
    assert furniture.furniture_label(line) == _plain_label(line)


def test_the_label_is_found_for_each_kind_of_furniture():
    """The comparison above can fail: each label is reached (not only "")."""
    lines = ["Related News", "Share", "Sign up for our newsletter", "Copyright 2024 Foo",
             "Daniel Acker/Getty Images", "Watch:", "A post shared by Ann (@ann)",
             "(Adds quote)", "Update: the story changed", "Sport", "123456", "Sources"]  # fmt: skip
    labels = [furniture.furniture_label(line) for line in lines]
    assert labels == [label for label, _ in furniture._LINE_RULES]
    assert labels == [_plain_label(line) for line in lines]


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
        assert unit.line_no == text.count("\n", 0, unit.start) + 1
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
