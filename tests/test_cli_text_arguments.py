"""Text arguments that are not valid UTF-8 (surrogate escapes): one line, nothing stored.

In the child process the arguments are the raw bytes a shell hands over
(`"$(printf '\\377x')"`); in-process, the lone surrogates Python makes of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = "A title line\n\nA paragraph that says something about the council.\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    return path


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--quote", "A para\udcffgraph"),
        ("--note", "n\udcff"),
        ("--tag", "t\udcfe"),
        ("--rationale", "why\udcff"),
        ("--evidence", "https://example.org/\udcff"),
        ("--category", "claim\udcff"),
    ],
)
def test_annotate_refuses_text_that_is_not_utf8(story, capsys, option, value) -> None:
    sidecar = Path(f"{story}.annotations.json")
    args = ["annotate", str(story), "--quote", "A paragraph", option, value]
    assert main(args) == 2
    out, err = capsys.readouterr()
    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    assert (out, err) == ("", f"reader: error: {option} is not valid UTF-8 text: {shown}\n")
    assert not sidecar.exists()  # nothing stored that could not be written back


def test_a_tag_not_utf8_never_reaches_an_existing_sidecar(story, capsys) -> None:
    assert main(["annotate", str(story), "--quote", "A paragraph", "--note", "first"]) == 0
    sidecar = Path(f"{story}.annotations.json")
    before = sidecar.read_bytes()
    args = ["annotate", str(story), "--quote", "A paragraph", "--tag", "ok", "--tag", "\udcff"]
    assert main(args) == 2
    assert sidecar.read_bytes() == before


def test_search_refuses_a_query_that_is_not_utf8(tmp_path, story, capsys) -> None:
    assert main(["search", "\udcffx", "--library", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "reader: error: the query is not valid UTF-8 text: \\xffx\n")


def test_raw_bytes_from_a_shell_are_refused_in_one_line(tmp_path, story) -> None:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    for args, name in (
        ([b"search", b"\xffx", b"--library", os.fsencode(tmp_path)], b"the query"),
        (
            [b"annotate", os.fsencode(story), b"--quote", b"A paragraph", b"--note", b"\xff"],
            b"--note",
        ),
    ):
        done = subprocess.run(
            [os.fsencode(sys.executable), b"-m", b"reader", *args],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 2 and done.stdout == b""
        assert done.stderr.startswith(b"reader: error: " + name + b" is not valid UTF-8 text: ")
        assert done.stderr.count(b"\n") == 1
    assert not Path(f"{story}.annotations.json").exists()


def test_a_path_that_is_not_utf8_is_still_a_path(tmp_path, capsys) -> None:
    """Only text is refused: a file name may be any bytes."""
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(ARTICLE)
    assert main(["annotate", str(tmp_path / name), "--quote", "A paragraph"]) == 0


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["add", "http://127.0.0.1:9/a\udcff"], "the address"),
        (["feeds", "add", "http://127.0.0.1:9/a\udcff"], "the feed's address"),
        (["feeds", "remove", "http://127.0.0.1:9/a\udcff"], "the feed's address"),
        (["http://127.0.0.1:9/a\udcff"], "the address"),  # `reader URL`: the app, never started
    ],
)
def test_an_address_that_is_not_utf8_is_refused(tmp_path, capsys, args, name) -> None:
    library = ["--library", str(tmp_path)] if args[0] in ("add", "feeds") else []
    assert main([*args, *library]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"reader: error: {name} is not valid UTF-8 text: http://127.0.0.1:9/a\\xff\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_saved_page_whose_name_is_not_utf8_is_read(tmp_path, capsys) -> None:
    page = tmp_path / os.fsdecode(b"page\xff.html")
    page.write_text("<html><body><p>Too short to be an article.</p></body></html>")
    main(["add", str(page), "--library", str(tmp_path / "library")])
    assert "not valid UTF-8" not in capsys.readouterr().err
