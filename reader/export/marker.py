"""The marker line every file the exporter writes starts with: what tells one of our
exports from an article, asked of every file the library scan reads (reader/library.py),
without loading the exporter."""

from __future__ import annotations

from pathlib import Path

# The first line of every file we write; a file starting with it may be overwritten freely.
MARKER = "<!-- margin-reader export -->"


def is_ours(path: Path) -> bool:
    """True when `path` starts with our marker line: overwriting it loses nothing, and the
    library does not list it as an article (asked of every file the library scan reads)."""
    try:
        with path.open("rb") as fh:
            first = fh.readline(len(MARKER) + 8)
    except OSError:
        return False
    return first.strip() == MARKER.encode()
