"""reader.atomic: the one way a file is replaced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.atomic import temp_prefix, write_atomic


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_temporaries_of_dead_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"{temp_prefix(target)}{dead_pid}-1"
    stale.write_bytes(b"x" * 4096)
    live = tmp_path / f"{temp_prefix(target)}{os.getppid()}-1"
    live.write_bytes(b"y")
    write_atomic(target, b"new")
    assert not stale.exists()
    assert live.exists()


def test_a_failed_write_raises_and_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
