"""What each paragraph unit of a plain-text article is: the structure recogniser.

`reader.document.plaintext` cuts the text into units (one paragraph each); this module
decides, from the whole top of the article and the whole text, what each unit is:

1. furniture anywhere (reader.document.plain_furniture, before `classify`): glued-on
   prompts are cut off their line into a unit of their own, then furniture lines,
   related-link lists, photo captions, rules, trailing social lines and wire credits become
   boilerplate with a label;
2. bullets become list items;
3. metadata lines near the top (URL, timestamp, date + source, byline) become meta blocks;
4. the headline: candidates from the first ~15 lines, scored (reader.document.headline);
   then the standfirst under it, and a match-facts box (venue, time) next to a date line;
5. crossheads: short lines without final punctuation, and question crossheads;
6. the dateline of the lead and a Japanese sign-off (reader.document.dateline), and the
   reporters of a wire credit.

A unit's kind only changes; units are split (never merged), so offsets stay exact.
Everything here is pure and never raises.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from reader.document.dateline import read_dateline, read_reporting_credit, read_signoff
from reader.document.furniture import cover_caption
from reader.document.headline import (
    HEADLINE_LINES,
    ends_sentence,
    heading_shape,
    headline_score,
    is_all_caps,
    split_site_name,
    standfirst_shape,
)
from reader.document.meta_lines import DATE_DMY, DATE_MDY, meta_display, meta_line
from reader.document.model import Metadata
from reader.document.plain_unit import Unit

BULLET_FIRST = frozenset("-•*–·▪●0123456789 \t")
# Patterns most articles never need (Gutenberg books, chapters, bullets), compiled on first
# use (`rx`).
_RARE: dict[str, tuple] = {
    "bullet": (r"[ \t]*(?P<marker>[-•*–·▪●]|\d{1,3}[.)])[ \t]+(?=\S)",),
    "chapter": (
        r"^(?:chapter|book|part|section|volume|act|scene|prologue|epilogue)\b(?:\s+[\dIVXLCivxlc]+\b)?",
        re.I,
    ),
    "gutenberg_start": (r"^\*{3}\s*START OF.*$", re.M),
    "gutenberg_end": (r"^\*{3}\s*END OF.*$", re.M),
    "gutenberg_field": (r"^(Title|Author|Release [Dd]ate|Language):\s*(.+)$", re.M),
    "maybe_break": (r"\n(?:[ \t]|(?:[-•*–·▪●]|\d{1,3}[.)])[ \t])",),
}


@cache
def rx(name: str) -> re.Pattern[str]:
    return re.compile(*_RARE[name])


# Known news sources that scrapes glue to the front of a title.
KNOWN_TITLE_SOURCES = ("الخبر", "الشروق", "النهار", "المساء", "الوطن")


# --- headline, standfirst, crossheads ----------------------------------------------------


# A line of dialogue: a quotation that ends in its own punctuation or breaks off ("“Enough,”
# replied Starbuck, “only don’t hit him again, but—”"), never a heading.
_DIALOGUE = re.compile(r"^[“\"‘'«].*[.!?,;:…—–-][’”\"»]+[—–-]?$")
# A stage direction in a play or a novel's dialogue scene, in brackets or in italics
# ("(_Sings, and all follow._)", "_Ahab standing by the helm._"), never a heading.
_DIRECTION = re.compile(r"^(?:\(.*\)|_.*_)$")
# Headings one after another with no text between, this many or more, are a table of
# contents, not the chapters themselves.
CONTENTS_RUN = 5
# A weekday date over a live ticker's entries: "Donnerstag, 18. 7.", "Tuesday, 16 July".
_DAY_HEADING = re.compile(
    r"^(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r",?\s+\d{1,2}\.?\s*(?:\d{1,2}\.|[^\W\d_]{3,12}\.?)(?:\s*\d{4})?$",
    re.I,
)


def _chapter_line(u: Unit, wrapped: bool) -> bool:
    """A book's chapter title, on one line or wrapped onto a second ("CHAPTER 57. Of Whales
    in Paint; in Teeth; in Wood; in Sheet-Iron; in Stone; in Mountains; in Stars.")."""
    return (
        wrapped and u.lines <= 2 and len(u.text) <= 160 and rx("chapter").match(u.text) is not None
    )


