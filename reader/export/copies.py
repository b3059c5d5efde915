"""A copy of an article's annotations in another folder, for when they cannot be saved next
to the article (a read-only folder, a full disk): the notes as Markdown, and every
annotation as W3C Web Annotation JSON, which `reader import` reads back without loss.

A copy never replaces another article's: when the folder holds copies made for a same-named
article of another folder, this one's names carry 16 hex digits of its path's SHA-256
(`<name>~<hash>.notes.md`). A file of that name that margin-reader did not write is only
replaced when asked (`force`), as for every export.

The checked claims' exports written in another folder (a ClaimReview list, a dossier) follow
the same rule: the article's own name, unless the file of that name there holds claims of
another article (the articles its reviews appear in, or its claims' `Article:` links, are
not this one); one holding no claims loses nothing when replaced.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_documents_dir

from reader import APP_NAME
from reader.export.formats import (
    SUFFIXES,
    check_target,
    make_folder,
    render_article_export,
    store_read,
    write_export_to,
)
from reader.export.markdown import is_ours, write_text
from reader.export.w3c import collection, source_uri
from reader.file_names import fitted_name

COPY_FORMATS = ("markdown", "w3c")


def default_copy_folder() -> Path:
    """Where a copy goes unless the reader names another folder."""
    return Path(user_documents_dir()) / APP_NAME


def copy_paths(article: str | os.PathLike[str], folder: Path) -> dict[str, Path]:
    """Where the copies of the article at `article` go in `folder`, by format: its own
    name's, unless a copy of that name is of another article (or cannot be told to be this
    one's); then names that are this article's alone."""
    path = Path(article)
    plain = {fmt: folder / fitted_name(path.name, SUFFIXES[fmt]) for fmt in COPY_FORMATS}
    if not _of_another(path, plain):
        return plain
    whole = os.fspath(path.resolve())
    return {fmt: folder / fitted_name(path.name, SUFFIXES[fmt], whole) for fmt in COPY_FORMATS}


def _of_another(article: Path, plain: dict[str, Path]) -> bool:
    """True when the copies at `plain` may be another article's: the W3C copy names the
    article it is of (its collection's id comes from the article's path); notes without
    it cannot say."""
    found = _collection_id(plain["w3c"])
    if found is not None:
        return found != collection([], "", source_uri(article))["id"]
    return not os.path.exists(plain["w3c"]) and is_ours(plain["markdown"])


def _collection_id(path: Path) -> str | None:
    """The id of the W3C annotation collection in `path`; None when it holds none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        return str(data.get("id"))
    return None


def write_copies(
    store,
    folder: str | os.PathLike[str],
    force: bool = False,
    formats: tuple[str, ...] = COPY_FORMATS,
) -> list[Path]:
    """Write `store`'s notes and W3C annotations (or only those of `formats`) into `folder`
    (created if needed); the paths written. Raises ExportExists (before writing anything)
    for a file of that name that margin-reader did not write, unless `force`; any other
    failure is one ReaderError."""
    read = store_read(store)
    paths = copy_paths(read.document.path, make_folder(folder))
    for fmt in formats:
        check_target(paths[fmt], fmt, force)
    for fmt in formats:
        write_text(paths[fmt], render_article_export(read, fmt, paths[fmt].parent)[0])
    return [paths[fmt] for fmt in formats]


def elsewhere_path(document, fmt: str, folder: Path) -> Path:
    """Where the `fmt` export of `document` goes in `folder`, another than its article's:
    never over another article's export."""
    path = Path(document.path)
    if fmt in COPY_FORMATS:
        return copy_paths(path, folder)[fmt]
    plain = folder / fitted_name(path.name, SUFFIXES[fmt])
    if not _claims_of_another(plain, fmt, document):
        return plain
    return folder / fitted_name(path.name, SUFFIXES[fmt], os.fspath(path.resolve()))


def _claims_of_another(path: Path, fmt: str, document) -> bool:
    """True when the `fmt` export at `path` holds claims of an article other than
    `document`'s (False for a file we did not write: it is asked about)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if fmt == "claimreview":
        from reader.export.claim_review import appearance_url, reviewed_articles

        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return False
        return bool(reviewed_articles(data) - {appearance_url(document)})
    from reader.export.dossier import article_link, linked_articles

    if not is_ours(path):
        return False
    return bool(linked_articles(text) - {article_link(Path(document.path).resolve(), path.parent)})


def write_elsewhere(store, fmt: str, folder: str | os.PathLike[str], force: bool = False):
    """Write `store`'s `fmt` export into `folder` (created if needed), never over another
    article's export there; (the path written, warnings). Raises ExportExists (unless
    `force`) for a file of that name that margin-reader did not write, else ReaderError."""
    read = store_read(store)
    target = elsewhere_path(read.document, fmt, make_folder(folder))
    return target, write_export_to(read, fmt, target, force)
