"""Export the notes of every annotated article under a folder, as one document.

Only articles with a sidecar are loaded (the sidecar is checked first), so a large library
with few annotated articles exports quickly. Each article is read and rendered before the
next is read: what is kept of it is its rendered text and a few facts for the document's
head, so the export's memory is about the size of its output.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.errors import ReaderError
from reader.export.checked_texts import CheckedTexts
from reader.export.markdown import (
    MARKER,
    NotesWriter,
    article_head,
    article_title,
    category_label,
    category_order,
    highlight_blocks,
    highlight_rows,
    highlight_sections,
    link_target,
    plural,
)
from reader.export.markdown_text import SlugList, close_fences, escape_inline
from reader.export.reading import ArticleRead, read_for_export
from reader.export.w3c import dump_collection, encode_items, source_uri
from reader.export.w3c_article_note import article_items, has_article_note
from reader.library_sidecars import LibrarySidecar, Progress, read_library_sidecars


@dataclass(slots=True)
class ArticleSection:
    """One article of a folder export, rendered as soon as it is read: what the export
    writes of it, and what the document's head and contents say of it. Nothing of its
    annotations or text is kept, so a large folder is read one article at a time."""

    path: Path
    name: str  # relative to the library folder, "/" separators
    title: str
    published: str | None
    highlights: int
    slugs: tuple[str, ...]  # its headings' `slug`s, in order: the first is its title's
    text: str  # Markdown: its section; W3C: its annotations (`encode_items`)
    # grouped across the library: (how many, their blocks) of each category, its orphans
    # under ORPHANS; its article note's blocks are `text`
    groups: dict[str, tuple[int, str]] | None = None


ORPHANS = ""  # the key of an article's orphaned highlights in `ArticleSection.groups`


Render = Callable[[ArticleRead, Path, str], ArticleSection]


@dataclass(slots=True)
class LibraryNotes:
    folder: Path
    articles: list[ArticleSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file
    categories: Counter[str] = field(default_factory=Counter)  # highlights of each category
    article_notes: int = 0  # articles with an article note


def _date_ordinal(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def sort_newest_first(articles: list[ArticleSection]) -> list[ArticleSection]:
    """Newest published first; undated after dated; then by name."""

    def key(a: ArticleSection) -> tuple[int, int, str, str]:
        ordinal = _date_ordinal(a.published)
        return (0 if ordinal is not None else 1, -(ordinal or 0), a.name.casefold(), a.name)

    return sorted(articles, key=key)


def collect(
    folder: str | Path,
    render: Render,
    progress: Progress | None = None,
    checked: CheckedTexts | None = None,
) -> LibraryNotes:
    """Read every annotated article under `folder` and `render` it before reading the next;
    problems become warnings, not errors. `checked`: the folder's kept checks of articles
    against their sidecars (reader/export/checked_texts.py), trusted and then saved."""
    root = Path(folder)
    result = LibraryNotes(root)
    for found in read_library_sidecars(root, progress):
        _add_article(result, render, found, checked)
    result.articles = sort_newest_first(result.articles)
    if checked is not None:
        checked.save()
    return result


def _add_article(
    result: LibraryNotes, render: Render, found: LibrarySidecar, checked: CheckedTexts | None
) -> None:
    """Read one article and add its rendering to `result` (what was read goes on return)."""
    path = found.path
    try:
        read = read_for_export(path, found, checked)
    except ReaderError as error:
        result.warnings.append(f"{path}: skipped: {error}")
        return
    if read.problem:
        result.warnings.append(f"{path}: {read.problem}")
    if read.annotations or read.article_note.strip():
        result.categories.update(a.category for a in read.annotations)
        result.article_notes += has_article_note(read.article_note)
        result.articles.append(render(read, path, found.name))


def article_section(
    read: ArticleRead, path: Path, name: str, text: str = "", slugs=()
) -> ArticleSection:
    """The `ArticleSection` of the article `read` with its rendered `text`."""
    document = read.document
    title = article_title(document)
    return ArticleSection(
        path, name, title, document.meta.published, len(read.annotations), tuple(slugs), text
    )


def markdown_render(group_by: str, base_dir: Path | None, root: Path) -> Render:
    """The Markdown export's rendering of one article of the folder `root`: its section,
    headings two levels down, links relative to `base_dir`."""
    link_to = _link_maker(root, base_dir)

    def render(read: ArticleRead, path: Path, name: str) -> ArticleSection:
        link = link_to(path, name)
        w = NotesWriter(SlugList())
        article_head(w, read.document, read.article_note, link, level=2)
        anchored, orphans = highlight_rows(
            read.document, read.annotations, read.where, read.said, read.chapter
        )
        highlight_sections(w, anchored, orphans, group_by, link, level=2)
        return article_section(read, path, name, "\n\n".join(w.parts), w.slugger.slugs)

    return render


def w3c_render(read: ArticleRead, path: Path, name: str) -> ArticleSection:
    """The W3C export's rendering of one article: its article note and highlights, encoded."""
    items = article_items(read.document, read.annotations, read.said, read.article_note)
    return article_section(read, path, name, encode_items(items))


