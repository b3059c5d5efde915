"""`reader import`: W3C Web Annotations into an article's sidecar, through its store."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.annotations.scripting import LOCK_WAIT_SECONDS, check_saved
from reader.annotations.store import AnnotationStore
from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.export.importer import ImportResult, import_into, read_w3c_file


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
