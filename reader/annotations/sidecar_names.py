"""Where an article's sidecar is, by name alone: what a listing of a folder needs to tell
articles, sidecars and locks apart, without loading the sidecar's reader
(reader/annotations/sidecar_file.py) or the store."""

from __future__ import annotations

import os
from pathlib import Path

from reader.file_names import fitted_name

SIDECAR_SUFFIX = ".annotations.json"
LOCK_SUFFIX = ".lock"  # after the sidecar's name: its lock file (reader/annotations/locks.py)


def sidecar_path_for(source: str | os.PathLike[str]) -> Path:
    """Where the annotations of the article at `source` are kept: beside it, named
    `sidecar_name_for` its name."""
    p = Path(source)
    return p.with_name(sidecar_name_for(p.name))


def sidecar_name_for(name: str) -> str:
    """The file name of the sidecar of the article named `name`: `<name>.annotations.json`,
    or, for a name too long for that (and its lock and temporary files) to fit in a file
    name, `<the name's first bytes>~<16 hex of its SHA-256>.annotations.json`: short,
    unique, and the same every time (reader/file_names.py)."""
    return fitted_name(name, SIDECAR_SUFFIX)
