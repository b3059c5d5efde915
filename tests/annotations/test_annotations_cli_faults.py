"""`reader annotate` when the annotation cannot be saved: a held lock, a read-only folder."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE

from reader.annotations import scripting
from reader.annotations import sidecar as sidecar_module
from reader.cli import main

HOLD_LOCK = """
import fcntl, os, signal, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(1, b"held\\n")
os.kill(os.getpid(), signal.SIGSTOP)  # a stopped process keeps its lock
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def stopped_holder(story: Path):
    """A stopped process holding the sidecar's lock; its pid."""
    lock = f"{story}.annotations.json.lock"
    child = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, lock], stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b"held\n"
        yield child.pid
    finally:
        child.kill()
        child.wait(timeout=30)


def test_annotate_gives_up_on_a_lock_held_by_a_stopped_process(
    story, stopped_holder, capsys, monkeypatch
):
    monkeypatch.setattr(scripting, "LOCK_WAIT_SECONDS", 0.5)  # 10 s in real use
    status = main(["annotate", str(story), "--quote", "The city council"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("reader: error: the annotation was not saved")
    assert f"{story}.annotations.json.lock is locked by another program" in err
    assert f"(process {stopped_holder})" in err
    assert not Path(f"{story}.annotations.json").exists()


def test_annotate_in_a_read_only_folder_says_not_saved(story, capsys, monkeypatch):
    def refuse(path, data):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", refuse)
    status = main(["annotate", str(story), "--quote", "The city council"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "the annotation was not saved" in err and "read-only file system" in err
    assert "kept in memory" not in err and "export" not in err  # a one-shot command


def test_annotate_subprocess_waits_boundedly_for_a_held_lock(story, stopped_holder):
    """The real verb, the real 10 s bound: it returns, exit 2, one line naming the lock."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(story), "--quote", "The city council"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and ".annotations.json.lock is locked" in result.stderr
