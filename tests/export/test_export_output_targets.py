"""`reader export -o TARGET`: a FIFO or a device is written to, never replaced by a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = "A title line\n\nA paragraph that says something.\n"


@pytest.fixture
def article(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # links are relative to here, as to the output's folder
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    assert main(["annotate", str(path), "--quote", "A paragraph", "--note", "Check it"]) == 0
    return path


def exported(article: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["export", str(article)]) == 0
    return capsys.readouterr().out


def test_a_named_pipe_is_written_to_not_replaced(article, tmp_path, capsys) -> None:
    expected = exported(article, capsys)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: no wait
    try:
        status = main(["export", str(article), "-o", str(fifo)])
        got = os.read(reading, 1 << 16)  # what was written (b"" if nothing ever was)
    finally:
        os.close(reading)
    assert status == 0 and capsys.readouterr().err == ""
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got == expected.encode("utf-8")
    assert "Check it" in expected


def test_a_character_device_is_written_to_not_replaced(article, tmp_path, capsys) -> None:
    """A node of the null device made for the test (the system's /dev/null is never used)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.close(os.open(node, os.O_WRONLY))
    except OSError as error:
        pytest.skip(f"cannot make or open a device node here: {error.strerror}")
    assert main(["export", str(article), "-o", str(node)]) == 0
    assert capsys.readouterr().err == ""
    st = os.lstat(node)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".null")) == []


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd here")
def test_a_shell_process_substitution_is_written_to(article, capsys) -> None:
    """`-o >(wc -c)` hands over /dev/fd/N: a link to a pipe, not a missing file."""
    expected = exported(article, capsys)
    read_end, write_end = os.pipe()
    try:
        assert main(["export", str(article), "-o", f"/dev/fd/{write_end}"]) == 0
        os.close(write_end)
        write_end = -1
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            assert pipe.read() == expected.encode("utf-8")
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)
    assert capsys.readouterr().err == ""


def test_a_dash_is_standard_output(article, capsys) -> None:
    expected = exported(article, capsys)
    assert main(["export", str(article), "-o", "-"]) == 0
    assert capsys.readouterr().out == expected
    assert not Path("-").exists()


def test_a_regular_file_is_still_replaced_atomically(article, tmp_path, capsys) -> None:
    expected = exported(article, capsys)
    out = tmp_path / "notes.md"
    out.write_text("old")
    inode = out.stat().st_ino
    assert main(["export", str(article), "-o", str(out)]) == 0
    assert out.read_text() == expected and out.stat().st_ino != inode  # a new file, renamed


def test_a_folder_or_a_socket_is_refused(article, tmp_path, capsys) -> None:
    import socket

    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["export", str(article), "-o", str(folder)]) == 2
    assert capsys.readouterr().err == f"reader: error: is a folder, not a file to write: {folder}\n"
    assert list(folder.iterdir()) == []
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert main(["export", str(article), "-o", str(path)]) == 2
    assert (
        capsys.readouterr().err
        == f"reader: error: cannot write (it is a socket, not a file): {path}\n"
    )
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_an_output_that_is_a_symlink_loop_is_one_line(article, tmp_path, capsys) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    capsys.readouterr()
    assert main(["export", str(article), "-o", str(loop)]) == 2
    assert "a symbolic link loop: " in capsys.readouterr().err
