"""The furniture lines of a whole text found in one search (`furniture_line_offsets`): every
line that `furniture_label` labels on its own is among them, whatever the lines around it,
the spaces around it or the case it is written in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.furniture import furniture_label, furniture_line_offsets
from reader.document.plaintext import parse_plaintext

# Lines the rules label, pieces of them, and lines they do not.
_PIECES = [
    "Related",
    "News",
    "Related News",
    "Related:",
    "Read More",
    "Share",
    "Tweet",
    "Email",
    "Print",
    "Advertisement",
    "Sign up for",
    "the daily",
    "WhatsApp channel",
    "Copyright",
    "© 2024 Acme",
    "Daniel Acker/Getty Images",
    "İlker Eray/AFP",
    "Pictures:",
    "Getty",
    "WATCH:",
    "(Adds comments,",
    "detail)",
    "4419915",
    "Sources:",
    "Sport",
    "a.",
    "The minister said.",
    "Share prices fell on Monday.",
    "credit:",
]
_SPACE = st.sampled_from(["", " ", "\t", "\u00a0", "  "])
_LINE = st.builds(
    lambda lead, words, trail: lead + " ".join(words) + trail,
    _SPACE,
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3),
    _SPACE,
)


def _labelled_line_starts(text: str) -> list[int]:
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip() and furniture_label(line.strip()):
            starts.append(offset)
        offset += len(line) + 1
    return starts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=12))
def test_every_furniture_line_is_found(lines):
    text = "\n".join(lines)
    found = set(furniture_line_offsets(text, 0, len(text)))
    assert set(_labelled_line_starts(text)) <= found


def test_lines_next_to_each_other_are_each_found():
    """A rule's spaces never take the line break: "Related" over "News" are two lines."""
    text = "Related\nNews\n  Share  \nTWEET\n\u00a0Email\nStory text goes here.\n"
    assert furniture_line_offsets(text, 0, len(text)) == [0, 8, 13, 23, 29]


def test_only_the_range_is_searched():
    text = "Share\nStory text.\nTweet\nMore story text.\n"
    assert furniture_line_offsets(text, 6, 30) == [18]


def test_furniture_lines_folded_in_a_long_article():
    lines = ["A story of many paragraphs, the first of them."]
    lines += ["It went on for a while after that."] * 50 + ["Share", "Tweet"]
    lines += ["And the story went on again."] * 50 + ["   Advertisement"]
    lines += ["The end of the story came at last."] * 3
    blocks = parse_plaintext("\n".join(lines) + "\n").blocks
    folded = [(b.text, b.label) for b in blocks if b.kind == "boilerplate"]
    assert folded == [("Share\nTweet", "Share and follow"), ("Advertisement", "Share and follow")]


def test_the_longest_furniture_lines_are_found_among_long_ones():
    """Lines up to the 240 characters `furniture_label` looks at, spaces around them, are
    searched; a longer paragraph is passed over."""
    whatsapp = "x" * 39 + " whatsapp channel " + "y" * 159
    subscribe = "Subscribe to " + "z" * 159
    story = "The council met on Monday. " * 12
    lines = [story, "   " + whatsapp + "   ", story, subscribe + "\t", story]
    text = "\n".join(lines) + "\n"
    assert furniture_label(whatsapp) == "Newsletter" and furniture_label(subscribe) == "Newsletter"
    starts = [text.index(line) for line in lines]
    assert furniture_line_offsets(text, 0, len(text)) == [starts[1], starts[3]]
