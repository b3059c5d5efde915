"""The user's reading state: where they were in each article, and global preferences.

Pure core (no `textual` import). Lives in the user state directory
(`platformdirs.user_state_dir("margin-reader")/state.json`), never next to articles.
Positions are keyed by the article's resolved path and remember the content's SHA-256, so a
changed file does not restore a stale position. Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from reader import APP_NAME
from reader.atomic import write_atomic

STATE_VERSION = 1
MEASURE_MIN, MEASURE_MAX = 40, 120


def default_state_path() -> Path:
    return Path(user_state_dir(APP_NAME)) / "state.json"


def article_key(path: str | os.PathLike[str]) -> str:
    return str(Path(path).resolve())


@dataclass(slots=True)
class Position:
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
        self._dirty = False

    @classmethod
    def load(cls, path: Path | None = None) -> ReadingState:
        state = cls(path)
        try:
            raw = state.path.read_bytes()
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
                except (KeyError, TypeError, ValueError):
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
        self.positions[article_key(path)] = Position(
            sha256=sha256,
            offset=max(0, int(offset)),
            progress=max(0.0, min(100.0, float(progress))),
            seen=time.time(),
        )
        self._dirty = True

    def set_measure(self, measure: int) -> None:
        if measure != self.measure:
            self.measure = max(MEASURE_MIN, min(MEASURE_MAX, int(measure)))
            self._dirty = True

    def set_theme(self, theme: str) -> None:
        if theme != self.theme:
            self.theme = theme
            self._dirty = True

    def set_library_sort(self, order: str) -> None:
        if order != self.library_sort:
            self.library_sort = order
            self._dirty = True

    def set_panes(self, library: bool | None, side: bool | None) -> None:
        """Remember which panes the user showed or hid (None: left to the width)."""
        if (library, side) != (self.library_pane, self.side_pane):
            self.library_pane, self.side_pane = library, side
            self._dirty = True

    # -- saving ------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "version": STATE_VERSION,
            "prefs": {
                "measure": self.measure,
                "theme": self.theme,
                "library_sort": self.library_sort,
                "panes": {"library": self.library_pane, "side": self.side_pane},
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
        """Write atomically when something changed. False (never raises) when it cannot.

        Keys are article paths, which on POSIX are bytes: a name that is not valid UTF-8
        holds surrogate escapes, so the JSON is written with ASCII escapes (`\\udcff`),
        which read back as the same key."""
        if not (self._dirty or force):
            return True
        try:
            payload = json.dumps(self.to_json(), ensure_ascii=True, separators=(",", ":"))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, payload.encode("ascii"))
        except OSError as error:
            self.problem = f"cannot save reading state ({error.strerror}): {self.path}"
            return False
        self._dirty = False
        return True
