"""The verbs `reader sync [--init REMOTE]` and `reader merge-sidecar`: output and exit."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.document.decode import one_line
from reader.sync.driver import merge_sidecar_command
from reader.sync.sync import sync_library

__all__ = ["merge_sidecar_command", "sync_command"]


def sync_command(library: Path, init_remote: str | None = None) -> int:
    """Print the one-line summary (problems with conflict copies on stderr); a failure
    raises SyncError, which `reader` prints as one line with exit status 2."""
    result = sync_library(library, init_remote=init_remote)
    for problem in result.problems:
        print(f"reader: {one_line(problem)}", file=sys.stderr)
    print(result.summary())
    return 0
