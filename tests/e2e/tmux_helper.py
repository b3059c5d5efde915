"""Drive the installed `reader` command in a real terminal (tmux) for end-to-end tests.

    with ReaderSession(["story.txt"], tmp_path, size=(120, 40)) as s:
        s.wait_for("Headline")
        s.press("j")
        s.screen()          # the visible text, one string
        s.press("q")
        assert s.exit_status() == 0

Every session gets its own tmux server (`tmux -L <unique>`, no user config), so tests never
touch the user's tmux, and its own XDG data/state/config/cache directories under `tmp_path`,
so no user state leaks in or out. Waiting always polls the pane (no fixed sleeps) and fails
with the last screen in the message.

Keys: tmux names ("Space", "NPage", "C-p") or Textual-style names ("space", "pagedown",
"ctrl+p", "shift+tab", "escape", "enter") are both accepted by `press`; `type` sends text
literally.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

POLL_INTERVAL = 0.01
# The claims pane's title once the annotations are loaded (see ReaderSession.wait_annotations).
ANNOTATIONS_LOADED = re.compile(r"Claims  C\d+ E\d+ Q\d+ D\d+ K\d+")
# Generous: a machine under load (10 and more) can pause a program for seconds; a wait
# ends as soon as its condition holds.
DEFAULT_TIMEOUT = 30.0

# Textual-style key names -> tmux key names.
_KEY_NAMES = {
    "space": "Space",
    "enter": "Enter",
    "return": "Enter",
    "escape": "Escape",
    "esc": "Escape",
    "tab": "Tab",
    "shift+tab": "BTab",
    "backspace": "BSpace",
    "delete": "DC",
    "insert": "IC",
    "pagedown": "NPage",
    "pageup": "PPage",
    "home": "Home",
    "end": "End",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
}
_MODIFIERS = {"ctrl": "C-", "alt": "M-", "meta": "M-", "shift": "S-"}


def tmux_path() -> str | None:
    """The tmux executable, or None when tmux is not installed."""
    return shutil.which("tmux")


def reader_command() -> list[str]:
    """argv prefix that runs the installed `reader` console script.

    The script beside `sys.executable` first (the test virtualenv's), then `reader` on PATH,
    else `python -m reader` with this interpreter.
    """
    beside = Path(sys.executable).parent / "reader"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("reader")
    if found:
        return [found]
    return [sys.executable, "-m", "reader"]


def tmux_key(key: str) -> str:
    """Translate a Textual-style key name ("ctrl+p", "pagedown") to tmux's ("C-p", "NPage")."""
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    parts = key.split("+")
    if len(parts) > 1 and all(p in _MODIFIERS for p in parts[:-1]):
        *mods, base = parts
        base = _KEY_NAMES.get(base, base)
        return "".join(_MODIFIERS[m] for m in mods) + base
    return key


class TmuxError(RuntimeError):
    pass


class Tmux:
    """A private tmux server on its own socket name."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        exe = tmux_path()
        if exe is None:
            raise TmuxError("tmux is not installed")
        self.exe = exe
        self.socket = f"reader-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = dict(os.environ if env is None else env)
        # A tmux started from inside another tmux must not think it is nested, and the
        # pane's size is its own: COLUMNS and LINES (pytest-xdist sets 80x24) would override it.
        for name in ("TMUX", "COLUMNS", "LINES"):
            self.env.pop(name, None)

    def run(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            [self.exe, "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=30,
        )
        if check and proc.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {proc.stderr.strip()}")
        return proc.stdout

    def kill_server(self) -> None:
        try:
            self.run("kill-server", check=False)
        except (OSError, subprocess.TimeoutExpired):
            pass


class TerminalSession:
    """Any command running in a fixed-size tmux pane, with screen/keys/title/exit helpers."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.argv = [str(a) for a in argv]
        self.size = size
        self.extra_env = dict(env or {})
        self.cwd = str(cwd) if cwd is not None else os.getcwd()
        self.tmux: Tmux | None = None
        self.target = "e2e:0.0"

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> TerminalSession:
        self.tmux = Tmux()
        # tmux 3.3a sometimes marks a pane dead without ever reporting its exit status, so
        # the program runs under `sh`, which writes the status to a file when it ends.
        self._status_dir = tempfile.mkdtemp(prefix="reader-e2e-")
        self.status_file = Path(self._status_dir) / "status"
        wrapped = ["sh", "-c", '"$@"; echo "$?" > "$0"', str(self.status_file), *self.argv]
        width, height = self.size
        env_args: list[str] = []
        for name, value in self.extra_env.items():
            env_args += ["-e", f"{name}={value}"]
        # One chained invocation: server options must be set before the pane can exit.
        self.tmux.run(
            "start-server",
            ";",
            "set-option", "-wg", "remain-on-exit", "on",
            ";",
            "set-option", "-g", "set-clipboard", "on",
            ";",
            "set-option", "-wg", "allow-rename", "on",
            ";",
            "set-option", "-g", "default-terminal", _default_terminal(),
            ";",
            "new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height),
            "-c", self.cwd, *env_args, "--", *wrapped,
        )  # fmt: skip
        # (window-size is set after the session exists: setting it first crashes tmux 3.3a.)
        self.tmux.run("set-option", "-w", "-t", "e2e:0", "window-size", "manual", check=False)
        return self

    def close(self) -> None:
        if self.tmux is not None:
            self.tmux.kill_server()
            self.tmux = None
            shutil.rmtree(self._status_dir, ignore_errors=True)

    def __enter__(self) -> TerminalSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------
    def _tmux(self) -> Tmux:
        if self.tmux is None:
            raise TmuxError("session not started")
        return self.tmux

    def display(self, fmt: str) -> str:
        return self._tmux().run("display-message", "-p", "-t", self.target, fmt).rstrip("\n")

    def screen(self, ansi: bool = False, history: bool = False, joined: bool = False) -> str:
        """The visible pane text (lines joined by newlines, trailing spaces stripped).

        `ansi=True` keeps colour/style escapes; `history=True` adds the lines scrolled off the
        top (useful once the program has exited: tmux may scroll its last output away);
        `joined=True` joins the lines the terminal wrapped (a long output line is one line,
        wherever its width made it wrap)."""
        args = ["capture-pane", "-p", "-t", self.target]
        if ansi:
            args.append("-e")
        if history:
            args += ["-S", "-"]
        if joined:
            args.append("-J")
        text = self._tmux().run(*args)
        return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n")

    def title(self) -> str:
        """The pane title (what an OSC 0/2 sequence from the program would change)."""
        return self.display("#{pane_title}")

    def window_name(self) -> str:
        return self.display("#{window_name}")

    def alternate_screen(self) -> bool:
        """True while the program is on the alternate screen."""
        return self.display("#{alternate_on}") == "1"

    def pane_size(self) -> tuple[int, int]:
        w, h = self.display("#{pane_width} #{pane_height}").split()
        return int(w), int(h)

    @property
    def pid(self) -> int:
        """The pid of the program (the child of the pane's `sh` wrapper while it runs)."""
        shell = int(self.display("#{pane_pid}"))
        try:
            children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        except OSError:
            children = []
        return int(children[0]) if children else shell

    def dead(self) -> bool:
        return self.display("#{pane_dead}") == "1"

    def buffers(self) -> list[str]:
        """Contents of tmux paste buffers (an OSC 52 clipboard write creates one)."""
        names = self._tmux().run("list-buffers", "-F", "#{buffer_name}", check=False).split()
        return [self._tmux().run("show-buffer", "-b", n, check=False) for n in names]

    # --- acting ----------------------------------------------------------------------------
    def press(self, *keys: str) -> None:
        """Send keys, each a key name ("j", "space", "ctrl+p", "NPage")."""
        for key in keys:
            self._tmux().run("send-keys", "-t", self.target, tmux_key(key))

    def type(self, text: str) -> None:
        """Send text literally (no key-name interpretation)."""
        self._tmux().run("send-keys", "-t", self.target, "-l", "--", text)

    def resize(self, width: int, height: int) -> None:
        self._tmux().run("resize-window", "-t", "e2e:0", "-x", str(width), "-y", str(height))
        self.size = (width, height)

    # --- waiting ---------------------------------------------------------------------------
    def wait_until(
        self,
        predicate: Callable[[str], bool],
        timeout: float = DEFAULT_TIMEOUT,
        what: str = "condition",
        ansi: bool = False,
    ) -> str:
        """Poll the screen until `predicate(screen)` holds; return that screen.

        With `ansi=True` the screen includes colour/style escapes (so a moved cursor
        highlight, which changes no text, counts as a change)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.screen(ansi=ansi)
            if predicate(screen):
                return screen
            if self.dead():
                # The program may have written what is waited for, and ended, since the
                # screen above was taken (on a busy machine, often). A dead pane's output is
                # final: look at all of it once more (tmux's "Pane is dead" line can scroll
                # the top line of a full pane into the history).
                output = self.screen(ansi=ansi, history=True)
                if predicate(output):
                    return output
                raise AssertionError(
                    f"the program exited ({self._dead_description()}) while waiting for "
                    f"{what}; its output:\n{output}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.1f}s waiting for {what}; screen was:\n{screen}"
                )
            time.sleep(POLL_INTERVAL)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until `text` (a string, or a compiled regex) is on screen; return the screen."""
        if isinstance(text, re.Pattern):
            pattern = text
            return self.wait_until(lambda s: pattern.search(s) is not None, timeout, repr(text))
        return self.wait_until(lambda s: text in s, timeout, repr(text))

    def wait_for_change(
        self, previous: str, timeout: float = DEFAULT_TIMEOUT, ansi: bool = False
    ) -> str:
        """Wait until the screen differs from `previous` (taken with the same `ansi`)."""
        return self.wait_until(lambda s: s != previous, timeout, "the screen to change", ansi)

    def wait_stable(
        self, quiet: float = 0.25, timeout: float = DEFAULT_TIMEOUT, ansi: bool = True
    ) -> str:
        """Wait until the screen has not changed for `quiet` seconds; return it."""
        deadline = time.monotonic() + timeout
        last = self.screen(ansi=ansi)
        since = time.monotonic()
        while True:
            time.sleep(POLL_INTERVAL)
            now = self.screen(ansi=ansi)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
            if time.monotonic() > deadline:
                raise AssertionError(f"screen never settled in {timeout:.1f}s; last:\n{last}")

    def _status(self) -> int | None:
        try:
            text = self.status_file.read_text()
        except OSError:
            return None
        return int(text) if text.endswith("\n") else None

    def _dead_description(self) -> str:
        status = self._status()
        return f"status {status}" if status is not None else "status unknown"

    def wait_main_screen(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the pane is off the alternate screen. After the program exited, its
        last output (leaving it) may not have been read by tmux yet on a busy machine: the
        exit status is written first. A program that never left it fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while self.alternate_screen():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"still on the alternate screen after {timeout:.1f}s; screen:\n{self.screen()}"
                )
            time.sleep(POLL_INTERVAL)

    def exit_status(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the program to exit and return its exit status (128+N for signal N)."""
        deadline = time.monotonic() + timeout
        while (status := self._status()) is None:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"program still running after {timeout:.1f}s; screen:\n{self.screen()}"
                )
            time.sleep(POLL_INTERVAL)
        return status


class ReaderSession(TerminalSession):
    """The installed `reader` command in tmux, with isolated XDG directories under `tmp_path`.

    `args` are the arguments after `reader` (paths may be Path objects). `env` adds or
    overrides environment variables. `command` replaces the `reader` argv prefix (e.g. to run
    a different program through the same helper).
    """

    def __init__(
        self,
        args: Sequence[str | os.PathLike[str]],
        tmp_path: str | os.PathLike[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        root = Path(tmp_path) / "xdg"
        self.data_home = root / "data"
        self.state_home = root / "state"
        self.config_home = root / "config"
        self.cache_home = root / "cache"
        for d in (self.data_home, self.state_home, self.config_home, self.cache_home):
            d.mkdir(parents=True, exist_ok=True)
        full_env = {
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_STATE_HOME": str(self.state_home),
            "XDG_CONFIG_HOME": str(self.config_home),
            "XDG_CACHE_HOME": str(self.cache_home),
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        full_env.update(env or {})
        argv = [*(command if command is not None else reader_command()), *map(str, args)]
        super().__init__(argv, size=size, env=full_env, cwd=cwd or tmp_path)

    def wait_annotations(self, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the open article's annotations are loaded: the claims pane's title shows
        their counts (`Claims  C0 E0 Q0 D0 K0`). They load just after the article is shown,
        and an annotating key pressed before is refused ("Loading the annotations…"), so a
        screen that has stopped changing is not enough: a busy machine can pause the app
        longer than any quiet period while the store is still being opened."""
        return self.wait_for(ANNOTATIONS_LOADED, timeout)


def _default_terminal() -> str:
    """tmux-256color when this machine has its terminfo entry, else screen-256color."""
    return "tmux-256color" if _has_terminfo("tmux-256color") else "screen-256color"


def _has_terminfo(name: str) -> bool:
    try:
        return subprocess.run(["infocmp", name], capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
