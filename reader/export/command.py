"""`reader export`: the scripting verb for notes (`reader import`: import_command.py)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TextIO

from reader.annotations.sidecar_file import sidecar_path_for
from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.errors import ReaderError, link_loop, no_such_path
from reader.export.checked_texts import CheckedTexts
from reader.export.formats import CLAIM_FORMATS, FORMATS, render_article_export
from reader.export.library import export_library
from reader.export.markdown import GROUPINGS, GROUPINGS_TEXT
from reader.export.output import STDOUT, is_stream, write_output
from reader.export.reading import ArticleRead, read_for_export
from reader.library_listing import iter_article_paths, no_articles_message

PROGRESS_MIN_ARTICLES = 50  # below this a library exports too fast for a bar to help
BAR_WIDTH = 30


class ProgressBar:
    """`\\r[#####     ] 12/500` on a terminal; cleared when done."""

    def __init__(self, stream: TextIO, minimum: int = PROGRESS_MIN_ARTICLES) -> None:
        self.stream = stream
        self.minimum = minimum
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        filled = BAR_WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total}")
        self.shown = True
        if done >= total:
            self.stream.write("\r" + " " * (BAR_WIDTH + 4 + 2 * len(str(total)) + 1) + "\r")
        self.stream.flush()


def read_article(path: str | Path) -> ArticleRead:
    """One article and its sidecar, for an export of that article alone.

    A sidecar that exists but cannot be read (not a file, a symlink loop, unreadable, not
    JSON, …) is a ReaderError: an export saying "No highlights yet." would be wrong."""
    article = Path(path)
    if not os.path.lexists(sidecar_path_for(article)):
        # never create a sidecar just to export nothing
        return ArticleRead(load_document(article), [], "", None, None, None)
    read = read_for_export(article)  # which says what is wrong with a folder, a FIFO, a loop…
    if read.problem:
        raise ReaderError(f"cannot export {one_line(str(article))}: {read.problem}")
    return read


def export_article(
    path: str | Path, fmt: str = "markdown", group_by: str = "order", base_dir: Path | None = None
) -> tuple[str, list[str]]:
    """(exported text, warnings) for one article; links are relative to `base_dir`."""
    base = base_dir if base_dir is not None else Path(path).resolve().parent
    return render_article_export(read_article(path), fmt, base, group_by)


def export_command(
    path: str, fmt: str = "markdown", group_by: str = "order", output: str | None = None
) -> int:
    if fmt not in FORMATS:
        raise ReaderError(f"unknown format: {fmt} (use {', '.join(FORMATS)})")
    if group_by not in GROUPINGS:
        raise ReaderError(f"unknown grouping: {group_by} (use {GROUPINGS_TEXT})")
    source = Path(path)
    if not source.exists():
        raise ReaderError(missing_message(source))
    streamed = output is None or is_stream(output)
    try:
        base_dir = Path.cwd() if streamed else Path(output).resolve().parent
    except RuntimeError:  # Path.resolve's "Symlink loop"
        raise ReaderError(link_loop(output)) from None
    if source.is_dir():
        if next(iter_article_paths(source), None) is None:
            raise ReaderError(no_articles_message(source))

        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        if fmt in CLAIM_FORMATS:
            from reader.export.claim_exports import export_claims

            text, warnings = export_claims(source, fmt, base_dir, progress)
        else:
            checked = CheckedTexts.open(source)
            text, warnings = export_library(source, fmt, group_by, base_dir, progress, checked)
    elif fmt in CLAIM_FORMATS:
        from reader.export.claim_exports import export_article_claims

        text, warnings = export_article_claims(read_article(source), fmt, base_dir)
    else:
        text, warnings = export_article(source, fmt, group_by, base_dir)
    for warning in warnings:
        print(f"reader: warning: {one_line(warning)}", file=sys.stderr)
    write_output(output or STDOUT, text)
    return 0


def missing_message(source: Path) -> str:
    """Why `source`, which `Path.exists` says is not there, cannot be exported."""
    if source.is_symlink():
        try:
            os.stat(source)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return link_loop(source)
    return no_such_path(source)
