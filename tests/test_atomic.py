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


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_a_folder_is_listed_once_per_process_for_stale_temporaries(
    tmp_path: Path, monkeypatch
) -> None:
    """The first write into a folder removes every dead writer's temporary file there (of any
    target); later writes into it do not list the folder again."""
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path):
        listed.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    dead = _dead_pid()
    first, other = tmp_path / "a.json", tmp_path / "b.json"
    stale = tmp_path / f"{temp_prefix(other)}{dead}-7"
    stale.write_bytes(b"{")
    write_atomic(first, b"1")
    assert not stale.exists()
    for n in range(5):
        write_atomic(first, str(n).encode())
        write_atomic(other, str(n).encode())
    assert listed == [str(tmp_path)]
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    write_atomic(elsewhere / "c.json", b"1")
    assert listed == [str(tmp_path), str(elsewhere)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "sub"]


def test_only_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    """Names that merely look alike (no pid and time, no leading dot) are never touched."""
    dead = _dead_pid()
    target = tmp_path / "out.md"
    kept = [
        f"{temp_prefix(target)}abc",
        f"{temp_prefix(target)}{dead}",
        f"out.md.tmp-{dead}-1",
        f".tmp-{dead}-1",
        f"{temp_prefix(target)}{os.getpid()}-1",
    ]
    for name in kept:
        (tmp_path / name).write_bytes(b"keep")
    gone = tmp_path / f".notes.md.tmp-{dead}-12"
    gone.write_bytes(b"x")
    write_atomic(target, b"new")
    assert not gone.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "out.md"])
