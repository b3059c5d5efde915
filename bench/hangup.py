"""Kill the reader's terminal at random moments, many times in a row, and check it is gone.

    python bench/hangup.py                 # 100 runs (about 2-3 minutes on 2 cores)
    python bench/hangup.py --runs 20 --json

Each run starts the installed `reader` on a copy of the seed article in its own tmux server
(`tmux -L reader-hangup-…`, no user config, private XDG folders) and takes its terminal
away in one of four ways, in turn:

- `kill-server`: the tmux server dies (the pane's terminal is hung up);
- `kill-session`: the session and its pane are killed;
- `sighup-client`: a tmux client attached through a pseudo-terminal gets SIGHUP, and the
  session, set to `destroy-unattached`, goes with it (a terminal window closed);
- `sighup-reader`: the reader itself gets SIGHUP, its terminal still there.

Half the runs kill at a random moment of the first second after launch (before or after
the first paint); the others wait for the first paint, highlight the cursor sentence (`h`),
see it drawn, and kill 0-200 ms later: that highlight must be in the sidecar afterwards.
A run passes when the reader's process is gone within 2 s of the kill; one still there is
SIGKILLed (and reported) so nothing is left behind. This process is made the "child
subreaper" of what it starts (Linux), so the readers orphaned by a dead tmux server are
its children and their exit statuses are collected.

Prints one line per failing run and a summary; `--json` prints every run as JSON. Exit
status 1 when any run failed.
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import json
import os
import pty
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from environment import isolated_env, reader_argv
from fixtures import SEED, SEED_TITLE
from tmux import process_gone

GONE_SECONDS = 2.0
# How long the run waits for the reader before the kill (its first paint, its annotations,
# the highlight drawn, a client attached): generous, as a machine under load (10 and more)
# can take seconds for each; the time after the kill is GONE_SECONDS whatever the load.
READY_SECONDS = 60.0
# The claims pane's title once the article's annotations are loaded (before, `h` is refused).
ANNOTATIONS_LOADED = re.compile(r"Claims  C\d+ E\d+ Q\d+ D\d+ K\d+")
MODES = ("kill-server", "kill-session", "sighup-client", "sighup-reader")
SIZE = (120, 40)
PR_SET_CHILD_SUBREAPER = 36


@dataclass
class Run:
    index: int
    mode: str
    annotated: bool
    delay: float  # seconds from launch (or from the highlight drawn) to the kill
    painted: bool = False
    gone_after: float | None = None  # seconds from the kill until the process was gone
    killed: bool = False  # still there after GONE_SECONDS: SIGKILLed
    status: int | None = None  # the exit status, when it was collected here
    saved: int | None = None  # annotations in the sidecar afterwards (annotated runs)
    error: str = ""

    @property
    def ok(self) -> bool:
        lost = self.annotated and self.painted and not self.saved
        return not self.error and not self.killed and self.gone_after is not None and not lost


def become_subreaper() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class Server:
    """One private tmux server running the reader in session `r`."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.exe = shutil.which("tmux") or "tmux"
        self.socket = f"reader-hangup-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # (COLUMNS and LINES, which test runners set, would override the pane's size.)
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
        env_args = [a for name, value in env.items() for a in ("-e", f"{name}={value}")]
        self.tmux("new-session", "-d", "-s", "r", "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                  *env_args, "--", *argv)  # fmt: skip
        # The pane keeps its size whatever client attaches (as the e2e tests' sessions do).
        self.tmux("set-option", "-w", "-t", "r:0", "window-size", "manual", check=False)
        self.pid = int(self.tmux("display-message", "-p", "-t", "r", "#{pane_pid}"))
        self.client: subprocess.Popen[bytes] | None = None

    def tmux(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run([self.exe, "-L", self.socket, "-f", "/dev/null", *args],
                              env=self.env, capture_output=True, text=True, timeout=30)  # fmt: skip
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {proc.stderr.strip()}")
        return proc.stdout.strip()

    def screen(self, styles: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if styles else []), "-t", "r", check=False)

    def attach(self) -> None:
        """A client on a pseudo-terminal of our own (its output is read and dropped)."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        env = {**self.env, "TERM": "xterm-256color"}
        self.client = subprocess.Popen(
            [self.exe, "-L", self.socket, "-f", "/dev/null", "attach-session", "-t", "r"],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        threading.Thread(target=_drain, args=(master,), daemon=True).start()
        deadline = time.monotonic() + READY_SECONDS
        while not self.tmux("list-clients", check=False):
            if time.monotonic() > deadline:
                raise RuntimeError("the tmux client did not attach")
            time.sleep(0.01)
        self.tmux("set-option", "-t", "r", "destroy-unattached", "on")

    def take_terminal(self, mode: str) -> None:
        if mode == "kill-server":
            self.tmux("kill-server", check=False)
        elif mode == "kill-session":
            self.tmux("kill-session", "-t", "r", check=False)
        elif mode == "sighup-client":
            assert self.client is not None
            self.client.send_signal(signal.SIGHUP)
        else:
            _signal(self.pid, signal.SIGHUP)

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        if self.client is not None:
            if self.client.poll() is None:
                self.client.kill()
            self.client.wait(timeout=5)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def gone(pid: int) -> tuple[bool, int | None]:
    """(exited, exit status if it was ours to collect)."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return process_gone(pid), None
    if done:
        return True, os.waitstatus_to_exitcode(status)
    return process_gone(pid), None


def wait_gone(run: Run, pid: int, killed_at: float) -> None:
    while time.monotonic() - killed_at < GONE_SECONDS:
        exited, status = gone(pid)
        if exited:
            run.gone_after, run.status = time.monotonic() - killed_at, status
            return
        time.sleep(0.005)
    run.killed = True
    _signal(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while not gone(pid)[0] and time.monotonic() < deadline:
        time.sleep(0.01)


def wait_for(server: Server, text: str | re.Pattern[str], timeout: float = READY_SECONDS) -> None:
    pattern = text if isinstance(text, re.Pattern) else re.compile(re.escape(text))
    deadline = time.monotonic() + timeout
    while pattern.search(server.screen()) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{pattern.pattern!r} did not show within {timeout:.0f}s")
        time.sleep(0.01)


def highlight(server: Server) -> None:
    """Press `h` once the claims pane counts the article's annotations (it says "No
    highlights yet" before they are loaded), and wait until it counts the highlight."""
    wait_for(server, ANNOTATIONS_LOADED)
    server.tmux("send-keys", "-t", "r", "h")
    wait_for(server, "C1 E0")


def saved_annotations(article: Path) -> int:
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document

    return len(AnnotationStore.open(load_document(article), read_only=True))


def one_run(index: int, rng: random.Random, root: Path) -> Run:
    mode = MODES[index % len(MODES)]
    annotated = (index // len(MODES)) % 2 == 1
    run = Run(index, mode, annotated, round(rng.uniform(0, 0.2 if annotated else 1.0), 3))
    folder = root / f"run{index}"
    folder.mkdir()
    article = folder / SEED.name
    shutil.copyfile(SEED, article)
    server = Server([*reader_argv(), str(article)], isolated_env(folder / "xdg"))
    try:
        if mode == "sighup-client":
            server.attach()
        if annotated:
            wait_for(server, SEED_TITLE)
            highlight(server)
        time.sleep(run.delay)
        run.painted = SEED_TITLE in server.screen()
        killed_at = time.monotonic()
        server.take_terminal(mode)
        wait_gone(run, server.pid, killed_at)
    except Exception as error:  # noqa: BLE001 - reported as the run's failure
        run.error = f"{type(error).__name__}: {error}"
        _signal(server.pid, signal.SIGKILL)
    finally:
        server.close()
    if annotated and not run.error:
        run.saved = saved_annotations(article)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    parser.add_argument("--progress", action="store_true", help="a line for every run")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    reaper = become_subreaper()
    runs = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="reader-hangup-") as tmp:
        for index in range(args.runs):
            run = one_run(index, rng, Path(tmp))
            runs.append(run)
            if not run.ok:
                print(f"FAIL {asdict(run)}", file=sys.stderr, flush=True)
            elif args.progress:
                print(f"run {index}: {run.mode}, gone after {run.gone_after:.2f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
    times = sorted(r.gone_after for r in runs if r.gone_after is not None)
    failed = [r for r in runs if not r.ok]
    print(
        f"{len(runs)} runs (seed {seed}, {time.monotonic() - started:.0f} s, subreaper "
        f"{'on' if reaper else 'off'}): {len(failed)} failed, "
        f"{sum(r.killed for r in runs)} left behind (SIGKILLed), "
        f"{sum(bool(r.saved) for r in runs)}/{sum(r.annotated and r.painted for r in runs)} "
        f"highlights saved; gone after median {_ms(times, 0.5)}, max {_ms(times, 1.0)}",
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps([asdict(r) | {"ok": r.ok} for r in runs], indent=1))
    return 1 if failed else 0


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "n/a"
    return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.0f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
