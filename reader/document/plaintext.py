"""Plain-text articles: normalised text in, blocks and metadata out.

Real scrapes come in a few shapes, told apart per file:

* one paragraph per line (news scrapes, BBC dataset), blank lines optional;
* hard-wrapped paragraphs (Project Gutenberg, Reuters wire copy): lines of a similar width are
  joined, and a paragraph ends at a blank line, an indented line, a bullet, or after a short
  line. Joined blocks show their line breaks as spaces (one for one, so offsets line up) and
  keep the exact source in `Block._anchor_text`.

This module cuts the text into paragraph units (and takes a Project Gutenberg header and
licence off); what each unit is (furniture, metadata line, headline, standfirst, crosshead,
list item, paragraph) is decided by reader.document.plain_structure. A run of boilerplate
units becomes one folded block labelled by its first unit. Everything here is pure and never
raises on any input text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.document.decode import sanitize
from reader.document.furniture import furniture_label, is_related_head
from reader.document.meta_lines import meta_display as meta_display
from reader.document.model import Block, Metadata
from reader.document.plain_furniture import mark_boilerplate
from reader.document.plain_structure import BULLET_FIRST, classify, rx
from reader.document.plain_unit import Unit


@dataclass(slots=True)
class PlainResult:
    blocks: list[Block]
    meta: Metadata


# Reasons folded on their own, never merged with the furniture next to them.
_STANDALONE = frozenset(
    {
        "Photo caption",
        "Section",
        "Wire header",
        "Wire notes",
        "Wire trailer",
        "Reporting credits",
        "Share prompts",
    }
)


def _same_fold(first: str, label: str) -> bool:
    """Does a boilerplate unit labelled `label` join the folded run labelled `first`? Link,
    share, newsletter and credit lines run together; captions and the like stand alone."""
    return label == first or (first not in _STANDALONE and label not in _STANDALONE)


def _boilerplate_label(text: str, first_label: str) -> str:
    """A folded run's label: its related-links header line when it has one, else the first
    unit's label ("Photo caption", "Share and follow", …), else its first line."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for k, line in enumerate(lines):
        # The header right above the links ("Related News" under "Related Topics").
        if is_related_head(line) and (k + 1 == len(lines) or not furniture_label(lines[k + 1])):
            return line.rstrip(":")
    if first_label:
        return first_label
    return lines[0].rstrip(":") if lines else ""


# --- splitting into units ---------------------------------------------------------------


# A run of non-blank lines (a line of only whitespace, of any kind, is blank).
_GROUP = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
# Inside a group of lines: a line that is indented or a bullet may start a new paragraph.


def _wrap_width(text: str, lo: int, hi: int) -> int:
    """The hard-wrap width when text[lo:hi] looks hard-wrapped, else 0."""
    n = long = mid = 0
    widest = 0
    for line in text[lo : min(hi, lo + 300_000)].split("\n", 4000)[:4000]:
        length = len(line.rstrip())
        if not length:
            continue
        n += 1
        if length > 100:
            long += 1
        elif length >= 45:
            mid += 1
            widest = max(widest, length)
    if n >= 5 and long <= n * 0.02 and mid >= n * 0.4:
        return widest
    return 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _line_units(text: str, lo: int, hi: int, line_no: int) -> list[Unit]:
    """Text that is not hard-wrapped has a paragraph on every line: a unit per non-blank
    line of text[lo:hi], `blank_before` when a blank line (or, for the first, anything)
    comes before it. `line_no` is the 1-based line number at `lo`."""
    units: list[Unit] = []
    append = units.append
    offset = lo
    blank = False  # a blank line since the last unit
    for number, line in enumerate(text[lo:hi].split("\n"), line_no):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        if not units:
            blank = start > lo
        if len(stripped) < len(line):
            start += line.index(stripped[0])
        append(
            Unit("paragraph", start, start + len(stripped), stripped, (), 0, "", number, 1, blank)
        )
        blank = False
    return units


def _split_units(text: str, lo: int, hi: int, width: int, line_no: int) -> list[Unit]:  # noqa: C901, PLR0912 - the paragraph-break rules, read top to bottom
    """Paragraph units of text[lo:hi]; `line_no` is the 1-based line number at `lo`."""
    if not width:
        return _line_units(text, lo, hi, line_no)
    units: list[Unit] = []
    short = width * 0.5
    groups = [m.span() for m in _GROUP.finditer(text, lo, hi)]
    # Wire copy marks paragraphs only by indentation: then every indented line starts one.
    indent_marks = False
    if width and groups:
        total = text.count("\n", groups[0][0], groups[-1][1]) + 1
        in_groups = sum(text.count("\n", gs, ge) + 1 for gs, ge in groups)
        indent_marks = (total - in_groups) * 20 < total
    pos = lo
    for k, (gs, ge) in enumerate(groups):
        line_no += text.count("\n", pos, gs)
        pos = gs
        blank = k > 0 or gs > lo
        group = text[gs:ge]
        if "\n" not in group:
            units.append(_unit(gs, group, line_no, 1, blank))
            continue
        lines = group.split("\n")
        # Most wrapped paragraphs need no line-by-line look: no indented or bulleted line,
        # no short line before the last.
        if width and group[0] not in " \t" and rx("maybe_break").search(group) is None:
            if min(map(len, lines[:-1])) >= short:
                units.append(_unit(gs, group, line_no, len(lines), blank))
                continue
        # The slow path: decide line by line.
        cur_start = -1
        cur_lines = 0
        cur_line_no = line_no
        prev = ""
        offset = gs
        for i, line in enumerate(lines):
            if not line or line.isspace():
                offset += len(line) + 1
                continue
            new = cur_start < 0 or not width
            if not new:
                if line[0] in BULLET_FIRST and rx("bullet").match(line):
                    new = True
                elif line[0] in " \t" and (
                    indent_marks or _indent(line) > _indent(prev) or len(prev) < width * 0.6
                ):
                    new = True
                elif len(prev.rstrip()) < short and not line.lstrip()[:1].islower():
                    new = True
            if new:
                if cur_start >= 0:
                    units.append(
                        _unit(
                            cur_start, text[cur_start : offset - 1], cur_line_no, cur_lines, blank
                        )
                    )
                    blank = False
                cur_start = offset
                cur_lines = 0
                cur_line_no = line_no + i
            cur_lines += 1
            prev = line
            offset += len(line) + 1
        if cur_start >= 0:
            units.append(_unit(cur_start, text[cur_start:ge], cur_line_no, cur_lines, blank))
    return units