def _link_maker(root: Path, base_dir: Path | None) -> Callable[[Path, str], str]:
    """What links to the article at `path` (`name` under `root`) from `base_dir`: its path
    relative to `base_dir`, its file name when there is no `base_dir`, its whole path when
    it is on another drive (Windows). Unless `base_dir` is inside `root` (where a link may
    climb out and back in), that is the folder's relative path, worked out once, and `name`."""
    if base_dir is None:
        return lambda path, name: path.name
    top, base = os.path.abspath(root), os.path.abspath(base_dir)
    try:
        prefix = os.path.relpath(top, base)
        inside = base != top and os.path.commonpath([top, base]) == top
    except ValueError:  # another drive on Windows
        return lambda path, name: str(path)
    if not inside:
        if prefix == os.curdir:
            return lambda path, name: name.replace("/", os.sep)
        return lambda path, name: os.path.join(prefix, name.replace("/", os.sep))
    return lambda path, name: os.path.relpath(os.path.join(top, name), base)


def _library_head(w: NotesWriter, notes: LibraryNotes) -> None:
    """The document's marker, title, totals per category and "Contents" heading."""
    w.block(MARKER)
    folder_name = notes.folder.resolve().name or str(notes.folder)
    w.heading(1, f"Notes: {folder_name}")
    counts = notes.categories
    total = counts.total()
    w.block(
        escape_inline(f"{plural(total, 'highlight')} in {plural(len(notes.articles), 'article')}.")
    )
    if counts:
        rows = ["| Category | Highlights |", "| --- | ---: |"]
        rows += [
            f"| {escape_inline(category_label(c))} | {counts[c]} |"
            for c in category_order(set(counts))
        ]
        rows.append(f"| Total | {total} |")
        w.block("\n".join(rows))
    w.heading(2, "Contents")


def render_library_markdown(notes: LibraryNotes) -> str:
    """One document: title, totals per category, contents, then a section per article."""
    w = NotesWriter()
    _library_head(w, notes)
    entries = []
    for art in notes.articles:
        anchor, *_ = [w.slugger.add_slug(s) for s in art.slugs]
        facts = [art.published or "undated", plural(art.highlights, "highlight"), art.name]
        entries.append(
            f"{len(entries) + 1}. [{escape_inline(art.title)}](#{anchor})"
            f" — {escape_inline(' · '.join(facts))}"
        )
    w.block("\n".join(entries) if entries else "No annotated articles.")
    w.parts.extend(art.text for art in notes.articles)
    return w.text()


