"""Bad input for `reader export`: one line, the right exit status, nothing written."""

import errno
import os
from pathlib import Path

import pytest

from reader.annotations.sidecar_file import SIDECAR_MAX_BYTES
from reader.cli import main
from reader.errors import ReaderError
from reader.export import markdown
from reader.targets import check_article_file


def test_folder_without_articles_is_an_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "story.txt.annotations.json").write_text("{not json")
    assert main(["export", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: error: no articles") and str(tmp_path) in err
    assert "\n" not in err


def _unreadable_sidecar(kind: str, sidecar: Path) -> str:
    """Make `sidecar` unreadable in the way `kind` says; what the error must say of it."""
    if kind == "folder":
        sidecar.mkdir()
        return "is a folder, not an annotations file"
    if kind == "fifo":
        os.mkfifo(sidecar)
        return "is not a regular file (a FIFO)"
    if kind == "loop":
        sidecar.symlink_to(sidecar.name)
        return "is a symbolic link loop"
    if kind == "not json":
        sidecar.write_text("{not json")
        return "is not valid JSON (line 1)"
    with open(sidecar, "wb") as fh:  # sparse: no disk used
        fh.truncate(SIDECAR_MAX_BYTES + 1)
    return "is too big to be an annotations file (65 MB; the limit is 64 MB)"


@pytest.mark.parametrize("fmt", ["markdown", "w3c", "claimreview", "dossier"])
@pytest.mark.parametrize("kind", ["folder", "fifo", "loop", "not json", "too big"])
def test_a_sidecar_that_cannot_be_read_stops_the_export(tmp_path: Path, capsys, kind, fmt):
    """Never "No highlights yet." (exit 0) for an article whose annotations were not read."""
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")
    why = _unreadable_sidecar(kind, tmp_path / "story.txt.annotations.json")
    out = tmp_path / "notes.md"
    assert main(["export", str(article), "--format", fmt, "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"reader: error: cannot export {article}: ")
    assert f"story.txt.annotations.json {why}" in captured.err
    assert not out.exists()


def test_a_dangling_sidecar_link_is_no_highlights(tmp_path: Path, capsys) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")
    (tmp_path / "story.txt.annotations.json").symlink_to(tmp_path / "gone.json")
    assert main(["export", str(article)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "No highlights yet." in captured.out


def test_an_article_that_is_a_symlink_loop_says_so(tmp_path: Path, capsys) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    for verb in ("export", "parse", "annotations"):
        assert main([verb, str(loop)]) == 2
        assert capsys.readouterr().err == f"reader: error: a symbolic link loop: {loop}\n"
    with pytest.raises(ReaderError) as raised:
        check_article_file(loop)  # what `reader FILE` and the app's open check first
    assert str(raised.value) == f"a symbolic link loop: {loop}"


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
