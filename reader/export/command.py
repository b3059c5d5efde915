"""`reader export`: the scripting verb for notes (`reader import`: import_command.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from reader.annotations.sidecar_file import sidecar_path_for
from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.errors import ReaderError, no_such_path
from reader.export.formats import CLAIM_FORMATS, FORMATS, render_article_export
from reader.export.library import export_library
from reader.export.markdown import GROUPINGS, GROUPINGS_TEXT, write_text
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


def export_article(
    path: str | Path, fmt: str = "markdown", group_by: str = "order", base_dir: Path | None = None
) -> tuple[str, list[str]]:
    """(exported text, warnings) for one article; links are relative to `base_dir`."""
    article = Path(path)
    warnings: list[str] = []
    sidecar = sidecar_path_for(article)
    if sidecar.exists() and not sidecar.is_file():
        warnings.append(f"{sidecar}: not a file, so no annotations were read from it")
    if sidecar.is_file():
        read = read_for_export(article)
        if read.problem:
            warnings.append(f"{article}: {read.problem}")
    else:  # never create a sidecar just to export nothing
        read = ArticleRead(load_document(article), [], "", None, None, None)
    base = base_dir if base_dir is not None else article.resolve().parent
    text, more = render_article_export(read, fmt, base, group_by)
    return text, warnings + more


def export_command(
    path: str, fmt: str = "markdown", group_by: str = "order", output: str | None = None
) -> int:
    if fmt not in FORMATS:
        raise ReaderError(f"unknown format: {fmt} (use {', '.join(FORMATS)})")
    if group_by not in GROUPINGS:
        raise ReaderError(f"unknown grouping: {group_by} (use {GROUPINGS_TEXT})")
    source = Path(path)
    if not source.exists():
        raise ReaderError(no_such_path(source))
    base_dir = Path(output).resolve().parent if output else Path.cwd()
    if source.is_dir():
        if next(iter_article_paths(source), None) is None:
            raise ReaderError(no_articles_message(source))

        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        if fmt in CLAIM_FORMATS:
            from reader.export.claim_exports import export_claims

            text, warnings = export_claims(source, fmt, base_dir, progress)
        else:
            text, warnings = export_library(source, fmt, group_by, base_dir, progress)
    elif fmt in CLAIM_FORMATS:
        from reader.export.claim_exports import export_claims

        text, warnings = export_claims(source, fmt, base_dir)
    else:
        text, warnings = export_article(source, fmt, group_by, base_dir)
    for warning in warnings:
        print(f"reader: warning: {one_line(warning)}", file=sys.stderr)
    if output:
        write_text(Path(output), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
