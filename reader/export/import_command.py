"""`reader import`: W3C Web Annotations into an article's sidecar, through its store."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.annotations.scripting import LOCK_WAIT_SECONDS, check_saved
from reader.annotations.sidecar_file import problem_message
from reader.annotations.store import AnnotationStore
from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.errors import ReaderError, is_a_folder
from reader.export.importer import ImportResult, import_article_note, import_into, read_w3c_file
from reader.export.w3c_article_note import note_for


def import_file(path: str | Path, file: str | Path) -> ImportResult:
    """Import the W3C annotations in `file` into the sidecar of the article at `path`."""
    article = Path(path)
    if article.is_dir():
        raise ReaderError(is_a_folder(article))
    found = read_w3c_file(file)  # before touching the sidecar
    note, other_notes = note_for(article, found.notes)
    document = load_document(article)
    store = AnnotationStore.open(document)
    try:
        if store.problem:
            # it names the sidecar, as `reader annotate` says it
            raise ReaderError(problem_message(store.problem))
        with store.transaction():  # all or nothing: one atomic write at the end
            result = import_into(store, document.text, found.annotations)
            result.article_note = import_article_note(store, note)
        store.flush(timeout=LOCK_WAIT_SECONDS)
    finally:
        store.close(timeout=0)
    check_saved(store, "the annotations were not saved, nothing was imported")
    result.skipped += found.skipped
    result.other_notes = other_notes
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
    if result.other_notes:
        print(
            f"reader: warning: {one_line(str(file))}: left out {result.other_notes} article "
            "note(s) of other articles",
            file=sys.stderr,
        )
    if result.article_note == "merged":
        print(
            f"reader: warning: {one_line(str(path))}: its article note said something else: "
            "both texts are kept",
            file=sys.stderr,
        )
    return 0
