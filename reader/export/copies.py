"""A copy of an article's annotations in another folder, for when they cannot be saved next
to the article (a read-only folder, a full disk): the notes as Markdown, and every
annotation as W3C Web Annotation JSON, which `reader import` reads back without loss."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_documents_dir

from reader import APP_NAME
from reader.errors import ReaderError
from reader.export.markdown import render_markdown, write_text
from reader.export.w3c import dump_json, render_w3c

W3C_SUFFIX = ".annotations.w3c.json"


def default_copy_folder() -> Path:
    """Where a copy goes unless the reader names another folder."""
    return Path(user_documents_dir()) / APP_NAME


def write_copies(store, folder: str | os.PathLike[str]) -> list[Path]:
    """Write `<article>.notes.md` and `<article>.annotations.w3c.json` for `store` into
    `folder` (created if needed); the paths written. A failure is one ReaderError."""
    target = Path(os.path.expanduser(folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReaderError(f"cannot create {target}: {error.strerror or error}") from None
    document = store.document
    name = Path(document.path).name
    annotations = list(store.annotations)
    notes = target / f"{name}.notes.md"
    w3c = target / f"{name}{W3C_SUFFIX}"
    link = os.path.relpath(Path(document.path).resolve(), target.resolve())
    write_text(notes, render_markdown(document, annotations, store.article_note, "order", link))
    write_text(w3c, dump_json(render_w3c(document, annotations)))
    return [notes, w3c]
