"""Metadata lines at the top of a plain-text article: URL, timestamp, date (+ source) and
byline lines, read into `Metadata` (`meta_line`), and how a date line glued to its source
reads on screen (`meta_display`). Pure; never raises."""

from __future__ import annotations

import re

from reader.document.dateline import read_byline, read_dateline
from reader.document.dates import MONTHS
from reader.document.headline import ends_sentence
from reader.document.model import Metadata
from reader.document.patterns import compiled_on_use

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"

# "January 27, 2026Clash Report", "Jan. 5, 2024 | Source", "Tuesday, 1 March", "5 May 2020 - X"
DATE_MDY = re.compile(
    rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?P<rest>.*)$",
    re.I,
)
DATE_DMY = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?(?P<rest>.*)$",
    re.I,
)
_ISO_STAMP = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
NUMERIC_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# What follows a date without being a source: a time of day, "[ Last Update: … ]".
_NOT_A_SOURCE = re.compile(r"^(?:\d{1,2}[:.]\d{2}|\[|\(|updated?\b|last\s+update)", re.I)
_GUTENBERG_FIELD = compiled_on_use(r"^(?:Title|Author|Release [Dd]ate|Language|Translator):\s*\S")


def iso_date(year: str | int | None, month: str | int | None, day: str | int | None) -> str | None:
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


def meta_display(t: str) -> str:
    """How a date line reads on screen: `January 27, 2026Clash Report` (date and source glued
    together by the scraper) shows as `January 27, 2026 · Clash Report`. Empty when the line
    reads well as it is. The block's text keeps the source characters (offsets never shift);
    this is only a display label."""
    for pattern in (DATE_MDY, DATE_DMY):
        m = pattern.match(t)
        if m and m["rest"].strip():
            rest = m["rest"].strip().lstrip("|·•-–—:,").strip()
            if rest:
                return f"{t[: m.start('rest')].strip()} · {rest}"
    return ""


def _date_line(t: str, meta: Metadata) -> bool:
    if "(" in t and read_dateline(t) is not None:
        return False  # "March 17, 2020 (American Thinker) — …" opens the lead
    for pattern in (DATE_MDY, DATE_DMY):
        m = pattern.match(t)
        if not m:
            continue
        rest = m["rest"].strip().lstrip("|·•-–—:,").strip()
        if rest.lower().startswith("by "):
            rest = rest[3:].strip()
        if rest and (len(rest) > 60 or rest[0].islower() or ends_sentence(rest)):
            if not _NOT_A_SOURCE.match(rest):
                return False
        if m["year"]:
            meta.published = meta.published or iso_date(m["year"], m["month"], m["day"])
        if rest and not meta.source and not _NOT_A_SOURCE.match(rest):
            meta.source = rest
        return True
    return False


def meta_line(t: str, meta: Metadata) -> bool:
    """If `t` is a metadata line, record what it says in `meta` and return True."""
    if len(t) > 120:
        return False
    if URL_LINE.match(t):
        meta.extra.setdefault("url", t)
        return True
    m = _ISO_STAMP.match(t)
    if m:
        meta.published = meta.published or iso_date(m["year"], int(m["month"]), m["day"])
        return True
    if _date_line(t, meta):
        return True
    if meta.source == "Project Gutenberg" and _GUTENBERG_FIELD().match(t):
        return True  # "Title: War and Peace" above a trimmed book (already read)
    byline = read_byline(t)
    if byline is not None:
        meta.authors.extend(n for n in byline.authors if n not in meta.authors)
        if byline.source and not meta.source:
            meta.source = byline.source
        return True
    return False
