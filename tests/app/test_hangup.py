"""Leaving a lost terminal (reader.hangup): writes to a hung-up terminal never block or
kill Textual's writer thread, a hung-up terminal is recognised, and the app leaves saving."""

from __future__ import annotations

import os
import pty
import signal
import threading

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

from reader.hangup import TerminalOutput, terminal_alive


@pytest.fixture
def hung_up_terminal():
    """A pseudo-terminal's file whose other end is closed (a terminal window gone)."""
    master, slave = pty.openpty()
    os.close(master)
    file = open(slave, "w", buffering=1, closefd=True)  # noqa: SIM115 - closed below
    yield file
    try:
        file.close()
    except OSError:
        pass


def test_a_hung_up_terminal_is_recognised(hung_up_terminal):
    assert not terminal_alive(hung_up_terminal.fileno())


def test_a_live_terminal_and_a_pipe_count_as_alive():
    master, slave = pty.openpty()
    read, write = os.pipe()
    try:
        assert terminal_alive(slave)
        assert terminal_alive(read)  # not a terminal: nothing to lose
    finally:
        for fd in (master, slave, read, write):
            os.close(fd)


def test_a_failed_write_says_lost_once_and_drops_everything_after(hung_up_terminal):
    lost = []
    out = TerminalOutput(hung_up_terminal, lambda: lost.append(1))
    for _ in range(100):
        out.write("x" * 5000)
        out.flush()
    assert lost == [1]
    assert out.lost and out.muted


def test_muted_output_writes_nothing():
    read, write = os.pipe()
    with open(write, "w") as file:
        out = TerminalOutput(file, lambda: None)
        out.write("before")
        out.flush()
        out.mute()
        out.write("after")
        out.flush()
    with open(read) as r:
        assert r.read() == "before"


def test_textual_writer_thread_never_blocks_on_a_hung_up_terminal(hung_up_terminal):
    """The bug: Textual's writer thread dies on the first EIO, its queue fills, and the
    next write (the shutdown's) blocks for ever. Through TerminalOutput it keeps draining."""
    writer = WriterThread(TerminalOutput(hung_up_terminal, lambda: None))
    writer.start()
    done = threading.Event()

    def write_a_lot() -> None:
        for _ in range(MAX_QUEUED_WRITES * 20):
            writer.write("\x1b[?1000l" * 100)
        writer.stop()
        done.set()

    threading.Thread(target=write_a_lot, daemon=True).start()
    assert done.wait(5), "a write to the hung-up terminal blocked"


def test_the_app_runs_on_the_hangup_driver(seed_library, monkeypatch):
    from reader.app import ReaderApp
    from reader.hangup import HangupDriver

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert ReaderApp(library=seed_library).get_driver_class() is HangupDriver


@pytest.mark.parametrize("how", ["sighup", "terminal lost"])
async def test_the_app_saves_the_highlight_and_leaves(seed_library, settle, how):
    from reader.annotations.store import AnnotationStore
    from reader.app import ReaderApp
    from reader.document.loader import load_document
    from reader.hangup import TerminalLost

    article = next(seed_library.iterdir())
    app = ReaderApp(library=seed_library, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert len(app.annotations.store) == 1
        if how == "sighup":
            signal.raise_signal(signal.SIGHUP)
        else:
            app.post_message(TerminalLost())
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0
    assert app.departure.leaving
    assert len(AnnotationStore.open(load_document(article), read_only=True)) == 1
