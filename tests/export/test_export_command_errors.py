"""Bad input for `reader export`: one line, the right exit status, nothing written."""

import errno
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.export import markdown


def test_folder_without_articles_is_an_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "story.txt.annotations.json").write_text("{not json")
    assert main(["export", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: error: no articles") and str(tmp_path) in err
    assert "\n" not in err


def test_sidecar_that_is_a_folder_warns(tmp_path: Path, capsys) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")
    (tmp_path / "story.txt.annotations.json").mkdir()
    assert main(["export", str(article)]) == 0
    captured = capsys.readouterr()
    assert "not a file" in captured.err and "story.txt.annotations.json" in captured.err
    assert "# A title line" in captured.out


def test_output_into_a_read_only_folder_is_one_clear_error(tmp_path: Path, capsys) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: a read-only folder is writable anyway")
        out = locked / "notes.md"
        assert main(["export", str(article), "-o", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert err == f"reader: error: cannot write (permission denied): {out}"
        assert os.listdir(locked) == []  # no temporary file left behind
    finally:
        locked.chmod(0o755)


def test_a_failed_write_is_one_line_naming_the_file(tmp_path: Path, capsys, monkeypatch) -> None:
    """What a read-only file system says (even to root), reported without a traceback."""
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")

    def refuse(path, data):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(markdown, "write_atomic", refuse)
    out = tmp_path / "notes.md"
    assert main(["export", str(article), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"reader: error: cannot write (read-only file system): {out}\n"
