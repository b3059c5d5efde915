"""Finding a quote in a text, and re-anchoring an annotation after the text changed.

Re-anchoring follows the order a careful reader would use:

1. the stored position still holds the exact quote in its stored context -> keep it (if only
   the quote matches there, it competes with the other occurrences below, nearness helping);
2. the exact quote occurs elsewhere -> pick the occurrence whose prefix and suffix match the
   stored context (ties go to the one nearest the old position); when the exact quote is not
   found, the same with white space and typography folded (reflowed lines, straightened
   quotes: reader.annotations.folding);
3. otherwise every candidate competes on one score, as Hypothesis scores them (quote
   similarity weighted 50, prefix and suffix similarity 20 each, nearness to the old position
   2): the exact occurrences, fuzzy matches of the quote (Levenshtein distance up to a
   quarter of the quote) just after the stored prefix or before the stored suffix wherever
   they still occur, and, when the exact quote is nowhere, the quote's best fuzzy alignments
   (rapidfuzz). So a reworded quote in its own context beats an exact copy out of it;
4. otherwise the annotation is orphaned: kept with its stored selectors, never dropped.

A highlight found again with other wording (a fuzzy match: the article was edited under it)
is marked edited: `edited_from` keeps the wording it was highlighted with, `exact` takes the
wording now. Wording that folds the same (white space, typography) is not an edit; wording
edited back to what was highlighted clears the mark.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.annotations.folding import fold, folded_text
from reader.annotations.model import CONTEXT_CHARS, Annotation, quote_selector, still_anchored
from reader.annotations.quote_marks import balanced

# Score weights: the quote itself matters most, context next, position only breaks near-ties.
QUOTE_WEIGHT = 50.0
CONTEXT_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
# Quotes shorter than this are never fuzzy-matched (a 1-edit match of "the" is anywhere).
MIN_FUZZY_LENGTH = 8
# How far (in characters) a fuzzy match's boundaries are refined around the aligned window.
REFINE_RADIUS = 12

_WS = re.compile(r"\s+")


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """(start, end) of the `occurrence`-th (1-based) match of `quote` in `text`, or None.

    Matching is folded (reader.annotations.folding): a run of white space matches any run,
    typographic quotes, apostrophes, dashes and ellipses match their plain forms; leading
    and trailing white space in `quote` is ignored. Occurrences may overlap ("aa" occurs
    twice in "aaa"). A match that opens or closes a quotation is widened to the quotation
    mark at its edge (reader.annotations.quote_marks).
    """
    if occurrence < 1:
        return None
    for n, found in enumerate(folded_text(text).find_all(quote), start=1):
        if n == occurrence:
            return balanced(text, *found)
    return None


def count_quote(text: str, quote: str) -> int:
    return sum(1 for _ in folded_text(text).find_all(quote))


def _exact_occurrences(text: str, exact: str) -> Iterator[int]:
    pos = text.find(exact)
    while pos != -1:
        yield pos
        pos = text.find(exact, pos + 1)


def _context_fits(text: str, start: int, end: int, ann: Annotation) -> bool:
    """True when the text around start:end is exactly the stored prefix and suffix."""
    p, s = ann.prefix, ann.suffix
    return (not p or text[max(0, start - len(p)) : start] == p) and (
        not s or text[end : end + len(s)] == s
    )


def _similarity(a: str, b: str) -> float:
    """0..1 similarity of two short strings (1.0 when both are empty)."""
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def _score(text: str, start: int, end: int, ann: Annotation, quote_sim: float) -> float:
    prefix_sim = _similarity(ann.prefix, text[max(0, start - len(ann.prefix)) : start])
    suffix_sim = _similarity(ann.suffix, text[end : end + len(ann.suffix)])
    span = max(len(text), 1)
    position_sim = 1.0 - min(abs(start - max(ann.start, 0)) / span, 1.0)
    return (
        QUOTE_WEIGHT * quote_sim
        + CONTEXT_WEIGHT * (prefix_sim + suffix_sim)
        + POSITION_WEIGHT * position_sim
    )


def _perfect(
    text: str, ann: Annotation, candidates: list[tuple[int, int, float]]
) -> tuple[int, int] | None:
    """The exact candidate whose context is exactly the stored prefix and suffix (nearest the
    old position if several are), or None."""
    old = max(ann.start, 0)
    perfect = [c for c in candidates if c[2] == 1.0 and _context_fits(text, c[0], c[1], ann)]
    if not perfect:
        return None
    s, e, _ = min(perfect, key=lambda c: (abs(c[0] - old), c[0]))
    return s, e


def _best_of(
    text: str, ann: Annotation, candidates: list[tuple[int, int, float]]
) -> tuple[int, int] | None:
    """Choose among (start, end, quote_similarity) candidates: the highest score (quote,
    prefix, suffix and position similarity weighted), ties to the one nearest the old
    position."""
    if not candidates:
        return None
    old = max(ann.start, 0)
    s, e, _ = max(
        dict.fromkeys(candidates),
        key=lambda c: (_score(text, c[0], c[1], ann, c[2]), -abs(c[0] - old)),
    )
    return s, e


# Bound the work for a quote that occurs very often ("the"): score only the occurrences nearest
# the old position plus the ones whose context matches exactly.
MAX_SCORED = 2000


def _exact_candidates(text: str, ann: Annotation) -> list[tuple[int, int, float]]:
    exact = ann.exact
    found = [(s, s + len(exact), 1.0) for s in _exact_occurrences(text, exact)]
    if not found:
        found = [(s, e, 1.0) for s, e in folded_text(text).find_all(exact)]
    if len(found) > MAX_SCORED:
        perfect = [c for c in found if _context_fits(text, c[0], c[1], ann)]
        old = max(ann.start, 0)
        found.sort(key=lambda c: abs(c[0] - old))
        found = perfect + found[:MAX_SCORED]
    return found


def _refine(
    text: str, quote: str, start: int, end: int, radius: int, bound: int
) -> tuple[int, int, int]:
    """Best (start, end, distance) with boundaries within `radius` of an aligned window: the
    start is moved first (end fixed), then the end, so the work grows with the radius, not
    with its square. A window more than `bound + 4 * radius` edits away is given up at
    once (its distance is not computed further): moving its ends here and then to whole
    words moves each by at most `2 * radius`, which cannot bring it within `bound`."""
    reach = bound + 4 * radius
    best = (start, end, Levenshtein.distance(quote, text[start:end], score_cutoff=reach))
    if best[2] > reach:
        return best
    for move_start in (True, False):
        s0, e0, _ = best
        anchor = s0 if move_start else e0
        lo, hi = max(0, anchor - radius), min(len(text), anchor + radius)
        for moved in range(lo, hi + 1):
            s, e = (moved, e0) if move_start else (s0, moved)
            if e <= s:
                continue
            d = Levenshtein.distance(quote, text[s:e], score_cutoff=best[2])
            if d < best[2] or (
                d == best[2]
                and abs(s - start) + abs(e - end) < abs(best[0] - start) + abs(best[1] - end)
            ):
                best = (s, e, d)
    return best


# A quote longer than two probes is looked for by its first and last PROBE characters:
# aligning a long quote against a long, repetitive text costs time quadratic in the quote.
PROBE = 64


def _aligned(needle: str, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where `needle` aligns best in text[lo:hi] (rapidfuzz), as offsets of `text`."""
    found = fuzz.partial_ratio_alignment(needle, text[lo:hi], score_cutoff=50)
    return None if found is None else (lo + found.dest_start, lo + found.dest_end)


