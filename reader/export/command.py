"""`reader export` and `reader import`: the scripting verbs for notes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.errors import ReaderError

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import TextIO

    from reader.export.importer import ImportResult

# The modules each verb needs are imported where they are used: `reader export story.txt`
# should not pay for the library export or the importer (every import counts at start-up).

FORMATS = ("markdown", "w3c")
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
    from reader.annotations.storage import paused_gc

    with paused_gc():  # one article's objects are not cyclic garbage: skip the collector
        return _export_article(Path(path), fmt, group_by, base_dir)


def _export_article(
    article: Path, fmt: str, group_by: str, base_dir: Path | None
) -> tuple[str, list[str]]:
    from reader.document.loader import is_markdown, parse_text, read_article, title_fallback
    from reader.document.model import Document

    if fmt == "w3c":
        from reader.export.w3c import dump_json, render_w3c

        text, encoding = read_article(article)
        document = parse_text(text, article, encoding)
        annotations, _, warnings, _ = _read_annotations(article, document, False)
        return dump_json(render_w3c(document, annotations)), warnings
    from reader.export.markdown import render_markdown

    base = base_dir if base_dir is not None else article.resolve().parent
    link = os.path.relpath(article.resolve(), base.resolve())
    name = title_fallback(article)
    plain = not is_markdown(article)
    sidecar_data = None
    if plain:
        # The usual case for a long article: the app saved each highlight's place with the
        # sidecar, and the article file is as it was when they were worked out, so its text
        # need not even be read (reader/export/by_stamp.py).
        from reader.annotations.storage import (
            SidecarProblem,
            decode,
            read_sidecar_json,
            sidecar_path_for,
        )
        from reader.document.stamp import current

        stamp = current(article)
        sidecar = sidecar_path_for(article)
        # (an article the user may not read is read below, to say so, as ever)
        if stamp is not None and sidecar.is_file() and os.access(article, os.R_OK):
            raw = read_sidecar_json(sidecar)
            if raw is not None:
                from reader.export.by_stamp import export_by_stamp

                rendered = export_by_stamp(article, raw, stamp, name, group_by, link)
                if rendered is not None:
                    return rendered, []
                try:  # what the general path needs of it: not parsed twice
                    sidecar_data = decode(raw, sidecar.name, records=False)
                except SidecarProblem:
                    pass  # the read-only store says what is wrong
    text, encoding = read_article(article)
    # A plain text's offsets are those of the file's text: it is parsed only when needed.
    # (A Markdown article's are those of its rendered text, so it is parsed first.)
    if plain:
        document = Document(str(article), "text", text, [], encoding=encoding)
    else:
        document = parse_text(text, article, encoding)
    annotations, note, warnings, meta = _read_annotations(article, document, True, sidecar_data)
    if meta is not None:
        # The app saved each highlight's place with the sidecar: they hold when the text is
        # the one they were worked out from.
        from reader.annotations.places import PLACES_KEY, read_places

        places = read_places(meta.get(PLACES_KEY), document, name)
        if places is not None and places.covers(
            (a.start, a.end) for a in annotations if not a.orphaned
        ):
            document.meta = places.meta  # (places are kept for plain text only)
            rendered = render_markdown(document, annotations, note, group_by, link, locator=places)
            return rendered, warnings
    outline = None
    if plain:
        # A long plain-text article exported before has its outline (blocks, metadata,
        # sentence starts) cached: the export may not need to parse it at all.
        from reader.export.sentence_cache import read_outline

        outline = read_outline(document, name)
        if outline is not None:
            document.meta = outline.meta
            if outline.covers(a.start for a in annotations if not a.orphaned):
                bounds = outline.block_starts, outline.block_ends
                starts = outline.sentence_starts.__getitem__
                return render_markdown(
                    document, annotations, note, group_by, link, starts, bounds
                ), warnings
        document = parse_text(text, article, encoding)
    from reader.export.sentence_cache import SentenceStarts

    sentence_starts = SentenceStarts(document, bool(annotations), name=name)
    rendered = render_markdown(document, annotations, note, group_by, link, sentence_starts)
    sentence_starts.save()
    return rendered, warnings


def _read_annotations(
    article: Path, document, any_order: bool, data=None
) -> tuple[list, str, list[str], dict | None]:
    """(annotations, article note, warnings, meta record) of the article's sidecar, opened
    read-only (only `document.text`, `path` and `sha256` are used). `any_order`: the caller
    orders the annotations itself, so the store's ordering may be skipped. The meta record
    comes only when nothing needed re-anchoring (else None). `data`: the sidecar
    already read and decoded, if it was."""
    from reader.annotations.storage import (
        read_unchanged_sidecar,
        sidecar_path_for,
        unchanged_annotations,
    )

    annotations, note, warnings = [], "", []
    sidecar = sidecar_path_for(article)
    if sidecar.exists() and not sidecar.is_file():
        warnings.append(f"{sidecar}: not a file, so no annotations were read from it")
    elif sidecar.is_file():  # never create a sidecar just to export nothing
        if not any_order:
            unchanged = None
        elif data is not None:
            found = unchanged_annotations(data, document.text, document.sha256)
            unchanged = None if found is None else (found, data.article_note, data.meta)
        else:
            unchanged = read_unchanged_sidecar(sidecar, document.text, document.sha256)
        if unchanged is not None:  # the usual case: nothing to re-anchor, nothing wrong
            return unchanged[0], unchanged[1], warnings, unchanged[2]
        from reader.annotations.store import AnnotationStore

        store = AnnotationStore.open(document, read_only=True)
        try:
            annotations, note = list(store.annotations), store.article_note or ""
            if store.problem:
                warnings.append(f"{article}: {store.problem}")
        finally:
            store.close()
    return annotations, note, warnings, None


def export_command(
    path: str, fmt: str = "markdown", group_by: str = "order", output: str | None = None
) -> int:
    if fmt not in FORMATS:
        raise ReaderError(f"unknown format: {fmt} (use markdown or w3c)")
    if group_by not in GROUPINGS:
        raise ReaderError(f"unknown grouping: {group_by} (use order or category)")
    source = Path(path)
    if not source.exists():
        raise ReaderError(f"no such file or folder: {source}")
    base_dir = Path(output).resolve().parent if output else Path.cwd()
    if source.is_dir():
        from reader.export.library import export_library
        from reader.library import iter_article_paths

        if next(iter_article_paths(source), None) is None:
            raise ReaderError(f"no articles (.txt, .md, .markdown) in folder: {source}")

        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        text, warnings = export_library(source, fmt, group_by, base_dir, progress)
    else:
        text, warnings = export_article(source, fmt, group_by, base_dir)
    for warning in warnings:
        print(f"reader: warning: {warning}", file=sys.stderr)
    if output:
        from reader.export.markdown import write_text_atomic

        write_text_atomic(Path(output), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def import_file(path: str | Path, file: str | Path) -> ImportResult:
    """Import the W3C annotations in `file` into the sidecar of the article at `path`."""
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document
    from reader.export.importer import import_into, read_w3c_file

    article = Path(path)
    if article.is_dir():
        raise ReaderError(f"{article}: import needs an article file, not a folder")
    annotations, skipped = read_w3c_file(file)  # before touching the sidecar
    document = load_document(article)
    store = AnnotationStore.open(document)
    store.place_everything = True  # a command: nobody waits on a key while it saves
    try:
        if store.problem:
            raise ReaderError(f"{store.sidecar_path}: {store.problem}")
        result = import_into(store, document.text, annotations)
        store.flush()
    finally:
        store.close()
    result.skipped += skipped
    return result


def import_command(path: str, file: str) -> int:
    result = import_file(path, file)
    print(result.summary())
    if result.skipped:
        print(
            f"reader: warning: {file}: skipped {result.skipped} item(s) with no usable "
            "text selector",
            file=sys.stderr,
        )
    return 0
