"""What to open: the command line's (or the open dialog's) path checked and resolved into a
library folder and an article (fast, no `textual` import).

Errors about the path are ReaderErrors (`reader: error: <what>: <path>`, exit status 2).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.document.decode import check_article_size, one_line
from reader.errors import (
    ReaderError,
    binary_file,
    cannot,
    is_a_folder,
    link_loop,
    no_such_path,
    not_regular_file,
)

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
        raise ReaderError(no_such_path(path)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReaderError(link_loop(path)) from None
        raise ReaderError(cannot("open", path, error)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReaderError(is_a_folder(path))
    if not stat.S_ISREG(st.st_mode):
        raise ReaderError(not_regular_file(path))
    check_article_size(path, st.st_size)
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as error:
        raise ReaderError(cannot("read", path, error)) from None
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError(binary_file(path))
    return path.resolve()


def fetched_target(url: str, library: Path | None = None) -> Target:
    """`reader URL`: the article at `url` added to `library` (default: the default library)
    as `reader add` would, then opened there. Any failure is one ReaderError naming the URL."""
    import sys

    from reader.news.save import LibraryIndex
    from reader.news.sources import Adder
    from reader.sample_library import ensure_sample_library

    saved: list[Path] = []
    errors: list[str] = []
    print(f"reader: fetching {one_line(url)}", file=sys.stderr, flush=True)
    adder = Adder(
        LibraryIndex.cached(library or ensure_sample_library()),
        lambda s: saved.append(s.path),
        errors.append,
    )
    adder.add_source(url)
    if errors:
        raise ReaderError(errors[0])
    if not saved:
        raise ReaderError(f"no article to read at {one_line(url)}")
    article = saved[0].resolve()
    return Target(library=article.parent, article=article)


def resolve_target(path: str | None) -> Target:
    """Validate the command-line path and decide what to open."""
    if path is None:
        from reader.sample_library import ensure_sample_library  # only without a path

        library = ensure_sample_library()
        return Target(library=library.resolve(), article=None)
    if path == "":
        raise ReaderError(no_such_path("''"))
    if path.lower().startswith(("http://", "https://")):
        return fetched_target(path)
    p = Path(os.path.expanduser(path))
    try:
        is_dir = p.is_dir()
    except OSError as error:
        raise ReaderError(cannot("open", p, error)) from None
    if is_dir:
        if not os.access(p, os.R_OK | os.X_OK):
            raise ReaderError(cannot("read", p, "permission denied"))
        from reader.library_listing import has_articles, no_articles_message  # not for a file

        if not has_articles(p):
            raise ReaderError(no_articles_message(p))
        return Target(library=p.resolve(), article=None)
    article = check_article_file(p)
    return Target(library=article.parent, article=article)