def _windows(quote: str, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Windows of text[lo:hi] where `quote` may be, to refine."""
    if len(quote) <= 2 * PROBE:
        found = _aligned(quote, text, lo, hi)
        return [] if found is None else [found]
    size = len(quote)
    head = _aligned(quote[:PROBE], text, lo, hi)
    tail = _aligned(quote[-PROBE:], text, lo, hi)
    windows = []
    if head is not None and tail is not None and size / 2 <= tail[1] - head[0] <= 2 * size:
        windows.append((head[0], tail[1]))  # what was inserted or cut inside is kept
    if head is not None:
        windows.append((head[0], min(len(text), head[0] + size)))
    if tail is not None:
        windows.append((max(0, tail[1] - size), tail[1]))
    return windows


def _word_start(text: str, i: int) -> bool:
    return i < len(text) and not text[i].isspace() and not _joined(text, i)


def _word_end(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and not _joined(text, i)


def _joined(text: str, i: int) -> bool:
    """Whether offset `i` falls inside a word (letters or digits on both sides)."""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def _in_whole_words(
    text: str,
    quoted: tuple[str, str, str],
    start: int,
    end: int,
    dist: int,
    reach: int,
    bound: int,
) -> tuple[int, int, int]:
    """A fuzzy match's ends moved to the nearest word boundaries (before or after) that keep
    it closest to the quote, for a quote that began and ended on word boundaries: the
    closest match by edits alone may cut the reworded last word ("by next a") or stop
    short of it ("by next "). `quoted` is (the character before the quote, the quote, the
    character after it); distances beyond `bound` are not computed exactly."""
    before, exact, after = quoted
    starts, ends = [start], [end]
    if _word_start(before + exact, len(before)):
        starts = _nearest(text, start, _word_start, reach)
    if _word_end(exact + after, len(exact)):
        ends = _nearest(text, end, _word_end, reach)
    best = None
    for s in starts:
        for e in ends:
            if e > s:
                d = Levenshtein.distance(exact, text[s:e], score_cutoff=bound)
                key = (d, abs(s - start) + abs(e - end))
                if best is None or key < best[0]:
                    best = (key, s, e)
    if best is None:
        return start, end, dist
    (d, _), s, e = best
    return s, e, d


def _nearest(text: str, i: int, boundary, reach: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The nearest offsets at or before and at or after `i`, within `reach`, where
    `boundary` holds (`i` itself when there is none: text without spaces)."""
    lo, hi = max(0, i - reach), min(len(text), i + reach)
    before = next((j for j in range(i, lo - 1, -1) if boundary(text, j)), None)
    after = next((j for j in range(i, hi + 1) if boundary(text, j)), None)
    return [j for j in dict.fromkeys((before, after)) if j is not None] or [i]


def _fuzzy_candidates(text: str, ann: Annotation) -> list[tuple[int, int, float]]:
    """Where the quote's best alignments are, in the whole text and near the old position
    (so a duplicate far away cannot hide the nearby match)."""
    quote = ann.exact
    if not _fuzzy_matchable(text, quote):
        return []
    windows = _windows(quote, text, 0, len(text))
    old = max(ann.start, 0)
    reach = 4 * len(quote) + 2000
    lo, hi = max(0, old - reach), min(len(text), old + len(quote) + reach)
    if (lo, hi) != (0, len(text)):
        windows += _windows(quote, text, lo, hi)
    return _refined(text, ann, windows)


# Context found exactly is looked for whole and by its half nearest the quote (edited far
# from the quote, the nearer half survives); at most this many places per key, nearest first.
CONTEXT_KEY_MIN = 8
MAX_CONTEXT_PLACES = 8


def _context_candidates(text: str, ann: Annotation) -> list[tuple[int, int, float]]:
    """Fuzzy matches of the quote where its stored context still is: just after the stored
    prefix, just before the stored suffix, or between the two. This is what finds a
    reworded quote among look-alikes (a repeated sentence, an unedited copy elsewhere):
    the quote alone cannot tell them apart, its context can."""
    quote, size = ann.exact, len(ann.exact)
    if not _fuzzy_matchable(text, quote):
        return []
    old = max(ann.start, 0)
    starts = [
        at + len(key)
        for key in _keys(ann.prefix, near_end=True)
        for at in _places(text, key, old - len(key))
    ]
    ends = [
        at for key in _keys(ann.suffix, near_end=False) for at in _places(text, key, old + size)
    ]
    windows = [(s, min(len(text), s + size)) for s in starts]
    windows += [(max(0, e - size), e) for e in ends]
    windows += [(s, e) for s in starts for e in ends if size / 2 <= e - s <= 2 * size]
    return _refined(text, ann, windows)


def _keys(context: str, near_end: bool) -> list[str]:
    half = context[len(context) // 2 :] if near_end else context[: (len(context) + 1) // 2]
    return [k for k in dict.fromkeys((context, half)) if len(k) >= CONTEXT_KEY_MIN]


def _places(text: str, key: str, near: int) -> list[int]:
    found = list(_exact_occurrences(text, key))
    found.sort(key=lambda at: abs(at - near))
    return found[:MAX_CONTEXT_PLACES]


def _fuzzy_matchable(text: str, quote: str) -> bool:
    return len(quote.strip()) >= MIN_FUZZY_LENGTH and bool(text)


# A fuzzy match may differ from the quote by a quarter of its length in edits, and never by
# more than MAX_EDITS (a quarter of a 4,000-character quote): each distance is then computed
# in time linear in the quote's length.
MAX_EDITS = 1000
# A quote longer than this has its ends refined on its first and last EDGE characters, then
# one distance is computed for the whole: refining a long quote's ends on the whole quote
# costs a distance over the whole quote for every boundary tried.
LONG_QUOTE = 20_000
EDGE = 2 * PROBE


def _refined(
    text: str, ann: Annotation, windows: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """Each window refined to the closest match of the quote around it, kept when it is
    within a quarter of the quote's length (at most MAX_EDITS) in edits: (start, end,
    quote similarity)."""
    quote = ann.exact
    max_edits = max(1, min(len(quote) // 4, MAX_EDITS))
    radius = min(max_edits, REFINE_RADIUS)
    out: list[tuple[int, int, float]] = []
    for ws, we in dict.fromkeys(windows):
        if we <= ws:
            continue
        if len(quote) > LONG_QUOTE:
            s, e = _ends_refined(text, ann, ws, we, radius, max_edits)
            dist = Levenshtein.distance(quote, text[s:e], score_cutoff=max_edits)
        else:
            s, e, dist = _refine(text, quote, ws, we, radius, max_edits)
            quoted = (ann.prefix[-1:], quote, ann.suffix[:1])
            s, e, dist = _in_whole_words(text, quoted, s, e, dist, radius, max_edits)
        if dist <= max_edits and e > s:
            out.append((s, e, 1.0 - dist / max(len(quote), e - s)))
    return out


def _ends_refined(
    text: str, ann: Annotation, ws: int, we: int, radius: int, bound: int
) -> tuple[int, int]:
    """A long quote's window with its start refined on the quote's first EDGE characters and
    its end on its last EDGE characters (to whole words, as `_in_whole_words` does)."""
    quote = ann.exact
    head, tail = quote[:EDGE], quote[-EDGE:]
    s, e, dist = _refine(text, head, ws, min(we, ws + EDGE), radius, bound)
    quoted = (ann.prefix[-1:], head, quote[EDGE])
    s, _, _ = _in_whole_words(text, quoted, s, e, dist, radius, bound)
    s2, e, dist = _refine(text, tail, max(ws, we - EDGE), we, radius, bound)
    quoted = (quote[-EDGE - 1], tail, ann.suffix[:1])
    _, e, _ = _in_whole_words(text, quoted, s2, e, dist, radius, bound)
    return s, max(e, s + 1)


def locate(text: str, ann: Annotation, hints: Iterable[int] = ()) -> tuple[int, int] | None:
    """Where `ann` belongs in `text` now, or None when it cannot be found.

    `hints` are shifts worth trying first (e.g. the shift of the previous annotation: a
    paragraph inserted near the top moves everything after it by the same amount); a shifted
    position is only taken when it holds the exact quote in its stored context.
    """
    if not ann.exact:
        return None
    for delta in (0, *hints):
        s, e = ann.start + delta, ann.end + delta
        if 0 <= s < e <= len(text) and text[s:e] == ann.exact and _context_fits(text, s, e, ann):
            return s, e
    exact = _exact_candidates(text, ann)
    perfect = _perfect(text, ann, exact)
    if perfect is not None:
        return perfect
    # Every candidate competes on one score: an exact copy out of context can lose to a
    # reworded quote in its own context.
    candidates = exact + _context_candidates(text, ann)
    if not exact:
        candidates += _fuzzy_candidates(text, ann)
    return _best_of(text, ann, candidates)


def reanchor(text: str, ann: Annotation, hints: Iterable[int] = ()) -> Annotation:
    """An updated copy of `ann` anchored in `text`, or an orphaned copy if it is not found.

    A successful re-anchor refreshes all selectors (position, exact, prefix, suffix) and clears
    `orphaned`; an orphan keeps its stored selectors so it can re-anchor later.
    """
    found = locate(text, ann, hints)
    if found is None:
        return ann.replace(orphaned=True, tags=list(ann.tags), extra=dict(ann.extra))
    start, end = found
    prefix, exact, suffix = quote_selector(text, start, end)
    return ann.replace(
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        orphaned=False,
        edited_from=edited_wording(ann, exact),
        tags=list(ann.tags),
        extra=dict(ann.extra),
    )


def edited_wording(ann: Annotation, exact: str) -> str:
    """`edited_from` for `ann` re-anchored on `exact`: the wording it was highlighted with
    when that differs from `exact` (beyond white space and typography), else ""."""
    original = ann.edited_from or ann.exact
    return "" if fold(original) == fold(exact) else original


def normalise_space(text: str) -> str:
    """`text` with every whitespace run replaced by one space (for one-line listings)."""
    return _WS.sub(" ", text).strip()


__all__ = [
    "CONTEXT_CHARS",
    "count_quote",
    "edited_wording",
    "find_quote",
    "locate",
    "normalise_space",
    "reanchor",
    "still_anchored",
]