def _heading_like(u: Unit, wrapped: bool) -> bool:
    t = u.text
    if _chapter_line(u, wrapped):
        return True
    if u.lines > 1 or len(t) > 80 or not t or _DIRECTION.match(t):
        return False
    if is_all_caps(t) and len(t) <= 60:
        return not _DIALOGUE.match(t)
    if t[0].islower() or ends_sentence(t) or len(t.split()) > 12:
        return False
    return not _DIALOGUE.match(t)


def _pick_headline(units: list[Unit], story: list[int]) -> int:
    """Index of the headline among the first story units, or -1."""
    best, best_score = -1, 0
    for rank, i in enumerate(story[:4]):
        u = units[i]
        if u.source_line - units[0].source_line >= HEADLINE_LINES:
            break
        if read_dateline(u.text) is not None:
            break  # the lead has begun
        glue = split_site_name(u.text) if u.lines == 1 else None
        head = u.text[: glue[0]] if glue else u.text
        score = headline_score(head, rank) if u.lines == 1 else 0
        if score > best_score:
            best, best_score = i, score
    return best


def _piece(u: Unit, lo: int, hi: int, kind: str) -> Unit:
    """A unit over u.text[lo:hi] (stripped) on u's line."""
    raw = u.text[lo:hi]
    text = raw.strip()
    start = u.start + lo + (len(raw) - len(raw.lstrip()))
    blank = u.blank_before and lo == 0
    return Unit(kind, start, start + len(text), text, (), 0, "", u.source_line, 1, blank)


def _split_site(units: list[Unit], at: int) -> str:
    """ "Headline The Site: standfirst" on one line becomes three units (title, meta,
    subtitle); returns the site name ("" when the line is not glued that way)."""
    u = units[at]
    glue = split_site_name(u.text)
    if glue is None:
        return ""
    head_end, stand_start, site = glue
    pieces = [
        _piece(u, 0, head_end, "title"),
        _piece(u, head_end, stand_start, "meta"),
        _piece(u, stand_start, len(u.text), "subtitle"),
    ]
    units[at : at + 1] = pieces
    return site


def _mark_title(units: list[Unit], meta: Metadata, at: int) -> None:
    if at + 1 >= len(units):
        # Nothing under it (a one-line file, or a library row's head): the line names the
        # article but stays its text.
        meta.title = meta.title or units[at].text
        return
    site = _split_site(units, at)
    u = units[at]
    u.kind = "title"
    if not meta.title:  # a Gutenberg header's "Title:" wins
        meta.title = u.text
        _split_title_source(meta)
    nxt = at + 1
    if site:
        meta.source = meta.source or site
        meta.subtitle = units[at + 2].text
        return
    while nxt < len(units) and units[nxt].kind == "boilerplate":
        nxt += 1  # a caption or wire notes between the headline and the standfirst
    if nxt + 1 >= len(units) or units[nxt].kind != "paragraph":
        return
    cand, after = units[nxt], units[nxt + 1]
    if read_dateline(cand.text) is not None:
        return
    if _mark_cover_caption(units, nxt):
        return
    by_meta = not cand.blank_before and len(cand.text) <= 400 and after.kind == "meta"
    body_len = max(len(u.text) for u in units[nxt + 1 : nxt + 4])
    next_is_lead = after.kind == "paragraph" and read_dateline(after.text) is not None
    if by_meta or standfirst_shape(cand.text, body_len, next_is_lead):
        cand.kind = "subtitle"
        meta.subtitle = " ".join(cand.text.split())
        _mark_cover_caption(units, nxt + 1)


