"""Plain-text articles: normalised text in, blocks and metadata out.

Real scrapes come in a few shapes, told apart per file:

* one paragraph per line (news scrapes, BBC dataset), blank lines optional;
* hard-wrapped paragraphs (Project Gutenberg, Reuters wire copy): lines of a similar width are
  joined, and a paragraph ends at a blank line, an indented line, a bullet, or after a short
  line. Joined blocks show their line breaks as spaces (one for one, so offsets line up) and
  keep the exact source in `Block._anchor_text`.

Then units are classified: page furniture (related links, share/follow lines, photo captions,
Gutenberg header and licence) becomes boilerplate blocks that keep their line structure;
URL / timestamp / date / byline lines near the top become meta blocks (filling `Metadata`);
the first short line is the title, a standfirst directly under it the subtitle; short lines
without final punctuation are headings; bullet lines are list items (label = the marker).
Everything here is pure and never raises on any input text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reader.document.dates import MONTHS
from reader.document.decode import sanitize
from reader.document.model import Block, Metadata

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"

# "January 27, 2026Clash Report", "Jan. 5, 2024 | Source", "Tuesday, 1 March", "5 May 2020 - X"
_DATE_MDY = re.compile(
    rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?P<rest>.*)$",
    re.I,
)
_DATE_DMY = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?(?P<rest>.*)$",
    re.I,
)
_ISO_STAMP = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_NUMERIC_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_BYLINE = re.compile(
    r"^by\s+(?P<names>[^\W\d_][^,|]{1,80}?)(?:\s*[,|]\s*(?P<rest>.{1,60}))?$", re.I
)
_BULLET_FIRST = frozenset("-•*–·▪●0123456789 \t")
_DATELINE = re.compile(
    r"^(?P<dateline>\((?P<src1>[A-Z][A-Za-z]{1,20})\)"
    r"|[A-Z][A-Z.'’]{2,}(?:[ -][A-Z][A-Z.'’]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?)?(?:\s*\((?P<src2>[A-Za-z .]{2,30})\))?)"
    r"\s*(?:-{1,2}|—|–)\s+"
)

# Lines that are page furniture wherever they stand (matched against the stripped line).
_FURNITURE = re.compile(
    r"""^(?:
      sources?\s*:?
    | related(?:\s+(?:topics?|news|articles?|stories|story|posts?|links?|content|coverage|reading|videos?))?\s*:?
    | read\s+more(?:\s*:.*)?
    | see\s+also\s*:?
    | more\s+(?:from|on)\s.{1,60}
    | you\s+(?:may|might)\s+also\s+like\s*:?
    | recommended(?:\s+for\s+you)?\s*:?
    | like\s+us\s+on\s+facebook.{0,40}
    | follow\s+.{1,60}?\s+on\s+(?:twitter|facebook|instagram|x|threads|bluesky)\b.{0,60}
    | share\s+(?:this|on)\b.{0,40}
    | advertisement
    | sign\s+up\s+for\s.{1,60}
    | subscribe\s+to\s.{1,60}
    | (?:copyright|\(c\)|©)\s.{0,100}
    | all\s+rights\s+reserved\.?
    | 【関連記事】|【関連リンク】|【関連ニュース】
    | 相关阅读|相关新闻|相關新聞|延伸阅读|延伸閱讀
    | اقرأ\s+أيضا.{0,60}
    )$""",
    re.I | re.X,
)
# Furniture lines that head a list of links ("Related News", "【関連記事】").
_RELATED = re.compile(
    r"^(?:related\b|read\s+more|see\s+also|more\s+(?:from|on)\b|【関連|相关|相關|延伸|اقرأ)", re.I
)
# Patterns most articles never need (Gutenberg books, captions, chapters, bullets, CJK),
# compiled on first use: compiling a regex costs up to a millisecond, paid at start-up.
_RARE: dict[str, tuple] = {
    "bullet": (r"[ \t]*(?P<marker>[-•*–·▪●]|\d{1,3}[.)])[ \t]+(?=\S)",),
    "caption": (
        r"\((?:AP|AFP|Reuters|Getty|EPA|PA)\b[^)]*\)|\bPhoto(?:graph)?\s*(?:by|credit)?\s*[:/]|\((?:Photo|Image)\b",
        re.I,
    ),
    "chapter": (
        r"^(?:chapter|book|part|section|volume|act|scene|prologue|epilogue)\b(?:\s+[\dIVXLCivxlc]+\b)?",
        re.I,
    ),
    "cjk_sentence": (
        r"^.+?(?:[.!?](?=\s|$)|[。！？])",
        re.S,
    ),
    "gutenberg_start": (
        r"^\*{3}\s*START OF.*$",
        re.M,
    ),
    "gutenberg_end": (
        r"^\*{3}\s*END OF.*$",
        re.M,
    ),
    "gutenberg_field": (
        r"^(Title|Author|Release [Dd]ate|Language):\s*(.+)$",
        re.M,
    ),
    "maybe_break": (r"\n(?:[ \t]|(?:[-•*–·▪●]|\d{1,3}[.)])[ \t])",),
}


@cache
def _rx(name: str) -> re.Pattern[str]:
    return re.compile(*_RARE[name])


# Known news sources that scrapes glue to the front of a title.
KNOWN_TITLE_SOURCES = ("الخبر", "الشروق", "النهار", "المساء", "الوطن")

_SENTENCE_END = frozenset(".!?,;:。！？，；：、…")
_NO_TITLE_END = frozenset(".,;:。，；：、")
_CLOSERS = frozenset("\"'”’»」』）)]")
_TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z“\"]")


@dataclass(slots=True)
class _Unit:
    start: int  # offset of the first non-space character
    end: int  # offset just after the last non-space character
    lines: int  # number of source lines
    line_no: int  # 1-based line of the first line
    blank_before: bool
    kind: str = "paragraph"
    label: str = ""
    text: str = ""  # text[start:end] (raw, newlines kept)


@dataclass(slots=True)
class PlainResult:
    blocks: list[Block]
    meta: Metadata


# --- small predicates -------------------------------------------------------------------


def _final_char(s: str) -> str:
    """Last significant character: a closing quote counts only if punctuation precedes it."""
    if not s:
        return ""
    if s[-1] in _CLOSERS and len(s) > 1 and s[-2] in _SENTENCE_END:
        return s[-2]
    return s[-1]


def _ends_sentence(s: str) -> bool:
    return _final_char(s) in _SENTENCE_END


def _is_all_caps(s: str) -> bool:
    """Upper case throughout, with some cased letters (CJK text has none)."""
    return s.isupper() and sum(1 for c in s if c.isalpha()) >= 3


def _iso(year: str | int | None, month: str | int | None, day: str | int | None) -> str | None:
    try:
        y, d = int(year), int(day)  # type: ignore[arg-type]
        m = month if isinstance(month, int) else MONTHS.get(str(month).lower().rstrip("."))
        if m is None:
            m = int(month)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1000 <= y <= 9999):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _first_sentence(s: str, limit: int = 120) -> str:
    flat = " ".join(s.split())
    m = _rx("cjk_sentence").match(flat)
    sentence = m.group(0) if m else flat
    return sentence if len(sentence) <= limit else ""


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


def _split_units(text: str, lo: int, hi: int, width: int, line_no: int) -> list[_Unit]:  # noqa: C901, PLR0912 - the paragraph-break rules, read top to bottom
    """Paragraph units of text[lo:hi]; `line_no` is the 1-based line number at `lo`."""
    units: list[_Unit] = []
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
        if width and group[0] not in " \t" and _rx("maybe_break").search(group) is None:
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
                if line[0] in _BULLET_FIRST and _rx("bullet").match(line):
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


def _unit(start: int, raw: str, line_no: int, lines: int, blank: bool) -> _Unit:
    """A unit over `raw` (starting at `start`), trimmed of surrounding whitespace."""
    if raw[:1].isspace() or raw[-1:].isspace():
        stripped = raw.strip()
        lead = raw.index(stripped[0]) if stripped else 0
    else:
        stripped, lead = raw, 0
    u = _Unit(start + lead, start + lead + len(stripped), lines, line_no, blank)
    u.text = stripped
    return u


# --- classification ---------------------------------------------------------------------


def _is_link_title(units: list[_Unit], i: int) -> bool:
    return i + 1 < len(units) and _URL_LINE.match(units[i + 1].text) is not None


def _furniture_like(units: list[_Unit], i: int) -> bool:
    u = units[i]
    t = u.text
    if u.lines > 1 or len(t) > 120:
        return False
    if _FURNITURE.match(t) or _URL_LINE.match(t) or _NUMERIC_DATE.match(t):
        return True
    if _is_link_title(units, i):
        return True
    return len(t) <= 100 and not _ends_sentence(t)


def _mark_boilerplate(units: list[_Unit]) -> None:  # noqa: C901 - head, tail and inner runs of furniture, one pass each
    n = len(units)
    # A trailing run: from the earliest furniture line after which everything is furniture.
    tail_ok = n
    for i in range(n - 1, 0, -1):
        if not _furniture_like(units, i):
            break
        tail_ok = i
    for i in range(tail_ok, n):
        if _FURNITURE.match(units[i].text) and units[i].lines == 1:
            for u in units[i:]:
                u.kind = "boilerplate"
            break
    # Related-link runs inside the article: the heading line plus the links after it.
    i = 0
    while i < n:
        u = units[i]
        if (
            u.lines == 1
            and len(u.text) <= 120
            and u.kind != "boilerplate"
            and _FURNITURE.match(u.text)
        ):
            u.kind = "boilerplate"
            if _RELATED.match(u.text):
                j = i + 1
                while j < n and (_URL_LINE.match(units[j].text) or _is_link_title(units, j)):
                    units[j].kind = "boilerplate"
                    j += 1
                i = j
                continue
        i += 1
    # A wire-service sign-off as the very last line.
    if n > 1 and units[-1].text.lower() in ("reuter", "reuters", "(reuters)", "ap", "afp"):
        units[-1].kind = "boilerplate"
        units[-1].label = units[-1].text
    # A leading photo caption.
    if n > 1 and units[0].kind == "paragraph" and len(units[0].text) > 80:
        if _rx("caption").search(units[0].text):
            units[0].kind = "boilerplate"
            units[0].label = "Photo caption"


def meta_display(t: str) -> str:
    """How a date line reads on screen: `January 27, 2026Clash Report` (date and source glued
    together by the scraper) shows as `January 27, 2026 · Clash Report`. Empty when the line
    reads well as it is. The block's text keeps the source characters (offsets never shift);
    this is only a display label."""
    for pattern in (_DATE_MDY, _DATE_DMY):
        m = pattern.match(t)
        if m and m["rest"].strip():
            rest = m["rest"].strip().lstrip("|·•-–—:,").strip()
            if rest:
                return f"{t[: m.start('rest')].strip()} · {rest}"
    return ""


def _meta_line(t: str, meta: Metadata) -> bool:  # noqa: C901 - one branch per kind of metadata line, first match wins
    """If `t` is a metadata line, record what it says in `meta` and return True."""
    if len(t) > 120:
        return False
    if _URL_LINE.match(t):
        meta.extra.setdefault("url", t)
        return True
    m = _ISO_STAMP.match(t)
    if m:
        meta.published = meta.published or _iso(m["year"], int(m["month"]), m["day"])
        return True
    for pattern in (_DATE_MDY, _DATE_DMY):
        m = pattern.match(t)
        if not m:
            continue
        rest = m["rest"].strip().lstrip("|·•-–—:,").strip()
        if rest.lower().startswith("by "):
            rest = rest[3:].strip()
        if rest and (len(rest) > 60 or rest[0].islower() or _ends_sentence(rest)):
            return False
        if m["year"]:
            meta.published = meta.published or _iso(m["year"], m["month"], m["day"])
        if rest and not meta.source:
            meta.source = rest
        return True
    m = _BYLINE.match(t)
    if m and m["names"][0].isupper() and not _ends_sentence(m["names"]):
        names = re.split(r"\s*(?:,|\band\b|&)\s*", m["names"].strip())
        meta.authors.extend(n for n in names if n and n not in meta.authors)
        if m["rest"] and not meta.source:
            meta.source = m["rest"].strip()
        return True
    return False


def _heading_like(u: _Unit, wrapped: bool) -> bool:
    t = u.text
    if u.lines > 1 or len(t) > 80 or not t:
        return False
    if wrapped and _rx("chapter").match(t) and len(t) <= 60:
        return True
    if _is_all_caps(t) and len(t) <= 60:
        return True
    if t[0].islower() or _ends_sentence(t) or len(t.split()) > 12:
        return False
    return True


def _classify(units: list[_Unit], meta: Metadata, wrapped: bool) -> None:  # noqa: C901, PLR0912 - the block-kind rules in the order they apply
    n = len(units)
    body = [i for i, u in enumerate(units) if u.kind == "paragraph"]
    # Bullets first: they are never titles or headings.
    for i in body:
        u = units[i]
        m = _rx("bullet").match(u.text) if u.text[:1] in _BULLET_FIRST else None
        if m:
            u.kind = "list_item"
            u.label = m["marker"]
            u.start += m.end()
            u.text = u.text[m.end() :]
    body = [i for i in body if units[i].kind == "paragraph"]
    # Metadata lines near the top (URL, timestamp, date + source, byline).
    title_at = -1
    for pos, i in enumerate(body[:8]):
        u = units[i]
        if u.lines == 1 and _meta_line(u.text, meta):
            u.kind = "meta"
            u.label = meta_display(u.text)
            continue
        if title_at < 0 and pos <= 2 and _title_like(units, i):
            title_at = i
    if title_at >= 0:
        u = units[title_at]
        u.kind = "title"
        if not meta.title:  # a Gutenberg header's "Title:" wins
            meta.title = u.text
            _split_title_source(meta)
        nxt = title_at + 1
        if (
            nxt + 1 < n
            and units[nxt].kind == "paragraph"
            and not units[nxt].blank_before
            and len(units[nxt].text) <= 400
            and units[nxt + 1].kind == "meta"
        ):
            units[nxt].kind = "subtitle"
            meta.subtitle = " ".join(units[nxt].text.split())
    # Headings: short lines without final punctuation, followed by more text.
    for i in range(n - 1):
        u = units[i]
        if u.kind != "paragraph":
            continue
        if wrapped and not ((u.blank_before or i == 0) and units[i + 1].blank_before):
            continue
        if units[i + 1].kind in ("paragraph", "list_item", "heading") and _heading_like(u, wrapped):
            u.kind = "heading"
    # A dateline at the start of one of the first paragraphs.
    seen = 0
    for u in units:
        if u.kind != "paragraph":
            continue
        m = _DATELINE.match(u.text)
        if m:
            meta.extra["dateline"] = m["dateline"].strip()
            src = m["src1"] or m["src2"]
            if src and not meta.source:
                meta.source = src.strip()
            break
        seen += 1
        if seen >= 2:
            break


def _title_like(units: list[_Unit], i: int) -> bool:
    u = units[i]
    t = u.text
    if u.lines > 1 or len(t) > 150 or i + 1 >= len(units):
        return False
    if t and len(t) <= 80 and _is_all_caps(t):
        return True
    if not t or _final_char(t) in _NO_TITLE_END or _URL_LINE.match(t):
        return False
    return _TWO_SENTENCES.search(t) is None


def _split_title_source(meta: Metadata) -> None:
    for source in KNOWN_TITLE_SOURCES:
        if meta.title.startswith(source + " ") and len(meta.title) > len(source) + 10:
            meta.title = meta.title[len(source) :].strip()
            if not meta.source:
                meta.source = source
            return


def _boilerplate_label(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for k, line in enumerate(lines):
        if _RELATED.match(line) and (k + 1 == len(lines) or not _FURNITURE.match(lines[k + 1])):
            return line.rstrip(":")
    return lines[0].rstrip(":") if lines else ""


# --- Gutenberg ---------------------------------------------------------------------------


def _gutenberg(text: str, meta: Metadata) -> tuple[int, int] | None:
    """Offsets where a Project Gutenberg body starts and ends, and the header's fields."""
    if "*** START OF" not in text[:100_000] and "***START OF" not in text[:100_000]:
        return None
    start = _rx("gutenberg_start").search(text, 0, 100_000)
    if start is None:
        return None
    end = _rx("gutenberg_end").search(text, max(start.end(), len(text) - 200_000))
    for m in _rx("gutenberg_field").finditer(text, 0, start.start()):
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
    return start.end(), (end.start() if end else len(text))


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
        _mark_boilerplate(units)
        _classify(units, meta, bool(width))
    blocks: list[Block] = [head_block] if head_block else []
    k = 0
    while k < len(units):
        u = units[k]
        if u.kind == "boilerplate":
            j = k
            while j + 1 < len(units) and units[j + 1].kind == "boilerplate":
                j += 1
            end = units[j].end
            raw = text[u.start : end]
            label = u.label if j == k and u.label else _boilerplate_label(raw)
            blocks.append(
                Block("boilerplate", u.start, end, raw, label=label, source_line=u.line_no)
            )
            k = j + 1
            continue
        raw = u.text
        display = raw.replace("\n", " ") if u.lines > 1 else raw
        block = Block(
            u.kind,
            u.start,
            u.end,
            display,
            level=1 if u.kind == "list_item" else 0,
            label=u.label,
            source_line=u.line_no,
        )
        if display is not raw and display != raw:
            block._anchor_text = raw
        blocks.append(block)
        k += 1
    if foot_block:
        blocks.append(foot_block)
    if not meta.title:
        meta.title = _fallback_title(blocks) or name
    return PlainResult(blocks, meta)


def _fallback_title(blocks: list[Block]) -> str:
    for block in blocks[:12]:
        if block.kind in ("paragraph", "heading") and len(block.text.split()) >= 4:
            return _first_sentence(block.text)
        if block.kind == "paragraph" and len(block.text) >= 12:  # CJK: no spaces
            return _first_sentence(block.text)
    return ""
