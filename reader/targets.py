"""What to open: the command line's (or the open dialog's) path checked and resolved into a
library folder and an article (fast, no `textual` import).

Errors about the path are ReaderErrors (`reader: error: <what>: <path>`, exit status 2).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError

SNIFF_BYTES = 8192


@dataclass(slots=True, frozen=True)
class Target:
    """What to open: a library folder and, optionally, the article to show first."""

    library: Path
    article: Path | None  # None: open the newest article of the library


def check_article_file(path: Path) -> Path:
    """Raise ReaderError unless `path` is a readable text file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReaderError(f"no such file or folder: {path}") from None
    except OSError as error:
        raise ReaderError(f"cannot open ({error.strerror}): {path}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReaderError(f"is a folder, not an article: {path}")
    if not stat.S_ISREG(st.st_mode):
        raise ReaderError(f"not a regular file: {path}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as error:
        raise ReaderError(f"cannot read ({error.strerror}): {path}") from None
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError(f"not a text file (binary data): {path}")
    return path.resolve()


def resolve_target(path: str | None) -> Target:
    """Validate the command-line path and decide what to open."""
    if path is None:
        from reader.sample_library import ensure_sample_library  # only without a path

        library = ensure_sample_library()
        return Target(library=library.resolve(), article=None)
    if path == "":
        raise ReaderError("no such file or folder: ''")
    p = Path(os.path.expanduser(path))
    try:
        is_dir = p.is_dir()
    except OSError as error:
        raise ReaderError(f"cannot open ({error.strerror}): {p}") from None
    if is_dir:
        if not os.access(p, os.R_OK | os.X_OK):
            raise ReaderError(f"cannot read folder: {p}")
        from reader.library import ARTICLE_SUFFIXES, has_articles  # not before a file's paint

        if not has_articles(p):
            kinds = ", ".join(ARTICLE_SUFFIXES)
            raise ReaderError(f"no articles ({kinds}) in folder: {p}")
        return Target(library=p.resolve(), article=None)
    article = check_article_file(p)
    return Target(library=article.parent, article=article)