def _mark_cover_caption(units: list[Unit], i: int) -> bool:
    """Fold unit `i`, right under the headline or standfirst, when it is the cover photo's
    caption: one line, shorter than the lead under it, shaped like a caption."""
    if i + 1 >= len(units):
        return False
    u, lead = units[i], units[i + 1]
    if u.kind != "paragraph" or u.lines > 1 or lead.kind != "paragraph":
        return False
    if len(lead.text) < 2 * len(u.text) or not cover_caption(u.text):
        return False
    u.kind, u.label = "boilerplate", "Photo caption"
    return True


def _split_title_source(meta: Metadata) -> None:
    for source in KNOWN_TITLE_SOURCES:
        if meta.title.startswith(source + " ") and len(meta.title) > len(source) + 10:
            meta.title = meta.title[len(source) :].strip()
            if not meta.source:
                meta.source = source
            return


def _fact_line(u: Unit) -> bool:
    t = u.text
    return (
        u.kind == "paragraph"
        and u.lines == 1
        and len(t) <= 40
        and len(t.split()) <= 8
        and not ends_sentence(t)
        and not t[:1].islower()
    )


def _mark_fact_lines(units: list[Unit]) -> None:
    """A match-facts box at the top (BBC sport: venue, date, kick-off time, referee): short
    lines next to a date line are metadata too, not crossheads."""
    top = units[:10]
    changed = True
    while changed:
        changed = False
        for i, u in enumerate(top):
            beside = [top[j].kind for j in (i - 1, i + 1) if 0 <= j < len(top)]
            if "meta" in beside and _fact_line(u) and _near_a_date(top, i):
                u.kind = "meta"
                changed = True


def _near_a_date(top: list[Unit], i: int) -> bool:
    """Is there a date line among the meta lines within three units of `i`?"""
    for v in top[max(0, i - 3) : i + 4]:
        if v.kind == "meta" and (DATE_MDY.match(v.text) or DATE_DMY.match(v.text)):
            return True
    return False


def _long_crosshead(units: list[Unit], i: int) -> bool:
    """A crosshead written as a sentence without its full stop ("La Russie a fourni des
    missiles antiaériens à la Corée du Nord, affirme Séoul") in an article of one-line
    paragraphs: between blank lines, after a finished paragraph and over a longer one."""
    u, nxt = units[i], units[i + 1]
    t = u.text
    if len(t) > 160 or t[0].islower() or ends_sentence(t) or not nxt.blank_before:
        return False
    if not u.blank_before or len(t.split()) > 24 or _DIALOGUE.match(t):
        return False
    prev = units[i - 1] if i else None
    prev_done = prev is None or prev.kind == "heading" or ends_sentence(prev.text)
    return (
        prev_done
        and nxt.kind == "paragraph"
        and ends_sentence(nxt.text)
        and (len(nxt.text) > 1.5 * len(t))
    )


def _mark_headings(units: list[Unit], wrapped: bool) -> None:  # noqa: C901 - the crosshead rules, cheapest first
    n = len(units)
    for i in range(n - 1):
        u = units[i]
        if u.kind != "paragraph" or (u.lines > 1 and not _chapter_line(u, wrapped)):
            continue
        if wrapped and not ((u.blank_before or i == 0) and units[i + 1].blank_before):
            continue
        nxt = units[i + 1]
        if nxt.kind not in ("paragraph", "list_item", "heading"):
            continue
        t = u.text
        day = u.blank_before and nxt.blank_before and _DAY_HEADING.match(t) is not None
        if not (wrapped or day or t.endswith("?") or t.isupper()) and ends_sentence(t):
            # Ends like a sentence, and is no question, weekday date or line in capitals:
            # no crosshead (most paragraphs; what `_heading_like` and `_long_crosshead` say).
            continue
        # The line's own shape first; then what it says between its neighbours.
        shaped = day or _heading_like(u, wrapped) or (not wrapped and _long_crosshead(units, i))
        if not shaped and not t.endswith("?"):
            continue
        shape = heading_shape(u.text, units[i - 1].text if i else "", nxt.text)
        if shape == "question" and u.blank_before and nxt.blank_before:
            u.kind = "heading"
        elif shape == "heading" and shaped:
            u.kind = "heading"
    _unmark_contents(units)
    # A crosshead introduces text: short lines that run to the end of the article (a
    # scoreboard's "10th League One", "18th PREM") are not crossheads.
    i = n - 1
    while i >= 0 and units[i].kind in ("heading", "paragraph") and _heading_like(units[i], wrapped):
        if units[i].kind == "heading":
            units[i].kind = "paragraph"
        i -= 1


