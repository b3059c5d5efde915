"""A low-overhead tmux driver for timing programs in a real terminal.

One private tmux server (its own `-L` socket, no user config) and one *control-mode* client
(`tmux -C`) kept open for the whole bench: every command (capture-pane, send-keys, ...) is a
line written to that client and its answer is read back between `%begin`/`%end`, so polling
the screen every few milliseconds costs no process start and steals little CPU from the
program being measured. The control client sits in its own idle session; the measured
programs run in detached sessions of a fixed size.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class TmuxError(RuntimeError):
    pass


def _quote(arg: str) -> str:
    """Quote one argument for tmux's command parser (single quotes, like sh)."""
    if arg and all(c.isalnum() or c in "-_./:=,+@%" for c in arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"


class Control:
    """A tmux server plus a control-mode client to send it commands."""

    def __init__(self) -> None:
        exe = shutil.which("tmux")
        if exe is None:
            raise TmuxError("tmux is not installed")
        self.exe = exe
        self.socket = f"reader-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        env = dict(os.environ)
        env.pop("TMUX", None)
        self.proc = subprocess.Popen(
            [self.exe, "-L", self.socket, "-f", "/dev/null", "-C", "new-session", "-s", "ctl",
             "-x", "80", "-y", "24", "--", "sleep", "1000000"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )  # fmt: skip
        self.command("set-option", "-g", "status", "off")
        self.command("set-option", "-wg", "remain-on-exit", "on")

    def command(self, *args: str) -> list[str]:
        """Run one tmux command; return its output lines. Raises TmuxError on `%error`.

        One command per line: tmux answers each with one `%begin ... %end|%error` block whose
        flags field is 1 (blocks with flags 0 and `%notifications` are skipped)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write((" ".join(_quote(a) for a in args) + "\n").encode())
        self.proc.stdin.flush()
        block: list[str] | None = None
        ours = False
        while True:
            raw = self.proc.stdout.readline()
            if not raw:
                raise TmuxError("tmux control client exited")
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if block is None:
                if text.startswith("%begin "):
                    block = []
                    ours = text.split()[-1] == "1"
                continue
            if text.startswith("%end ") or text.startswith("%error "):
                if ours:
                    if text.startswith("%error "):
                        raise TmuxError(f"tmux {args[0]}: {' '.join(block)}")
                    return block
                block = None
                continue
            block.append(text)

    def close(self) -> None:
        try:
            subprocess.run(
                [self.exe, "-L", self.socket, "kill-server"], capture_output=True, timeout=10
            )
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def __enter__(self) -> Control:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def process_gone(pid: int) -> bool:
    """Whether process `pid` has exited: no such process, or a zombie (its parent, maybe
    an init that never collects them, has not collected its status yet)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X")


def wait_gone(pid: int, timeout: float) -> bool:
    """Wait at most `timeout` seconds for process `pid` to exit; whether it did."""
    deadline = time.perf_counter() + timeout
    while not process_gone(pid):
        if time.perf_counter() > deadline:
            return False
        time.sleep(0.005)
    return True


@dataclass
class Pane:
    """A program running in a detached session of the bench server."""

    control: Control
    session: str

    @property
    def target(self) -> str:
        return f"{self.session}:0.0"

    def capture(self, styles: bool = True) -> str:
        args = ["capture-pane", "-p", "-t", self.target]
        if styles:
            args.append("-e")
        return "\n".join(self.control.command(*args))

    def display(self, fmt: str) -> str:
        lines = self.control.command("display-message", "-p", "-t", self.target, fmt)
        return lines[0] if lines else ""

    def send(self, key: str) -> None:
        self.control.command("send-keys", "-t", self.target, key)

    def type(self, text: str) -> None:
        self.control.command("send-keys", "-t", self.target, "-l", "--", text)

    @property
    def pid(self) -> int:
        return int(self.display("#{pane_pid}"))

    def dead(self) -> bool:
        return self.display("#{pane_dead}") == "1"

    def kill(self) -> None:
        try:
            self.control.command("kill-session", "-t", self.session)
        except TmuxError:
            pass

    def kill_and_wait(self, timeout: float = 5.0) -> bool:
        """Kill the session and wait until its program has exited, so a program still
        shutting down never shares the machine with the next measurement. One still running
        `timeout` seconds later is SIGKILLed, and said so on stderr: True then."""
        try:
            pid = self.pid
        except (TmuxError, ValueError):
            pid = 0
        self.kill()
        if not pid or wait_gone(pid, timeout):
            return False
        print(f"  (process {pid} still running {timeout:.0f} s after its terminal was killed: "
              "SIGKILLed)", file=sys.stderr, flush=True)  # fmt: skip
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
        wait_gone(pid, 5.0)
        return True

    # --- waiting -------------------------------------------------------------------------
    def wait_for(self, text: str, timeout: float, interval: float = 0.005) -> float:
        """Poll (plain text) until `text` shows; return the monotonic time it was seen."""
        deadline = time.perf_counter() + timeout
        while True:
            if text in self.capture(styles=False):
                return time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} did not show within {timeout:.0f}s")
            if self.dead():
                raise RuntimeError(f"exited before {text!r} showed: {self.tail()}")
            time.sleep(interval)

    def wait_gone(self, text: str, timeout: float, interval: float = 0.02) -> None:
        """Poll (plain text) until `text` is not on the screen."""
        deadline = time.perf_counter() + timeout
        while text in self.capture(styles=False):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} still showing after {timeout:.0f}s")
            if self.dead():
                raise RuntimeError(f"exited while {text!r} showed: {self.tail()}")
            time.sleep(interval)

    def wait_stable(self, quiet: float = 0.3, timeout: float = 30.0) -> str:
        """Wait until the screen (with styles) is unchanged for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        last = self.capture()
        since = time.perf_counter()
        while True:
            time.sleep(0.02)
            now = self.capture()
            if now != last:
                last, since = now, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return now
            if time.perf_counter() > deadline:
                raise TimeoutError(f"screen never settled within {timeout:.0f}s")

    def key_latency(self, key: str, timeout: float = 10.0) -> float:
        """Seconds from sending `key` until the screen (with styles) first changes.

        Call on a settled screen; afterwards waits for it to settle again."""
        before = self.capture()
        start = time.perf_counter()
        self.send(key)
        deadline = start + timeout
        while True:
            if self.capture() != before:
                elapsed = time.perf_counter() - start
                break
            if time.perf_counter() > deadline:
                raise TimeoutError(f"key {key} changed nothing within {timeout:.0f}s")
            time.sleep(0.001)
        self.wait_stable(quiet=0.15)
        return elapsed

    def key_settle(
        self, key: str, quiet: float = 0.3, timeout: float = 10.0
    ) -> tuple[float, float]:
        """(seconds until the screen first changes, seconds until it last changes) after
        `key`: the screen (with styles) is polled every millisecond until it has not changed
        for `quiet` seconds. Call on a settled screen."""
        last = self.capture()
        start = time.perf_counter()
        self.send(key)
        first = changed = None
        deadline = start + timeout
        while True:
            now = self.capture()
            t = time.perf_counter()
            if now != last:
                last, changed = now, t
                first = first if first is not None else t
            elif changed is not None and t - changed >= quiet:
                return first - start, changed - start
            if t > deadline:
                if changed is None:
                    raise TimeoutError(f"key {key} changed nothing within {timeout:.0f}s")
                raise TimeoutError(f"screen never settled after {key} within {timeout:.0f}s")
            time.sleep(0.001)

    def key_until(self, key: str, text: str, timeout: float = 10.0) -> float:
        """Seconds from sending `key` until `text` is on the screen (plain text, polled every
        millisecond). Call when it is not."""
        start = time.perf_counter()
        self.send(key)
        deadline = start + timeout
        while True:
            if text in self.capture(styles=False):
                return time.perf_counter() - start
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} not shown {timeout:.0f}s after {key}: {self.tail()}")
            time.sleep(0.001)

    def tail(self, lines: int = 3) -> str:
        text = [ln.strip() for ln in self.capture(styles=False).splitlines() if ln.strip()]
        return " | ".join(text[-lines:])[-300:]

    def vm_hwm_kb(self) -> int:
        """Peak resident memory (VmHWM, kB) of the pane's process."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")


def launch(
    control: Control,
    argv: Sequence[str],
    *,
    size: tuple[int, int] = (120, 40),
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> tuple[Pane, float]:
    """Start `argv` in a new detached session; return the pane and the launch time."""
    session = f"b{uuid.uuid4().hex[:8]}"
    args = ["new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1])]
    if cwd:
        args += ["-c", cwd]
    for name, value in (env or {}).items():
        args += ["-e", f"{name}={value}"]
    args += ["--", *argv]
    start = time.perf_counter()
    control.command(*args)
    pane = Pane(control, session)
    return pane, start


def first_paint(
    control: Control,
    argv: Sequence[str],
    marker: str,
    *,
    size: tuple[int, int] = (120, 40),
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
    keep: bool = False,
) -> tuple[float, Pane | None]:
    """Seconds from launching `argv` until `marker` is on screen (pane kept if `keep`)."""
    pane, start = launch(control, argv, size=size, env=env)
    try:
        seen = pane.wait_for(marker, timeout)
    except BaseException:
        pane.kill_and_wait()
        raise
    if not keep:
        pane.kill_and_wait()
        return seen - start, None
    return seen - start, pane
