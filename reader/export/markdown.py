"""Render an article's annotations as a Markdown notes document.

Everything taken from the article (quotes, titles, metadata) is escaped so it shows as
literal text in any CommonMark renderer; the user's own notes are Markdown and are kept as
written. Output is deterministic: the same document and annotations give the same bytes.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote as url_quote

from reader.annotations.model import CATEGORIES, CATEGORY_LABELS, Annotation
from reader.annotations.places import Place, place_label
from reader.annotations.verdicts import DEFAULT_STATUS, STATUS_LABELS, Evidence
from reader.atomic import write_atomic
from reader.claims.model import Attribution
from reader.document.decode import one_line, sanitize
from reader.document.loader import is_html
from reader.document.model import Document
from reader.errors import ReaderError, cannot
from reader.export.markdown_text import (
    Slugger,
    close_fences,
    escape_inline,
    quote_block,
    tag_text,
    url_link,
)
from reader.export.signature import MARKER, is_ours  # noqa: F401  (part of this module's API)

NOTES_SUFFIX = ".notes.md"


# What --group-by takes: reading order or categories within each article, or (a folder)
# categories across the library (reader/export/library.py; for one article: `category`).
GROUPINGS = ("order", "category", "library-category")
GROUPINGS_TEXT = "order, category or library-category"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ExportExists(ReaderError):
    """The notes file exists and was not written by margin-reader (pass force=True)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists and was not written by margin-reader; not overwriting")
        self.path = path


# --- escaping -----------------------------------------------------------------------------


# --- rendering ----------------------------------------------------------------------------


