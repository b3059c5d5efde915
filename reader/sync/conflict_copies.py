"""Conflict copies that Syncthing, Dropbox, Nextcloud and the like leave beside a sidecar.

A folder synced by such a tool gets, when two machines changed one sidecar, a copy named
after the sidecar with a marker before `.json`:

    story.txt.annotations.sync-conflict-20261206-120000-ABCDEFG.json   (Syncthing)
    story.txt.annotations (conflicted copy).json                       (Dropbox)
    story.txt.annotations (Alice's conflicted copy 2026-12-06).json    (Dropbox)
    story.txt.annotations (conflicted copy 2026-12-06 120000).json     (Nextcloud)
    story.txt.annotations_conflict-20261206-120000.json                (ownCloud)
    story.txt.annotations (SFConflict alice@example.com 2026-12-06-12-00-00).json (Seafile)

Each copy is merged into its sidecar through the store's storage (its lock, its atomic
write, its merge with whatever another process writes meanwhile). The common ancestor is
unknown, so the merge is a 2-way union: every highlight of either file, both texts of a note
that differs. The copy is removed only once the merged sidecar is written; a copy that
cannot be read (not a sidecar) stays where it is, and is said.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotations.sidecar_names import SIDECAR_SUFFIX
from reader.document.decode import one_line

_STEM = SIDECAR_SUFFIX.removesuffix(".json")  # ".annotations"
_MARKERS = (
    r"\.sync-conflict-\d{8}-\d{6}-[0-9A-Za-z]+",
    r" \([^()/]*conflicted copy[^()/]*\)",
    r"_conflict-\d{8}-\d{6}",
    r" \(SFConflict [^()/]*\)",
)
COPY_NAME = re.compile(rf"^(?P<base>.+{re.escape(_STEM)})(?:{'|'.join(_MARKERS)})\.json$")


def sidecar_of_copy(name: str) -> str | None:
    """The sidecar a conflict copy's file name belongs to, or None for any other name."""
    match = COPY_NAME.match(name) if "onflict" in name else None
    return match.group("base") + ".json" if match else None


def iter_conflict_copies(root: Path) -> Iterator[tuple[Path, Path]]:
    """(copy, its sidecar) for every conflict copy under `root` (hidden and symlinked
    folders left out, as the library leaves them out)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))
        )
        for name in sorted(files):
            sidecar = sidecar_of_copy(name)
            if sidecar is not None:
                yield Path(folder, name), Path(folder, sidecar)


@dataclass
class CopiesMerged:
    merged: list[Path] = field(default_factory=list)  # the copies merged and removed
    problems: list[str] = field(default_factory=list)  # one line each: copies left alone


def merge_copy(copy: Path, sidecar: Path) -> None:
    """Merge `copy` into `sidecar` (2-way union), then remove `copy`; SidecarProblem or
    OSError when it cannot be done (the copy is left where it is)."""
    # The store's storage (TinyDB's) and the merge: loaded with the first copy found, not by
    # the listing every library reader starts with (reader/library_listing.py).
    from reader.annotations.merge import merge_sidecars
    from reader.annotations.sidecar import SidecarStorage

    theirs, _ = SidecarStorage(copy, read_only=True).read_file()
    storage = SidecarStorage(sidecar)
    mine = storage.read() or {}
    if theirs:
        # The storage's write merges in what another process wrote since `read`.
        storage.write(merge_sidecars({}, mine, theirs))
    os.unlink(copy)


def merge_conflict_copies(root: Path) -> CopiesMerged:
    """Merge every conflict copy under `root` into its sidecar."""
    from reader.annotations.sidecar_file import SidecarProblem

    result = CopiesMerged()
    for copy, sidecar in iter_conflict_copies(Path(root)):
        try:
            merge_copy(copy, sidecar)
        except SidecarProblem as error:
            result.problems.append(f"conflict copy not merged: {one_line(str(error))}")
        except OSError as error:
            why = error.strerror or str(error)
            result.problems.append(f"conflict copy {one_line(copy.name)} not merged: {why}")
        else:
            result.merged.append(copy)
    return result


def merge_copy_quietly(copy: Path, sidecar: Path) -> bool:
    """`merge_copy` for the library scan: True when merged; a copy it cannot merge stays put
    (`reader sync` says why)."""
    from reader.annotations.sidecar_file import SidecarProblem

    try:
        merge_copy(copy, sidecar)
    except (SidecarProblem, OSError):
        return False
    return True