def _unit(start: int, raw: str, line_no: int, lines: int, blank: bool) -> Unit:
    """A unit over `raw` (starting at `start`), trimmed of surrounding whitespace."""
    if raw[:1].isspace() or raw[-1:].isspace():
        stripped = raw.strip()
        lead = raw.index(stripped[0]) if stripped else 0
    else:
        stripped, lead = raw, 0
    start += lead
    return Unit(
        "paragraph", start, start + len(stripped), stripped, (), 0, "", line_no, lines, blank
    )


# --- Gutenberg ---------------------------------------------------------------------------


def _gutenberg(text: str, meta: Metadata) -> tuple[int, int] | None:
    """Offsets where a Project Gutenberg body starts and ends, and the header's fields. A
    book trimmed before its `*** START OF` line still has its `*** END OF` line and licence
    at the end: then the body starts at the top, whose `Title:`/`Author:` lines are read."""
    start = None
    if "START OF" in text[:100_000]:
        start = rx("gutenberg_start").search(text, 0, 100_000)
    tail_from = max(start.end() if start else 0, len(text) - 200_000)
    if start is None and "END OF" not in text[tail_from:]:
        return None
    end = rx("gutenberg_end").search(text, tail_from)
    if start is None:
        if end is None or "gutenberg" not in text[end.start() : end.start() + 3000].lower():
            return None
        header_end = min(end.start(), 3000)
    else:
        header_end = start.start()
    for m in rx("gutenberg_field").finditer(text, 0, header_end):
        field, value = m.group(1).lower(), m.group(2).strip()
        if field == "title" and not meta.title:
            meta.title = value
        elif field == "author" and not meta.authors:
            meta.authors = [a.strip() for a in re.split(r"\s+and\s+|;", value) if a.strip()]
        elif field == "release date":
            meta.extra["release_date"] = value
        elif field == "language":
            meta.extra["language"] = value
    meta.source = meta.source or "Project Gutenberg"
    return (start.end() if start else 0), (end.start() if end else len(text))


def _raw_block(text: str, start: int, end: int, label: str, line_no: int) -> Block | None:
    # Trim surrounding whitespace so the block covers only visible text.
    segment = text[start:end]
    lead = len(segment) - len(segment.lstrip())
    trail = len(segment.rstrip())
    if trail <= lead:
        return None
    line_no += segment.count("\n", 0, lead)
    return Block(
        "boilerplate",
        start + lead,
        start + trail,
        segment[lead:trail],
        label=label,
        source_line=line_no,
    )


def _finished(units: list[Unit], text: str) -> list[Unit]:
    """The labelled units as the document's blocks: a run of boilerplate units folds into
    its first one, a list item gets its level and a wrapped paragraph shows its line
    breaks as spaces (the source kept in `_anchor_text`)."""
    blocks: list[Unit] = []
    append = blocks.append
    n = len(units)
    k = 0
    while k < n:
        u = units[k]
        k += 1
        kind = u.kind
        if kind == "boilerplate":
            j = k
            while j < n and units[j].kind == "boilerplate" and _same_fold(u.label, units[j].label):
                j += 1
            u.end = units[j - 1].end
            u.text = text[u.start : u.end]  # newlines kept: a folded block is not reflowed
            if j > k or not u.label:
                u.label = _boilerplate_label(u.text, u.label)
            k = j
            append(u)
            continue
        if kind == "list_item":
            u.level = 1
        if u.lines > 1:
            raw = u.text
            display = raw.replace("\n", " ")
            if display != raw:
                u._anchor_text = raw
                u.text = display
        append(u)
    return blocks


# --- entry point -------------------------------------------------------------------------


def parse_plaintext(text: str, name: str = "") -> PlainResult:
    """Blocks and metadata for normalised plain text (`text` is the anchor text)."""
    meta = Metadata()
    if not text.strip():
        meta.title = sanitize(name)  # a file name may hold control characters too
        return PlainResult([], meta)
    lo, hi = 0, len(text)
    head_block = foot_block = None
    span = _gutenberg(text, meta)
    if span is not None:
        lo, hi = span
        head_block = _raw_block(text, 0, lo, "Project Gutenberg header", 1)
        foot_line = text.count("\n", 0, hi) + 1
        foot_block = _raw_block(text, hi, len(text), "Project Gutenberg licence", foot_line)
    width = _wrap_width(text, lo, hi)
    units = _split_units(text, lo, hi, width, text.count("\n", 0, lo) + 1)
    if units:
        units = mark_boilerplate(units, text)
        classify(units, meta, bool(width))
    blocks: list[Block] = [head_block] if head_block else []
    blocks.extend(_finished(units, text))
    if foot_block:
        blocks.append(foot_block)
    if not meta.title:
        meta.title = name  # no headline: the file name, never a sentence cut from the body
    return PlainResult(blocks, meta)