def ordered(annotations: list[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """(anchored in document order, orphans in creation order), both stable."""
    anchored = [a for a in annotations if not a.orphaned]
    if not _in_order(anchored):  # the store lists them in order already: one linear check
        anchored.sort(key=lambda a: (a.start, a.end, a.id))
    orphans = sorted((a for a in annotations if a.orphaned), key=lambda a: (a.created, a.id))
    return anchored, orphans


def _in_order(anns: list[Annotation]) -> bool:
    """True when `anns` is already sorted by (start, end, id)."""
    prev = None
    for a in anns:
        key = (a.start, a.end, a.id)
        if prev is not None and key < prev:
            return False
        prev = key
    return True


def category_order(categories: set[str]) -> list[str]:
    known = [c for c in CATEGORIES if c in categories]
    return known + sorted(categories - set(CATEGORIES))


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def totals_line(categories: list[str]) -> str:
    """ "12 highlights: Claim 5, Evidence 7" for highlights of these `categories`."""
    counts = Counter(categories)
    parts = [f"{category_label(c)} {counts[c]}" for c in category_order(set(counts))]
    return plural(len(categories), "highlight") + (": " + ", ".join(parts) if parts else "")


def link_target(path: str) -> str:
    """A relative path as a Markdown link destination (percent-encoded, `/` separators).
    The path's own bytes are encoded, so a name that is not UTF-8 links to that file."""
    return url_quote(os.fsencode(path.replace(os.sep, "/")), safe="/")


@functools.lru_cache(maxsize=1024)
def _day(head: str) -> str | None:
    """`head` (a stamp's first ten characters) when it is a `YYYY-MM-DD` date, else None.

    Cached by the day rather than by the whole stamp: highlights made at different times
    have different stamps, but there are few days among them."""
    return head if _DATE.match(head) else None


def _date(stamp: str) -> str:
    """The day of an ISO 8601 stamp; any other stamp escaped as it is."""
    return _day(stamp[:10]) or escape_inline(stamp)


class NotesWriter:
    def __init__(self, slugger: Slugger | None = None) -> None:
        self.parts: list[str] = []
        self.slugger = slugger or Slugger()

    def block(self, text: str) -> None:
        self.parts.append(text)

    def heading(self, level: int, text: str) -> str:
        anchor = self.slugger.add(text)
        self.parts.append("#" * min(level, 6) + " " + escape_inline(text))
        return anchor

    def text(self) -> str:
        """The document. Notes, tags and imported quotes may hold control characters (or
        surrogates from a file name that is not UTF-8): like an article's text, they are
        shown as visible symbols, never written raw."""
        return sanitize("\n\n".join(self.parts) + "\n")


@functools.cache
def _category_strong(category: str) -> str:
    return f"**{escape_inline(category_label(category))}**"


def highlight_row(
    ann: Annotation,
    place: Place | None,
    attribution: Attribution | None,
    heading: str | None = None,
) -> tuple:
    """What the export shows of a highlight: (quote, category, tags, created stamp, note,
    place, the lines of its source and verdict, wording it was highlighted with if the article
    was edited under it, the heading it falls under), the place being `Locator.where`'s
    (paragraph, sentence, last sentence, line, last paragraph) or None; `attribution` None for
    an orphan."""
    return (
        ann.exact,
        ann.category,
        tuple(ann.tags),
        ann.created,
        ann.note,
        place,
        claim_lines(ann, attribution),
        ann.edited_from,
        heading,
    )


def claim_lines(ann: Annotation, attribution: Attribution | None) -> str:
    """`Source: …`, `Verdict: …` and `Evidence: …` lines (hard breaks between), or ""."""
    lines = []
    if attribution is not None:
        if attribution.kind == "none":
            lines.append("Source: none given in the text")
        else:
            lines.append(f"Source: {escape_inline(attribution.source)} ({attribution.kind})")
    if ann.status != DEFAULT_STATUS or ann.rationale:
        verdict = f"Verdict: **{STATUS_LABELS.get(ann.status, ann.status)}**"
        if ann.rationale:
            verdict += f" — {escape_inline(ann.rationale)}"
        lines.append(verdict)
    if ann.evidence:
        lines.append("Evidence: " + " · ".join(map(_evidence_text, ann.evidence)))
    return "\\\n".join(lines)


def _evidence_text(link: Evidence) -> str:
    if link.url:
        return url_link(link.url, escape_inline)
    return escape_inline(link.describe())


def has_source_lines(link: str | None) -> bool:
    """Whether a highlight's place gets a `[line 40](story.txt#L40)` link to the article at
    the link destination `link`: not without a link, nor for a saved web page, whose lines
    are those of the text extracted from it, not of the HTML file the link opens."""
    return bool(link) and not is_html(link)


def highlight_blocks(
    parts: list[str], rows: list[tuple], link: str | None, article: str = ""
) -> None:
    """Append each highlight's blocks to `parts` (a `NotesWriter`'s): its quote, its facts line,
    its source and verdict lines, and its note if it has one. `rows` are `highlight_row`s;
    `link` is the article's link destination (already encoded); `article`, Markdown naming
    the article, goes after the category in each facts line (a library grouped by category).

    The blocks are separate parts: `NotesWriter.text` joins parts with a blank line, so this is
    the text of one part per highlight without copying every quote into a joined part.
    """
    add = parts.append
    with_lines = has_source_lines(link)
    for quote, category, tags, created, note, loc, claim, edited_from, heading in rows:
        tag_list = " · " + " ".join(map(tag_text, tags)) if tags else ""
        place = ""
        if loc is not None:
            place = f" · {place_text(loc, heading)}"
            if with_lines:
                place = f"{place} · [line {loc[3]}]({link}#L{loc[3]})"
        date = f" · {_date(created)}" if created else ""
        add(quote_block(quote))
        if edited_from:  # the article was edited under the highlight: both wordings
            add("*Edited in the article since it was highlighted; it read:*")
            add(quote_block(edited_from))
        add(f"{_category_strong(category)}{article}{tag_list}{place}{date}")
        if claim:
            add(claim)
        if note and not note.isspace():
            add(close_fences(note.strip("\n").rstrip()))


HEADING_CHARS = 80  # of a heading named in a highlight's place


def place_text(place: Place, heading: str | None) -> str:
    """A highlight's place in Markdown: `¶ 4, sentence 2`, after the heading it falls under
    when it has one (`CHAPTER I. The Harbour, ¶ 4, sentence 2`)."""
    label = place_label(place)
    return f"{_heading_text(heading)}, {label}" if heading else label


@functools.lru_cache(maxsize=1024)  # a book's few chapters, named by many highlights
def _heading_text(heading: str) -> str:
    """A heading as a highlight's place names it: one line, without a closing period or
    colon (the comma after it follows: `CHAPTER 41. Moby Dick, ¶ 3`), shortened, escaped."""
    text = one_line(heading).rstrip()
    if text.endswith((".", ":")) and not text.endswith(".."):  # an ellipsis stays
        text = text[:-1].rstrip()
    if len(text) > HEADING_CHARS:
        text = text[: HEADING_CHARS - 1].rstrip() + "…"
    return escape_inline(text)


def _metadata_line(document: Document, source_link: str | None) -> str:
    meta = document.meta
    facts = []
    if meta.source:
        facts.append(f"Source: {escape_inline(meta.source)}")
    if meta.published:
        facts.append(f"Published: {escape_inline(meta.published)}")
    if meta.authors:
        facts.append(f"By: {escape_inline(', '.join(meta.authors))}")
    if source_link:
        name = source_link.replace(os.sep, "/").rsplit("/", 1)[-1]
        facts.append(f"File: [{escape_inline(name)}]({link_target(source_link)})")
    return " · ".join(facts)


def article_title(document: Document) -> str:
    title = document.meta.title.strip()
    return title or Path(document.path).name


def render_article(
    w: NotesWriter,
    document: Document,
    annotations: list[Annotation],
    article_note: str,
    group_by: str = "order",
    source_link: str | None = None,
    level: int = 1,
    where: Callable[[int, int], Place | None] | None = None,
    attribution: Callable[[int, int], Attribution | None] | None = None,
    chapter: Callable[[int, int], str | None] | None = None,
) -> str:
    """Append one article's section to `w`; return the anchor of its heading. `where`,
    `attribution` and `chapter` give each highlight's place, source and heading (the
    sidecar's, reader/export/reading.py); None works them out from the parsed `document`."""
    anchor = article_head(w, document, article_note, source_link, level)
    anchored, orphans = highlight_rows(document, annotations, where, attribution, chapter)
    highlight_sections(w, anchored, orphans, group_by, source_link, level)
    return anchor


def highlight_rows(
    document: Document,
    annotations: list[Annotation],
    where: Callable[[int, int], Place | None] | None = None,
    attribution: Callable[[int, int], Attribution | None] | None = None,
    chapter: Callable[[int, int], str | None] | None = None,
) -> tuple[list[tuple], list[tuple]]:
    """(the anchored highlights' `highlight_row`s in document order, the orphans' in creation
    order): all `render_article` needs of the annotations and of the article's text."""
    anchored, orphans = ordered(annotations)
    if where is None or chapter is None:
        from reader.document.locate import Locator  # the article was parsed: find its places

        locator = Locator(document)
        where = where or locator.where
        chapter = chapter or (lambda start, end: locator.heading(start))
    if attribution is None:
        from reader.claims.attribution import DocumentAttributions  # likewise: who says it

        attribution = DocumentAttributions(document).of  # each paragraph worked out once
    return (
        [
            highlight_row(
                a, where(a.start, a.end), attribution(a.start, a.end), chapter(a.start, a.end)
            )
            for a in anchored
        ],
        [highlight_row(ann, None, None) for ann in orphans],
    )


def article_head(
    w: NotesWriter, document: Document, article_note: str, source_link: str | None, level: int
) -> str:
    """Append an article's heading, subtitle, metadata line and note to `w`; return the
    heading's anchor."""
    anchor = w.heading(level, article_title(document))
    if document.meta.subtitle.strip():
        w.block(f"*{escape_inline(document.meta.subtitle.strip())}*")
    meta_line = _metadata_line(document, source_link)
    if meta_line:
        w.block(meta_line)
    if article_note.strip():
        w.heading(level + 1, "Article note")
        w.block(close_fences(article_note.strip("\n").rstrip()))
    return anchor


def highlight_sections(
    w: NotesWriter,
    anchored: list[tuple],
    orphans: list[tuple],
    group_by: str,
    source_link: str | None,
    level: int,
) -> None:
    """Append an article's highlights to `w`: the anchored ones (`highlight_row`s in document
    order) in order or by category, then the orphans (in creation order) in their own
    section."""
    link = link_target(source_link) if source_link else None
    w.heading(level + 1, "Highlights")
    if not anchored and not orphans:
        w.block("No highlights yet.")
    else:
        categories = [row[1] for row in anchored] + [row[1] for row in orphans]
        w.block(escape_inline(totals_line(categories)) + ".")
    if group_by == "category":
        by_cat: dict[str, list[tuple]] = {}
        for row in anchored:
            by_cat.setdefault(row[1], []).append(row)
        for cat in category_order(set(by_cat)):
            w.heading(level + 2, f"{category_label(cat)} ({len(by_cat[cat])})")
            highlight_blocks(w.parts, by_cat[cat], link)
    elif group_by == "order":
        highlight_blocks(w.parts, anchored, link)
    else:
        raise ReaderError(f"unknown grouping: {group_by} (use {GROUPINGS_TEXT})")
    if orphans:
        w.heading(level + 1, "Orphaned highlights")
        w.block(
            escape_inline(
                f"{plural(len(orphans), 'highlight')} no longer found in the article text "
                "(it changed since they were made); quoted as they were written."
            )
        )
        highlight_blocks(w.parts, orphans, None)


def render_markdown(
    document: Document,
    annotations: list[Annotation],
    article_note: str = "",
    group_by: str = "order",
    source_link: str | None = None,
    where: Callable[[int, int], Place | None] | None = None,
    attribution: Callable[[int, int], Attribution | None] | None = None,
    chapter: Callable[[int, int], str | None] | None = None,
) -> str:
    """The notes document for one article. `source_link` is the article's path relative to
    where the notes will live (e.g. `story.txt`); None leaves out file and line links.
    `where`, `attribution`, `chapter`: as for `render_article`."""
    w = NotesWriter()
    w.block(MARKER)
    render_article(
        w, document, annotations, article_note, group_by, source_link, 1, where, attribution,
        chapter,
    )  # fmt: skip
    return w.text()


# --- writing next to the article ----------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically; a failure is one `ReaderError` naming the file."""
    try:
        write_atomic(path, text.encode("utf-8"))  # as it is: no newline translation
    except OSError as error:
        raise ReaderError(cannot("write", path, error)) from None
