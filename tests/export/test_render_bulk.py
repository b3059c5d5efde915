"""The bulk export path gives the same bytes as the per-quote, per-highlight one.

`quote_blocks` quotes many texts at once (joined, a chunk at a time) and `_highlights` puts
each highlight's blocks into the document with it; both must match, byte for byte, calling
`quote_block` per quote and joining one part per highlight as the export did before.
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from export_fixtures import build_document
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.annotations.model import Annotation
from reader.export import markdown
from reader.export.markdown import (
    _category_strong,
    _close_fences,
    _date,
    escape_inline,
    quote_block,
    quote_blocks,
    render_markdown,
    tag_text,
)

# What quote escaping looks at: inline and block specials, digits (also ones `\d` matches
# but are not ASCII, and `isdigit` ones it does not match), newlines, tabs, and whitespace
# that `str.isspace` knows but `str.split("\n")` does not split on.
TRICKY = list("ab \t\n\r#>-+=*_~`|[]<&\\.)(!:0123456789") + [
    "\u00a0",  # no-break space
    "\u2003",  # em space
    "\u3000",  # ideographic space
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x85",  # next line
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\u1680",
    "\u202f",
    "²",  # isdigit, not \d
    "٣",  # Arabic-Indic three: \d
    "१",  # Devanagari one
    "１",  # fullwidth one
    "Ⅻ",  # numeric, not a digit
    "é",
    "中",
    "👍",
]
CHARS = st.one_of(st.sampled_from(TRICKY), st.characters(blacklist_characters="\x00"))
QUOTE = st.text(CHARS, max_size=24)

EDGE_CASES = [
    "",
    "\n",
    "\n\n",
    " ",
    "\t",
    " \n",
    "\n ",
    "a \n",
    "a\n\n",
    "\nstarts with a newline",
    "- not a list",
    "+ not a list",
    "=== not a heading",
    "a\n-b\n+c\n=d",
    "1. not a list",
    "1) not a list",
    "123456789. nine digits",
    "1234567890. ten digits",
    "x\n2. second line",
    "². superscript",
    "٣. Arabic-Indic",
    "１. fullwidth",
    "  leading and trailing  ",
    "\u00a0no-break\u00a0",
    "\u3000ideographic\u3000",
    "line\u2028separator",
    "\u2028",
    "\x85next line\x85",
    "a\r\nb\r",
    "\r",
    "tab\tinside\t",
    "\ttab first",
    "# heading\n> quote\n* item\n_ under\n~ tilde\n` tick\n| pipe",
    "a *b* _c_ `d` [e](f) <g> &amp; h \\ i",
    "ends with a backslash\\",
    "a\n\nb\n \n\t\nc",
    "   \n   ",
    "trailing space \nnext",
    "last line ends with space ",
]


def per_quote(texts: list[str]) -> list[str]:
    return [quote_block(text) for text in texts]


@settings(deadline=None, max_examples=500)
@given(st.lists(QUOTE, max_size=80))
def test_quote_blocks_matches_quote_block(texts):
    assert quote_blocks(texts) == per_quote(texts)


@settings(deadline=None, max_examples=200)
@given(st.lists(QUOTE, max_size=12), st.integers(1, 4))
def test_quote_blocks_matches_across_chunk_edges(texts, chunk):
    with mock.patch.object(markdown, "_CHUNK", chunk):
        assert quote_blocks(texts) == per_quote(texts)


@settings(deadline=None, max_examples=100)
@given(st.lists(st.text(st.sampled_from([*TRICKY, "\x00"]), max_size=12), max_size=10))
@example(["a\x00\nb", "c"])  # a NUL and newline: the separator itself inside a quote
@example(["a\n\x00", "\x00\n"])
def test_quote_blocks_with_nul(texts):
    assert quote_blocks(texts) == per_quote(texts)


@pytest.mark.parametrize("chunk", [1, 2, 3, 64])
def test_quote_blocks_edge_cases(chunk):
    with mock.patch.object(markdown, "_CHUNK", chunk):
        assert quote_blocks(EDGE_CASES) == per_quote(EDGE_CASES)
        # each next to a plain quote, so a chunk has only one rare shape or none
        for text in EDGE_CASES:
            texts = ["plain", text, "plain\ntwo lines"]
            assert quote_blocks(texts) == per_quote(texts), text


def test_quote_blocks_examples():
    assert quote_blocks([]) == []
    assert quote_blocks(["", "\n"]) == ["> ", "> &#10;"]
    assert quote_blocks(["a\n- b", "1. c "]) == ["> a\\\n> \\- b", "> 1\\. c&#32;"]


# --- the whole export ----------------------------------------------------------------------


def _old_date(stamp: str) -> str:
    return stamp[:10] if re.match(r"\d{4}-\d{2}-\d{2}", stamp) else escape_inline(stamp)


def reference_highlights(parts, rows, link):
    """The export's per-highlight path before `quote_blocks`: one `quote_block` call and
    one part (quote, facts and note joined by blank lines) per highlight."""
    for exact, category, tags, created, note, loc in rows:
        facts = _category_strong(category)
        if tags:
            facts += " · " + " ".join(tag_text(t) for t in tags)
        if loc is not None:
            paragraph, sentence, last, line = loc
            if last > sentence:
                facts += f" · ¶ {paragraph}, sentences {sentence}–{last}"
            else:
                facts += f" · ¶ {paragraph}, sentence {sentence}"
            if link:
                facts += f" · [line {line}]({link}#L{line})"
        if created:
            facts += " · " + _old_date(created)
        block = f"{quote_block(exact)}\n\n{facts}"
        if note and not note.isspace():
            block += f"\n\n{_close_fences(note.strip(chr(10)).rstrip())}"
        parts.append(block)


def render_both(*args, **kwargs) -> tuple[str, str]:
    new = render_markdown(*args, **kwargs)
    with mock.patch.object(markdown, "_highlights", reference_highlights):
        old = render_markdown(*args, **kwargs)
    return new, old


ARTICLE = (
    "A title\n\n"
    "First paragraph. It has two sentences.\n"
    "   An indented line\n"
    "- a dash line\n\n"
    "1. Numbered paragraph with *stars* and _under_ and `ticks`. Second one! Third?\n\n"
    "Trailing spaces here   \n"
    "\tand a tab. ٣. digits\u2003and spaces\u3000\n"
)

STAMPS = st.sampled_from(
    ["", "2026-01-27T10:00:00Z", "2025-12-31", "yesterday *noon*", "٢٠٢٦-٠١-٢٧T00:00Z", "2026"]
)
NOTES = st.sampled_from(["", " ", "\n\n", "a *note*", "```py\nx = 1", "note\n\n- list\n"])
TAGS = st.lists(st.sampled_from(["economy", "uk politics", "a*b", "#x", "tab\tbed"]), max_size=3)
CATEGORIES = st.sampled_from(["claim", "evidence", "question", "disputed", "quote", "other"])


@st.composite
def annotations(draw):
    doc = build_document(ARTICLE)
    anns = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(ARTICLE) - 1))
        end = draw(st.integers(start, min(len(ARTICLE), start + 120)))
        exact = draw(st.one_of(st.just(ARTICLE[start:end]), QUOTE))
        ann = Annotation(
            id=f"{i:08d}",
            category=draw(CATEGORIES),
            start=start,
            end=end,
            exact=exact,
            note=draw(NOTES),
            tags=draw(TAGS),
            created=draw(STAMPS),
            orphaned=draw(st.booleans()) and draw(st.booleans()),
        )
        anns.append(ann)
    return doc, anns


class RangePlaces:
    """Stored places, some of them sentence ranges, some highlights without a place."""

    def where(self, start, end):
        if start % 5 == 0:
            return None
        return (start % 7 + 1, start % 3 + 1, start % 3 + 1 + end % 2, start // 10 + 1)


@settings(deadline=None, max_examples=150)
@given(
    annotations(),
    st.sampled_from(["order", "category"]),
    st.sampled_from([None, "story.txt", "my story.txt"]),
    st.booleans(),
)
def test_render_matches_per_highlight_path(doc_anns, group_by, link, stored_places):
    doc, anns = doc_anns
    locator = RangePlaces() if stored_places else None
    new, old = render_both(doc, anns, "An *article* note", group_by, link, locator=locator)
    assert new == old


def test_render_matches_on_many_highlights():
    # several chunks of quotes, every category, tags, notes and stamps
    doc = build_document(ARTICLE)
    quotes = [*EDGE_CASES, *(ARTICLE[i : i + 40] for i in range(0, len(ARTICLE), 7))]
    anns = [
        Annotation(
            id=f"{i:08d}",
            category=["claim", "evidence", "question", "other"][i % 4],
            start=i % len(ARTICLE),
            end=i % len(ARTICLE) + len(q),
            exact=q,
            note=["", "a note", " ", "```\nopen fence"][i % 4],
            tags=[[], ["x y"], ["a*b", "c"]][i % 3],
            created=["2026-01-27T10:00:00Z", f"2026-01-{i % 28 + 1:02d}", "", "odd_stamp"][i % 4],
            orphaned=i % 9 == 0,
        )
        for i, q in enumerate(quotes * 3)
    ]
    for group_by in ("order", "category"):
        for locator in (None, RangePlaces()):
            new, old = render_both(doc, anns, "", group_by, "story.txt", locator=locator)
            assert new == old


@pytest.mark.parametrize(
    "stamp",
    ["2026-01-27T10:00:00Z", "2026-01-27", "2026-1-27", "٢٠٢٦-٠١-٢٧T00:00Z", "20", "a_b", " x "],
)
def test_date_is_unchanged(stamp):
    assert _date(stamp) == _old_date(stamp)
