"""Files too big to be an article or a sidecar are refused by their size, before being read.

The files are sparse (`truncate`): gigabytes long, no disk used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotations.sidecar_file import SIDECAR_MAX_BYTES, SidecarProblem, read_sidecar_file
from reader.cli import main
from reader.document import decode
from reader.document.decode import ARTICLE_MAX_BYTES
from reader.document.loader import load_document, load_document_head
from reader.errors import ReaderError
from reader.targets import check_article_file

GIGABYTES_2 = 2 * 1024**3


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


@pytest.fixture
def never_read(monkeypatch):
    """Fail the test if an article's bytes are read."""

    def refuse(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(decode, "read_bytes", refuse)


@pytest.mark.parametrize("loader", [load_document, lambda p: load_document_head(p)[0]])
def test_an_article_too_big_is_refused_unread(tmp_path, never_read, loader) -> None:
    path = sparse(tmp_path / "huge.txt", GIGABYTES_2)
    message = f"too big to read as an article (2,048 MB; the limit is 32 MB): {path}"
    with pytest.raises(ReaderError) as raised:
        loader(path)
    assert str(raised.value) == message
    with pytest.raises(ReaderError) as raised:
        check_article_file(path)  # what the app checks before opening
    assert str(raised.value) == message


def test_the_article_limit_is_inclusive(tmp_path) -> None:
    at_limit = sparse(tmp_path / "at.txt", ARTICLE_MAX_BYTES)
    with pytest.raises(ReaderError, match="^binary file"):  # read, then found to be NULs
        load_document(at_limit)
    over = sparse(tmp_path / "over.txt", ARTICLE_MAX_BYTES + 1)
    with pytest.raises(ReaderError, match=r"^too big .*\(33 MB; the limit is 32 MB\)"):
        load_document(over)


def test_reader_parse_of_a_huge_article_is_one_line(tmp_path, never_read, capsys) -> None:
    path = sparse(tmp_path / "huge.md", GIGABYTES_2)
    assert main(["parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err
        == f"reader: error: too big to read as an article (2,048 MB; the limit is 32 MB): {path}\n"
    )


def test_a_sidecar_too_big_is_refused_unread(tmp_path, monkeypatch) -> None:
    sidecar = sparse(tmp_path / "story.txt.annotations.json", GIGABYTES_2)

    def no_json(*args, **kwargs):
        raise AssertionError("the sidecar was parsed")

    monkeypatch.setattr("reader.annotations.sidecar_file.json.loads", no_json)
    with pytest.raises(SidecarProblem) as raised:
        read_sidecar_file(sidecar)
    assert str(raised.value) == (
        "story.txt.annotations.json is too big to be an annotations file "
        "(2,048 MB; the limit is 64 MB)"
    )


def test_the_sidecar_limit_is_inclusive(tmp_path) -> None:
    at_limit = sparse(tmp_path / "a.annotations.json", SIDECAR_MAX_BYTES)
    with pytest.raises(SidecarProblem, match="is not valid JSON"):  # read, then parsed
        read_sidecar_file(at_limit)


def test_annotating_beside_a_huge_sidecar_leaves_it_alone(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A title line\n\nA paragraph that says something.\n")
    sidecar = sparse(tmp_path / "story.txt.annotations.json", GIGABYTES_2)
    assert main(["annotate", str(story), "--quote", "A paragraph"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "story.txt.annotations.json is too big to be an annotations file" in err
    assert sidecar.stat().st_size == GIGABYTES_2
    assert main(["annotations", str(story)]) == 2
    assert "(2,048 MB; the limit is 64 MB)" in capsys.readouterr().err