def _unmark_contents(units: list[Unit]) -> None:
    """A run of CONTENTS_RUN headings or more with nothing between them lists the chapters
    (a book's table of contents): they are its lines, not headings. The run's last one,
    when it repeats an entry of the contents, is the first chapter right after them."""
    run: list[Unit] = []
    for u in [*units, None]:
        if u is not None and u.kind == "heading":
            run.append(u)
            continue
        if len(run) >= CONTENTS_RUN:
            first_chapter = run[-1].text in {heading.text for heading in run[:-1]}
            for heading in run[:-1] if first_chapter else run:
                heading.kind = "paragraph"
        run = []


# --- datelines and credits ---------------------------------------------------------------


def _record_dateline(units: list[Unit], meta: Metadata) -> None:
    seen = 0
    for u in units:
        if u.kind not in ("paragraph", "subtitle"):
            continue
        found = read_dateline(u.text)
        if found is not None and u.kind == "paragraph":
            if found.place:
                meta.extra["dateline"] = found.place
            if found.agency and not meta.source:
                meta.source = found.agency
            meta.published = meta.published or found.published
            meta.authors.extend(n for n in found.authors if n not in meta.authors)
            return
        seen += 1
        if seen >= 3:
            break
    last = next(
        (u for u in reversed(units) if u.kind == "paragraph" or u.label == "Sign-off"), None
    )
    signoff = read_signoff(last.text) if last is not None else None
    if signoff is not None:
        meta.extra.setdefault("dateline", signoff.place)
        meta.authors.extend(n for n in signoff.authors if n not in meta.authors)


def _record_credits(units: list[Unit], meta: Metadata) -> None:
    for u in units[-3:]:
        if u.kind not in ("paragraph", "boilerplate"):
            continue
        names = read_reporting_credit(u.text)
        if names:
            meta.authors.extend(n for n in names if n not in meta.authors)
            u.kind, u.label = "boilerplate", "Reporting credits"


def classify(units: list[Unit], meta: Metadata, wrapped: bool) -> None:
    """Set each unit's kind (and label) and fill `meta`; `wrapped` for hard-wrapped text."""
    # Bullets first: they are never titles or headings.
    for u in units:
        m = rx("bullet").match(u.text) if u.text[:1] in BULLET_FIRST else None
        if m is not None and u.kind == "paragraph":
            u.kind = "list_item"
            u.label = m["marker"]
            u.start += m.end()
            u.text = u.text[m.end() :]
    # Metadata lines near the top (URL, timestamp, date + source, byline).
    body = islice((i for i, u in enumerate(units) if u.kind == "paragraph"), 8)
    story = []
    for i in body:
        u = units[i]
        if u.lines == 1 and meta_line(u.text, meta):
            u.kind = "meta"
            u.label = meta_display(u.text)
        else:
            story.append(i)
    at = _pick_headline(units, story)
    if at >= 0:
        _mark_title(units, meta, at)
    _mark_fact_lines(units)
    _mark_headings(units, wrapped)
    _record_dateline(units, meta)
    _record_credits(units, meta)
