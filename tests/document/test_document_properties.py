"""Property-based tests: any input loads without raising and keeps the model's invariants."""

from __future__ import annotations

import tempfile
from pathlib import Path

from document_helpers import check_invariants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.document.decode import normalize
from reader.document.loader import load_document, parse_text

# Text built from the pieces real articles are made of, plus arbitrary characters.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "    ",
        "\t",
        "- ",
        " - ",
        "• ",
        "* ",
        "1. ",
        "# ",
        "## ",
        "> ",
        "```",
        "    code",
        "| a | b |\n|---|---|\n",
        "---\n",
        "+++\n",
        "title: x\n",
        "Related News",
        "Like us on Facebook",
        "【関連記事】",
        "http://example.com/x",
        "2011-10-02T10:00:00+0900",
        "January 27, 2026Clash Report",
        "By Jane Leach, Reuters",
        "ROME, March 2  - ",
        "*** START OF THE BOOK ***",
        "*** END OF THE BOOK ***",
        "Short Heading",
        "A sentence ends here. ",
        "“Quoted,” he said. ",
        "梁振英道歉。",
        "\x1b]2;PWNED\x07",
        "\x00",
        "\x9b",
        "[bold]x[/bold]",
        "*em*",
        "[l](u)",
        "<div>",
        "&#27;",
        "\ufeff",
        "\u202e",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _no_controls(text: str) -> bool:
    return not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 for c in text)


@SETTINGS
@given(TEXT, st.sampled_from(["a.txt", "a.md"]))
def test_parse_text_keeps_invariants(raw, name):
    doc = parse_text(normalize(raw), name)
    check_invariants(doc)
    assert _no_controls(doc.text)
    assert all(_no_controls(b.text) for b in doc.blocks)
    if doc.format == "text":
        assert len(doc.text) == len(normalize(raw))


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["b.txt", "b.md", "b.markdown"]))
def test_loading_any_bytes_never_raises_unexpectedly(data, name):
    from reader.errors import ReaderError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except ReaderError as error:
            assert "binary" in str(error)
            return
    check_invariants(doc)
    assert _no_controls(doc.text)


@SETTINGS
@given(TEXT)
def test_loading_encoded_text_round_trips(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.txt"
        path.write_bytes(raw.replace("\x00", "").encode("utf-8"))
        doc = load_document(path)
    check_invariants(doc)


@SETTINGS
@given(TEXT, st.sampled_from(["c.txt", "c.md"]))
def test_sentence_starts_match_the_sentences(raw, name):
    """`Block.sentence_starts` (used by exports without building Sentence objects) agrees
    with `Block.sentences`, before and after the sentences were built."""
    doc = parse_text(normalize(raw), name)
    before = [block.sentence_starts() for block in doc.blocks]
    assert before == [[s.start for s in block.sentences] for block in doc.blocks]
    assert [block.sentence_starts() for block in doc.blocks] == before


# The shapes issue 15 taught the plain-text parser, from real scrapes, in any order.
SCRAPE_LINES = st.sampled_from(
    [
        "LONDON (Reuters) - A healthcare worker has been diagnosed with Ebola.",
        "Aug 9 (Reuters) - Global warming is pushing the planet towards tipping points.",
        "WASHINGTON (CNN) — Not everyone subscribes to a New Year’s resolution.",
        "जागरण संवाददाता, आगरा। गोवर्धन मठ के स्वामी ने खंडन किया है।",
        "【ソウル＝小池和樹】韓国の大統領は３日夜、緊急談話を出した。",
        "ガザでは人質が拘束されている。【エルサレム松岡大地、カイロ金子淳】",
        "1 of 2. A general view of the hospital is seen in Glasgow.",
        "A police officer stands guard. (AP Photo/Charles Rex Arbogast)",
        "The team won. (RELATED: Kentucky Basketball’s Christmas Card Must Be Intimidating)",
        "PERRIS: Woman ordered hit, police say Share Pin It More Galleries ADVERTISEMENT",
        "Ed Sheeran Wants To Set Up Taylor Swift The Debrief: Ed put the cupid bow down",
        "Lena deCasparis | Contributing Writer | 5 days ago",
        "By Carole Hornsby Haynes, Ph.D.",
        "(Reporting by Andy Bruce in London; Editing by Joyjeet Das)",
        "Read MoreRead More",
        "Daniel Acker/Getty Images",
        "California: 4",
        "— Tamer Almisshal (@TamerMisshal) March 10, 2024",
        "-----",
        "Who is the ‘change candidate’?",
        "^Deng has 30 points<",
        "\u2416\u2401z6715-----",
        "Sports",
        "WATCH:",
        "",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SCRAPE_LINES, min_size=1, max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_scrape_shapes_keep_the_invariants(lines, separator):
    text = separator.join(lines) + "\n"
    doc = parse_text(normalize(text), "story.txt")
    check_invariants(doc)
    for block in doc.blocks:
        assert block.text.strip() == block.text or block.kind == "boilerplate"
