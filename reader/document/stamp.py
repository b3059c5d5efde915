"""What an article file looked like on disk when it was read, to tell cheaply later that its
bytes are still the ones read, without reading them again (the way git's index trusts a
file's stat data).

A stamp is (size, mtime_ns, ctime_ns, inode). Writing a file changes its mtime and ctime;
replacing it (an editor's save-by-rename) changes its inode; restoring an old mtime (`touch
-d`, `cp -p`, `rsync -t`) still sets the ctime to now. A stamp is only taken when the file
did not change while it was read, and when its mtime and ctime are older than `RACY_NS`
before the read: a write in the same clock tick as the read could otherwise leave the stat
data as it was (file systems keep coarse timestamps). An untrusted read simply has no stamp;
whoever needs the bytes then reads them.

Limits: the "too recently" test uses this machine's clock, while a network file system's
times come from its server's; a server clock running more than `RACY_NS` behind, with coarse
timestamps, could let a same-size rewrite within one tick keep the stamp. And a file system
whose ctime does not track changes (some FUSE and FAT-family ones) only has mtime, size and
inode to go by.
"""

from __future__ import annotations

import os
import stat

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode

RACY_NS = 2_000_000_000  # a file changed this recently may change again in the same tick


def stamp_of_stat(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def stamp_of_read(before: os.stat_result, after: os.stat_result, now_ns: int) -> Stamp | None:
    """The stamp of a read between the stats `before` and `after` (taken around it, at about
    `now_ns` on the wall clock), or None when it cannot vouch for the bytes read: not a
    regular file, changed during the read, or changed too recently."""
    stamp = stamp_of_stat(after)
    if (
        not stat.S_ISREG(after.st_mode)
        or stamp_of_stat(before) != stamp
        or max(after.st_mtime_ns, after.st_ctime_ns) >= now_ns - RACY_NS
    ):
        return None
    return stamp


def current(path: str | os.PathLike[str]) -> Stamp | None:
    """The stamp a regular file at `path` has now, or None (missing, not a regular file)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return stamp_of_stat(st) if stat.S_ISREG(st.st_mode) else None
