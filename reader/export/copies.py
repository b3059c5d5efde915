"""A copy of an article's annotations in another folder, for when they cannot be saved next
to the article (a read-only folder, a full disk): the notes as Markdown, and every
annotation as W3C Web Annotation JSON, which `reader import` reads back without loss."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_documents_dir

from reader import APP_NAME
from reader.export.formats import store_read, write_article_export


def default_copy_folder() -> Path:
    """Where a copy goes unless the reader names another folder."""
    return Path(user_documents_dir()) / APP_NAME


def write_copies(store, folder: str | os.PathLike[str]) -> list[Path]:
    """Write `<article>.notes.md` and `<article>.annotations.w3c.json` for `store` into
    `folder` (created if needed), replacing earlier copies; the paths written. A failure is
    one ReaderError."""
    read = store_read(store)
    return [
        write_article_export(read, fmt, Path(folder), force=True)[0] for fmt in ("markdown", "w3c")
    ]
