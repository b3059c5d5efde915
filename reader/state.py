"""The user's reading state: where they were in each article, and global preferences.

Pure core (no `textual` import). Lives in the user state directory
(`platformdirs.user_state_dir("margin-reader")/state.json`), never next to articles.
Positions are keyed by the article's resolved path and remember the content's SHA-256, so a
changed file does not restore a stale position. Writes are atomic (temp file + rename).

Two windows share the file: a save re-reads it (when another process replaced it since) and
merges, holding a `flock` on the state folder meanwhile. Per article the newest change wins
(`seen`); each preference comes from the window that changed it last (`prefs.changed` holds
when each was last set).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from reader import APP_NAME
from reader.annotations.locks import flock_within
from reader.atomic import write_atomic

STATE_VERSION = 1
MEASURE_MIN, MEASURE_MAX = 40, 120
PREFS = ("measure", "theme", "library_sort", "panes")
LOCK_WAIT = 1.0  # seconds a save waits for another window's save to finish


def default_state_path() -> Path:
    return Path(user_state_dir(APP_NAME)) / "state.json"


def article_key(path: str | os.PathLike[str]) -> str:
    return str(Path(path).resolve())


@dataclass(slots=True)
class Position:
    """Where the reader left an article: the cursor's offset in the text and the progress
    (%), kept for the text whose hash is `sha256` (a rewritten article starts again)."""

    sha256: str
    offset: int
    progress: float
    seen: float  # time.time() of the last save


class ReadingState:
    """Positions per article plus global prefs (`measure`, `theme`, `library_sort`, the panes
    shown)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_state_path()
        self.positions: dict[str, Position] = {}
        self.measure: int | None = None
        self.theme: str | None = None
        self.library_sort: str | None = None
        # Shown (True) or hidden (False) by the user with L / C; None: follow the width.
        self.library_pane: bool | None = None
        self.side_pane: bool | None = None
        self.problem: str | None = None  # e.g. an unreadable state file that was set aside
        self.changed: dict[str, float] = {}  # preference -> time.time() it was last set
        self._dirty = False
        self._on_disk: tuple[int, int, int] | None = None  # the file last read or written

    @classmethod
    def load(cls, path: Path | None = None) -> ReadingState:
        state = cls(path)
        try:
            with open(state.path, "rb") as file:
                state._on_disk = _identity(os.fstat(file.fileno()))
                raw = file.read()
        except FileNotFoundError:
            return state
        except OSError as error:
            state.problem = f"cannot read reading state ({error.strerror}): {state.path}"
            return state
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            state._read(data)
        except Exception:  # noqa: BLE001  (whatever the file holds, the reader starts)
            state = cls(path)
            state.problem = (
                f"reading state could not be read (set aside), starting afresh: {state.path}"
            )
            state._set_aside()
        return state

    def _set_aside(self) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        try:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
        except OSError:
            pass

    def _read(self, data: dict) -> None:
        prefs = data.get("prefs")
        if isinstance(prefs, dict):
            measure = prefs.get("measure")
            if isinstance(measure, int) and not isinstance(measure, bool):
                self.measure = max(MEASURE_MIN, min(MEASURE_MAX, measure))
            theme = prefs.get("theme")
            if isinstance(theme, str) and theme:
                self.theme = theme
            library_sort = prefs.get("library_sort")
            if isinstance(library_sort, str) and library_sort:
                self.library_sort = library_sort
            panes = prefs.get("panes")
            if isinstance(panes, dict):
                library, side = panes.get("library"), panes.get("side")
                self.library_pane = library if isinstance(library, bool) else None
                self.side_pane = side if isinstance(side, bool) else None
            changed = prefs.get("changed")
            if isinstance(changed, dict):
                self.changed = {
                    name: float(when)
                    for name, when in changed.items()
                    if name in PREFS and isinstance(when, (int, float))
                }
        positions = data.get("positions")
        if isinstance(positions, dict):
            for key, value in positions.items():
                try:
                    self.positions[key] = Position(
                        sha256=str(value["sha256"]),
                        offset=max(0, int(value["offset"])),
                        progress=float(value.get("progress", 0.0)),
                        seen=float(value.get("seen", 0.0)),
                    )
                except (KeyError, TypeError, ValueError, OverflowError):
                    continue

    # -- positions ---------------------------------------------------------------------------

    def position(self, path: str | os.PathLike[str], sha256: str) -> int | None:
        """The saved cursor offset, if the article's content is the one it was saved for."""
        saved = self.positions.get(article_key(path))
        if saved is None or saved.sha256 != sha256:
            return None
        return saved.offset

    def progress(self, path: str | os.PathLike[str]) -> float | None:
        """Reading progress (0..100) last saved for this path; None when never opened.

        An absolute `path` must already be resolved (as library entries are).
        """
        # Library entries are already resolved: skip resolve() (a syscall per path) for them.
        key = str(path) if os.path.isabs(path) else article_key(path)
        saved = self.positions.get(key)
        return None if saved is None else saved.progress

    def remember(
        self, path: str | os.PathLike[str], sha256: str, offset: int, progress: float
    ) -> None:
        """Where the reader is in `path`; the same place again is no change (its time is kept,
        so a window that only sat on an article never wins over one that read on)."""
        key = article_key(path)
        offset, progress = max(0, int(offset)), max(0.0, min(100.0, float(progress)))
        saved = self.positions.get(key)
        if saved is not None and (saved.sha256, saved.offset, round(saved.progress, 2)) == (
            sha256,
            offset,
            round(progress, 2),
        ):
            return
        self.positions[key] = Position(sha256, offset, progress, seen=time.time())
        self._dirty = True

    def set_measure(self, measure: int) -> None:
        if measure != self.measure:
            self.measure = max(MEASURE_MIN, min(MEASURE_MAX, int(measure)))
            self._changed("measure")

    def set_theme(self, theme: str) -> None:
        if theme != self.theme:
            self.theme = theme
            self._changed("theme")

    def set_library_sort(self, order: str) -> None:
        if order != self.library_sort:
            self.library_sort = order
            self._changed("library_sort")

    def set_panes(self, library: bool | None, side: bool | None) -> None:
        """Remember which panes the user showed or hid (None: left to the width)."""
        if (library, side) != (self.library_pane, self.side_pane):
            self.library_pane, self.side_pane = library, side
            self._changed("panes")

    def _changed(self, pref: str) -> None:
        self.changed[pref] = time.time()
        self._dirty = True

    # -- two windows -------------------------------------------------------------------------

    def merge(self, other: ReadingState) -> None:
        """Take in what `other` (the file as another window saved it) changed later than this
        state: per article the newer position, per preference the later choice."""
        for key, theirs in other.positions.items():
            mine = self.positions.get(key)
            if mine is None or theirs.seen > mine.seen:
                self.positions[key] = theirs
        for pref in PREFS:
            when = other.changed.get(pref)
            if when is not None and when > self.changed.get(pref, 0.0):
                self.changed[pref] = when
                if pref == "panes":
                    self.library_pane, self.side_pane = other.library_pane, other.side_pane
                else:
                    setattr(self, pref, getattr(other, pref))

    def _merge_from_disk(self) -> None:
        """Merge the file when another process replaced it since this state read or wrote it
        (a corrupt one is set aside by `load`, as at start)."""
        try:
            now = _identity(os.stat(self.path))
        except FileNotFoundError:
            return
        if now != self._on_disk:
            self.merge(ReadingState.load(self.path))

    # -- saving ------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "version": STATE_VERSION,
            "prefs": {
                "measure": self.measure,
                "theme": self.theme,
                "library_sort": self.library_sort,
                "panes": {"library": self.library_pane, "side": self.side_pane},
                "changed": {pref: round(when, 3) for pref, when in self.changed.items()},
            },
            "positions": {
                key: {
                    "sha256": pos.sha256,
                    "offset": pos.offset,
                    "progress": round(pos.progress, 2),
                    "seen": round(pos.seen, 3),
                }
                for key, pos in self.positions.items()
            },
        }

    def save(self, *, force: bool = False) -> bool:
        """Write atomically when something changed, merged with what another window saved
        since (see the module's note). False (never raises) when it cannot.

        Keys are article paths, which on POSIX are bytes: a name that is not valid UTF-8
        holds surrogate escapes, so the JSON is written with ASCII escapes (`\\udcff`),
        which read back as the same key."""
        if not (self._dirty or force):
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _folder_lock(self.path.parent):
                self._merge_from_disk()
                payload = json.dumps(self.to_json(), ensure_ascii=True, separators=(",", ":"))
                self._on_disk = _identity(write_atomic(self.path, payload.encode("ascii")))
        except OSError as error:
            self.problem = f"cannot save reading state ({error.strerror}): {self.path}"
            return False
        self._dirty = False
        return True


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of the file from another: inode, size, modification time."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive `flock` on the state folder while a save reads, merges and writes. When
    another save holds it past LOCK_WAIT (a hung process), this one goes ahead unlocked: its
    merge still keeps what the file held, and the reader's state is saved, not dropped."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        flock_within(fd, LOCK_WAIT)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
