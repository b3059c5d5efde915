"""Leaving when the terminal goes away: save within a deadline, never write to a dead
terminal, and be gone within LEAVE_SECONDS.

A terminal is lost when its window closes or its tmux pane or server is killed: the process
gets SIGHUP, a write gets EIO (or EPIPE), and reading gets end of file. Textual's writer
thread dies on the first failed write, after which its queue fills and the next write
blocks the UI thread for ever (the shutdown's own "disable the mouse" writes included). So:

- `TerminalOutput` is the file Textual's writer thread writes to: a failed write marks the
  terminal lost (and is dropped, as is every write after it), so the writer never dies and
  nothing waits on it;
- `HangupDriver` (Textual's Linux driver writing through it) checks every
  LIVENESS_SECONDS that the terminal is still there (a hung-up terminal fails `tcgetattr`
  with EIO, while reading it gives end of file), and sends the app `TerminalLost`;
- `Departure` is how the app leaves on SIGHUP, SIGTERM or `TerminalLost`: output stops
  first when the terminal is gone, everything is saved (the annotation store waits at most
  SAVE_SECONDS for a lock), then the app exits; a watchdog ends the process LEAVE_SECONDS
  after that started, whatever is still running (Textual's shutdown, a worker thread).
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import termios
import threading
from collections.abc import Callable
from typing import IO, Any

from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

LIVENESS_SECONDS = 0.5
SAVE_SECONDS = 1.0
LEAVE_SECONDS = 2.0
_GONE = (errno.EIO, errno.ENXIO, errno.EBADF)  # what a hung-up or closed terminal answers


def terminal_alive(fd: int) -> bool:
    """False when the terminal on `fd` is hung up or closed (anything that is not a terminal
    at all, such as a pipe in a test, counts as alive: there is nothing to lose)."""
    try:
        termios.tcgetattr(fd)
    except termios.error as error:
        return error.args[0] not in _GONE
    except (OSError, ValueError):
        return False
    return True


class TerminalLost(Message):
    """The terminal is gone (hung up): the app must save and leave, writing nothing."""


class TerminalOutput:
    """A file for Textual's writer thread: writes go to `file` until one fails or `mute()`
    is called, and are dropped from then on (`on_lost` is called once, from the writing
    thread, when a write fails)."""

    def __init__(self, file: IO[str], on_lost: Callable[[], None]) -> None:
        self._file = file
        self._on_lost = on_lost
        self.muted = False
        self.lost = False

    def write(self, text: str) -> int:
        if not self.muted:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self._lose()
        return len(text)

    def flush(self) -> None:
        if not self.muted:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._lose()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def mute(self) -> None:
        """Write nothing more to the terminal (what is queued is dropped)."""
        self.muted = True

    def _lose(self) -> None:
        self.muted = True
        if not self.lost:
            self.lost = True
            self._on_lost()


class HangupDriver(LinuxDriver):
    """Textual's Linux driver, writing through a `TerminalOutput` and watching that its
    terminal is still there; either finding says `TerminalLost` to the app."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.output = TerminalOutput(self._file, self._lost)
        self._file = self.output  # the writer thread is made with (and writes to) this file
        self._told = False
        self._check: Any = None  # the asyncio timer handle of the next liveness check

    def start_application_mode(self) -> None:
        super().start_application_mode()
        self._schedule_check()

    def stop_application_mode(self) -> None:
        if self._check is not None:
            self._check.cancel()
            self._check = None
        super().stop_application_mode()

    def _schedule_check(self) -> None:
        self._check = self._loop.call_later(LIVENESS_SECONDS, self._check_terminal)

    def _check_terminal(self) -> None:
        if terminal_alive(self.fileno):
            self._schedule_check()
        else:
            self._check = None
            self.output.mute()
            self._lost()

    def _lost(self) -> None:  # any thread
        if not self._told:
            self._told = True
            self.send_message(TerminalLost())


def add_signal_handlers(handler: Callable[[int], None]) -> list[int]:
    """Call `handler(signum)` on SIGTERM and SIGHUP; the signals it was set for."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return []
    added = []
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            loop.add_signal_handler(signum, handler, signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            continue
        added.append(signum)
    return added


def remove_signal_handlers(signums: list[int]) -> None:
    """Undo `add_signal_handlers` (the list is emptied)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for signum in signums:
        try:
            loop.remove_signal_handler(signum)
        except (RuntimeError, ValueError):
            pass
    signums.clear()


def reader_driver(base: type[Driver]) -> type[Driver]:
    """The driver the app runs with: `HangupDriver` in place of Textual's Linux driver (the
    headless driver of tests, or one chosen with TEXTUAL_DRIVER, is kept)."""
    return HangupDriver if base is LinuxDriver else base


class Departure:
    """How the app leaves on a signal or a lost terminal (see the module's docstring).

    `save(timeout)` persists everything, waiting at most `timeout` seconds for a lock;
    `leave()` is the app's ordinary way out (it saves again, cheaply, and exits)."""

    def __init__(self, app: App[Any], save: Callable[[float], None], leave: Callable[[], None]):
        self._app = app
        self._save = save
        self._leave = leave
        self.leaving = False

    def signalled(self, signum: int) -> None:
        """SIGHUP or SIGTERM: leave; on SIGHUP with the terminal gone, as `lost` does."""
        driver = self._driver()
        if signum == signal.SIGHUP and driver is not None and not terminal_alive(driver.fileno):
            driver.output.mute()
        self._go()

    def lost(self) -> None:
        """The driver found the terminal gone."""
        driver = self._driver()
        if driver is not None:
            driver.output.mute()
        self._go()

    def _go(self) -> None:
        if self.leaving:
            return
        self.leaving = True
        if not self._app.is_headless:  # a test's app shares its process with the tests
            _watchdog(LEAVE_SECONDS)
        self._save(SAVE_SECONDS)
        self._leave()

    def _driver(self) -> HangupDriver | None:
        driver = self._app._driver  # Textual keeps the running driver here
        return driver if isinstance(driver, HangupDriver) else None


def _watchdog(seconds: float) -> None:
    """End the process in `seconds` if it is still running by then (everything was saved
    first: what the process would still do is restore a terminal or wait for a thread)."""
    timer = threading.Timer(seconds, os._exit, args=(0,))
    timer.daemon = True
    timer.start()
