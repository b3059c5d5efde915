"""`reader merge-sidecar BASE OURS THEIRS PATH`: git's merge driver for sidecars.

git calls it (`%O %A %B %P`) when both sides of a merge changed one sidecar. The three
versions are merged by the store's own 3-way merge (reader/annotations/merge.py: every
highlight either side made is kept; a note both sides edited keeps both texts; a highlight
deleted on one side and edited on the other is kept with the edit, one deleted on one side
and untouched on the other stays deleted) and the result replaces OURS atomically.

The bytes do not depend on which machine merges: the two sides are put in one order (by
their content) before merging, so `merge(A, B)` and `merge(B, A)` are the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reader.annotations.merge import merge_sidecars
from reader.annotations.sidecar import SidecarProblem, SidecarStorage, dumps
from reader.atomic import write_atomic
from reader.document.decode import one_line

Tables = dict[str, Any]


def read_version(path: Path) -> Tables:
    """One version git hands the driver ({} for an empty or missing file: a side that added
    the sidecar has no base); SidecarProblem for one the store would refuse."""
    data, _ = SidecarStorage(path, read_only=True).read_file()
    return data or {}


def in_order(ours: Tables, theirs: Tables) -> tuple[Tables, Tables]:
    """The two sides in the order they are merged: by content, whatever the side."""
    a, b = (json.dumps(side, sort_keys=True, ensure_ascii=True) for side in (ours, theirs))
    return (ours, theirs) if a <= b else (theirs, ours)


def merge_versions(base: Tables, ours: Tables, theirs: Tables) -> Tables:
    """The store's 3-way merge of two sides, in `in_order`'s order."""
    first, second = in_order(ours, theirs)
    return merge_sidecars(base, first, second)


def merge_files(base: Path, ours: Path, theirs: Path) -> Tables:
    """Merge the three files and write the result to `ours` (atomically)."""
    merged = merge_versions(read_version(base), read_version(ours), read_version(theirs))
    write_atomic(ours, dumps(merged))
    return merged


def merge_sidecar_command(base: str, ours: str, theirs: str, path: str) -> int:
    """0 when merged; 1, with one line on stderr, when it cannot be (git then reports a
    conflict and leaves OURS as it was: never a file with conflict markers)."""
    try:
        merge_files(Path(base), Path(ours), Path(theirs))
    except SidecarProblem as error:
        why = str(error)
    except OSError as error:
        why = f"cannot write the merge ({error.strerror or error})"
    else:
        return 0
    print(f"reader merge-sidecar: {one_line(path)}: {one_line(why)}", file=sys.stderr)
    return 1
