"""Page furniture among the paragraph units of a plain-text article: the first step of the
structure recogniser (reader.document.plain_structure).

Glued-on prompts are cut off their line into a unit of their own, then furniture lines,
related-link lists, rules, trailing social lines, photo captions and a wire sign-off become
boilerplate with a label (the patterns are in reader.document.furniture). Only the units that
hold a clue (`furniture.clue_offsets`, one search of the whole text) are looked at for glued
furniture and captions. Units are split (never merged), so offsets stay exact. Pure; never
raises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from reader.document.dateline import read_dateline
from reader.document.furniture import (
    caption_label,
    clue_offsets,
    furniture_label,
    furniture_line_offsets,
    glued_furniture,
    is_related_head,
)
from reader.document.headline import RULE, ends_sentence
from reader.document.meta_lines import NUMERIC_DATE, URL_LINE
from reader.document.plain_unit import Unit
from reader.document.wire import mark_wire

_SIGN_OFFS = frozenset({"reuter", "reuters", "(reuters)", "ap", "afp"})
_RULE_FIRST = frozenset("-=_~*#•·")  # what a rule line (headline.RULE) starts with
_RULE_LINES = re.compile(r"\n[^\S\n]*[-=_~*#•·]")  # a line that starts like one
# Up to this many units, each is looked at for furniture lines rather than searched for.
FEW_UNITS = 100


def _clued(units: list[Unit], text: str) -> list[int]:
    """Indices of the units holding a clue (`furniture.clue_offsets`), in order."""
    starts = [u.start for u in units]
    found: list[int] = []
    for at in clue_offsets(text, units[0].start, units[-1].end):
        i = bisect_right(starts, at) - 1
        if at < units[i].end and (not found or found[-1] != i):
            found.append(i)
    return found


def _cut(u: Unit, at: int, resume: int) -> Unit:
    """Shorten `u` to its first `at` characters (trailing spaces dropped) and return a new
    unit for its text from `resume` on (same line)."""
    rest = Unit("paragraph", u.start + resume, u.end, u.text[resume:], source_line=u.source_line)
    head = u.text[:at].rstrip()
    u.text = head
    u.end = u.start + len(head)
    return rest


def _split_glued(units: list[Unit], clued: list[int]) -> tuple[list[Unit], list[int]]:
    """Cut the furniture glued onto the clued one-line units into units of their own: the
    units, and where the clued ones now are."""
    cuts: list[tuple[int, Unit]] = []
    for i in clued:
        u = units[i]
        glued = glued_furniture(u.text) if u.lines == 1 else None
        if glued is not None:
            at, label = glued
            rest = _cut(u, at, at)
            rest.kind, rest.label = "boilerplate", label
            cuts.append((i, rest))
    if not cuts:
        return units, clued
    out: list[Unit] = []
    done = 0
    for i, rest in cuts:
        out.extend(units[done : i + 1])
        out.append(rest)
        done = i + 1
    out.extend(units[done:])
    moved, k = [], 0
    for i in clued:
        while k < len(cuts) and cuts[k][0] < i:
            k += 1
        moved.append(i + k)
    return out, moved


def _maybe_furniture(units: list[Unit], text: str, clued: list[int]) -> Sequence[int]:
    """Indices of the units that may be furniture lines or rules, in order: the lines that
    `furniture.furniture_line_offsets` and `_RULE_LINES` find (one search each of the whole
    text), and the clued units, whose text may have been cut shorter than their line. Hard-
    wrapped text has far fewer units than lines, and a short article few units: then each
    unit is looked at instead (and the whole-text search's pattern is not compiled)."""
    lo, hi = text.rfind("\n", 0, units[0].start) + 1, units[-1].end  # from a line's start
    if len(units) <= FEW_UNITS or 2 * len(units) < text.count("\n", lo, hi):
        return range(len(units))
    starts = [u.start for u in units]
    found = set(clued)
    rules = [m.end() - 2 + lo for m in _RULE_LINES.finditer("\n" + text[lo:hi])]
    for at in furniture_line_offsets(text, lo, hi) + rules:
        i = bisect_right(starts, at) - 1
        found.add(max(i, 0))
        if i + 1 < len(units):
            found.add(i + 1)  # the line's unit when `at` is in its leading spaces
    return sorted(found)


def _line_furniture(u: Unit, i: int) -> str:
    """The furniture label of unit `u`, the `i`-th, on its own ("" when it is none)."""
    if u.lines > 1:
        return ""
    label = furniture_label(u.text)
    if label == "Section" and i > 1:
        return ""  # a one-word section label only counts at the very top
    if not label and u.text[:1] in _RULE_FIRST and RULE.match(u.text):
        return "Rule"
    return label


def _link_like(units: list[Unit], i: int) -> bool:
    """Under a related-links header: a URL, a title followed by its URL, or a short line
    in title case."""
    t = units[i].text
    if units[i].lines > 1 or len(t) > 160:
        return False
    if URL_LINE.match(t) or (i + 1 < len(units) and URL_LINE.match(units[i + 1].text)):
        return True
    words = t.split()
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= len(words) * 0.6


def _furniture_like(units: list[Unit], i: int) -> bool:
    u = units[i]
    t = u.text
    if u.kind == "boilerplate":
        return True
    if u.lines > 1 or len(t) > 120:
        return False
    if _line_furniture(u, i) or URL_LINE.match(t) or NUMERIC_DATE.match(t):
        return True
    return len(t) <= 100 and not ends_sentence(t)


def mark_boilerplate(units: list[Unit], text: str) -> list[Unit]:  # noqa: C901, PLR0912 - one pass per kind of furniture, in order
    """Label the furniture among `units` (cut from `text`, non-empty); the units, with the
    glued-on furniture cut off into units of their own."""
    if mark_wire(units):
        clued = list(range(len(units)))  # trimmed header lines: the clues may be cut off
    else:
        clued = _clued(units, text)
    units, clued = _split_glued(units, clued)
    n = len(units)
    # Furniture lines anywhere, and the links listed under a related-links header.
    done = 0
    for i in _maybe_furniture(units, text, clued):
        u = units[i]
        if i < done or u.kind != "paragraph":
            continue
        label = _line_furniture(u, i)
        if label:
            u.kind, u.label = "boilerplate", label
            if label == "Related" and is_related_head(u.text):
                j = i + 1
                while j < n and units[j].kind == "paragraph" and _link_like(units, j):
                    units[j].kind, units[j].label = "boilerplate", label
                    j += 1
                done = j
    # A trailing run: from the earliest furniture line after which everything is furniture.
    tail = n
    for i in range(n - 1, 0, -1):
        if not _furniture_like(units, i):
            break
        tail = i
    for i in range(tail, n):
        if units[i].kind == "boilerplate":
            for u in units[i:]:
                if u.kind == "paragraph":
                    u.kind = "boilerplate"
            break
    # Photo captions anywhere (a lead that opens with a dateline is never one); a caption is
    # a line or two, never a long hard-wrapped paragraph. The first paragraph may be one
    # for a credit anywhere in it, so it is looked at clue or not.
    for i in clued if clued[:1] == [0] else [0, *clued]:
        u = units[i]
        if u.kind == "paragraph" and n > 1 and u.lines <= 3:
            label = caption_label(u.text, first=i == 0)
            if label and read_dateline(u.text) is None:
                u.kind, u.label = "boilerplate", label
    # A wire-service sign-off as the very last line.
    if n > 1 and units[-1].text.lower() in _SIGN_OFFS:
        units[-1].kind = "boilerplate"
        units[-1].label = units[-1].text
    return units
