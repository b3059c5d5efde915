"""The export formats as files: where each is written for one article (next to it) or for a
library (in its folder), or in another folder when that one cannot be written. The text is
rendered by the `reader export` verb's own functions; this module only names and writes it.

A file of that name that margin-reader did not write is never overwritten unless asked
(`force`): the Markdown formats start with our marker line; a JSON file is ours when it
holds what the format writes (an annotation collection, a list of ClaimReviews).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.errors import ReaderError, cannot
from reader.export.library import export_library
from reader.export.markdown import NOTES_SUFFIX, ExportExists, is_ours, render_markdown, write_text
from reader.export.reading import ArticleRead
from reader.export.w3c import dump_json
from reader.export.w3c_article_note import render_article_w3c
from reader.file_names import fitted_name

W3C_SUFFIX = ".annotations.w3c.json"
CLAIMREVIEW_SUFFIX = ".claimreview.json"
DOSSIER_SUFFIX = ".dossier.md"  # reader.library never lists it as an article
LIBRARY_NAME = "library"  # a library's exports: library.notes.md, library.dossier.md, …

# Each format (as `reader export --format`) and how its file's name ends.
SUFFIXES = {
    "markdown": NOTES_SUFFIX,
    "w3c": W3C_SUFFIX,
    "claimreview": CLAIMREVIEW_SUFFIX,
    "dossier": DOSSIER_SUFFIX,
}
FORMATS = tuple(SUFFIXES)
# The formats of checked claims only (reader/export/claim_exports.py, imported when one is
# asked for: the notes formats never need it).
CLAIM_FORMATS = ("claimreview", "dossier")


def store_read(store) -> ArticleRead:
    """The open store's article as an export reads it: its annotations as they are in
    memory, saved or not (a read-only folder's are exported all the same)."""
    return ArticleRead(
        store.document, list(store.annotations), store.article_note or "", None, None, None
    )


def make_folder(folder: str | os.PathLike[str]) -> Path:
    """`folder` (a leading ~ expanded), created if needed; a failure is one ReaderError."""
    target = Path(os.path.expanduser(folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReaderError(cannot("create", target, error)) from None
    return target


def article_export_path(article: str | Path, fmt: str, folder: Path | None = None) -> Path:
    """Where the article's `fmt` export goes: next to it, or in `folder`; an article name
    too long for the export's to fit in a file name is shortened as the sidecar's is."""
    path = Path(article)
    name = fitted_name(path.name, SUFFIXES[fmt])
    return (folder if folder is not None else path.parent) / name


def library_export_path(library: Path, fmt: str, folder: Path | None = None) -> Path:
    """Where the library's `fmt` export goes: in its folder, or in `folder`."""
    return (folder if folder is not None else library) / (LIBRARY_NAME + SUFFIXES[fmt])


def render_article_export(
    read: ArticleRead, fmt: str, base_dir: Path, group_by: str = "order"
) -> tuple[str, list[str]]:
    """(exported text, warnings) of one article read; links are relative to `base_dir`."""
    if fmt in CLAIM_FORMATS:
        from reader.export.claim_exports import export_article_claims

        return export_article_claims(read, fmt, base_dir)
    document = read.document
    if fmt == "w3c":
        w3c = render_article_w3c(document, read.annotations, read.said, read.article_note)
        return dump_json(w3c), []
    link = os.path.relpath(Path(document.path).resolve(), base_dir.resolve())
    note = read.article_note
    if group_by == "library-category":  # one article is the whole library
        group_by = "category"
    return render_markdown(
        document, read.annotations, note, group_by, link, read.where, read.said, read.chapter
    ), []


def is_our_export(path: Path, fmt: str) -> bool:
    """True when `path` holds what margin-reader writes in format `fmt`."""
    if not path.name.endswith(".json"):
        return is_ours(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    if fmt == "w3c":
        return isinstance(data, dict) and data.get("type") == "AnnotationCollection"
    return isinstance(data, list) and all(
        isinstance(item, dict) and item.get("@type") == "ClaimReview" for item in data
    )


def check_target(path: Path, fmt: str, force: bool = False) -> None:
    """Raise ExportExists when writing `path` would replace a file we did not write; a
    path that cannot even be looked at is one ReaderError naming it."""
    try:
        exists = path.exists()
    except OSError as error:
        raise ReaderError(cannot("write", path, error)) from None
    if not force and exists and not is_our_export(path, fmt):
        raise ExportExists(path)


def write_article_export(
    read: ArticleRead, fmt: str, folder: str | os.PathLike[str] | None = None, force: bool = False
) -> tuple[Path, list[str]]:
    """Write the article's `fmt` export next to it (or in `folder`, created if needed);
    (the path written, warnings). Raises ExportExists (unless `force`) or ReaderError."""
    target = article_export_path(
        read.document.path, fmt, None if folder is None else make_folder(folder)
    )
    return target, write_export_to(read, fmt, target, force)


def write_export_to(read: ArticleRead, fmt: str, target: Path, force: bool = False) -> list[str]:
    """Write the article's `fmt` export at `target`; its warnings. Raises ExportExists
    (unless `force`) or ReaderError."""
    check_target(target, fmt, force)
    text, warnings = render_article_export(read, fmt, target.parent)
    write_text(target, text)
    return warnings


def write_library_export(
    library: Path, fmt: str, folder: str | os.PathLike[str] | None = None, force: bool = False
) -> tuple[Path, list[str]]:
    """Write the `fmt` export of every annotated article under `library` in its folder (or
    in `folder`); (the path written, warnings). Raises ExportExists or ReaderError."""
    target = library_export_path(library, fmt, None if folder is None else make_folder(folder))
    check_target(target, fmt, force)
    if fmt in CLAIM_FORMATS:
        from reader.export.claim_exports import export_claims

        text, warnings = export_claims(library, fmt, target.parent)
    else:
        text, warnings = export_library(library, fmt, "order", target.parent)
    write_text(target, text)
    return target, warnings
