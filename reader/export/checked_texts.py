"""Which articles a folder export has checked against their sidecars, kept between runs.

A folder export reads each article to check its sidecar against it: that every highlight
is still where its record says (`still_anchored`) and that the stored places are for this
text (its SHA-256, reader/annotations/places.py). When that check changes nothing, this
cache keeps, under the article's name in the folder, the text's SHA-256 with what the
article and its sidecar were when it was made: each file's size, modification and change
times (ns), inode and device, as git's index keeps them. The next export of the folder
trusts that outcome for an article whose two files still stat the same, and reads neither
the article nor its highlights' context again; any difference, and the article is read and
checked as if there were no cache.

What this guarantees: a write to either file, through the file system, changes its change
time (ctime), which no program can set back (`touch -r`, `cp -p` and `rsync -t` put back the
modification time only), and a replaced file changes its inode. A stat taken in the same
clock tick as a write could miss it (the file changed again within the tick, same size): an
outcome is kept only for files whose times are `RACY_SECONDS` older than the moment it is
kept, as git treats "racily clean" entries. What it does not guard against: a system clock
set back, or a network file system whose clock lags this machine's by more than that.

The one owner of `<user cache dir>/checked/`: one JSON file per exported folder (named by a
digest of its absolute path). Deleting it loses nothing. A file that cannot be read, or
holds anything unexpected, counts as empty; one that cannot be written leaves the next
export uncached. Nothing in it is ever shown or used as a path.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader import APP_NAME

CACHE_VERSION = 1  # raise when what a kept check vouches for changes
RACY_SECONDS = 3  # more than the coarsest timestamp tick of a common file system (FAT: 2 s)
MAX_CACHE_BYTES = 64 * 1024 * 1024

Stat = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def file_stat(path: str | os.PathLike[str]) -> Stat | None:
    """What tells that the file at `path` (symlinks followed) changed; None when it cannot
    be stat'ed."""
    try:
        return stat_of(os.stat(path))
    except (OSError, ValueError):
        return None


def stat_of(st: os.stat_result) -> Stat:
    """What of the stat `st` tells that its file changed."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def default_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME)) / "checked"


def cache_file(root: Path, folder: Path | None = None) -> Path:
    """The cache file of the library folder `root`."""
    top = os.fsencode(os.path.abspath(root))
    return (folder or default_folder()) / f"{hashlib.sha256(top).hexdigest()[:32]}.json"


@dataclass(slots=True)
class CheckedTexts:
    """The kept checks of one library folder: `sha256(name, article, sidecar)` gives the
    text's SHA-256 when the article `name` and its sidecar stat as they did when checked."""

    path: Path
    entries: dict[str, Any] = field(default_factory=dict)  # name -> [*article, *sidecar, sha]
    seen: dict[str, list] = field(default_factory=dict)  # what this export found to hold
    changed: bool = False
    now: Callable[[], int] = time.time_ns  # the clock the files' times are compared with

    @classmethod
    def open(cls, root: Path, folder: Path | None = None) -> CheckedTexts:
        path = cache_file(root, folder)
        return cls(path, _read_entries(path))

    def sha256(self, name: str, article: Stat, sidecar: Stat) -> str | None:
        """The SHA-256 of the article's text when it was checked in these very files."""
        entry = self.entries.get(name)
        if not (
            type(entry) is list
            and len(entry) == 11
            and entry[:10] == [*article, *sidecar]
            and type(entry[10]) is str
        ):
            return None  # not these files, or not an entry this version wrote
        self.seen[name] = entry
        return entry[10]

    def keep(self, name: str, article: Stat, sidecar: Stat, sha256: str) -> None:
        """Keep that the article `name` (stat'ed as `article` before it was read) was
        checked against its sidecar (stat'ed as `sidecar` after) and changed nothing: unless
        either was written too recently to tell from a later write by its times."""
        newest = max(article[1], article[2], sidecar[1], sidecar[2])
        if self.now() - newest < RACY_SECONDS * 1_000_000_000:
            return
        self.seen[name] = [*article, *sidecar, sha256]
        self.changed = True

    def save(self) -> None:
        """Write what this export found (articles no longer checked are forgotten), when it
        differs from what was read; a failure leaves the cache as it was."""
        if not self.changed and len(self.seen) == len(self.entries):
            return
        from reader.atomic import write_atomic

        data = {"version": CACHE_VERSION, "entries": self.seen}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode())
        except (OSError, ValueError):
            pass  # uncached next time: the export itself is written all the same


def _read_entries(path: Path) -> dict[str, Any]:
    """The entries of the cache file at `path`; {} for one missing, unreadable or not ours."""
    from reader.annotations.files import read_regular

    try:
        raw, _ = read_regular(path, MAX_CACHE_BYTES)
        data = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return {}
    if not (type(data) is dict and data.get("version") == CACHE_VERSION):
        return {}
    entries = data.get("entries")
    return entries if type(entries) is dict else {}  # each entry is checked when looked up
