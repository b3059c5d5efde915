"""`reader export` and `reader import`: the scripting verbs for notes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from reader.annotations.scripting import LOCK_WAIT_SECONDS, check_saved
from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.export.claim_exports import CLAIM_FORMATS, export_claims
from reader.export.formats import render_article_export
from reader.export.importer import ImportResult, import_into, read_w3c_file
from reader.export.library import export_library
from reader.export.markdown import write_text
from reader.export.reading import ArticleRead, read_for_export
from reader.library import iter_article_paths, no_articles_message

FORMATS = ("markdown", "w3c", *CLAIM_FORMATS)
GROUPINGS = ("order", "category")
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
        raise ReaderError(f"unknown grouping: {group_by} (use order or category)")
    source = Path(path)
    if not source.exists():
        raise ReaderError(f"no such file or folder: {source}")
    base_dir = Path(output).resolve().parent if output else Path.cwd()
    if source.is_dir():
        if next(iter_article_paths(source), None) is None:
            raise ReaderError(no_articles_message(source))

        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        if fmt in CLAIM_FORMATS:
            text, warnings = export_claims(source, fmt, base_dir, progress)
        else:
            text, warnings = export_library(source, fmt, group_by, base_dir, progress)
    elif fmt in CLAIM_FORMATS:
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


def import_file(path: str | Path, file: str | Path) -> ImportResult:
    """Import the W3C annotations in `file` into the sidecar of the article at `path`."""
    article = Path(path)
    if article.is_dir():
        raise ReaderError(f"{article}: import needs an article file, not a folder")
    annotations, skipped = read_w3c_file(file)  # before touching the sidecar
    document = load_document(article)
    store = AnnotationStore.open(document)
    try:
        if store.problem:
            raise ReaderError(f"{store.sidecar_path}: {store.problem}")
        with store.transaction():  # all or nothing: one atomic write at the end
            result = import_into(store, document.text, annotations)
        store.flush(timeout=LOCK_WAIT_SECONDS)
    finally:
        store.close(timeout=0)
    check_saved(store, "the annotations were not saved, nothing was imported")
    result.skipped += skipped
    return result


def import_command(path: str, file: str) -> int:
    result = import_file(path, file)
    print(result.summary())
    if result.skipped:
        print(
            f"reader: warning: {one_line(str(file))}: skipped {result.skipped} item(s) with no usable "
            "text selector",
            file=sys.stderr,
        )
    return 0