def grouped_render(base_dir: Path | None, root: Path) -> Render:
    """The rendering of one article for a library grouped by category: its highlights'
    blocks by category (each naming the article), its orphans', its article note's."""
    link_to = _link_maker(root, base_dir)

    def render(read: ArticleRead, path: Path, name: str) -> ArticleSection:
        link = link_target(link_to(path, name))
        title = escape_inline(article_title(read.document))
        named = f" · [{title}]({link})"
        anchored, orphans = highlight_rows(
            read.document, read.annotations, read.where, read.said, read.chapter
        )
        rows_of: dict[str, list[tuple]] = {}
        for row in anchored:
            rows_of.setdefault(row[1], []).append(row)
        if orphans:
            rows_of[ORPHANS] = orphans
        groups = {}
        for category, rows in rows_of.items():
            parts: list[str] = []
            highlight_blocks(parts, rows, None if category == ORPHANS else link, named)
            groups[category] = (len(rows), "\n\n".join(parts))
        note = ""
        if read.article_note.strip():
            w = NotesWriter(SlugList())
            w.heading(3, article_title(read.document))
            w.block(f"File: [{escape_inline(name)}]({link})")
            w.block(close_fences(read.article_note.strip("\n").rstrip()))
            note = "\n\n".join(w.parts)
        section = article_section(read, path, name, note, w.slugger.slugs if note else ())
        section.groups = groups
        return section

    return render


def render_library_by_category(notes: LibraryNotes) -> str:
    """One document: title, totals, contents, then a section per category with every
    article's highlights of it (articles newest first, each in reading order), the article
    notes, and the orphaned highlights."""
    w = NotesWriter()
    _library_head(w, notes)
    sections: list[tuple[str, list[str], list[str]]] = []  # heading, blocks, slugs in them
    groups = [art.groups or {} for art in notes.articles]
    present = {c for g in groups for c in g} - {ORPHANS}
    for category in category_order(present):
        found = [g[category] for g in groups if category in g]
        count = sum(n for n, _ in found)
        sections.append((f"{category_label(category)} ({count})", [t for _, t in found], []))
    noted = [art for art in notes.articles if art.text]
    if noted:
        slugs = [s for art in noted for s in art.slugs]
        sections.append((f"Article notes ({len(noted)})", [a.text for a in noted], slugs))
    found = [g[ORPHANS] for g in groups if ORPHANS in g]
    if found:
        count = sum(n for n, _ in found)
        sections.append((f"Orphaned highlights ({count})", [t for _, t in found], []))
    entries = []
    for heading, _, slugs in sections:  # anchors numbered in the order of the document
        entries.append(f"{len(entries) + 1}. [{escape_inline(heading)}](#{w.slugger.add(heading)})")
        for slug in slugs:
            w.slugger.add_slug(slug)
    w.block("\n".join(entries) if entries else "No annotated articles.")
    for heading, texts, _ in sections:
        w.parts.append("## " + escape_inline(heading))
        w.parts.extend(texts)
    return w.text()


def render_library_w3c(notes: LibraryNotes) -> str:
    """One AnnotationCollection with every article's annotations (one target source each)."""
    label = notes.folder.resolve().name or str(notes.folder)
    chunks = [art.text for art in notes.articles]
    total = notes.categories.total() + notes.article_notes
    return dump_collection(chunks, total, label, source_uri(notes.folder))


def export_library(
    folder: str | Path,
    fmt: str = "markdown",
    group_by: str = "order",
    base_dir: Path | None = None,
    progress: Progress | None = None,
    checked: CheckedTexts | None = None,
) -> tuple[str, list[str]]:
    """(exported text, warnings) for every annotated article under `folder`; `checked`: as
    for `collect`."""
    if fmt == "w3c":
        notes = collect(folder, w3c_render, progress, checked)
        return render_library_w3c(notes), notes.warnings
    if group_by == "library-category":
        notes = collect(folder, grouped_render(base_dir, Path(folder)), progress, checked)
        return render_library_by_category(notes), notes.warnings
    notes = collect(folder, markdown_render(group_by, base_dir, Path(folder)), progress, checked)
    return render_library_markdown(notes), notes.warnings
