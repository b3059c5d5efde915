"""The fuzzy search's work is bounded: distances are computed only up to what could still
be a match, and a very long quote has its ends refined on its edges. The results for
ordinary quotes are those of the unbounded search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from reader.annotations import anchoring
from reader.annotations.anchoring import LONG_QUOTE, MAX_EDITS, reanchor
from reader.annotations.model import Annotation


def _reference_refine(text, quote, start, end, radius):
    """The refinement with every distance computed in full."""
    best = (start, end, Levenshtein.distance(quote, text[start:end]))
    for move_start in (True, False):
        s0, e0, _ = best
        anchor = s0 if move_start else e0
        for moved in range(max(0, anchor - radius), min(len(text), anchor + radius) + 1):
            s, e = (moved, e0) if move_start else (s0, moved)
            if e <= s:
                continue
            d = Levenshtein.distance(quote, text[s:e])
            if d < best[2] or (
                d == best[2]
                and abs(s - start) + abs(e - end) < abs(best[0] - start) + abs(best[1] - end)
            ):
                best = (s, e, d)
    return best


def _reference_whole_words(text, before, exact, after, start, end, dist, reach):
    starts, ends = [start], [end]
    if anchoring._word_start(before + exact, len(before)):
        starts = anchoring._nearest(text, start, anchoring._word_start, reach)
    if anchoring._word_end(exact + after, len(exact)):
        ends = anchoring._nearest(text, end, anchoring._word_end, reach)
    best = None
    for s in starts:
        for e in ends:
            if e > s:
                key = (Levenshtein.distance(exact, text[s:e]), abs(s - start) + abs(e - end))
                if best is None or key < best[0]:
                    best = (key, s, e)
    return (start, end, dist) if best is None else (best[1], best[2], best[0][0])


def _reference_refined(text, ann, windows):
    quote = ann.exact
    max_edits = max(1, len(quote) // 4)
    radius = min(max_edits, anchoring.REFINE_RADIUS)
    out = []
    for ws, we in dict.fromkeys(windows):
        if we <= ws:
            continue
        s, e, dist = _reference_refine(text, quote, ws, we, radius)
        quoted = (ann.prefix[-1:], quote, ann.suffix[:1])
        s, e, dist = _reference_whole_words(text, *quoted, s, e, dist, max(radius, 1))
        if dist <= max_edits and e > s:
            out.append((s, e, 1.0 - dist / max(len(quote), e - s)))
    return out


_WORDS = st.sampled_from(["the", "cat", "sat", "on", "a", "mat", "and", "ran", "x", "far"])


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_WORDS, min_size=3, max_size=60),
    quote_words=st.lists(_WORDS, min_size=2, max_size=12),
    start=st.integers(0, 300),
    length=st.integers(1, 80),
)
def test_the_bounded_refinement_gives_what_the_unbounded_one_gives(
    words, quote_words, start, length
):
    text = " ".join(words)
    quote = " ".join(quote_words)
    start = min(start, len(text) - 1)
    end = min(len(text), start + length)
    ann = Annotation.create(quote, 0, len(quote))
    windows = [(start, end), (max(0, start - 5), end)]
    assert anchoring._refined(text, ann, windows) == _reference_refined(text, ann, windows)


def _article(paragraphs: int) -> str:
    words = "the cat dog ran sat market rose fell said minister today report city".split()
    out = []
    for k in range(paragraphs):
        n = 5 + k % 11
        out.append(" ".join(words[(k * 7 + i) % len(words)] for i in range(n)).capitalize() + ".")
    return "\n\n".join(out)


def _edited(text: str, every: int) -> str:
    chars = list(text)
    for i in range(every // 2, len(chars), every):
        chars[i] = "Q"
    return "".join(chars)


def test_a_very_long_quote_edited_throughout_is_found_again_and_marked_edited():
    body = _article(1200)
    assert len(body) > 2 * LONG_QUOTE
    old = "Header line\n\n" + body + "\n\nFooter line.\n"
    ann = Annotation.create(old, 13, 13 + len(body), "claim")
    new = "A new header, longer\n\n" + _edited(body, 400) + "\n\nFooter line.\n"
    moved = reanchor(new, ann)
    assert not moved.orphaned
    assert (moved.start, moved.end) == (22, 22 + len(body))
    assert moved.exact == _edited(body, 400)
    assert moved.edited_from == body


def test_a_long_quote_beyond_the_edit_bound_is_orphaned_and_kept():
    body = _article(1200)
    old = "Header line\n\n" + body + "\n"
    ann = Annotation.create(old, 13, 13 + len(body), "claim")
    every = len(body) // (MAX_EDITS + 200)  # more edits than MAX_EDITS
    assert len(body) // 4 > MAX_EDITS  # the quarter alone would have allowed them
    new = "Header line\n\n" + _edited(body, every) + "\n"
    kept = reanchor(new, ann)
    assert kept.orphaned
    assert (kept.start, kept.end, kept.exact) == (ann.start, ann.end, ann.exact)
