"""Export the notes of every annotated article under a folder, as one document.

Only articles with a sidecar are loaded (the sidecar is checked first), so a large library
with few annotated articles exports quickly.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reader.annotations.sidecar import sidecar_path_for
from reader.document.model import Document
from reader.errors import ReaderError
from reader.export.markdown import (
    MARKER,
    NotesWriter,
    article_head,
    article_title,
    category_label,
    category_order,
    highlight_rows,
    highlight_sections,
    plural,
)
from reader.export.markdown_text import escape_inline
from reader.export.reading import ArticleRead, read_for_export
from reader.export.w3c import collection, dump_json, source_uri, w3c_items
from reader.library import iter_article_paths

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ArticleNotes:
    """One article with what an export keeps of it once read: its facts (a `Document`
    without its text) and what `digest` made of its annotations (the Markdown rows, the W3C
    items), so a large folder's texts and annotation objects are not all held at once."""

    path: Path
    name: str  # relative to the library folder, "/" separators
    document: Document  # the article's path and metadata; no text
    digest: Any
    categories: list[str]  # each highlight's category
    article_note: str = ""

    @property
    def published(self) -> str | None:
        return self.document.meta.published


Digest = Callable[[ArticleRead], Any]


@dataclass(slots=True)
class LibraryNotes:
    folder: Path
    articles: list[ArticleNotes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file


def annotated_paths(folder: Path) -> list[Path]:
    """Article files under `folder` that have a sidecar, in name order."""
    return [p for p in iter_article_paths(folder) if sidecar_path_for(p).is_file()]


def _date_ordinal(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def sort_newest_first(articles: list[ArticleNotes]) -> list[ArticleNotes]:
    """Newest published first; undated after dated; then by name."""

    def key(a: ArticleNotes) -> tuple[int, int, str, str]:
        ordinal = _date_ordinal(a.published)
        return (0 if ordinal is not None else 1, -(ordinal or 0), a.name.casefold(), a.name)

    return sorted(articles, key=key)


def collect(folder: str | Path, digest: Digest, progress: Progress | None = None) -> LibraryNotes:
    """Read every annotated article under `folder`, keeping of each what `digest` makes of
    it; problems become warnings, not errors."""
    root = Path(folder)
    result = LibraryNotes(root)
    paths = annotated_paths(root)
    for done, path in enumerate(paths, start=1):
        try:
            read = read_for_export(path)
        except ReaderError as error:
            result.warnings.append(f"{path}: skipped: {error}")
        else:
            if read.problem:
                result.warnings.append(f"{path}: {read.problem}")
            if read.annotations or read.article_note.strip():
                doc = read.document
                facts = Document(doc.path, doc.format, "", [], doc.meta, doc.encoding)
                result.articles.append(
                    ArticleNotes(
                        path,
                        path.relative_to(root).as_posix(),
                        facts,
                        digest(read),
                        [a.category for a in read.annotations],
                        read.article_note,
                    )
                )
        if progress is not None:
            progress(done, len(paths))
    result.articles = sort_newest_first(result.articles)
    return result


def markdown_rows(read: ArticleRead) -> tuple[list[tuple], list[tuple]]:
    """The Markdown export's digest of an article: its highlights' rows."""
    return highlight_rows(read.document, read.annotations, read.where, read.said)


def w3c_digest(read: ArticleRead) -> list[dict[str, Any]]:
    """The W3C export's digest of an article: its annotations as W3C items."""
    return w3c_items(read.document, read.annotations, read.said)


def _relative_link(path: Path, base_dir: Path | None) -> str:
    if base_dir is None:
        return path.name
    try:
        return os.path.relpath(path, base_dir)
    except ValueError:  # another drive on Windows
        return str(path)


def render_library_markdown(
    notes: LibraryNotes, group_by: str = "order", base_dir: Path | None = None
) -> str:
    """One document: title, totals per category, contents, then a section per article.

    `base_dir` is where the document will be written (links to articles are relative to it).
    """
    w = NotesWriter()
    w.block(MARKER)
    folder_name = notes.folder.resolve().name or str(notes.folder)
    w.heading(1, f"Notes: {folder_name}")
    counts = Counter(c for art in notes.articles for c in art.categories)
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
    toc_index = len(w.parts)
    entries = []
    for art in notes.articles:
        link = _relative_link(art.path, base_dir)
        anchor = article_head(w, art.document, art.article_note, link, level=2)
        anchored, orphans = art.digest
        highlight_sections(w, anchored, orphans, group_by, link, level=2)
        facts = [art.published or "undated", plural(len(art.categories), "highlight"), art.name]
        entries.append(
            f"{len(entries) + 1}. [{escape_inline(article_title(art.document))}](#{anchor})"
            f" — {escape_inline(' · '.join(facts))}"
        )
    w.parts.insert(toc_index, "\n".join(entries) if entries else "No annotated articles.")
    return w.text()


def render_library_w3c(notes: LibraryNotes) -> dict[str, Any]:
    """One AnnotationCollection with every article's annotations (one target source each)."""
    items: list[dict[str, Any]] = []
    for art in notes.articles:
        items.extend(art.digest)
    label = notes.folder.resolve().name or str(notes.folder)
    return collection(items, label, source_uri(notes.folder))


def export_library(
    folder: str | Path,
    fmt: str = "markdown",
    group_by: str = "order",
    base_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[str, list[str]]:
    """(exported text, warnings) for every annotated article under `folder`."""
    if fmt == "w3c":
        notes = collect(folder, w3c_digest, progress)
        return dump_json(render_library_w3c(notes)), notes.warnings
    notes = collect(folder, markdown_rows, progress)
    return render_library_markdown(notes, group_by, base_dir), notes.warnings
